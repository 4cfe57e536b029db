#!/bin/sh
# First start on an empty store: the app offers demo data; accepting fills the list.
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/empty.db"
start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
sleep 0.5
dump
shows "Load Demo Data?"
shows "No Leads"
shot.sh "$RELAIS_SCREENSHOT_DIR/first-start-en.png"

# The suggested answer is the default one: Enter loads the demo.
xdotool key Return
sleep 1
dump
shows "2000 leads"
grep -q 'text="Load Demo Data?"' "$work/dump.txt" && fail "the dialog stayed open"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM lead')" = 2000 ] || fail "the store does not hold the demo leads"
quit_app
echo "ok"
