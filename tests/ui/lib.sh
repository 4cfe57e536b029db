# lib.sh — shared steps of the UI tests (sourced). Needs RELAIS, RELAIS_CLI,
# RELAIS_SCREENSHOT_DIR; runs inside xvfb-session.sh.

work=$(mktemp -d "${TMPDIR:-/tmp}/relais-ui.XXXXXX")
app_pid=''
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || :
  [ -n "$app_pid" ] && wait "$app_pid" 2>/dev/null || :
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$RELAIS_SCREENSHOT_DIR"

fail() {
  echo "FAIL: $*" >&2
  [ -f "$work/out.txt" ] && { echo "--- app stdout (tail)" >&2; tail -n 40 "$work/out.txt" >&2; }
  [ -f "$work/err.txt" ] && { echo "--- app stderr" >&2; cat "$work/err.txt" >&2; }
  exit 1
}

# start_app [ENV=VALUE...] -- ARGS...: starts the app with the test hooks on.
start_app() {
  : >"$work/out.txt"
  env RELAIS_TEST_HOOKS=1 GSK_RENDERER=cairo "$@" >"$work/out.txt" 2>"$work/err.txt" &
  app_pid=$!
}

# wait_for TEXT [SECS]: until the app's stdout has a line with TEXT.
wait_for() {
  i=0
  limit=$(( ${2:-15} * 20 ))
  until grep -qF -- "$1" "$work/out.txt" 2>/dev/null; do
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited while waiting for '$1'"
    i=$((i + 1)); [ $i -gt $limit ] && fail "timed out waiting for '$1'"
    sleep 0.05
  done
}

# dump: the widget tree now, into $work/dump.txt. Reads only what the app
# printed after the request: the output grows by a megabyte a dump on a large
# window, and reading it all each time made long waits slower and slower.
dump() {
  off=$(($(stat -c %s "$work/out.txt") + 1))
  kill -USR1 "$app_pid"
  d=0
  until tail -c +"$off" "$work/out.txt" | grep -q '^END-DUMP'; do
    d=$((d + 1)); [ $d -gt 200 ] && fail "no widget dump"
    sleep 0.05
  done
  tail -c +"$off" "$work/out.txt" | awk '/^END-DUMP/ { exit } { print }' >"$work/dump.txt"
}

# shows TEXT: the last dump has a mapped widget showing exactly TEXT.
# click_at LINE: a real click in the middle of the widget of a dump line
# (the window is $wid).
click_at() {
  x=$(echo "$1" | sed -n 's/.* x=\([0-9-]*\) y=.*/\1/p'); y=$(echo "$1" | sed -n 's/.* y=\([0-9-]*\) w=.*/\1/p')
  w=$(echo "$1" | sed -n 's/.* w=\([0-9]*\) h=.*/\1/p'); h=$(echo "$1" | sed -n 's/.* h=\([0-9]*\).*/\1/p')
  xdotool mousemove --window "$wid" $((x + w / 2)) $((y + h / 2)) click 1
}

shows() {
  grep -v ' unmapped' "$work/dump.txt" | grep -qF "text=\"$1\"" || fail "the window does not show \"$1\""
}

# quit: Ctrl+Q, and the app exits with status 0, having logged no critical
# warning or warning on the way (even where the window did not show it).
quit_app() {
  xdotool key ctrl+q
  wait "$app_pid"; rc=$?
  app_pid=''
  [ $rc = 0 ] || fail "the app exited with status $rc"
  ! grep -E -- '-(CRITICAL|WARNING) \*\*' "$work/err.txt" >&2 || fail "the app logged warnings"
}
