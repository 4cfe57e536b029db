#!/bin/bash
# relais-cli on real stores: demo, info, and clear failures that change nothing.
set -u
cli=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE=en
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" demo --db "$work/a.db" --leads 1500 --partners 15 --seed 9 >"$work/out" 2>&1 || fail "demo failed: $(cat "$work/out")"
grep -q 'Wrote 1500 leads and 15 partners' "$work/out" || fail "demo did not say what it wrote: $(cat "$work/out")"
"$cli" info --db "$work/a.db" >"$work/info" || fail "info failed"
grep -qx '1500 leads' "$work/info" || fail "info does not count the leads: $(cat "$work/info")"
grep -qx 'Schema version: [0-9][0-9]*' "$work/info" || fail "info does not give the schema version"

# RELAIS_DB names the store too.
RELAIS_DB="$work/a.db" "$cli" info | grep -qx '1500 leads' || fail "RELAIS_DB is not used"

# A second demo into the same store is refused, and the store keeps its leads.
if "$cli" demo --db "$work/a.db" --leads 10 >"$work/out" 2>&1; then fail "demo into a full store succeeded"; fi
grep -q 'already holds' "$work/out" || fail "no clear message for a full store: $(cat "$work/out")"
"$cli" info --db "$work/a.db" | grep -qx '1500 leads' || fail "the refused demo changed the store"

# Bad arguments and a damaged file: exit 1 with a message, nothing written.
if "$cli" demo --db "$work/b.db" --leads -1 >"$work/out" 2>&1; then fail "negative --leads accepted"; fi
[ -e "$work/b.db" ] && fail "a store was created for a refused command"
if "$cli" nonsense >"$work/out" 2>&1; then fail "an unknown command succeeded"; fi
grep -q 'Unknown command' "$work/out" || fail "no message for an unknown command"
printf 'not a database at all, just text that is long enough to look like a header....' >"$work/bad.db"
head -c 4096 /dev/urandom >>"$work/bad.db"
sum=$(sha256sum <"$work/bad.db")
if "$cli" info --db "$work/bad.db" >"$work/out" 2>&1; then fail "info on a damaged file succeeded"; fi
grep -q 'is damaged' "$work/out" || fail "no clear message for a damaged file: $(cat "$work/out")"
[ "$(sha256sum <"$work/bad.db")" = "$sum" ] || fail "the damaged file was changed"

# Export of a view, and its import into a new store: the same leads.
"$cli" export --db "$work/a.db" --status new --sort company -o "$work/new.csv" >"$work/out" 2>&1 || fail "export failed: $(cat "$work/out")"
n_new=$(sqlite3 "$work/a.db" "SELECT count(*) FROM lead WHERE status = 'new'" 2>/dev/null || echo "")
grep -q "leads exported to" "$work/out" || fail "export did not say what it wrote"
[ -z "$n_new" ] || grep -q "^$n_new leads exported" "$work/out" || fail "export wrote another count than the store's: $(cat "$work/out")"
"$cli" import "$work/new.csv" --db "$work/c.db" >"$work/out" 2>&1 || fail "re-import failed: $(cat "$work/out")"
[ -z "$n_new" ] || [ "$(sqlite3 "$work/c.db" "SELECT count(*) FROM lead")" = "$n_new" ] || fail "the re-imported store has another count"
if "$cli" export --db "$work/a.db" --status bogus -o "$work/x.csv" >"$work/out" 2>&1; then fail "a bad status was accepted"; fi
[ -e "$work/x.csv" ] && fail "a refused export wrote a file"

# French messages.
LANGUAGE=fr "$cli" info --db "$work/a.db" >"$work/info-fr" || fail "info (fr) failed"
grep -qx '1500 pistes' "$work/info-fr" || fail "info is not translated: $(cat "$work/info-fr")"

# assign: the demo's rules route its unassigned leads. --dry-run prints the
# distribution and writes nothing; the run itself writes what it printed.
"$cli" assign --help | grep -q 'relais-cli assign \[OPTION' || fail "assign --help does not name the command"
"$cli" demo --db "$work/r.db" --leads 1200 --partners 15 --seed 5 --rules >"$work/out" 2>&1 || fail "demo --rules failed: $(cat "$work/out")"
unassigned="status = 'new' AND partner_id IS NULL AND rep_id IS NULL AND queue_id IS NULL"
n_unassigned=$(sqlite3 "$work/r.db" "SELECT count(*) FROM lead WHERE $unassigned")
state() { sqlite3 "$work/r.db" "SELECT id, status, partner_id, rep_id, queue_id, rule_id FROM lead ORDER BY id; SELECT rotation FROM rule ORDER BY id"; }
state >"$work/before"
# Sums the counts of the distribution (the lines under the first one) and
# checks that the counts and shares stand in one column: every line as
# wide on screen (wc -m counts characters in a UTF-8 locale).
check_distribution() {
  [ "$(tail -n +2 "$1" | grep -c '^  ')" -ge 2 ] || fail "no distribution in: $(cat "$1")"
  widths=$(grep '^  ' "$1" | while IFS= read -r line; do printf '%s' "$line" | wc -m; done | sort -u | wc -l)
  [ "$widths" = 1 ] || fail "the distribution's numbers are not in one column: $(cat "$1")"
  grep '^  ' "$1" | sed 's/ *[0-9][0-9]*[.,][0-9] %$//' | awk '{ s += $NF } END { print s }'
}
"$cli" assign --dry-run --db "$work/r.db" >"$work/out" 2>&1 || fail "assign --dry-run failed: $(cat "$work/out")"
head -n1 "$work/out" | grep -qx "Where $n_unassigned unassigned leads would go:" || fail "assign --dry-run does not count the unassigned leads: $(cat "$work/out")"
[ "$(check_distribution "$work/out")" = "$n_unassigned" ] || fail "the distribution does not add up to $n_unassigned: $(cat "$work/out")"
grep -qx 'Nothing was written (--dry-run).' "$work/out" || fail "assign --dry-run does not say it wrote nothing"
state | cmp -s - "$work/before" || fail "assign --dry-run changed the store"
# In French, "Non affectées : Aucune règle ne lui correspond" is longer than
# the 40 columns names get: the numbers move with it, every line alike.
LANGUAGE=fr "$cli" assign --dry-run --db "$work/r.db" >"$work/out-fr" 2>&1 || fail "assign --dry-run (fr) failed"
head -n1 "$work/out-fr" | grep -q "pistes non affectées" || fail "assign is not translated: $(cat "$work/out-fr")"
check_distribution "$work/out-fr" >/dev/null
"$cli" assign --db "$work/r.db" >"$work/out" 2>&1 || fail "assign failed: $(cat "$work/out")"
head -n1 "$work/out" | grep -qx "Where $n_unassigned unassigned leads went:" || fail "assign does not say what it routed: $(cat "$work/out")"
n_printed=$(grep '^  ' "$work/out" | grep -v '^  Unassigned: ' | sed 's/ *[0-9][0-9]*[.,][0-9] %$//' | awk '{ s += $NF } END { print s + 0 }')
n_routed=$(sqlite3 "$work/r.db" "SELECT count(*) FROM lead WHERE rule_id IS NOT NULL AND NOT ($unassigned)")
[ "$n_printed" -gt 0 ] && [ "$n_printed" = "$n_routed" ] || fail "assign printed $n_printed routed leads, the store has $n_routed: $(cat "$work/out")"

# compact: a store of 4 KiB pages (as Relais made them before) is rewritten
# with the pages of a new store, its content the same and still in WAL mode.
sqlite3 "$work/old.db" "PRAGMA page_size = 4096; CREATE TABLE x (y); DROP TABLE x" || fail "no old store"
"$cli" demo --db "$work/old.db" --leads 800 --partners 10 --seed 3 >/dev/null 2>&1 || fail "demo into the old store failed"
[ "$(sqlite3 "$work/old.db" "PRAGMA page_size")" = 4096 ] || fail "the old store does not have 4 KiB pages"
content() { sqlite3 "$work/old.db" "SELECT uuid, status, partner_id, company FROM lead ORDER BY id; SELECT count(*) FROM journal"; }
content >"$work/old-before"
"$cli" compact --db "$work/old.db" >"$work/out" 2>&1 || fail "compact failed: $(cat "$work/out")"
grep -q "^Compacted .*old.db.*before, .* now" "$work/out" || fail "compact does not say what it did: $(cat "$work/out")"
[ "$(sqlite3 "$work/old.db" "PRAGMA page_size")" = 16384 ] || fail "compact did not give the store 16 KiB pages"
[ "$(sqlite3 "$work/old.db" "PRAGMA journal_mode")" = wal ] || fail "the compacted store is not in WAL mode"
content | cmp -s - "$work/old-before" || fail "compact changed the leads"
"$cli" info --db "$work/old.db" | grep -qx '800 leads' || fail "the compacted store does not open"
LANGUAGE=fr "$cli" compact --db "$work/old.db" >"$work/out" 2>&1 || fail "compact (fr) failed"
grep -q "compactée.*avant, .* maintenant" "$work/out" || fail "compact is not translated: $(cat "$work/out")"
echo "ok"
