#!/bin/bash
# build-aux/deps.sh [--tests] — installs the Debian 12 packages Relais needs to
# build (and, with --tests, to run its tests under Xvfb), if any is missing.
# Idempotent; uses sudo when not run as root.
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  desktop-file-utils appstream
)
if [ "${1:-}" = --tests ]; then
  packages+=(
    sqlite3 xvfb xdotool x11-utils x11-xserver-utils imagemagick
    dbus at-spi2-core locales python3-gi gir1.2-atspi-2.0
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=''
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
