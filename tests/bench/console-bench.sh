#!/bin/bash
# The web console's figures (issue 14): each page's API answer on the big folder (1,000 notices,
# 100,000 ledger rows: tests/bench/make-big-content.sh), the first overview after an edit (the
# whole check again) and the cached one, publishing the demo folder, and the console's CPU while
# idle. Medians of several runs; prints figures, never fails on them.
#   bash tests/bench/console-bench.sh [BUILD_DIR]        goals: pages < 300 ms, publish < 3 s, idle ~0%
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
cmake --build "$build" --target linli-admin >/dev/null || { echo "bench: cannot build linli-admin in $build"; exit 1; }
admin=$build/app/admin/linli-admin
work=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
export LANG=C.UTF-8

start_console() {  # start_console WORKSPACE LOG: sets $url and $jar's session
  local ws=$1 log=$2 port
  port=$((20000 + RANDOM % 20000))
  "$admin" console "$ws" --port "$port" --kiosk-port $((port + 1)) --no-browser >"$log" 2>&1 &
  pids+=($!); pid=$!
  for i in $(seq 100); do grep -qs "^console: open the link" "$log" && break; sleep 0.1; done
  base=http://127.0.0.1:$port
  curl -s -c "$work/jar" -o /dev/null "$(grep -o "$base/login?token=[A-Z0-9]*" "$log" | head -1)"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
timed() {  # timed N ARGS...: the median of N curl runs, in ms
  local n=$1; shift
  for i in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$work/jar" "$@"; done | awk '{print $1 * 1000}' | median
}

"$admin" init "$work/big" >/dev/null
rm -rf "$work/big/content"
bash "$top/tests/bench/make-big-content.sh" "$work/big/content"
cp -r "$top/assets/demo/ballots" "$top/assets/demo/recruitment" "$work/big/content/"  # the forms' own kinds
start_console "$work/big" "$work/big.log"
echo "== console pages on the big folder (1,000 notices, 100,000 ledger rows), median of 9, ms"
# The first overview after a file changed checks the whole folder again: a file touched before each.
for i in 1 2 3 4 5; do
  touch "$work/big/content/board.toml"
  curl -s -o /dev/null -w '%{time_total}\n' -b "$work/jar" "$base/api/overview"
done | awk '{print $1 * 1000}' | median | xargs printf '%-42s %8.1f\n' "overview, after an edit (checked, median of 5)"
for path in / /static/console.js /api/session /api/overview /api/announcements /api/announcements/n500 /api/meetings /api/finance /api/ballots \
            /api/ballots/environment-leader/settings /api/recruitment /api/recruitment/environment-group /api/feedback; do
  printf '%-42s %8.1f\n' "$path" "$(timed 9 "$base$path")"
done
csrf=$(curl -s -b "$work/jar" "$base/api/session" | sed -n 's/.*"csrf":"\([A-Z0-9]*\)".*/\1/p')
printf '%-42s %8.1f\n' "save an announcement (checked)" "$(timed 5 -H "X-CSRF-Token: $csrf" --data '{"fields":{"title":"停水通知","body":"x"}}' "$base/api/announcements/n500")"
printf '%-42s %8.1f\n' "save a ballot's settings (checked)" "$(timed 5 -H "X-CSRF-Token: $csrf" --data '{"fields":{"title":"环境组组长选举","kind":"single","opens":"2026-12-20T08:00:00+08:00","closes":"2026-12-27T20:00:00+08:00","codes":"required","quorum":"100","choices":[{"name":"王芳","bio":"退休教师"},{"name":"赵强"},{"name":"周敏"}]}}' "$base/api/ballots/environment-leader/settings")"

"$admin" init "$work/demo" >/dev/null
start_console "$work/demo" "$work/demo.log"
csrf=$(curl -s -b "$work/jar" "$base/api/session" | sed -n 's/.*"csrf":"\([A-Z0-9]*\)".*/\1/p')
echo "== publishing the demo folder (check, build, sign), median of 5, ms"
printf '%-42s %8.1f\n' "publish" "$(timed 5 -H "X-CSRF-Token: $csrf" --data '{}' "$base/api/publish")"

echo "== the console idle for 10 s (both listeners up, nobody asking)"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks); sleep 10; after=$(ticks)
echo "cpu: $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms in 10 s ($(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz / 10 * 100}')%)"
echo "rss: $(awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status")"
