#!/bin/bash
# Every file with a translatable string is listed in po/POTFILES.in, and every
# listed file exists (after Epiphany's CI check).
set -eu
cd "$1"
rc=0
while IFS= read -r f; do
  case "$f" in ''|'#'*) continue;; esac
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; rc=1; }
done < po/POTFILES.in

for f in $(grep -rlE '\b(_|N_|NC_|C_|g_dngettext|ngettext)\s*\(' src --include='*.c'; \
           grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml' --include='*.in' 2>/dev/null; \
           ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null); do
  grep -qxF "$f" po/POTFILES.in || { echo "$f has translatable strings but is not in po/POTFILES.in"; rc=1; }
done
[ $rc = 0 ] && echo "po/POTFILES.in is complete"
exit $rc
