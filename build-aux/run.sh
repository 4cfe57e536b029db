#!/bin/bash
# build-aux/run.sh [relais options] — builds Relais (installing what is missing)
# and starts it from the build tree on the local store ($XDG_DATA_HOME/relais/
# relais.db, or --db PATH). On an empty store it offers demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/deps.sh
[ -f build/build.ninja ] || meson setup build
meson compile -C build
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export RELAIS_LOCALEDIR="$PWD/build/po"
exec build/src/app/relais "$@"
