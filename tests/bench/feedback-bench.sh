#!/bin/bash
# 意见箱 benchmark (issue 11): prints figures, never fails on them. Run after a build:
#   bash tests/bench/feedback-bench.sh [BUILD_DIR]
#   submit   one message taken: Argon2id of the receipt code, sealing, the commit with
#            synchronous=FULL, on a real disk ($LINLI_BENCH_DIR, default /var/tmp), median of 30
#   lookup   查看回复 against 100 and 500 locked replies (a code that matches none: the longest)
#   pinyin   key press to new candidates in the engine
#   kiosk    peak RSS after writing 500 distinct characters by pinyin and one by hand (both engines
#            loaded) against the same kiosk browsing the notices; the glyph atlas after it; frame
#            times while typing (1920x1080, offscreen, this machine's GL)
#   stroke   手写: from the finger lifting to the end of the frame that shows the new candidates,
#            over 60 strokes (20 characters of three strokes, each cleared with 重写)
# The handwriting figures have their own benchmark: tests/bench/handwriting-bench.sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
bench=$build/tests/bench/linli_feedback_bench kiosk=$build/app/kiosk/linli-kiosk
cmake --build "$build" --target linli_feedback_bench linli-kiosk >/dev/null || { echo "bench: cannot build in $build (bash packaging/dev.sh test makes it)"; exit 1; }
work=$(mktemp -d); disk=$(mktemp -d "${LINLI_BENCH_DIR:-/var/tmp}/linli-bench.XXXXXX")
trap 'rm -rf "$work" "$disk"' EXIT
export TZ=Asia/Shanghai SDL_VIDEODRIVER=offscreen LINLI_NOW=1795572030

echo "== submit (on $(df --output=source "$disk" | tail -1), $(findmnt -n -o FSTYPE -T "$disk"))"
"$bench" submit "$disk" 30
echo "== lookup"
"$bench" lookup 100
"$bench" lookup 500
echo "== pinyin"
"$bench" pinyin

echo "== kiosk: memory, glyph atlas and frames while writing"
"$bench" script 500 "$work/write500.ui" || { echo "bench: could not make the script"; exit 1; }
cat >> "$work/write500.ui" <<'UI'
tap "手写"
stroke "200,500 800,500" 300
tap "一"
UI
cat > "$work/browse.ui" <<'UI'
tap "公告"
tap "返回首页"
tap "财务公示"
tap "返回首页"
tap "章程制度"
tap "返回首页"
tap "会议"
tap "返回首页"
UI
peak() { grep "trace: script done" "$1" | sed -n 's/.*peak \([0-9]*\) kB.*/\1/p' | tail -1; }
LINLI_TRACE=1 "$kiosk" --data-dir "$work/d1" --script "$work/browse.ui" 2>"$work/browse.log" >/dev/null
LINLI_TRACE=1 "$kiosk" --data-dir "$work/d2" --script "$work/write500.ui" 2>"$work/write.log" >/dev/null \
  || { echo "bench: the writing script failed:"; tail -3 "$work/write.log"; exit 1; }
base=$(peak "$work/browse.log") written=$(peak "$work/write.log")
echo "   peak RSS browsing notices: $((base / 1024)) MB; after 500 characters by pinyin and one by hand: $((written / 1024)) MB; difference $(((written - base) / 1024)) MB"
echo "   glyph atlas: $(grep 'glyph atlas built' "$work/write.log" | tail -1 | sed 's/.*glyph atlas built \([0-9x]* [0-9]* glyphs\).*/\1/') (limit 2048x2048)"
echo "   frames while writing: $(grep 'trace: frames' "$work/write.log" | tail -1 | sed 's/trace: frames //')"

echo "== kiosk: stroke end to candidates on screen"
{ printf 'tap "意见箱"\ntap "写意见"\ntap "安全"\ntap "手写"\n'
  for _ in $(seq 20); do
    printf 'stroke "200,300 800,300" 250\nstroke "500,150 500,850" 300\nstroke "150,700 850,700" 300\ntap "重写"\n'
  done; } > "$work/strokes.ui"
LINLI_TRACE=1 "$kiosk" --data-dir "$work/d3" --script "$work/strokes.ui" 2>"$work/strokes.log" >/dev/null \
  || { echo "bench: the stroke script failed:"; tail -3 "$work/strokes.log"; exit 1; }
echo "   $(grep 'trace: stroke to candidates' "$work/strokes.log" | sed 's/trace: //') (goal: median <= 50 ms)"
