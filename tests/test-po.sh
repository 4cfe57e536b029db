#!/bin/bash
# Every translation is valid and complete, against the messages of the sources
# as they are now (not only against the last update of the catalog).
set -eu
cd "$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0

# A fresh template from the sources, with the keywords of meson's glib preset.
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --keyword=g_dpgettext2:2c,3 -f po/POTFILES.in -o "$tmp/relais.pot" 2>"$tmp/xgettext.err" || {
  cat "$tmp/xgettext.err"; exit 1; }

for po in po/*.po; do
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$po is invalid: $stats"; rc=1; continue
  fi
  case "$stats" in *untranslated*|*fuzzy*) echo "$po: $stats"; rc=1;; esac

  # Merged with the current template, the catalog must still be complete.
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/relais.pot" -o "$tmp/merged.po"
  merged=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
  case "$merged" in
    *untranslated*|*fuzzy*)
      echo "$po does not cover the sources ($merged); update it with: meson compile -C build relais-update-po"
      msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep '^msgid "' | head -20
      rc=1;;
  esac
  echo "$po: $stats"
done
exit $rc
