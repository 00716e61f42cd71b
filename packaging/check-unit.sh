#!/bin/bash
# systemd-analyze verify on the linli-kiosk package's units, as the package installs them:
# linli-kiosk.service against a given linli-kiosk binary, and an instance of the USB stick template
# linli-usb-mount@.service (linli-usb-mount@sda1.service) against its helper. Used by
# build-packages.sh (on the built package) and by ctest (on the build's binary: "packaging:
# systemd-analyze verify accepts linli-kiosk.service and linli-usb-mount@.service").
# Usage: bash packaging/check-unit.sh [LINLI_KIOSK_BINARY [UNIT_FILE [USB_UNIT_FILE USB_HELPER
#                                     [LINLI_ADMIN_BINARY [CONSOLE_UNIT_FILE]]]]]
# With LINLI_ADMIN_BINARY, the linli-admin package's console template too (linli-console@.service).
# Runs without systemd as PID 1 (a container or chroot is fine). Exit 0 accepted, 1 not,
# 77 when systemd-analyze is not installed (package systemd; ctest reports the test as skipped).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-/usr/bin/linli-kiosk}
unit=${2:-$here/debian/linli-kiosk.service}
usb_unit=${3:-$here/usb/linli-usb-mount@.service}
usb_helper=${4:-$here/usb/linli-usb-mount}
admin=${5:-}
console_unit=${6:-$here/debian/linli-console@.service}
command -v systemd-analyze >/dev/null || { echo "check-unit: systemd-analyze not installed (package systemd): skipped"; exit 77; }
for f in "$binary" "$usb_helper"; do
  [ -x "$f" ] || { echo "check-unit: $f: no such program"; exit 1; }
done
for f in "$unit" "$usb_unit"; do
  [ -f "$f" ] || { echo "check-unit: $f: no such file"; exit 1; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
# This machine's units (sysinit.target and the others every service depends on), then ours, with
# their ExecStart= programs where the units expect them.
mkdir -p "$root/lib/systemd/system" "$root/usr/bin" "$root/usr/lib/linli"
cp -a /lib/systemd/system/. "$root/lib/systemd/system/" 2>/dev/null
cp "$unit" "$root/lib/systemd/system/linli-kiosk.service"
cp "$binary" "$root/usr/bin/linli-kiosk"
cp "$usb_unit" "$root/lib/systemd/system/linli-usb-mount@.service"
cp -p "$usb_helper" "$root/usr/lib/linli/linli-usb-mount"
if [ -n "$admin" ]; then
  cp "$admin" "$root/usr/bin/linli-admin"
  cp "$console_unit" "$root/lib/systemd/system/linli-console@.service"
fi

status=0
verify() {  # verify UNIT_NAME (a template is verified through an instance of it)
  # --man=no: the Documentation= man page is in the package, not on this machine's man path.
  # verify exits 0 on unknown keys and bad values (it only warns), so any message is a failure.
  local msg rc
  msg=$(systemd-analyze verify --man=no --root="$root" "$root/lib/systemd/system/$1" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ -n "$msg" ]; then
    echo "check-unit: systemd-analyze verify rejects $1:"
    echo "$msg" | sed "s|$root||g; s/^/  /"
    status=1
  else
    echo "check-unit: systemd-analyze verify accepts $1"
  fi
}
verify linli-kiosk.service
verify linli-usb-mount@sda1.service
[ -n "$admin" ] && verify linli-console@root.service
exit $status
