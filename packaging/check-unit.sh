#!/bin/bash
# systemd-analyze verify on linli-kiosk.service, as the package installs it, against a given
# linli-kiosk binary. Used by build-packages.sh (on the built package) and by ctest (on the
# build's binary: "packaging: systemd-analyze verify accepts linli-kiosk.service").
# Usage: bash packaging/check-unit.sh [LINLI_KIOSK_BINARY [UNIT_FILE]]
# Runs without systemd as PID 1 (a container or chroot is fine). Exit 0 accepted, 1 not,
# 77 when systemd-analyze is not installed (package systemd; ctest reports the test as skipped).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-/usr/bin/linli-kiosk}
unit=${2:-$here/debian/linli-kiosk.service}
command -v systemd-analyze >/dev/null || { echo "check-unit: systemd-analyze not installed (package systemd): skipped"; exit 77; }
[ -x "$binary" ] || { echo "check-unit: $binary: no such program"; exit 1; }
[ -f "$unit" ] || { echo "check-unit: $unit: no such file"; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
# This machine's units (sysinit.target and the others every service depends on), then ours, with
# its ExecStart= program where the unit expects it.
mkdir -p "$root/lib/systemd/system" "$root/usr/bin"
cp -a /lib/systemd/system/. "$root/lib/systemd/system/" 2>/dev/null
cp "$unit" "$root/lib/systemd/system/linli-kiosk.service"
cp "$binary" "$root/usr/bin/linli-kiosk"
# --man=no: the Documentation= man page is in the package, not on this machine's man path.
# verify exits 0 on unknown keys and bad values (it only warns), so any message is a failure.
msg=$(systemd-analyze verify --man=no --root="$root" "$root/lib/systemd/system/linli-kiosk.service" 2>&1)
rc=$?
if [ $rc -ne 0 ] || [ -n "$msg" ]; then
  echo "check-unit: systemd-analyze verify rejects linli-kiosk.service:"
  echo "$msg" | sed "s|$root||g; s/^/  /"
  exit 1
fi
echo "check-unit: systemd-analyze verify accepts linli-kiosk.service"
