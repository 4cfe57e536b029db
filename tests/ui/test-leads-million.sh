#!/bin/sh
# The Leads section on a store of a million leads: the list fills, scrolls to the
# oldest lead, searches, filters and sorts, each checked against the store.
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/million.db"
"$RELAIS_CLI" demo --db "$db" --leads 1000000 --partners 1000 --seed 3 >/dev/null 2>&1 || fail "relais-cli demo failed"

click_on() {
  row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F "text=\"$1\"" | head -n1)
  [ -n "$row" ] || fail "nothing shows \"$1\" to click on"
  x=$(echo "$row" | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p'); y=$(echo "$row" | sed -n 's/.* y=\([0-9-]*\) w=.*/\1/p')
  w=$(echo "$row" | sed -n 's/.* w=\([0-9]*\) h=.*/\1/p'); h=$(echo "$row" | sed -n 's/.* h=\([0-9]*\).*/\1/p')
  xdotool mousemove --window "$wid" $((x + w / 2)) $((y + h / 2)) click 1
}

# wait_shows TEXT [SECS]: dumps until the window shows TEXT.
wait_shows() {
  n=0
  until { dump; grep -v ' unmapped' "$work/dump.txt" | grep -qF "text=\"$1\""; }; do
    if [ $n -gt $(( ${2:-60} * 4 )) ]; then
      grep -o 'id=subtitle_label text="[^"]*"' "$work/dump.txt" >&2 || :
      fail "the window does not show \"$1\""
    fi
    n=$((n + 1))
    sleep 0.25
  done
}

start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 30) || fail "no window"
wait_for FIRST-FRAME 30
wait_shows "1000000 leads" 120

# To the end of the list: the oldest lead.
oldest=$(sqlite3 "$db" "SELECT first_name || ' ' || last_name FROM lead ORDER BY created_at, id LIMIT 1")
xdotool mousemove --window "$wid" 300 200 click 1
sleep 0.5
xdotool key End
wait_shows "$oldest"
shot.sh "$RELAIS_SCREENSHOT_DIR/million-end.png" "$wid"

# Search.
expected=$(sqlite3 "$db" "SELECT count(*) FROM lead_fts WHERE search_text GLOB '*helene*'")
xdotool key ctrl+f
type.sh "Hélène"
wait_shows "$expected matching leads"

# Filter: overdue only.
now=$(date +%s)
overdue=$(sqlite3 "$db" "SELECT count(*) FROM lead WHERE id IN (SELECT rowid FROM lead_fts WHERE search_text GLOB '*helene*') AND status = 'partner_assigned' AND accepted_at IS NULL AND assigned_at < ($now - 48 * 3600) * 1000000")
click_on "_Filters"
sleep 0.6
dump
click_on "_Overdue only (not accepted within 48 hours)"
sleep 0.3
xdotool key Escape
wait_shows "$overdue matching leads"

# Sort by company, from the dropdown: the list starts with an A.
click_on "_Clear Filters"
wait_shows "1000000 leads" 120
click_on "Newest First"
sleep 0.6
dump
click_on "Company"
sleep 1.5
dump
shows "Company"
# The first company in folded order; lower() folds ASCII only, which is enough
# to find the first one of the demo data.
first=$(sqlite3 "$db" "SELECT company FROM lead ORDER BY lower(company), id LIMIT 1")
wait_shows "$first"
shot.sh "$RELAIS_SCREENSHOT_DIR/million-sorted.png" "$wid"
quit_app
echo "ok"
