#!/bin/sh
# The main window on a demo store: sidebar, the lead list filled from the store,
# the count in the title; then the same window in French. Saves screenshots.
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/store.db"
"$RELAIS_CLI" demo --db "$db" --leads 300 --partners 12 --seed 5 >/dev/null 2>&1 || fail "relais-cli demo failed"
newest=$(sqlite3 "$db" "SELECT company FROM lead ORDER BY created_at DESC, id DESC LIMIT 1")
[ -n "$newest" ] || fail "the demo store has no lead"

# English.
start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
sleep 0.5
dump
for label in Overview Leads Prospects Deals Partners Rules; do shows "$label"; done
shows "300 leads"
shows "$newest"
for column in Name Company Country Listing Category Status Partner; do shows "$column"; done
grep -q 'GtkColumnView' "$work/dump.txt" || fail "no column view"
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-en.png" "$wid"

# Another section, chosen with a real click on its sidebar row.
row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F 'text="Partners"' | head -n1)
x=$(echo "$row" | sed -n 's/.* x=\([0-9]*\) .*/\1/p'); y=$(echo "$row" | sed -n 's/.* y=\([0-9]*\) .*/\1/p')
xdotool mousemove --window "$wid" $((x + 5)) $((y + 5)) click 1
sleep 0.5
dump
shows "12 partners"
shows "Open Leads / Capacity"
# And back by keyboard: Alt+2 is Leads.
xdotool key alt+2
sleep 0.5
dump
shows "300 leads"
# While the app has the store, relais-cli stays off it and says why.
if "$RELAIS_CLI" info --db "$db" >"$work/cli.txt" 2>&1; then
  fail "relais-cli read the store the app has open"
fi
grep -q "is open in Relais" "$work/cli.txt" || fail "relais-cli did not say why: $(cat "$work/cli.txt")"
quit_app
"$RELAIS_CLI" info --db "$db" >/dev/null 2>&1 || fail "relais-cli cannot read the store once the app is closed"

# French: the same window, translated.
start_app LANGUAGE=fr "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window (fr)"
wait_for FIRST-FRAME
sleep 0.5
dump
for label in "Vue d’ensemble" Pistes "Clients potentiels" Transactions Partenaires Règles; do shows "$label"; done
shows "300 pistes"
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-fr.png" "$wid"
quit_app
# Right to left (as in Arabic or Hebrew): the list starts at its first
# columns, now at its right end: the Name header lies inside the list.
start_app LANGUAGE=en RELAIS_TEST_DIRECTION=rtl "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window (rtl)"
wait_for FIRST-FRAME
sleep 0.5
dump
shows "$newest"
geometry() { echo "$1" | sed -n 's/.* x=\([0-9-]*\) y=[0-9-]* w=\([0-9]*\) h=.*/\1 \2/p'; }
set -- $(geometry "$(grep -v ' unmapped' "$work/dump.txt" | grep -m1 'GtkColumnView ')")
list_x=$1 list_w=$2
set -- $(geometry "$(grep -v ' unmapped' "$work/dump.txt" | grep -m1 -F 'text="Name"')")
[ -n "${1:-}" ] && [ "$1" -ge "$list_x" ] && [ $(($1 + $2)) -le $((list_x + list_w)) ] \
  || fail "right to left, the Name column is outside the list (header at x=${1:-?}, list from $list_x, $list_w wide)"
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-rtl.png" "$wid"
quit_app
echo "ok"
