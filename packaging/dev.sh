#!/bin/bash
# The README's two commands for a developer's Debian 12 / Raspberry Pi OS machine:
#   bash packaging/dev.sh run    install missing packages, build, start the kiosk on the demo content
#                                (no display: render the main screens to PNG files and say where)
#   bash packaging/dev.sh test   the same set-up, then the whole test suite, also under ASan+UBSan
# Both are idempotent: packages are installed only when missing, builds are incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
mode=${1:-}
case $mode in run|test|setup) ;; *) echo "usage: bash packaging/dev.sh run|test" >&2; exit 2;; esac

# Build and test dependencies, all from Debian 12 (see ../shared/design/TECH-NOTES.md).
packages=(
  build-essential cmake ninja-build pkg-config git
  libsdl2-dev libimgui-dev libsqlite3-dev libqrencode-dev catch2 libsodium-dev
  libfreetype-dev libtomlplusplus-dev libpng-dev libjpeg-dev libmd4c-dev libqrencode-dev
  libzbar-dev zbar-tools libgles-dev libegl-dev
  libgl1-mesa-dri libegl-mesa0 fonts-noto-cjk fonts-wqy-microhei
  libcurl4-openssl-dev libcpp-httplib-dev libsystemd-dev nlohmann-json3-dev
  libgooglepinyin0-dev libzinnia-dev tegaki-zinnia-simplified-chinese libcairo2-dev
  libespeak-ng-dev espeak-ng-data
  sqlite3 xauth xvfb procps
)

# Only the test suite needs these: a real web server for LAN sync tests, curl to talk to ours,
# mkfs.vfat for a FAT "USB stick" (packaging/check-usb-mount.sh), pdftotext to read the voting
# slips back (tests/admin/codes_test.sh), the cage compositor (with
# the Xwayland it insists on) for the cage launch mode (tests/kiosk/cage_test.sh), and a real
# browser driven by Selenium for the web console (tests/admin/console_browser_test.py), and
# openssl for the console's self-signed TLS certificate (tests/admin/console_test.sh).
test_packages=(nginx-core curl dosfstools cage xwayland poppler-utils chromium chromium-driver python3-selenium openssl)

install_missing() {
  local missing=()
  [ "$mode" = test ] && packages+=("${test_packages[@]}")
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "linli: installing ${#missing[@]} missing packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)
build() {  # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S "$top" -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

has_display() {
  [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || compgen -G "/dev/dri/card*" >/dev/null
}

# Chromium and chromedriver (the web console's browser test) find each other at "localhost": a
# minimal root (debootstrap, some containers) may have no /etc/hosts to say where that is.
ensure_localhost() {
  getent hosts localhost >/dev/null && return 0
  echo "linli: \"localhost\" does not resolve here (no /etc/hosts entry); adding the standard lines to /etc/hosts"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' | "${sudo[@]}" tee -a /etc/hosts >/dev/null
}

install_missing
[ "$mode" = test ] && ensure_localhost
[ "$mode" = setup ] && exit 0

if [ "$mode" = run ]; then
  build build
  kiosk=build/app/kiosk/linli-kiosk
  if has_display; then
    exec "$kiosk"
  fi
  out=build/screenshots
  mkdir -p "$out"
  echo "linli: no display found (no DISPLAY, WAYLAND_DISPLAY or /dev/dri/card*); rendering the main screens offscreen"
  for screen in home announcements finance recruitment documents meetings progress ballots feedback admin; do
    SDL_VIDEODRIVER=offscreen "$kiosk" --screenshot "$out/$screen.png" --screen "$screen" --size 1920x1080
  done
  echo "linli: screenshots written to $top/$out/"
  ls -1 "$out"
  exit 0
fi

# test: the normal build and a sanitizer build, each with the whole suite.
build build
(cd build && ctest --output-on-failure -j "$jobs")
# The sanitizer tree is built as a unity build (8 files a batch): it is built whole, rarely
# incrementally, and compiles in about 60% of the time (measured: 201 s against 350 s on 2 cores).
build build-asan -DLINLI_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8
# alloc_dealloc_mismatch=0: Debian's libgooglepinyin frees a new[] with delete when its decoder is
# opened a second time (SpellingTrie::build_ym_info), which the kiosk does on every idle reset to
# wipe the user dictionary; ASan cannot suppress that report by library.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:alloc_dealloc_mismatch=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
(cd build-asan && ctest --output-on-failure -j "$jobs")
