#!/bin/bash
# relais-cli on real stores: demo, info, and clear failures that change nothing.
set -u
cli=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE=en
fail() { echo "FAIL: $*"; exit 1; }

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
echo "ok"
