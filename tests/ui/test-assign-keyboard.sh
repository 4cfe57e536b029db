#!/bin/sh
# "Assign to…" without a mouse: Ctrl+F, the lead's name typed, Down into the
# results, Ctrl+M opens the chooser with its search focused, the partner's name
# typed, Enter assigns; Ctrl+Z while the toast is up puts the lead back. Each
# step is checked in the store; the rows of the chooser carry names for screen
# readers (checked in the widget dump).
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/store.db"
"$RELAIS_CLI" demo --db "$db" --leads 300 --partners 10 --seed 3 >/dev/null 2>&1 || fail "relais-cli demo failed"

lead=$(sqlite3 "$db" "SELECT id FROM lead ORDER BY created_at DESC, id DESC LIMIT 1")
sqlite3 "$db" "UPDATE lead SET status = 'new', partner_id = NULL, rep_id = NULL, queue_id = NULL,
               assigned_at = NULL, accepted_at = NULL WHERE id = $lead"
email=$(sqlite3 "$db" "SELECT email FROM lead WHERE id = $lead")
name=$(sqlite3 "$db" "SELECT first_name || ' ' || last_name FROM lead WHERE id = $lead")
[ -n "$email" ] || fail "the demo lead has no e-mail"
partner=$(sqlite3 "$db" "SELECT id FROM partner WHERE active = 1 AND out_of_office_until IS NULL ORDER BY id DESC LIMIT 1")
[ -n "$partner" ] || fail "the demo has no available partner"
sqlite3 "$db" "UPDATE partner SET capacity = 1000 WHERE id = $partner"
pname=$(sqlite3 "$db" "SELECT name FROM partner WHERE id = $partner")
row() {
  sqlite3 "$db" "SELECT status, coalesce(partner_id, '-'), coalesce(rep_id, '-'), coalesce(queue_id, '-'),
                 coalesce(rule_id, '-'), assignment_reason, coalesce(assigned_at, '-'), coalesce(accepted_at, '-')
                 FROM lead WHERE id = $lead"
}
before=$(row)

start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
sleep 1

# 1. The lead found by typing its e-mail, then into the list with Down.
xdotool key ctrl+f
type.sh "$email"
sleep 0.8
xdotool key Down
sleep 0.5
dump
shows "$name"
shows "1 matching lead"

# 2. Ctrl+M: the chooser, searched by typing, Enter.
xdotool key ctrl+m
sleep 0.8
dump
shows "Assign 1 Lead To"
grep -q 'role=list-item' "$work/dump.txt" || fail "the chooser lists no targets"
type.sh "$pname"
sleep 0.8
dump
shows "$pname"
# What a screen reader reads for the row: the name, the open leads, any warning.
atspi-tree.py relais >"$work/atspi.txt" 2>&1 || fail "no AT-SPI tree: $(cat "$work/atspi.txt")"
grep -F "name='$pname, " "$work/atspi.txt" | grep -q 'open lead' \
  || fail "the chooser's row has no accessible name: $(grep -F "$pname" "$work/atspi.txt" | head -5)"
xdotool key Return
sleep 1.5
[ "$(sqlite3 "$db" "SELECT status || '|' || partner_id FROM lead WHERE id = $lead")" = "partner_assigned|$partner" ] \
  || fail "the lead was not assigned: $(sqlite3 "$db" "SELECT status, partner_id FROM lead WHERE id = $lead")"
dump
shows "1 lead reassigned to $pname."
shot.sh "$RELAIS_SCREENSHOT_DIR/assign-keyboard-toast.png" "$wid"

# 3. Ctrl+Z while the toast is up.
xdotool key ctrl+z
sleep 1.5
after=$(row)
[ "$before" = "$after" ] || fail "Ctrl+Z did not restore the lead:
$before
$after"
dump
shows "1 lead is back where it was."

quit_app
