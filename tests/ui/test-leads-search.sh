#!/bin/sh
# Search and filters through the real window: typing in the search entry, a
# filter chosen with real clicks, its chip removed with a click; the counts and
# rows shown are checked against the store.
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/store.db"
"$RELAIS_CLI" demo --db "$db" --leads 5000 --partners 30 --seed 11 >/dev/null 2>&1 || fail "relais-cli demo failed"

# click_on TEXT: a real click in the middle of the mapped widget showing TEXT.
click_on() {
  row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F "text=\"$1\"" | head -n1)
  [ -n "$row" ] || fail "nothing shows \"$1\" to click on"
  click_at "$row"
}

start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
sleep 0.5
dump
shows "5000 leads"

# Search, typed with accents and capitals.
expected=$(sqlite3 "$db" "SELECT count(*) FROM lead_fts WHERE search_text GLOB '*helene*'")
[ "$expected" -gt 0 ] || fail "the demo store has no Hélène"
xdotool key ctrl+f
type.sh "HÉLÈNE"
sleep 1.2
dump
shows "$expected matching leads"
grep -v ' unmapped' "$work/dump.txt" | grep -q 'text="Hélène ' || fail "no Hélène in the rows shown"
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-search-en.png" "$wid"

# A filter, by real clicks: Filters, then "Overdue only".
now=$(date +%s)
overdue=$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE id IN (SELECT rowid FROM lead_fts WHERE search_text GLOB '*helene*') AND status = 'partner_assigned' AND accepted_at IS NULL AND assigned_at < ($now - 48 * 3600) * 1000000")
click_on "_Filters"
sleep 0.6
dump
click_on "_Overdue only (not accepted within 48 hours)"
sleep 0.3
xdotool key Escape
sleep 1
dump
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-filter-en.png" "$wid"
cp "$work/dump.txt" "$RELAIS_SCREENSHOT_DIR/filter-dump.txt"
shows "Overdue"
if [ "$overdue" = 0 ]; then shows "No Matching Leads"; else shows "$overdue matching lead$( [ "$overdue" = 1 ] || echo s)"; fi
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-filter-en.png" "$wid"

# Clear Filters takes the filter and the search away.
click_on "_Clear Filters"
sleep 1
dump
shows "5000 leads"

# The same leads as cards (the toggle by a real click), then as a list again:
# the newest lead shows in both, and the cards go when the list comes back.
click_id() {
  row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F " id=$1 " | head -n1)
  [ -n "$row" ] || fail "no mapped widget $1 to click on"
  click_at "$row"
}
newest=$(sqlite3 "$db" "SELECT first_name || ' ' || last_name FROM lead ORDER BY created_at DESC, id DESC LIMIT 1")
click_id cards_toggle
sleep 1
dump
grep -v ' unmapped' "$work/dump.txt" | grep -q 'GtkGridView' || fail "the cards are not shown"
grep -v ' unmapped' "$work/dump.txt" | sed -n '/GtkGridView/,$p' | grep -qF "text=\"$newest\"" || fail "no card for $newest"
shot.sh "$RELAIS_SCREENSHOT_DIR/leads-cards-en.png" "$wid"
click_id list_toggle
sleep 1
dump
grep -v ' unmapped' "$work/dump.txt" | grep -q 'GtkGridView' && fail "the cards are still shown"
shows "$newest"
quit_app
echo "ok"
