#!/bin/bash
# Test of the USB stick mounting of the linli-kiosk package (packaging/usb/): the helper
# linli-usb-mount on real file systems in loop devices, and the udev rule with `udevadm test`.
# Run by ctest ("packaging: USB sticks are mounted for the kiosk (linli-usb-mount)").
# Usage: bash packaging/check-usb-mount.sh
#   UDEVADM=/path/to/udevadm   the udevadm to test the rule with (default: the one on PATH)
# Needs root, loop devices and mount; exits 77 (ctest: skipped) with the reason when it cannot
# mount anything here. A part this machine cannot do (FAT without the kernel's vfat; the rule
# without udevadm) is reported as "skip" and the rest still runs. Exit 0 all passed, 1 a failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
helper=$here/usb/linli-usb-mount
rules=$here/usb/90-linli-usb.rules
user=nobody
t0=$(date +%s)

skip_all() { echo "check-usb-mount: SKIPPED: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip_all "needs root (losetup, mount)"
for tool in losetup mkfs.ext4 blkid findmnt mountpoint setpriv; do
  command -v "$tool" >/dev/null || skip_all "$tool is not installed"
done
id "$user" >/dev/null 2>&1 || skip_all "no user '$user' to stand in for the kiosk's user"

tmp=$(mktemp -d /tmp/linli-usb-test.XXXXXX)
chmod 755 "$tmp"  # the test user goes through it to the mounted stick, like the kiosk through /media
loops=()
holder=
# shellcheck disable=SC2317  # (run by the trap)
cleanup() {
  local m l
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  # Whatever is still mounted under the scratch folder, deepest first, then the loop devices.
  for m in $(findmnt -rn -o TARGET | grep "^$tmp/" | sort -r); do umount -l "$m" 2>/dev/null; done
  for l in "${loops[@]}"; do partx -d "$l" 2>/dev/null; losetup -d "$l" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
passed=0
skipped=()
ok() { echo "ok   $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
skip() { echo "skip $*"; skipped+=("$1"); }
expect() {  # expect NAME RC PATTERN: the last run exited RC with output matching PATTERN
  if [ "$rc" = "$2" ] && grep -q -- "$3" <<<"$out"; then ok "$1"; else fail "$1: exit $rc (wanted $2), output: $out"; fi
}
media=$tmp/media
run() {  # run ACTION NAME [VAR=VALUE...]: the helper as the service runs it, with the test's root and user
  local action=$1 name=$2; shift 2
  out=$(env LINLI_USB_MOUNT_ROOT="$media" LINLI_USB_USER="$user" LINLI_USB_FSTAB="$tmp/fstab" "$@" \
        bash "$helper" "$action" "$name" 2>&1)
  rc=$?
}
as_user() { setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"; }
attach() {  # attach IMAGE: sets $dev to the loop device's kernel name (loop3); fails when none is free
  local path
  path=$(losetup -f --show "$1" 2>"$tmp/losetup.err") || return 1
  loops+=("$path")
  dev=${path#/dev/}
}
: >"$tmp/fstab"

# ---- Can this machine mount a loop device at all? (Not in most containers.)
truncate -s 16M "$tmp/ext4.img"
# shellcheck disable=SC2016  # a label with shell syntax in it, as a stick's label may have
mkfs.ext4 -q -F -L 'stick $(x);' -E root_owner="$(id -u "$user"):$(id -g "$user")" "$tmp/ext4.img" \
  || skip_all "mkfs.ext4 failed"
attach "$tmp/ext4.img" || skip_all "no loop device: $(cat "$tmp/losetup.err")"
ext4=$dev
mkdir "$tmp/probe"
mount -o ro "/dev/$ext4" "$tmp/probe" 2>"$tmp/mount.err" || skip_all "cannot mount a loop device here: $(cat "$tmp/mount.err")"
umount "$tmp/probe"

# ---- The stick's file systems: FAT (the usual stick) when the kernel has it, and ext4.
sticks=("$ext4:ext4")
if ! command -v mkfs.vfat >/dev/null; then
  skip "FAT: mkfs.vfat is not installed (package dosfstools)"
else
  truncate -s 16M "$tmp/fat.img"
  mkfs.vfat -n LINLI "$tmp/fat.img" >/dev/null
  attach "$tmp/fat.img" || skip_all "no second loop device: $(cat "$tmp/losetup.err")"
  fat=$dev
  if mount -t vfat -o ro "/dev/$fat" "$tmp/probe" 2>"$tmp/mount.err"; then
    umount "$tmp/probe"
    sticks=("$fat:vfat" "${sticks[@]}")
  else
    skip "FAT: this kernel cannot mount vfat ($(head -1 "$tmp/mount.err"))"
  fi
fi

check_not_mounted() {  # check_not_mounted WHAT: /dev/$name is not mounted and has no mount point
  if ! findmnt --source "/dev/$name" >/dev/null && [ ! -e "$mnt" ]; then ok "$1"; else fail "$1: $(findmnt --source "/dev/$name")"; fi
}
for stick in "${sticks[@]}"; do
  name=${stick%%:*} type=${stick#*:}
  mnt=$media/$name
  echo "---- $type stick in /dev/$name"
  run mount "$name"
  expect "$type: a device that is not on the USB bus is refused" 2 "is not a USB device"
  check_not_mounted "$type: ... and neither mounted nor given a mount point"

  run mount "$name" LINLI_USB_REQUIRE_USB=no
  expect "$type: mounted at the fixed path $mnt" 0 "mounted /dev/$name ($type"
  where=$(findmnt -rn -o SOURCE,FSTYPE "$mnt")
  if [ "$where" = "/dev/$name $type" ]; then ok "$type: findmnt $mnt shows /dev/$name $type"; else fail "$type: findmnt $mnt: '$where'"; fi
  opts=,$(findmnt -rn -o OPTIONS "$mnt"),
  missing=
  wanted="rw nosuid nodev noexec nosymfollow sync"
  [ "$type" = ext4 ] && wanted+=" errors=remount-ro"  # a stick cannot ask for a kernel panic
  for o in $wanted; do [[ $opts == *",$o,"* ]] || missing+=" $o"; done
  if [ -z "$missing" ]; then ok "$type: mounted ${wanted// /,}"; else fail "$type: options lack$missing: $opts"; fi
  # FAT has no owners: the stick is given to the kiosk's user, for it alone. ext4 keeps the owner
  # stored on the stick (the test user here, set by mkfs).
  owner=$(stat -c '%U %a' "$mnt")
  if [ "$type" = vfat ]; then want="$user 700"; else want="$user 755"; fi
  if [ "$owner" = "$want" ]; then ok "$type: the stick's root is '$owner'"; else fail "$type: the stick's root is '$owner', wanted '$want'"; fi
  if as_user mkdir -p "$mnt/linli/exports" && as_user sh -c "echo export-$type >'$mnt/linli/exports/a.bin'"; then
    ok "$type: the kiosk's user creates linli/exports/a.bin"
  else
    fail "$type: the kiosk's user cannot write to the stick"
  fi
  ln -s /etc/hostname "$mnt/link" 2>/dev/null || true
  if [ -L "$mnt/link" ] && cat "$mnt/link" >/dev/null 2>&1; then fail "$type: a link on the stick was followed (nosymfollow)"
  elif [ -L "$mnt/link" ]; then ok "$type: a link on the stick leads nowhere"; fi
  rm -f "$mnt/link"
  cp /bin/true "$mnt/true" 2>/dev/null
  if "$mnt/true" 2>/dev/null; then fail "$type: a program on the stick runs (noexec)"; else ok "$type: a program on the stick does not run"; fi
  rm -f "$mnt/true"

  run mount "$name" LINLI_USB_REQUIRE_USB=no
  expect "$type: a second mount action changes nothing" 0 "already mounted at $mnt"
  n=$(findmnt -rn --source "/dev/$name" | wc -l)
  if [ "$n" = 1 ]; then ok "$type: ... and it is mounted once"; else fail "$type: mounted $n times"; fi

  run unmount "$name"
  expect "$type: the unmount action says the stick may be removed" 0 "the stick may be removed"
  check_not_mounted "$type: ... the mount and the empty mount point are gone"
  if [ -d "$media" ]; then ok "$type: ... $media itself stays"; else fail "$type: $media was removed"; fi
  mkdir -p "$tmp/reread"
  if mount -t "$type" -o ro "/dev/$name" "$tmp/reread" && [ "$(cat "$tmp/reread/linli/exports/a.bin" 2>/dev/null)" = "export-$type" ]; then
    ok "$type: the file written is on the stick after the unmount"
  else
    fail "$type: the file written is not on the stick"
  fi
  umount "$tmp/reread" 2>/dev/null

  run unmount "$name"
  expect "$type: the unmount action on a stick that is not mounted does nothing" 0 ""
done

# ---- Busy at unmount: the kiosk holds a file open.
name=$ext4 mnt=$media/$ext4
echo "---- unmounting while a file is open"
run mount "$name" LINLI_USB_REQUIRE_USB=no
(cd "$mnt" && exec sleep 30) &
holder=$!
sleep 0.2
run unmount "$name"
expect "busy: the unmount action detaches it lazily" 0 "busy.*lazily"
if ! mountpoint -q "$mnt" && [ ! -e "$mnt" ]; then ok "busy: ... it is no longer mounted at $mnt"; else fail "busy: still at $mnt"; fi
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null; holder=

# ---- What must never be mounted here, or is not ours.
echo "---- refused or left alone"
blank=
truncate -s 4M "$tmp/blank.img"
if attach "$tmp/blank.img"; then
  blank=$dev
  run mount "$blank" LINLI_USB_REQUIRE_USB=no
  expect "a blank device (no filesystem) is refused" 2 "has no filesystem"
  if [ ! -e "$media/$blank" ]; then ok "... and leaves no mount point"; else fail "a mount point was left for the blank device"; fi
else
  skip "blank device: no free loop device"
fi
run mount "../etc" LINLI_USB_REQUIRE_USB=no
expect "a name that is not a kernel device name is refused" 2 "not a kernel device name"
run mount nosuchdevice0 LINLI_USB_REQUIRE_USB=no
expect "a device that is gone is refused" 2 "no such block device"
echo "UUID=$(blkid -p -o value -s UUID "/dev/$name") /srv/data ext4 defaults 0 2" >"$tmp/fstab"
run mount "$name" LINLI_USB_REQUIRE_USB=no
expect "a device listed in fstab (by UUID) is left to the system" 0 "listed in $tmp/fstab"
if [ ! -e "$media/$name" ]; then ok "... and is not mounted"; else fail "a device in fstab was mounted"; fi
: >"$tmp/fstab"
mkdir -p "$tmp/system"
mount "/dev/$name" "$tmp/system"
run mount "$name" LINLI_USB_REQUIRE_USB=no
expect "a device the system has mounted elsewhere is left alone" 0 "already mounted at $tmp/system: left alone"
if [ ! -e "$media/$name" ]; then ok "... and is not mounted a second time"; else fail "it was mounted a second time"; fi
umount "$tmp/system"

# ---- A stick with two partitions: both are ours. But when one partition of a disk is mounted
# by the system (a Pi booting from a USB SSD), its other partitions are left alone.
truncate -s 16M "$tmp/two.img"
# An MBR with two Linux partitions of 4 MiB, at sectors 2048 and 10240 (start and size as 32-bit
# little-endian numbers in each 16-byte entry from byte 446), and the 55 AA signature.
printf '\0\0\0\0\x83\0\0\0\0\x08\0\0\0\x20\0\0\0\0\0\0\x83\0\0\0\0\x28\0\0\0\x20\0\0' \
  | dd of="$tmp/two.img" bs=1 seek=446 conv=notrunc status=none
printf '\x55\xaa' | dd of="$tmp/two.img" bs=1 seek=510 conv=notrunc status=none
# The partitions: the kernel reads the table (-P), or, where it cannot, partx tells it.
if path=$(losetup -f --show -P "$tmp/two.img" 2>"$tmp/losetup.err") && loops+=("$path") \
   && { [ -b "${path}p2" ] || partx -a "$path" 2>"$tmp/losetup.err"; } && [ -b "${path}p2" ]; then
  echo "---- a stick with two partitions (${path#/dev/}p1, p2)"
  p1=${path#/dev/}p1 p2=${path#/dev/}p2
  mkfs.ext4 -q -F "/dev/$p1" && mkfs.ext4 -q -F "/dev/$p2"
  run mount "$p1" LINLI_USB_REQUIRE_USB=no
  run mount "$p2" LINLI_USB_REQUIRE_USB=no
  expect "two partitions: the second is mounted beside the first" 0 "mounted /dev/$p2"
  if mountpoint -q "$media/$p1" && mountpoint -q "$media/$p2"; then ok "... both are mounted"; else fail "not both mounted: $(findmnt -rn -o TARGET | grep "$media")"; fi
  run unmount "$p1"
  run unmount "$p2"
  mount "/dev/$p1" "$tmp/system"
  run mount "$p2" LINLI_USB_REQUIRE_USB=no
  expect "a partition on a disk the system has mounted (a USB SSD it boots from) is left alone" 0 \
    "same disk as the system's $tmp/system: left alone"
  if [ ! -e "$media/$p2" ]; then ok "... and is not mounted"; else fail "a partition of the system's disk was mounted"; fi
  umount "$tmp/system"
else
  skip "two partitions: no partitioned loop device ($(cat "$tmp/losetup.err"))"
fi

# ---- The udev rule: which devices start linli-usb-mount@NAME.service. `udevadm test` runs our rule
# file (with the machine's others) on the loop devices, in a mount namespace of its own with a
# private /run, so udev's real database is not touched. A first rule file stands in for what a
# real stick has: ID_BUS=usb (usb_id); ID_FS_* come from blkid, run for real on the device.
udevadm=${UDEVADM:-$(command -v udevadm || true)}
if [ -z "$udevadm" ]; then
  skip "udev rule: udevadm is not installed (package udev)"
elif ! command -v unshare >/dev/null; then
  skip "udev rule: unshare is not installed"
else
  echo "---- the udev rule ($udevadm)"
  udev_test() {  # udev_test NAME BUS ACTION: prints the properties udev would give /dev/NAME
    mkdir -p "$tmp/rules"
    cp "$rules" "$tmp/rules/"
    { echo 'SUBSYSTEM=="block", IMPORT{builtin}="blkid"'
      [ "$2" = usb ] && echo "KERNEL==\"$1\", ENV{ID_BUS}=\"usb\""; } >"$tmp/rules/10-linli-test.rules"
    unshare -m bash -c "mount -t tmpfs tmpfs /run && mkdir -p /run/udev/rules.d && cp '$tmp/rules/'* /run/udev/rules.d/ \
      && { [ ! -d /dev/block ] || mount -t tmpfs tmpfs /dev/block; } \
      && '$udevadm' test --action='$3' '/sys/class/block/$1'" 2>"$tmp/udev.err"
  }
  props=$(udev_test "$ext4" usb add)
  if ! grep -q '^ID_FS_TYPE=ext4' <<<"$props"; then
    fail "udev rule: udevadm test does not work here: $(tail -5 "$tmp/udev.err")"
  else
    if grep -qi "90-linli-usb.rules.*\(invalid\|fail\|error\|unknown\|ignor\)" "$tmp/udev.err"; then
      fail "udev rule: udevadm complains about the rule: $(grep 90-linli-usb "$tmp/udev.err")"
    else
      ok "udev rule: udevadm reads 90-linli-usb.rules without a complaint"
    fi
    if grep -qx "SYSTEMD_WANTS=linli-usb-mount@$ext4.service" <<<"$props" && grep -q '^TAGS=.*:systemd:' <<<"$props" \
       && grep -qx 'UDISKS_IGNORE=1' <<<"$props"; then
      ok "udev rule: a USB stick (ext4) starts linli-usb-mount@$ext4.service, and udisks2 ignores it"
    else
      fail "udev rule: a USB stick (ext4): $(grep -E 'SYSTEMD_WANTS|TAGS|UDISKS' <<<"$props" | tr '\n' ' ')"
    fi
    # udevadm trigger sends "change" to every device: the stick must stay hidden from udisks2.
    if udev_test "$ext4" usb change | grep -qx 'UDISKS_IGNORE=1'; then
      ok "udev rule: a change event keeps the stick hidden from udisks2"
    else
      fail "udev rule: after a change event udisks2 would mount the stick"
    fi
    udev_none() {  # udev_none WHAT NAME BUS ACTION: the rule starts nothing for this device
      if udev_test "$2" "$3" "$4" | grep -q 'linli-usb-mount'; then fail "udev rule: $1 starts the mount service"
      else ok "udev rule: $1 starts nothing"; fi
    }
    udev_none "a stick that is not on USB (like the SD card)" "$ext4" none add
    [ -n "$blank" ] && udev_none "a USB device without a filesystem" "$blank" usb add
    udev_none "the remove event of a USB stick" "$ext4" usb remove
  fi
fi

echo "check-usb-mount: $passed passed, $failures failed, ${#skipped[@]} parts skipped ($(( $(date +%s) - t0 )) s)"
for s in "${skipped[@]}"; do echo "  skipped: $s"; done
[ $failures -eq 0 ] || exit 1
exit 0
