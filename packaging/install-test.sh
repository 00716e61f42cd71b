#!/bin/bash
# Install test for the amd64 packages: install them into a fresh Debian 12 root, check what they
# put there, run the kiosk as its user, then remove and purge and check what is left.
# Usage: bash packaging/install-test.sh [--rebuild]
#   --rebuild  build the packages first even when build/packages/ has them
# Needs root (debootstrap, chroot, mounts; re-runs itself through sudo otherwise) and Debian's
# archive. The minimal bookworm root is made once with debootstrap and kept in
# build/packages/install-test/base/ (about 2 minutes); each run starts from it again (an overlay,
# or a copy), and downloaded packages are cached in build/packages/install-test/apt-archives/, so
# a second run takes about 15 s.
# Prints one "ok" or "FAIL" line per check and exits 1 when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
if [ "$(id -u)" -ne 0 ]; then exec sudo bash "$0" "$@"; fi

rebuild=no
for arg in "$@"; do
  case $arg in
    --rebuild) rebuild=yes ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-test: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

t0=$(date +%s)
version=$(sed -n 's/^project(linli VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
out=$top/build/packages
work=$out/install-test
kiosk_deb=$out/linli-kiosk_${version}_amd64.deb
admin_deb=$out/linli-admin_${version}_amd64.deb
mkdir -p "$work"
exec 8>"$work/.lock"
flock 8

source "$top/packaging/check-lib.sh"

# ---- the packages
if [ "$rebuild" = yes ] || [ ! -f "$kiosk_deb" ] || [ ! -f "$admin_deb" ]; then
  phase "building the amd64 packages"
  bash packaging/build-packages.sh --arch amd64 --no-lintian || { echo "FAIL building the packages"; exit 1; }
fi

# ---- a fresh root
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null \
  || { echo "FAIL cannot install debootstrap"; exit 1; }
mirror=$(grep -h -m1 '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}')
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
base=$work/base
if [ ! -f "$base/.base-done" ]; then
  phase "making the base root with debootstrap (once; kept in ${base#"$top"/})"
  rm -rf "$base"; mkdir -p "$base"
  if ! debootstrap --variant=minbase bookworm "$base" "$mirror" >"$work/debootstrap.log" 2>&1; then
    echo "FAIL debootstrap (see $work/debootstrap.log)"; exit 1
  fi
  touch "$base/.base-done"
fi

phase "a fresh root from the base"
root=$work/root
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null; done
}
trap cleanup EXIT
for m in var/cache/apt/archives proc dev ""; do umount -l "$root/$m" 2>/dev/null; done  # a run that was killed
rm -rf "$root" "$work/upper" "$work/overlay-work"
mkdir -p "$root" "$work/upper" "$work/overlay-work"
# An overlay on the base costs nothing; where overlayfs is not available, a copy (~30 s).
if mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$root" 2>/dev/null; then
  mounted+=("$root")
else
  cp -a "$base/." "$root/"
fi
# The same archive as this machine (with bookworm-updates and -security), no other repositories.
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  rm -f "$root/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
# Services must not start in the root (there is no systemd in it anyway).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
mkdir -p "$work/apt-archives/partial" "$root/var/cache/apt/archives" "$root/debs"
mount --bind /dev "$root/dev" && mounted+=("$root/dev")
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount --bind "$work/apt-archives" "$root/var/cache/apt/archives" && mounted+=("$root/var/cache/apt/archives")
cp "$kiosk_deb" "$admin_deb" "$root/debs/"

inside() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
             DEBIAN_FRONTEND=noninteractive "$@"; }
as_linli() { inside setpriv --reuid=linli --regid=linli --init-groups --reset-env "$@"; }

# ---- install
# --no-install-recommends: the Depends alone must make a working kiosk.
phase "apt-get install --no-install-recommends of both packages"
if ! inside apt-get update -q >"$work/apt.log" 2>&1; then
  echo "FAIL apt-get update in the root (see $work/apt.log)"; exit 1
fi
if inside apt-get install -y -q --no-install-recommends "/debs/${kiosk_deb##*/}" "/debs/${admin_deb##*/}" >>"$work/apt.log" 2>&1; then
  ok "apt-get install linli-kiosk linli-admin (dependencies from Debian's archive)"
else
  fail "apt-get install (see $work/apt.log)"; tail -20 "$work/apt.log"; exit 1
fi

phase "checks after installation"
for f in /usr/bin/linli-kiosk /usr/bin/linli-admin /usr/share/linli/demo/board.toml \
         /etc/linli/kiosk.toml /etc/linli/keys/README /lib/systemd/system/linli-kiosk.service \
         /usr/share/man/man1/linli-kiosk.1.gz /usr/share/man/man1/linli-admin.1.gz \
         /usr/share/doc/linli-kiosk/copyright; do
  check "file $f" test -e "$root$f"
done
check "/etc/linli/kiosk.toml is a conffile" \
  bash -c "chroot '$root' dpkg-query -W -f='\${Conffiles}' linli-kiosk | grep -q '/etc/linli/kiosk.toml '"
check "fonts: a Chinese font is installed (fonts-noto-cjk or fonts-wqy-microhei)" \
  bash -c "ls '$root'/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc '$root'/usr/share/fonts/truetype/wqy/wqy-microhei.ttc 2>/dev/null | grep -q ."
passwd=$(inside getent passwd linli)
check "user linli exists, a system user with home /var/lib/linli: $passwd" \
  bash -c "echo '$passwd' | awk -F: '\$3 < 1000 && \$6 == \"/var/lib/linli\" {ok=1} END {exit !ok}'"
check "group linli exists" inside getent group linli
groups=$(inside id -nG linli 2>/dev/null)
for g in video input render audio; do
  check "linli is in group $g ($groups)" bash -c "echo ' $groups ' | grep -q ' $g '"
done
owner=$(inside stat -c '%U:%G %a' /var/lib/linli 2>/dev/null || echo missing)
check "/var/lib/linli is linli:linli 750 ($owner)" test "$owner" = "linli:linli 750"
conf=$(inside stat -c '%U:%G %a' /etc/linli/kiosk.toml 2>/dev/null || echo missing)
check "/etc/linli/kiosk.toml is root:linli 640 ($conf)" test "$conf" = "root:linli 640"
check "linli-kiosk.service enabled for multi-user.target" \
  test -L "$root/etc/systemd/system/multi-user.target.wants/linli-kiosk.service"
# USB sticks: the udev rule, the template unit and its helper, with the modes udev, systemd and
# the unit's ExecStart= need; the template is started by udev only, never enabled.
usb_rule=/lib/udev/rules.d/90-linli-usb.rules
usb_unit=/lib/systemd/system/linli-usb-mount@.service
usb_helper=/usr/lib/linli/linli-usb-mount
for f in "$usb_rule:root:root 644" "$usb_unit:root:root 644" "$usb_helper:root:root 755" \
         "/usr/lib/tmpfiles.d/linli-kiosk.conf:root:root 644"; do
  mode=$(inside stat -c '%U:%G %a' "${f%%:*}" 2>/dev/null || echo missing)
  check "USB: ${f%%:*} is ${f#*:} ($mode)" test "$mode" = "${f#*:}"
done
check "USB: linli-usb-mount@.service is not enabled (udev starts it)" \
  bash -c "! find '$root/etc/systemd' -name 'linli-usb-mount@*' | grep -q ."
check "USB: the tmpfiles.d entry makes /media/linli" grep -qx 'd /media/linli 0755 root root -' "$root/usr/lib/tmpfiles.d/linli-kiosk.conf"
usb_out=$(inside "$usb_helper" mount sdz9 2>&1); usb_rc=$?
check "USB: the helper runs in the installed system and refuses a missing device (rc $usb_rc: $usb_out)" \
  bash -c '[ "$1" -eq 2 ] && grep -q "no such block device" <<<"$2"' _ "$usb_rc" "$usb_out"
if command -v systemd-analyze >/dev/null; then
  # The root has no systemd: check-unit.sh verifies the installed units and programs with this
  # machine's systemd-analyze (the USB template through the instance linli-usb-mount@sda1).
  check "systemd-analyze verify accepts the installed units" \
    bash packaging/check-unit.sh "$root/usr/bin/linli-kiosk" "$root/lib/systemd/system/linli-kiosk.service" \
      "$root$usb_unit" "$root$usb_helper"
fi

status=$(as_linli /usr/bin/linli-kiosk --status --config /etc/linli/kiosk.toml --data-dir /var/lib/linli 2>"$work/status.err")
rc=$?
echo "$status" >"$work/status.json"
check "linli-kiosk --status as user linli exits 0 (rc $rc)" test $rc -eq 0
check "--status prints JSON with kiosk_id lobby-1, content_version and data_dir /var/lib/linli" \
  jq -e '.kiosk_id == "lobby-1" and has("content_version") and has("counts") and .data_dir == "/var/lib/linli"' "$work/status.json"
check "--status shows the installed demo board (/usr/share/linli/demo)" \
  jq -e '.content_source == "/usr/share/linli/demo"' "$work/status.json"
db_owner=$(inside stat -c %U /var/lib/linli/kiosk.db 2>/dev/null || echo missing)
check "the kiosk's database is /var/lib/linli/kiosk.db, owned by linli ($db_owner)" test "$db_owner" = linli
root_out=$(inside /usr/bin/linli-kiosk --status --config /etc/linli/kiosk.toml --data-dir /var/lib/linli 2>&1); root_rc=$?
check "linli-kiosk run by root in /var/lib/linli is refused, naming the user to run it as (rc $root_rc)" \
  bash -c '[ "$1" -eq 2 ] && grep -q "sudo -u linli" <<<"$2"' _ "$root_rc" "$root_out"
rm -f "$root/tmp/home.png"
as_linli env SDL_VIDEODRIVER=offscreen /usr/bin/linli-kiosk --config /etc/linli/kiosk.toml \
  --data-dir /var/lib/linli --screenshot /tmp/home.png --screen home --size 1280x720 >"$work/screenshot.log" 2>&1
check "linli-kiosk renders the home screen offscreen as linli (Mesa, SDL, fonts)" test -s "$root/tmp/home.png"
[ -s "$root/tmp/home.png" ] && cp "$root/tmp/home.png" "$work/home.png"
check "linli-admin --help" bash -c "chroot '$root' /usr/bin/linli-admin --help | grep -q 'usage: linli-admin'"
check "linli-admin check-config /etc/linli/kiosk.toml says ok" \
  bash -c "chroot '$root' /usr/bin/linli-admin check-config /etc/linli/kiosk.toml | grep -qx ok"

# ---- remove keeps the data and the config
phase "apt-get remove linli-kiosk"
echo "an administrator's key" >"$root/etc/linli/keys/sign.pub"
if inside apt-get remove -y -q linli-kiosk >>"$work/apt.log" 2>&1; then ok "apt-get remove linli-kiosk"; else fail "apt-get remove (see $work/apt.log)"; fi
check "remove: /usr/bin/linli-kiosk is gone" test ! -e "$root/usr/bin/linli-kiosk"
check "remove: the unit is gone" test ! -e "$root/lib/systemd/system/linli-kiosk.service"
check "remove: the USB rule, template unit and helper are gone" \
  test ! -e "$root$usb_rule" -a ! -e "$root$usb_unit" -a ! -e "$root$usb_helper"
check "remove: /var/lib/linli and its database are kept" test -f "$root/var/lib/linli/kiosk.db"
check "remove: /etc/linli/kiosk.toml and the keys are kept" test -f "$root/etc/linli/kiosk.toml" -a -f "$root/etc/linli/keys/sign.pub"
check "remove: user linli is kept" inside getent passwd linli

# ---- purge deletes everything
phase "apt-get purge linli-kiosk linli-admin"
if inside apt-get purge -y -q linli-kiosk linli-admin >>"$work/apt.log" 2>&1; then ok "apt-get purge linli-kiosk linli-admin"; else fail "apt-get purge (see $work/apt.log)"; fi
check_purged() {  # check_purged WHEN
  check "$1: /var/lib/linli is gone" test ! -e "$root/var/lib/linli"
  check "$1: /etc/linli is gone" test ! -e "$root/etc/linli"
  check "$1: user linli is gone" bash -c "! chroot '$root' getent passwd linli"
  check "$1: group linli is gone" bash -c "! chroot '$root' getent group linli"
  check "$1: no dpkg-statoverride left" bash -c "! chroot '$root' dpkg-statoverride --list | grep -q linli"
  check "$1: the enable link is gone" test ! -e "$root/etc/systemd/system/multi-user.target.wants/linli-kiosk.service"
  check "$1: dpkg knows neither package" bash -c "! chroot '$root' dpkg -l linli-kiosk linli-admin 2>/dev/null | grep -q '^[a-z][a-z] '"
}
check_purged "purge after remove"

# ---- and a purge straight from installed
phase "install again, then purge at once"
if inside apt-get install -y -q --no-install-recommends "/debs/${kiosk_deb##*/}" "/debs/${admin_deb##*/}" >>"$work/apt.log" 2>&1 \
   && as_linli /usr/bin/linli-kiosk --status --config /etc/linli/kiosk.toml --data-dir /var/lib/linli >/dev/null 2>&1 \
   && inside apt-get purge -y -q linli-kiosk linli-admin >>"$work/apt.log" 2>&1; then
  ok "install, --status, purge"
else
  fail "install, --status, purge (see $work/apt.log)"
fi
check_purged "purge from installed"

finish install-test "logs in ${work#"$top"/}/"
