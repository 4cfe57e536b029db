#!/bin/sh
# The Partners section in the real window: search a partner by typing (without
# its accents), select it with a real click; change its capacity by typing and
# save with Ctrl+S; edit a contact's e-mail in the contact dialog (refused
# while invalid, saved once right); add a contact; deactivate the partner,
# sending its open leads back to the unassigned ones; create a queue and make
# the partner a member. Each step is checked in the store (sqlite3) and on
# screen. Saves screenshots.
#
# Dialogs: without a window manager every toplevel sits at 0,0 (testing
# README), so a dialog's own coordinates from the dump are also coordinates in
# the main window, and clicks on them go through "--window $wid".
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/store.db"
"$RELAIS_CLI" demo --db "$db" --leads 300 --partners 12 --seed 5 >/dev/null 2>&1 || fail "relais-cli demo failed"

# The active partner that holds the most open leads gets a name with accents
# and a known first contact, so that the test does not depend on the demo's names.
held="'partner_assigned', 'assigned_to_rep', 'actively_working'"
partner=$(sqlite3 "$db" "SELECT id FROM partner WHERE active = 1 AND out_of_office_until IS NULL
                         ORDER BY (SELECT count(*) FROM lead WHERE partner_id = partner.id AND status IN ($held)) DESC, id LIMIT 1")
[ -n "$partner" ] || fail "the demo store has no active partner"
sqlite3 "$db" "UPDATE partner SET name = 'Société Générale Informatique' WHERE id = $partner;
               UPDATE contact SET first_name = 'Hélène', last_name = 'Aubert', email = 'helene@sgi.example',
                                  role = 'sales_rep', partner_user = 1
               WHERE id = (SELECT min(id) FROM contact WHERE partner_id = $partner);"
contact=$(sqlite3 "$db" "SELECT min(id) FROM contact WHERE partner_id = $partner")
capacity=$(sqlite3 "$db" "SELECT capacity FROM partner WHERE id = $partner")
open_leads=$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE partner_id = $partner AND status IN ($held)")
# The list counts Contacted leads too: they still take the partner's time.
shown_open=$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE partner_id = $partner AND status IN ($held, 'contacted')")
[ "$open_leads" -gt 0 ] || fail "the chosen partner holds no open lead"
journal_before=$(sqlite3 "$db" "SELECT count(*) FROM journal")

# field ID KEY: KEY (x, y, w or h) of the last mapped widget with builder id ID
# (dialogs come last in the dump, on top of the window).
field() {
  line=$(grep -v ' unmapped' "$work/dump.txt" | grep -E " id=$1( |$)" | tail -n1)
  [ -n "$line" ] || fail "no widget with id $1 is shown"
  echo "$line" | sed -n "s/.* $2=\\([0-9-]*\\).*/\\1/p"
}

# click_id ID [DX]: a real click in the widget with builder id ID: in its
# middle, or DX pixels from its left edge.
click_id() {
  dump
  x=$(field "$1" x); y=$(field "$1" y); w=$(field "$1" w); h=$(field "$1" h)
  dx=${2:-$((w / 2))}
  xdotool mousemove --window "$wid" $((x + dx)) $((y + h / 2)) click 1
  sleep 0.4
}

# click_on TEXT: a real click in the middle of the last mapped widget showing
# TEXT (dialogs come last in the dump, on top of the window).
click_on() {
  dump
  row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F "text=\"$1\"" | tail -n1)
  [ -n "$row" ] || fail "nothing shows \"$1\" to click on"
  click_at "$row"
  sleep 0.4
}

# scroll_to ID: turns the mouse wheel over the detail pane's margin until the
# widget is in the window.
scroll_to() {
  i=0
  while :; do
    dump
    px=$(grep -v ' unmapped' "$work/dump.txt" | grep -F 'RelaisPartnerDetail ' | head -n1 | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p')
    y=$(field "$1" y); h=$(field "$1" h)
    if [ $((y + h)) -gt 700 ]; then button=5; elif [ "$y" -lt 60 ]; then button=4; else return 0; fi
    i=$((i + 1)); [ $i -gt 40 ] && fail "cannot scroll to $1"
    xdotool mousemove --window "$wid" $((px + 4)) 400 click --repeat 3 --delay 30 $button
    sleep 0.15
  done
}

# detail_shows TEXT: the detail pane (not the list) shows exactly TEXT.
detail_shows() {
  awk '{ ind = match($0, /[^ ]/) }
       /^ *RelaisPartnerDetail / { inside = 1; depth = ind; next }
       inside && ind <= depth { inside = 0 }
       inside' "$work/dump.txt" | grep -v ' unmapped' | grep -qF "text=\"$1\"" || fail "the detail pane does not show \"$1\""
}

# list_rows: how many partner rows the list shows (four cells each).
list_rows() {
  n=$(awk '{ ind = match($0, /[^ ]/) }
           /^ *RelaisPartnerList / { inside = 1; depth = ind; next }
           /^ *RelaisPartnerDetail / { inside = 0 }
           inside && ind <= depth { inside = 0 }
           inside' "$work/dump.txt" | grep -v ' unmapped' | grep -c 'GtkColumnViewCell ' || true)
  echo $((n / 4))
}

start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
sleep 0.5

# 1. The section, from the keyboard (Alt+5): every partner, none selected yet.
xdotool key alt+5
sleep 0.8
dump
shows "12 partners"
shows "Open Leads / Capacity"
shows "No Partner Selected"
[ "$(list_rows)" = 12 ] || fail "the list shows $(list_rows) partners, not 12"

# 2. A search typed without accents or capitals finds the partner, and only it.
click_id search_entry
type.sh "societe gen"
sleep 0.6
dump
[ "$(list_rows)" = 1 ] || fail "the search shows $(list_rows) partners, not 1"
shows "Société Générale Informatique"
shot.sh "$RELAIS_SCREENSHOT_DIR/partners-search-en.png" "$wid"

# 3. A real click shows it in the detail pane.
click_on "Société Générale Informatique"
sleep 0.5
dump
detail_shows "Société Générale Informatique"
detail_shows "Hélène Aubert"
shot.sh "$RELAIS_SCREENSHOT_DIR/partners-detail-en.png" "$wid"

# 4. The capacity, typed into its spin button and saved with Ctrl+S: one
#    revision, one journal entry, and the list's row follows.
click_id capacity_spin 20
xdotool key ctrl+a
type.sh "850"
sleep 0.3
dump
shows "Unsaved changes"
xdotool key ctrl+s
sleep 0.8
[ "$(sqlite3 "$db" "SELECT capacity || '|' || revision FROM partner WHERE id = $partner")" = "850|2" ] \
  || fail "the capacity was not saved: $(sqlite3 "$db" "SELECT capacity, revision FROM partner WHERE id = $partner")"
changes=$(sqlite3 "$db" "SELECT changes FROM journal WHERE action = 'update' AND entity = 'partner' ORDER BY id DESC LIMIT 1")
[ "$changes" = "{\"capacity\":[$capacity,850]}" ] || fail "journal of the save: $changes"
dump
shows "$shown_open / 850"

# 5. A contact's e-mail: refused while invalid (the dialog stays, says why,
#    and nothing is written), saved with Enter once right.
scroll_to contacts_list
click_on "Hélène Aubert"
sleep 0.4
dump
shows "Edit Contact"
click_id email_row
xdotool key ctrl+a
type.sh "helene.aubert@"
click_id contact_save_button
sleep 0.4
dump
shows "“helene.aubert@” is not a valid e-mail address. Correct it, or leave the field empty."
shows "Edit Contact"
[ "$(sqlite3 "$db" "SELECT email FROM contact WHERE id = $contact")" = "helene@sgi.example" ] || fail "an invalid e-mail address was written"
shot.sh "$RELAIS_SCREENSHOT_DIR/partners-contact-invalid-en.png" root
click_id email_row
xdotool key ctrl+a
type.sh "helene.aubert@sgi.example"
xdotool key Return
sleep 0.6
[ "$(sqlite3 "$db" "SELECT email || '|' || revision FROM contact WHERE id = $contact")" = "helene.aubert@sgi.example|2" ] \
  || fail "the e-mail was not saved: $(sqlite3 "$db" "SELECT email, revision FROM contact WHERE id = $contact")"
changes=$(sqlite3 "$db" "SELECT changes FROM journal WHERE action = 'update' AND entity = 'contact' ORDER BY id DESC LIMIT 1")
[ "$changes" = '{"email":["helene@sgi.example","helene.aubert@sgi.example"]}' ] || fail "journal of the contact: $changes"
dump
grep -v ' unmapped' "$work/dump.txt" | grep -qF 'text="Edit Contact"' && fail "the contact dialog stayed open"

# 6. A new contact, partner admin.
click_id add_contact_button
sleep 0.4
click_id first_name_row
type.sh "Zoé"
click_id last_name_row
type.sh "Lambert"
click_id email_row
type.sh "zoe@sgi.example"
click_id role_row
sleep 0.4
click_on "Partner admin"
click_id contact_save_button
sleep 0.6
[ "$(sqlite3 "$db" "SELECT first_name || '|' || email || '|' || role FROM contact WHERE partner_id = $partner AND last_name = 'Lambert'")" \
  = "Zoé|zoe@sgi.example|partner_admin" ] || fail "the new contact was not saved"
dump
detail_shows "Zoé Lambert"

# 7. Deactivated: the dialog says how many open leads the partner holds; they
#    go back to the unassigned leads, and the partner is inactive.
unassigned_before=$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE partner_id IS NULL")
scroll_to active_switch
click_id active_switch
sleep 0.6
dump
shows "Deactivate “Société Générale Informatique”?"
grep -v ' unmapped' "$work/dump.txt" | grep -F "holds $open_leads open lead" >/dev/null || fail "the dialog does not say how many leads the partner holds"
shot.sh "$RELAIS_SCREENSHOT_DIR/partners-deactivate-en.png" root
click_on "Leave Unassigned"
click_on "_Deactivate"
sleep 1
[ "$(sqlite3 "$db" "SELECT active FROM partner WHERE id = $partner")" = 0 ] || fail "the partner is still active"
[ "$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE partner_id = $partner AND status IN ($held)")" = 0 ] \
  || fail "the partner still holds open leads"
[ "$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE partner_id IS NULL")" = $((unassigned_before + open_leads)) ] \
  || fail "the open leads were not unassigned"
[ "$(sqlite3 "$db" "SELECT count(*) FROM journal WHERE action = 'reassign'")" = 1 ] || fail "the move is not one journal entry"
dump
detail_shows "Inactive"

# 8. Queues: a new one, named by typing, and the partner made a member.
click_id queues_button
sleep 0.6
dump
shows "Queues"
click_id new_queue_button
sleep 0.4
type.sh "Île-de-France"
xdotool key Return
sleep 0.6
queue=$(sqlite3 "$db" "SELECT id FROM queue WHERE name = 'Île-de-France'")
[ -n "$queue" ] || fail "the queue was not created"
click_id members_search
type.sh "societe"
sleep 0.5
click_on "Société Générale Informatique"
sleep 0.4
[ "$(sqlite3 "$db" "SELECT group_concat(partner_id) FROM queue_member WHERE queue_id = $queue")" = "$partner" ] \
  || fail "the partner is not a member of the queue"
dump
shows "1 of 12"
shot.sh "$RELAIS_SCREENSHOT_DIR/partners-queues-en.png" root
# Ctrl+W closes the queues window (Escape first clears its search).
xdotool key ctrl+w
sleep 0.4
dump
grep -v ' unmapped' "$work/dump.txt" | grep -qF 'id=members_search' && fail "the queues window stayed open"

# Everything above, and nothing else, is in the journal: capacity, contact
# e-mail, new contact, reassignment, deactivation, new queue, members.
[ "$(sqlite3 "$db" "SELECT count(*) FROM journal")" -eq $((journal_before + 7)) ] \
  || fail "expected 7 journal entries, found $(( $(sqlite3 "$db" "SELECT count(*) FROM journal") - journal_before ))"
quit_app
grep -E 'CRITICAL|WARNING' "$work/err.txt" >&2 && fail "the app warned"
echo "ok"
