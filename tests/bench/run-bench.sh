#!/bin/bash
# Kiosk benchmark (issue 2): prints figures, never fails on them. Run after a build:
#   bash tests/bench/run-bench.sh [BUILD_DIR]
# Measures, at 1920x1080 on this machine's GL (llvmpipe here):
#   start    process start -> first frame presented (median of 7), demo content
#   idle     CPU over 30 s with nothing moving (from /proc/PID/stat), and frames drawn meanwhile
#   wake     touch -> next frame, under Xvfb with a real X11 click (xdotool), median of 10
#   memory   peak RSS while scrolling a long notice vs a bare SDL2 window + GL context
#   frames   frame time while scrolling the long notice (median, p90)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
kiosk=$build/app/kiosk/linli-kiosk
bare=$build/tests/bench/linli_bare_window
cmake --build "$build" --target linli_bare_window linli-kiosk >/dev/null || { echo "bench: cannot build in $build (bash packaging/dev.sh test makes it)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"; [ -n "${xvfb:-}" ] && kill $xvfb 2>/dev/null' EXIT
export TZ=Asia/Shanghai
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else {print a[int((NR+1)/2)]}}'; }
ticks=$(getconf CLK_TCK)

echo "== start: process start to first frame presented (offscreen, 1920x1080, demo content)"
starts=()
for i in 1 2 3 4 5 6 7; do
  SDL_VIDEODRIVER=offscreen LINLI_TRACE=1 "$kiosk" --data-dir "$work/d" --windowed 1920x1080 2>"$work/start.log" &
  pid=$!
  for _ in $(seq 100); do grep -q "first frame presented" "$work/start.log" && break; sleep 0.05; done
  kill $pid; wait $pid 2>/dev/null
  starts+=("$(awk '/first frame presented/ {print $5}' "$work/start.log")")
done
echo "   runs (ms): ${starts[*]}"
echo "   median: $(printf '%s\n' "${starts[@]}" | median) ms"

echo "== idle: 30 s with nothing moving"
SDL_VIDEODRIVER=offscreen LINLI_TRACE=1 "$kiosk" --data-dir "$work/d" --windowed 1920x1080 2>"$work/idle.log" &
pid=$!
sleep 3
# Measure within one minute of the clock, so the minute display does not change meanwhile.
sec=$(date +%S); sec=${sec#0}
[ "$sec" -gt 25 ] && sleep $((62 - sec))
frames_before=$(grep -c "trace: frame " "$work/idle.log")
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
sleep 30
read -r u2 s2 < <(awk '{print $14, $15}' /proc/$pid/stat)
frames_after=$(grep -c "trace: frame " "$work/idle.log")
kill $pid; wait $pid 2>/dev/null
cpu=$(awk -v d=$(( (u2 + s2) - (u1 + s1) )) -v t="$ticks" 'BEGIN {printf "%.2f", 100 * d / t / 30}')
echo "   CPU: $cpu% of one core; frames drawn: $((frames_after - frames_before))"

echo "== wake: touch to next frame (Xvfb, X11 driver, real waiting)"
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  sleep 1
  DISPLAY=:97 LINLI_TRACE=1 "$kiosk" --data-dir "$work/d" --windowed 1920x1080 2>"$work/wake.log" &
  pid=$!
  sleep 2
  lat=()
  for i in $(seq 10); do
    n=$(grep -c "trace: frame " "$work/wake.log")
    sent=$(date +%s%3N)
    DISPLAY=:97 xdotool mousemove 1800 1000 mousedown 1
    for _ in $(seq 200); do [ "$(grep -c "trace: frame " "$work/wake.log")" -gt "$n" ] && break; sleep 0.002; done
    first=$(grep "trace: frame " "$work/wake.log" | sed -n "$((n + 1))p" | awk '{print $5}')
    [ -n "$first" ] && lat+=("$(awk -v a="$first" -v b="$sent" 'BEGIN {printf "%.1f", a - b}')")
    DISPLAY=:97 xdotool mouseup 1
    sleep 0.5
  done
  kill $pid; wait $pid 2>/dev/null
  echo "   touch -> frame (ms, includes xdotool start-up): ${lat[*]}"
  echo "   median: $(printf '%s\n' "${lat[@]}" | median) ms"
else
  echo "   skipped: install xvfb and xdotool"
fi

echo "== memory and frames: scrolling the long notice (offscreen, 1920x1080)"
bare_kb=$(SDL_VIDEODRIVER=offscreen "$bare" 1920 1080)
(cd "$work" && SDL_VIDEODRIVER=offscreen LINLI_TRACE=1 LINLI_NOW=1795572030 "$kiosk" --data-dir "$work/d" \
  --script "$top/tests/bench/scroll.ui" 2>"$work/scroll.log")
kiosk_kb=$(grep "script done" "$work/scroll.log" | grep -o "peak [0-9]*" | awk '{print $2}')
echo "   bare SDL2 window + GL context: peak $bare_kb kB"
echo "   kiosk scrolling:               peak $kiosk_kb kB (+$(( (kiosk_kb - bare_kb) / 1024 )) MB)"
grep "trace: frames" "$work/scroll.log" | sed 's/trace: /   /'
