#!/bin/sh
# Bulk reassignment by drag and drop in the real window: three leads selected
# with real clicks (a click, then Ctrl+clicks) are dragged with the real pointer
# onto a partner of the assignment panel. The store must show the three with
# the partner and nothing else changed; the toast says so; its Undo button puts
# every field back as it was. Saves screenshots of the drag in progress and of
# the toast.
set -eu
. "$RELAIS_TESTS_DIR/ui/lib.sh"

db="$work/store.db"
"$RELAIS_CLI" demo --db "$db" --leads 400 --partners 12 --seed 7 >/dev/null 2>&1 || fail "relais-cli demo failed"

# The four newest leads (the first rows) wait unassigned; a partner with room
# (no confirmation asked) is the target.
set -- $(sqlite3 "$db" "SELECT id FROM lead ORDER BY created_at DESC, id DESC LIMIT 4")
l1=$1 l2=$2 l3=$3 l4=$4
sqlite3 "$db" "UPDATE lead SET status = 'new', partner_id = NULL, rep_id = NULL, queue_id = NULL,
               assigned_at = NULL, accepted_at = NULL WHERE id IN ($l1, $l2, $l3, $l4)"
partner=$(sqlite3 "$db" "SELECT id FROM partner WHERE active = 1 AND out_of_office_until IS NULL ORDER BY id LIMIT 1")
[ -n "$partner" ] || fail "the demo has no available partner"
# An ampersand in the name: the toast and the rows must show it as it is.
sqlite3 "$db" "UPDATE partner SET capacity = 1000, name = name || ' & Fils' WHERE id = $partner"
pname=$(sqlite3 "$db" "SELECT name FROM partner WHERE id = $partner")
name_of() { sqlite3 "$db" "SELECT first_name || ' ' || last_name FROM lead WHERE id = $1"; }

snapshot() {
  sqlite3 "$db" "SELECT id, status, coalesce(partner_id, '-'), coalesce(rep_id, '-'), coalesce(queue_id, '-'),
                 coalesce(rule_id, '-'), assignment_reason, coalesce(assigned_at, '-'), coalesce(accepted_at, '-')
                 FROM lead ORDER BY id"
}
snapshot >"$work/before.txt"

# center TEXT [last]: "x y" of the middle of the first (or last) mapped widget showing TEXT.
center() {
  if [ "${2:-}" = last ]; then pick='tail -n1'; else pick='head -n1'; fi
  row=$(grep -v ' unmapped' "$work/dump.txt" | grep -F "text=\"$1\"" | $pick)
  [ -n "$row" ] || fail "nothing shows \"$1\""
  x=$(echo "$row" | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p'); y=$(echo "$row" | sed -n 's/.* y=\([0-9-]*\) w=.*/\1/p')
  w=$(echo "$row" | sed -n 's/.* w=\([0-9]*\) h=.*/\1/p'); h=$(echo "$row" | sed -n 's/.* h=\([0-9]*\).*/\1/p')
  echo "$((x + w / 2)) $((y + h / 2))"
}

start_app LANGUAGE=en "$RELAIS" --db "$db"
wid=$(wait-window.sh '^Relais$' 20) || fail "no window"
wait_for FIRST-FRAME
xdotool windowsize "$wid" 1280 800
sleep 1
dump
shows "Drop Leads On"
shows "$(name_of "$l1")"

# 1. Leads 1, 2 and 4 selected with real clicks: a click, then Ctrl+clicks.
set -- $(center "$(name_of "$l1")")
xdotool mousemove --window "$wid" "$1" "$2" click 1
sleep 0.5
set -- $(center "$(name_of "$l2")")
xdotool mousemove --window "$wid" "$1" "$2" keydown Control_L click 1 keyup Control_L
sleep 0.5
set -- $(center "$(name_of "$l4")")
xdotool mousemove --window "$wid" "$1" "$2" keydown Control_L click 1 keyup Control_L
fx=$1 fy=$2
sleep 0.5

# 2. The panel filtered down to the partner, by typing. Meanwhile the pane
# beside the list says what can be done with the three leads.
set -- $(center "Filter partners, reps, queues")
xdotool mousemove --window "$wid" "$1" "$2" click 1
sleep 0.3
type.sh "$pname"
sleep 0.6
dump
# The partner's row says how many open leads it has: three more after the drop.
subtitle_of_partner() {
  grep -v ' unmapped' "$work/dump.txt" | grep -A3 -F "text=\"$pname\"" | sed -n 's/.*text="\([0-9]*\) of 1000 open leads".*/\1/p' | head -n1
}
open_before=$(subtitle_of_partner)
[ -n "$open_before" ] || fail "the row of $pname does not show its open leads"
shows "3 Leads Selected"
shows "Drag them onto a partner, a rep or a queue of the panel, or press Ctrl+M to assign them."
set -- $(center "$pname" last)
tx=$1 ty=$2

# 3. Dragged from lead 4 onto the partner; a screenshot while it hovers.
DRAG_SETTLE=1.6 drag.sh "$fx" "$fy" "$tx" "$ty" "$wid" &
drag_pid=$!
sleep 1.9
# The whole screen: the drag's badge is a window of its own.
shot.sh "$RELAIS_SCREENSHOT_DIR/drag-in-progress.png"
wait $drag_pid || fail "the drag failed"
sleep 1.2

dump
shows "3 leads reassigned to $pname."
shot.sh "$RELAIS_SCREENSHOT_DIR/drag-toast.png" "$wid"
# The row shows the new count in place (the panel is not rebuilt).
i=0
until [ "$(subtitle_of_partner)" = "$((open_before + 3))" ]; do
  i=$((i + 1)); [ $i -gt 20 ] && fail "the row of $pname shows $(subtitle_of_partner) open leads, not $((open_before + 3))"
  sleep 0.25; dump
done

for l in $l1 $l2 $l4; do
  got=$(sqlite3 "$db" "SELECT status || '|' || partner_id || '|' || coalesce(rep_id, '-') || '|' || coalesce(queue_id, '-') FROM lead WHERE id = $l")
  [ "$got" = "partner_assigned|$partner|-|-" ] || fail "lead $l after the drop: $got"
done
[ "$(sqlite3 "$db" "SELECT status || coalesce(partner_id, '-') FROM lead WHERE id = $l3")" = "new-" ] \
  || fail "lead $l3, not selected, was moved"
[ "$(sqlite3 "$db" "SELECT count(*) FROM journal WHERE action = 'reassign'")" = 1 ] || fail "not one journal entry"
[ "$(sqlite3 "$db" "SELECT json_extract(changes, '\$.count') FROM journal WHERE action = 'reassign'")" = 3 ] \
  || fail "the journal entry does not count 3 leads"
snapshot >"$work/after.txt"
[ "$(diff "$work/before.txt" "$work/after.txt" | grep -c '^>' || true)" = 3 ] || fail "other leads changed: $(diff "$work/before.txt" "$work/after.txt")"

# 4. Undo on the toast: everything back.
set -- $(center "_Undo")
xdotool mousemove --window "$wid" "$1" "$2" click 1
sleep 1.2
snapshot >"$work/undone.txt"
diff "$work/before.txt" "$work/undone.txt" >/dev/null || fail "Undo did not restore the leads: $(diff "$work/before.txt" "$work/undone.txt")"
[ "$(sqlite3 "$db" "SELECT undone FROM journal WHERE action = 'reassign'")" = 1 ] || fail "the journal entry is not marked undone"
dump
shows "3 leads are back where they were."

quit_app
