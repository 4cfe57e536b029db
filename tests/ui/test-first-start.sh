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
# The example rules came with it, and the Rules section (Alt+6) lists them.
[ "$(sqlite3 "$db" 'SELECT count(*) FROM rule')" = 5 ] || fail "the store does not hold the example rules"
xdotool key alt+6
sleep 0.8
dump
shows "France – Security and Cloud"
shows "Iberia – 50/30/20"
shows "5 rules, 4 enabled"
shot.sh "$RELAIS_SCREENSHOT_DIR/first-start-rules-en.png"
quit_app

# A damaged store: the app says so in a dialog and quits when asked, leaving the
# file as it was.
bad="$work/damaged.db"
head -c 8192 /dev/urandom >"$bad"
sum=$(sha256sum "$bad")
start_app LANGUAGE=en "$RELAIS" --db "$bad"
sleep 0.5
i=0
until { dump; grep -qF 'text="The Local Store Cannot Be Opened"' "$work/dump.txt"; }; do
  i=$((i + 1)); [ $i -gt 100 ] && fail "no error dialog for a damaged store"
  sleep 0.1
done
grep -qF "is damaged" "$work/dump.txt" || fail "the dialog does not say the store is damaged"
shot.sh "$RELAIS_SCREENSHOT_DIR/damaged-store-en.png"
# Quit (the default answer) leaves the file as it was.
xdotool key Return
wait "$app_pid"; rc=$?; app_pid=''
[ $rc = 0 ] || fail "the app exited with status $rc after the error dialog"
[ "$(sha256sum "$bad")" = "$sum" ] || fail "the damaged store was modified"

# Set Aside: the damaged file is kept under another name, a new store opens.
start_app LANGUAGE=en "$RELAIS" --db "$bad"
sleep 0.5
i=0
until { dump; grep -qF 'text="_Set Aside and Start Anew"' "$work/dump.txt"; }; do
  i=$((i + 1)); [ $i -gt 100 ] && fail "no Set Aside answer for a damaged store"
  sleep 0.1
done
row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F 'text="_Set Aside and Start Anew"' | head -n1)
x=$(echo "$row" | sed -n 's/.* x=\([0-9]*\) .*/\1/p'); y=$(echo "$row" | sed -n 's/.* y=\([0-9]*\) .*/\1/p')
xdotool mousemove $((x + 5)) $((y + 5)) click 1
wid=$(wait-window.sh '^Relais$' 20) || fail "no window after setting the store aside"
sleep 0.5
dump
shows "Load Demo Data?"
ls "$bad".damaged-* >/dev/null 2>&1 || fail "the damaged store was not kept"
[ "$(sha256sum <"$(ls "$bad".damaged-* | head -n1)")" = "$(echo "$sum" | cut -d' ' -f1)  -" ] || fail "the damaged store kept is not the same file"
quit_app
echo "ok"
