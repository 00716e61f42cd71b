#!/bin/bash
# Build Linli's Debian packages into build/packages/ (INTERFACES.md §5):
#   linli-kiosk_<version>_<arch>.deb   the kiosk, demo board, /etc/linli config, systemd unit, USB
#                                      stick mounting (udev rule, linli-usb-mount@.service)
#   linli-admin_<version>_<arch>.deb   the administrators' tool
# Usage: bash packaging/build-packages.sh [--arch amd64|arm64|all] [--no-lintian] [--deps-only]
#   --deps-only  only install what building for ARCH needs (packaging/check-arm64.sh uses it)
# <version> is project(VERSION) in CMakeLists.txt. amd64 is built natively; arm64 is cross-built on
# amd64 with Debian multiarch (dpkg --add-architecture arm64, the -dev:arm64 packages,
# crossbuild-essential-arm64 and packaging/aarch64-toolchain.cmake). Missing packages are installed
# with apt-get (through sudo when not root), as packaging/dev.sh does.
#
# The source tree for dpkg-buildpackage is staged out of tree, in build/packages/<arch>/linli-<version>/:
# links to the sources, a copy of packaging/debian/ as debian/ and a generated debian/changelog.
# The CMake build directory there (obj-<triplet>/) is kept, so a second run is incremental.
# After building, each package is checked: lintian (fails on errors; warnings are listed) and
# `systemd-analyze verify` on the units as installed.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

arches=amd64
lintian=yes
deps_only=no
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arches=${2:-}; shift 2 ;;
    --arch=*) arches=${1#--arch=}; shift ;;
    --no-lintian) lintian=no; shift ;;
    --deps-only) deps_only=yes; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-packages: unknown argument: $1 (usage: --arch amd64|arm64|all)" >&2; exit 2 ;;
  esac
done
case $arches in
  amd64|arm64) ;;
  all) arches="amd64 arm64" ;;
  *) echo "build-packages: --arch must be amd64, arm64 or all, not '$arches'" >&2; exit 2 ;;
esac

version=$(sed -n 's/^project(linli VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "build-packages: no project(linli VERSION x.y.z) in CMakeLists.txt" >&2; exit 1; }
out=$top/build/packages
mkdir -p "$out"
native=$(dpkg --print-architecture)
jobs=$(nproc 2>/dev/null || echo 2)
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
say() { echo "build-packages: $*"; }

apt_install() {  # apt_install PACKAGE... : install what is missing
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${#missing[@]} missing packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The tools, then each architecture's Build-Depends (debian/control is the one list of them).
tools=(dpkg-dev debhelper fakeroot lintian systemd build-essential)
for arch in $arches; do
  [ "$arch" != "$native" ] && tools+=("crossbuild-essential-$arch")
done
apt_install "${tools[@]}"

stage_tree() {  # stage_tree ARCH -> prints the staged source directory
  local arch=$1 stage=$out/$1/linli-$version f
  mkdir -p "$stage"
  for f in CMakeLists.txt LICENSE README.md app assets kiosk-config tests packaging; do
    ln -sfn "$top/$f" "$stage/$f"
  done
  # A fresh debian/ each time: debhelper's state lives there, so every step runs again; the CMake
  # build directory (obj-*) is outside it and stays, so the compile is incremental.
  rm -rf "$stage/debian"
  cp -r "$top/packaging/debian" "$stage/debian"
  local when commit
  when=$(git -C "$top" log -1 --format=%cD 2>/dev/null || date -R)
  commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
  local maintainer
  maintainer=$(sed -n 's/^Maintainer: //p' "$top/packaging/debian/control")
  cat >"$stage/debian/changelog" <<EOF
linli ($version) bookworm; urgency=medium

  * Built from the source tree at commit $commit by packaging/build-packages.sh
    (the version is project(VERSION) in CMakeLists.txt).

 -- $maintainer  $when
EOF
  echo "$stage"
}

build_deps() {  # build_deps ARCH STAGE: install the unmet Build-Depends
  local arch=$1 stage=$2 args=()
  if [ "$arch" != "$native" ]; then
    if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
      say "adding the $arch architecture to dpkg (multiarch)"
      "${sudo[@]}" dpkg --add-architecture "$arch"
      "${sudo[@]}" apt-get update -q >/dev/null
    fi
    args=(-a "$arch" -P cross,nocheck)
  fi
  if ! (cd "$stage" && dpkg-checkbuilddeps "${args[@]}" >/dev/null 2>&1); then
    say "installing the Build-Depends for $arch"
    "${sudo[@]}" apt-get update -q >/dev/null
    (cd "$stage" && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get build-dep -y -q --no-install-recommends "${args[@]}" ./)
  fi
  if [ "$arch" != "$native" ]; then cross_zinnia "$arch"; fi
}

# libzinnia0 is not Multi-Arch: same: installing libzinnia0:ARCH would remove the build machine's
# libzinnia0 and libzinnia-dev, so it cannot be a cross Build-Depends (packaging/debian/control).
# Its library is unpacked instead, outside dpkg, into /usr/local/lib/<triplet> (the local
# administrator's folder, where no package installs), where packaging/cross-pkgconfig/zinnia.pc
# finds it.
cross_zinnia() {  # cross_zinnia ARCH
  local arch=$1 triplet dir tmp
  triplet=$(dpkg-architecture -a "$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)
  dir=/usr/local/lib/$triplet
  [ -e "$dir/libzinnia.so" ] && return 0
  say "unpacking libzinnia0:$arch into $dir"
  tmp=$(mktemp -d)
  # apt-get download as root warns that _apt cannot write to $tmp: harmless, only shown on failure.
  if ! (cd "$tmp" && apt-get download -q "libzinnia0:$arch") >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2; rm -rf "$tmp"; say "FAIL: cannot download libzinnia0:$arch"; return 1
  fi
  dpkg-deb -x "$tmp"/libzinnia0_*.deb "$tmp/root"
  "${sudo[@]}" mkdir -p "$dir"
  "${sudo[@]}" cp -a "$tmp/root/usr/lib/$triplet/." "$dir/"
  # The link for -lzinnia, which libzinnia-dev would ship.
  "${sudo[@]}" ln -sfn libzinnia.so.0 "$dir/libzinnia.so"
  rm -rf "$tmp"
}

check_unit() {  # check_unit DEB: systemd-analyze verify on the units and programs the package installs
  local deb=$1 root
  root=$(mktemp -d "$out/verify.XXXXXX")
  dpkg-deb -x "$deb" "$root"
  if bash "$top/packaging/check-unit.sh" "$root/usr/bin/linli-kiosk" "$root/lib/systemd/system/linli-kiosk.service" \
       "$root/lib/systemd/system/linli-usb-mount@.service" "$root/usr/lib/linli/linli-usb-mount" \
       | sed 's/^check-unit/build-packages/'; then
    rm -rf "$root"
  else
    say "FAIL: the unit in $deb"; rm -rf "$root"; return 1
  fi
}

status=0
for arch in $arches; do
  start=$(date +%s)
  mkdir -p "$out/$arch"
  exec 9>"$out/$arch/.lock"
  flock 9  # one build per staged tree at a time (a ctest run and a developer's, say)
  stage=$(stage_tree "$arch")
  build_deps "$arch" "$stage"
  [ "$deps_only" = yes ] && continue
  log=$out/$arch/build.log
  rm -f "$out/$arch"/*.deb
  env=(DEB_BUILD_OPTIONS="parallel=$jobs")
  args=(-b -us -uc -nc -j"$jobs")
  if [ "$arch" != "$native" ]; then
    env=(DEB_BUILD_OPTIONS="nocheck parallel=$jobs" DEB_BUILD_PROFILES="cross nocheck")
    args+=(-a "$arch")
  fi
  say "building $arch packages (log: ${log#"$top"/})"
  if ! (cd "$stage" && env "${env[@]}" dpkg-buildpackage "${args[@]}") >"$log" 2>&1; then
    tail -30 "$log"
    say "FAIL: dpkg-buildpackage for $arch (whole log: $log)"
    exit 1
  fi
  debs=()
  for pkg in linli-kiosk linli-admin; do
    deb=${pkg}_${version}_${arch}.deb
    [ -f "$out/$arch/$deb" ] || { say "FAIL: dpkg-buildpackage made no $deb"; exit 1; }
    cp -f "$out/$arch/$deb" "$out/$deb"
    debs+=("$out/$deb")
  done
  exec 9>&-
  say "$arch: built in $(( $(date +%s) - start )) s"
  for deb in "${debs[@]}"; do
    echo "  ${deb#"$top"/} ($(du -k "$deb" | cut -f1) KiB)"
    echo "    Depends: $(dpkg-deb -f "$deb" Depends)" | fold -s -w 100 | sed '2,$s/^/      /'
  done

  check_unit "$out/linli-kiosk_${version}_${arch}.deb" || status=1
  if [ "$lintian" = yes ]; then
    lstart=$(date +%s)
    # --fail-on error: warnings are listed, only errors fail (lintian refuses to run as root
    # without --allow-root; it only reads the packages).
    if lintian --allow-root --fail-on error --tag-display-limit 0 "${debs[@]}" >"$out/$arch/lintian.txt" 2>&1; then
      say "lintian: no errors ($(grep -c '^W: ' "$out/$arch/lintian.txt" || true) warnings, $(( $(date +%s) - lstart )) s)"
    else
      say "FAIL: lintian found errors"
      status=1
    fi
    sed 's/^/  /' "$out/$arch/lintian.txt"
  fi
done
exit $status
