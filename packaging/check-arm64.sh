#!/bin/bash
# The arm64 check: cross-build the unit test binaries for arm64 (as packaging/build-packages.sh
# --arch arm64 builds the packages) and run each under qemu-user on this amd64 machine.
# Usage: bash packaging/check-arm64.sh [TEST_BINARY...]   (default: every unit test binary)
# Prints "ok" or "FAIL" per binary with its time, and the total; exits 1 when any failed.
# The GL and kiosk tests (linli_kiosk_tests, the screenshot scripts) are left out: they need Mesa
# under emulation and test no arm64-specific code. Too slow for the CI test run (see the README,
# "Debian packages"): a packaging check, run before a release.
# Build directory: build/packages/arm64-tests/ (incremental on a second run).
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
t0=$(date +%s)

binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
  binaries=(linli_core_tests linli_store_tests linli_crypto_tests linli_content_tests linli_bundle_tests
            linli_sync_tests linli_input_tests linli_services_tests)
fi

# The arm64 Build-Depends (multiarch -dev:arm64, crossbuild-essential-arm64), then what only the
# tests need: Catch2 (headers, any architecture), qemu-aarch64 and the handwriting model (the
# kiosk package's dependency; architecture-independent, in /usr/share).
bash packaging/build-packages.sh --arch arm64 --deps-only || exit 1
missing=()
for p in qemu-user catch2 tegaki-zinnia-simplified-chinese; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  echo "check-arm64: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
fi

dir=$top/build/packages/arm64-tests
mkdir -p "$dir/logs"
jobs=$(nproc 2>/dev/null || echo 2)
echo "check-arm64: cross-building ${#binaries[@]} test binaries in ${dir#"$top"/}"
bstart=$(date +%s)
if ! cmake -S "$top" -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$top/packaging/aarch64-toolchain.cmake" \
       -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$dir/logs/configure.log" 2>&1; then
  tail -20 "$dir/logs/configure.log"; echo "FAIL configure (log: $dir/logs/configure.log)"; exit 1
fi
targets=()
for b in "${binaries[@]}"; do
  if ninja -C "$dir" -t query "tests/$b" >/dev/null 2>&1; then targets+=("$b"); else echo "skip $b (no such test binary)"; fi
done
if ! cmake --build "$dir" -j "$jobs" --target "${targets[@]}" >"$dir/logs/build.log" 2>&1; then
  grep -m20 -E "error|Error" "$dir/logs/build.log"; echo "FAIL build (log: $dir/logs/build.log)"; exit 1
fi
# Tests that talk to `linli-admin serve` start it from the build directory. An arm64 program cannot
# start another arm64 program here (qemu-user runs only the process it was given; no binfmt_misc),
# and the server runs on the administrators' PC anyway: so it is a native linli-admin, built from
# the same sources in native-admin/, against which the arm64 kiosk code is tested.
native=$dir/native-admin
if ! { cmake -S "$top" -B "$native" -G Ninja -DLINLI_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         && cmake --build "$native" -j "$jobs" --target linli-admin; } >"$dir/logs/native-admin.log" 2>&1; then
  tail -20 "$dir/logs/native-admin.log"; echo "FAIL building the native linli-admin (log: $dir/logs/native-admin.log)"; exit 1
fi
mkdir -p "$dir/app/admin"
cp -f "$native/app/admin/linli-admin" "$dir/app/admin/linli-admin"
echo "check-arm64: built in $(( $(date +%s) - bstart )) s (and a native linli-admin for the LAN tests)"
echo "  $(readelf -h "$dir/tests/${targets[0]}" | sed -n 's/^ *Machine: *//p') binaries, run with $(qemu-aarch64 --version | head -1)"

failures=0
tstart=$(date +%s)
for b in "${targets[@]}"; do
  s=$(date +%s%N)
  # As ctest runs them (tests/CMakeLists.txt): scratch files in RAM, from the build directory.
  (cd "$dir/tests" && TMPDIR=/dev/shm qemu-aarch64 "./$b") >"$dir/logs/$b.log" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - s) / 1000000 ))
  secs=$((ms / 1000)).$(( ms % 1000 / 100 ))
  summary=$(grep -E "^(All tests passed|test cases:)" "$dir/logs/$b.log" | tail -1)
  if [ $rc -eq 0 ]; then
    printf 'ok   %-24s %6s s  %s\n' "$b" "$secs" "$summary"
  else
    printf 'FAIL %-24s %6s s  exit %d, %s (log: %s)\n' "$b" "$secs" "$rc" "$summary" "${dir#"$top"/}/logs/$b.log"
    failures=$((failures + 1))
  fi
done
echo "check-arm64: tests ran in $(( $(date +%s) - tstart )) s under qemu-aarch64; total $(( $(date +%s) - t0 )) s"
if [ $failures -gt 0 ]; then echo "check-arm64: $failures of ${#targets[@]} test binaries FAILED"; exit 1; fi
echo "check-arm64: all ${#targets[@]} test binaries passed on arm64 (qemu)"
