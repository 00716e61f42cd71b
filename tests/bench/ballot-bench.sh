#!/bin/bash
# 投票表决 benchmark (issue 12): prints figures, never fails on them.
#   bash tests/bench/ballot-bench.sh [BUILD_DIR]
#   cast     确认 (the code's check) and 确认投票 to 投票成功 (seal + commit, synchronous=FULL) on a
#            real disk ($LINLI_BENCH_DIR, default /var/tmp): median of 30       goal: cast <= 200 ms
#   codes    linli-admin codes for 10,000 codes with the PDF                    goal: <= 10 s
#   collect  10 kiosks x 1,000 ballots                                          goal: <= 5 s
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
cmake --build "$build" --target linli_ballot_bench linli-admin >/dev/null || { echo "bench: cannot build in $build (bash packaging/dev.sh test makes it)"; exit 1; }
bench=$build/tests/bench/linli_ballot_bench admin=$build/app/admin/linli-admin
work=$(mktemp -d); disk=$(mktemp -d "${LINLI_BENCH_DIR:-/var/tmp}/linli-bench.XXXXXX")
trap 'rm -rf "$work" "$disk"' EXIT
export TZ=Asia/Shanghai LINLI_NOW=1795572030
echo "== cast (on $(df --output=source "$disk" | tail -1), $(findmnt -n -o FSTYPE -T "$disk"))"
"$bench" cast "$disk" 30
echo "== codes"
cp -r "$top/assets/demo" "$work/content"
start=$(date +%s%N)
LINLI_TRACE=1 "$admin" codes --ballot charter-vote --count 10000 --kiosk lobby-1 --content "$work/content" --out "$work/slips" \
  2>"$work/codes.err" >/dev/null || { echo "bench: codes failed:"; cat "$work/codes.err"; exit 1; }
echo "   10,000 codes with the PDF: $(( ($(date +%s%N) - start) / 1000000 )) ms ($(sed 's/trace: codes //' "$work/codes.err"))"
echo "== collect"
"$bench" collect "$work/kiosks" 10 1000
