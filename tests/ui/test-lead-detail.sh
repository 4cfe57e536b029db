#!/bin/sh
# The lead detail pane in the real window: select the newest lead with a real
# click; edit its company by typing and save with Ctrl+S; reject it through the
# rejection form (reason, rating, comment); add a note; delete it after the
# confirmation. Each step is checked in the store (sqlite3) and on screen
# (the history's sentences). Then the pane in French. Saves screenshots.
#
# Dialogs: without a window manager every toplevel sits at 0,0 (testing
# README), so a dialog's own coordinates from the dump are also coordinates in
# the main window, and clicks on them go through "--window $wid".
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/store.db"
"$RELAIS_CLI" demo --db "$db" --leads 300 --partners 12 --seed 5 >/dev/null 2>&1 || fail "relais-cli demo failed"

# The newest lead (the first row) goes to a partner an hour ago, so that the
# lifecycle allows rejecting it.
lead=$(sqlite3 "$db" "SELECT id FROM lead ORDER BY created_at DESC, id DESC LIMIT 1")
now_us=$(( $(date +%s) * 1000000 ))
sqlite3 "$db" "UPDATE lead SET status = 'partner_assigned', partner_id = (SELECT min(id) FROM partner),
               rep_id = NULL, assigned_at = $now_us - 3600000000, accepted_at = NULL, quality_rating = NULL,
               rejection_reason = '', rejection_comment = '' WHERE id = $lead"
old_company=$(sqlite3 "$db" "SELECT company FROM lead WHERE id = $lead")
first=$(sqlite3 "$db" "SELECT first_name FROM lead WHERE id = $lead")
last=$(sqlite3 "$db" "SELECT last_name FROM lead WHERE id = $lead")
[ -n "$old_company" ] && [ -n "$last" ] || fail "the demo lead has no company or name"
journal_before=$(sqlite3 "$db" "SELECT count(*) FROM journal")

# field ID KEY: KEY (x, y, w or h) of the first mapped widget with builder id ID.
field() {
  line=$(grep -v ' unmapped' "$work/dump.txt" | grep -E " id=$1( |$)" | head -n1)
  [ -n "$line" ] || fail "no widget with id $1 is shown"
  echo "$line" | sed -n "s/.* $2=\\([0-9-]*\\).*/\\1/p"
}

# click_id ID: a real click in the middle of the widget with builder id ID.
click_id() {
  dump
  x=$(field "$1" x); y=$(field "$1" y); w=$(field "$1" w); h=$(field "$1" h)
  xdotool mousemove --window "$wid" $((x + w / 2)) $((y + h / 2)) click 1
  sleep 0.4
}

# click_on TEXT: a real click in the middle of the first mapped widget showing TEXT.
click_on() {
  dump
  row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F "text=\"$1\"" | head -n1)
  [ -n "$row" ] || fail "nothing shows \"$1\" to click on"
  click_at "$row"
  sleep 0.4
}

# scroll_to ID: turns the mouse wheel over the pane's margin (not over the
# note editor, which scrolls itself) until the widget is in the window.
scroll_to() {
  i=0
  while :; do
    dump
    px=$(grep -v ' unmapped' "$work/dump.txt" | grep -F 'RelaisLeadDetail ' | head -n1 | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p')
    y=$(field "$1" y); h=$(field "$1" h)
    if [ $((y + h)) -gt 720 ]; then button=5; elif [ "$y" -lt 60 ]; then button=4; else return 0; fi
    i=$((i + 1)); [ $i -gt 40 ] && fail "cannot scroll to $1"
    xdotool mousemove --window "$wid" $((px + 5)) 400 click --repeat 3 --delay 30 $button
    sleep 0.15
  done
}

# detail_shows TEXT: the pane (not the list) shows exactly TEXT.
detail_shows() {
  awk '{ ind = match($0, /[^ ]/) }
       /^ *RelaisLeadDetail / { inside = 1; depth = ind; next }
       inside && ind <= depth { inside = 0 }
       inside' "$work/dump.txt" | grep -v ' unmapped' | grep -qF "text=\"$1\"" || fail "the detail pane does not show \"$1\""
}

start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
sleep 0.8
dump
grep -q 'RelaisLeadDetail ' "$work/dump.txt" || fail "the window has no lead detail pane"
shows "No Lead Selected"

# 1. A real click on the first row shows the lead.
click_on "$old_company"
sleep 0.5
dump
detail_shows "$first $last"
detail_shows "Partner assigned"
shot.sh "$RELAIS_SCREENSHOT_DIR/lead-detail-en.png" "$wid"

# 2. The company, typed, saved with Ctrl+S: one revision, one journal entry.
click_id company_row
xdotool key ctrl+a
type.sh "Relais Testing Company"
sleep 0.3
dump
shows "Unsaved changes"
xdotool key ctrl+s
sleep 0.8
[ "$(sqlite3 "$db" "SELECT company || '|' || revision FROM lead WHERE id = $lead")" = "Relais Testing Company|2" ] \
  || fail "the company was not saved: $(sqlite3 "$db" "SELECT company, revision FROM lead WHERE id = $lead")"
changes=$(sqlite3 "$db" "SELECT changes FROM journal WHERE action = 'update' AND entity_uuid = (SELECT uuid FROM lead WHERE id = $lead)")
[ "$changes" = "{\"company\":[\"$old_company\",\"Relais Testing Company\"]}" ] || fail "journal of the save: $changes"
actor=$(sqlite3 "$db" "SELECT actor FROM journal WHERE action = 'update' ORDER BY id DESC LIMIT 1")
scroll_to history_list
detail_shows "$actor changed the company from “$old_company” to “Relais Testing Company”."
# The list shows the new company too: its row was read again.
list_x=$(grep -F 'RelaisLeadDetail ' "$work/dump.txt" | head -n1 | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p')
grep -v ' unmapped' "$work/dump.txt" | grep -F 'text="Relais Testing Company"' | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p' \
  | awk -v px="$list_x" '$1 < px { found = 1 } END { exit !found }' || fail "the list row was not refreshed"

# 3. Rejected, through the form: OK only once reason, rating and comment are given.
scroll_to status_button
click_id status_button
sleep 0.3
click_on "Rejected…"
sleep 0.6
dump
shows "Reject Lead?"
grep -F 'text="_Reject Lead"' "$work/dump.txt" | grep -q ' insensitive' || fail "Reject Lead is enabled before the form is filled"
click_id reject_reason_row
sleep 0.4
click_on "Duplicate"
click_id reject_rating_row
sleep 0.4
click_on "3 – Good"
click_id reject_comment_row
type.sh "Same contact as an older lead."
sleep 0.3
dump
grep -F 'text="_Reject Lead"' "$work/dump.txt" | grep -qv ' insensitive' || fail "Reject Lead stays disabled with the form filled"
shot.sh "$RELAIS_SCREENSHOT_DIR/lead-detail-reject-en.png" root
click_on "_Reject Lead"
sleep 0.8
[ "$(sqlite3 "$db" "SELECT status || '|' || rejection_reason || '|' || quality_rating || '|' || rejection_comment FROM lead WHERE id = $lead")" \
  = "rejected|duplicate|3|Same contact as an older lead." ] || fail "the rejection was not saved: $(sqlite3 "$db" "SELECT status, rejection_reason, quality_rating, rejection_comment FROM lead WHERE id = $lead")"
dump
detail_shows "Rejected"
scroll_to history_list
detail_shows "$actor rejected this lead for “Duplicate” and rated its quality 3 out of 5. Comment: “Same contact as an older lead.”"

# 4. A note, added with Ctrl+Enter: newest first, with its author.
scroll_to note_view
click_id note_view
type.sh "Called back: the customer already works with us."
xdotool key ctrl+Return
sleep 0.8
[ "$(sqlite3 "$db" "SELECT author || '|' || body FROM lead_note WHERE lead_id = $lead ORDER BY id DESC LIMIT 1")" \
  = "$actor|Called back: the customer already works with us." ] || fail "the note was not saved"
scroll_to history_list
detail_shows "Called back: the customer already works with us."
detail_shows "$actor added a note."
shot.sh "$RELAIS_SCREENSHOT_DIR/lead-detail-notes-en.png" "$wid"

# 5. Deleted after the confirmation; the journal keeps the old row.
[ "$(sqlite3 "$db" "SELECT count(*) FROM journal")" -eq $((journal_before + 3)) ] || fail "expected 3 journal entries"
scroll_to delete_button
click_id delete_button
sleep 0.6
dump
shows "Delete Lead?"
click_on "_Delete"
sleep 0.8
[ "$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE id = $lead")" = 0 ] || fail "the lead was not deleted"
[ "$(sqlite3 "$db" "SELECT count(*) FROM lead_note WHERE lead_id = $lead")" = 0 ] || fail "its notes were not deleted"
deleted=$(sqlite3 "$db" "SELECT json_extract(changes, '\$.company[0]') FROM journal WHERE action = 'delete' ORDER BY id DESC LIMIT 1")
[ "$deleted" = "Relais Testing Company" ] || fail "the journal does not keep the deleted row ($deleted)"
dump
shows "No Lead Selected"
shows "299 leads"
quit_app

# French: the same pane, translated where the catalog has the strings.
newest=$(sqlite3 "$db" "SELECT company FROM lead ORDER BY created_at DESC, id DESC LIMIT 1")
status=$(sqlite3 "$db" "SELECT status FROM lead ORDER BY created_at DESC, id DESC LIMIT 1")
start_app LANGUAGE=fr "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window (fr)"
wait_for FIRST-FRAME
sleep 0.8
click_on "$newest"
sleep 0.5
dump
case "$status" in
  new) label="Nouveau";; partner_assigned) label="Partenaire assigné";; assigned_to_rep) label="Assigné au représentant";;
  actively_working) label="Dossier actif";; contacted) label="Contacté";; purchased) label="Acheté";;
  delivered) label="Livré";; converted) label="Converti en transaction";; closed) label="Fermé";; rejected) label="Refusé";;
  *) fail "unknown status $status";;
esac
detail_shows "$label"
shot.sh "$RELAIS_SCREENSHOT_DIR/lead-detail-fr.png" "$wid"
quit_app
echo "ok"
