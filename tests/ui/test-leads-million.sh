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
  click_at "$row"
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

# Classic scrollbars, always shown: the test clicks in one's trough.
mkdir -p "$work/config/gtk-4.0"
printf '[Settings]\ngtk-overlay-scrolling=false\n' >"$work/config/gtk-4.0/settings.ini"
start_app XDG_CONFIG_HOME="$work/config" LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 30) || fail "no window"
wait_for FIRST-FRAME 60
wait_shows "1000000 leads" 240

# list_geometry: from the last dump, the list's viewport (lx ly lw lh) and its
# vertical scrollbar (sx sy sw sh), in window coordinates.
list_geometry() {
  set -- $(grep -v ' unmapped' "$work/dump.txt" | grep -m1 'GtkColumnListView ' | sed 's/.* x=\([0-9-]*\) y=\([0-9-]*\) w=\([0-9]*\) h=\([0-9]*\).*/\1 \2 \3 \4/')
  lx=$1 ly=$2 lw=$3 lh=$4
  set -- $(grep -v ' unmapped' "$work/dump.txt" | grep 'GtkScrollbar ' | awk -v ly="$ly" '$0 ~ " y=" ly " " { print; exit }' | sed 's/.* x=\([0-9-]*\) y=\([0-9-]*\) w=\([0-9]*\) h=\([0-9]*\).*/\1 \2 \3 \4/')
  [ $# = 4 ] || fail "no scrollbar beside the lead list"
  sx=$1 sy=$2 sw=$3 sh=$4
}

# scroll_series NAME BUTTON ROUNDS: a dump now, then ROUNDS times three clicks of
# the mouse wheel (4 up, 5 down) over the list and a dump; the dumps are
# $work/NAME-NN.txt.
scroll_series() {
  dump
  cp "$work/dump.txt" "$work/$1-00.txt"
  i=1
  while [ $i -le "$3" ]; do
    before=$(rows_shown)
    xdotool mousemove --window "$wid" $((lx + lw / 3)) $((ly + lh / 2)) click --repeat 3 --delay 40 "$2"
    sleep 0.4
    dump
    # A busy machine may take longer to scroll: wait for the rows to change.
    t=0
    while [ "$(rows_shown)" = "$before" ] && [ $t -lt 40 ]; do
      sleep 0.25
      dump
      t=$((t + 1))
    done
    cp "$work/dump.txt" "$work/$1-$(printf %02d $i).txt"
    i=$((i + 1))
  done
}

# rows_shown: the texts of the list's rows in the last dump, top to bottom.
rows_shown() {
  grep -v ' unmapped' "$work/dump.txt" | sed -n '/GtkColumnListView /,$p' | grep -F 'GtkLabel ' | head -n 60 | md5sum
}

# check_series NAME DIRECTION: the rows shown moved smoothly through the dumps;
# prints the first one's position in the list.
check_series() {
  python3 "$RELAIS_TESTS_DIR/ui/scroll-check.py" "$work/order.tsv" "$2" 60 "$work/$1"-*.txt >"$work/$1.positions" ||
    fail "scrolling the list $2 did not move through consecutive leads"
  echo "scrolled $2 from the $1 through leads" $(cat "$work/$1.positions") >&2
  head -n1 "$work/$1.positions"
}

# Scrolling (GTK before 4.10.1 made long lists jump while scrolling, GTK issue
# 2971): after every few clicks of the wheel, the rows shown are consecutive
# leads of the list's order, a little further on than before — from the top,
# from the middle (the scrollbar's trough clicked), and up from the end.
sqlite3 -separator "$(printf '\t')" "$db" \
  "SELECT first_name || ' ' || last_name, company FROM lead ORDER BY created_at DESC, id DESC" >"$work/order.tsv"
dump
list_geometry
scroll_series top 5 8
[ "$(check_series top down)" = 0 ] || fail "the list did not start at the newest lead"

xdotool mousemove --window "$wid" $((sx + sw / 2)) $((sy + sh / 2)) click 1
sleep 0.6
scroll_series middle 5 6
middle=$(check_series middle down)
[ "$middle" -gt 400000 ] && [ "$middle" -lt 600000 ] || fail "the middle of the scrollbar showed lead $middle"
shot.sh "$RELAIS_SCREENSHOT_DIR/million-middle.png" "$wid"

# To the end of the list: the oldest lead.
oldest=$(sqlite3 "$db" "SELECT first_name || ' ' || last_name FROM lead ORDER BY created_at, id LIMIT 1")
xdotool mousemove --window "$wid" $((lx + lw / 3)) $((ly + 40)) click 1
sleep 0.5
xdotool key End
wait_shows "$oldest"
shot.sh "$RELAIS_SCREENSHOT_DIR/million-end.png" "$wid"
dump
list_geometry
scroll_series end 4 6
last=$(check_series end up)
[ "$last" -gt 999900 ] || fail "End showed lead $last, not the last ones"

# Search.
expected=$(sqlite3 "$db" "SELECT count(*) FROM lead_fts WHERE search_text GLOB '*helene*'")
xdotool key ctrl+f
type.sh "Hélène"
wait_shows "$expected matching leads"

# Filter: overdue only. The count moves with the clock (a lead becomes overdue
# 48 hours after it was assigned, and the demo's leads were assigned all along):
# the one shown must lie between the counts before the click and once shown.
overdue_at() {
  sqlite3 "$db" "SELECT count(*) FROM lead WHERE id IN (SELECT rowid FROM lead_fts WHERE search_text GLOB '*helene*') AND status = 'partner_assigned' AND accepted_at IS NULL AND assigned_at < ($1 - 48 * 3600) * 1000000"
}
low=$(overdue_at "$(date +%s)")
click_on "_Filters"
sleep 0.6
dump
click_on "_Overdue only (not accepted within 48 hours)"
sleep 0.3
xdotool key Escape
n=0
while :; do
  dump
  shown=$(grep -v ' unmapped' "$work/dump.txt" | sed -n 's/.*id=subtitle_label text="\([0-9]*\) matching leads".*/\1/p' | head -n1)
  high=$(overdue_at $(($(date +%s) + 1)))
  if [ -n "$shown" ] && [ "$shown" != "$expected" ] && [ "$shown" -ge "$low" ] && [ "$shown" -le "$high" ]; then
    break
  fi
  [ $n -gt 240 ] && fail "the overdue filter shows \"$shown matching leads\", not between $low and $high"
  n=$((n + 1))
  sleep 0.25
done

# Sort by company, from the dropdown: the list starts with an A.
# On a loaded machine the chips may still move when the click comes: while
# the button is still shown (on a fresh dump), it is clicked again.
for attempt in 1 2 3; do
  sleep 0.5
  dump
  grep -v ' unmapped' "$work/dump.txt" | grep -qF 'text="_Clear Filters"' || break
  click_on "_Clear Filters"
  sleep 2
done
wait_shows "1000000 leads" 240
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
