#!/bin/bash
# build-aux/test.sh — builds Relais with warnings as errors (installing what is
# missing) and runs every test: unit, data validation, translations, and the UI
# tests in their own Xvfb. Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
build-aux/deps.sh --tests || exit 1

builddir=${RELAIS_TEST_BUILDDIR:-build-tests}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --werror -Dbuildtype=debugoptimized || exit 1
fi
meson compile -C "$builddir" || exit 1

meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
rc=$?

# Meson's own summary is not read as a test count: say it plainly.
python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as f:
        for line in f:
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    failed = 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $rc
