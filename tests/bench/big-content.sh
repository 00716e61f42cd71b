#!/bin/bash
# Content benchmark (issue 3): prints figures, never fails on them. Run after a build:
#   bash tests/bench/big-content.sh [BUILD_DIR]
# Makes an authoring folder of 1,000 notices, 100,000 ledger rows and 50 photos (1280x720 PNG),
# then measures: linli-admin check; the kiosk loading it (parse, decode pictures, write
# preview.db) and its first frame; scrolling the 100,000-row entry list (frame times, memory).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
kiosk=$build/app/kiosk/linli-kiosk admin=$build/app/admin/linli-admin
cmake --build "$build" --target linli_bare_window linli-kiosk linli-admin >/dev/null || { echo "bench: cannot build in $build (bash packaging/dev.sh test makes it)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
big=$work/big
bash "$top/tests/bench/make-big-content.sh" "$big"
echo "folder: $(ls "$big/announcements" | wc -l) notices, $(($(wc -l < "$big/finance/ledger.csv") - 1)) ledger rows, $(ls "$big/media" | wc -l) photos, $(du -sh "$big" | cut -f1)"

ms() { date +%s%3N; }
echo "== linli-admin check (median of 3)"
runs=(); for i in 1 2 3; do s=$(ms); "$admin" check "$big" >/dev/null; runs+=($(( $(ms) - s ))); done
echo "   ${runs[*]} ms"

export SDL_VIDEODRIVER=offscreen LINLI_NOW=1795572030 TZ=Asia/Shanghai
echo "== kiosk: load the folder (parse, decode 50 photos, write preview.db) and draw the first frame (median of 3)"
for i in 1 2 3; do
  LINLI_TRACE=1 "$kiosk" --data-dir "$work/d" --content "$big" --screenshot "$work/x.png" --screen home 2>"$work/t.log"
  awk '/trace: config/ {c=$3} /trace: service/ {s=$3} /first frame/ {f=$5} END {printf "   load %.0f ms, first frame at %.0f ms after start\n", s - c, f}' "$work/t.log"
done

echo "== scrolling the 100,000-row entry list (1920x1080)"
cat > "$work/scroll.ui" <<'UI'
tap "财务公示"
tap "2026全年"
tap "收支明细"
drag 960 950 960 450 300
wait 1500
drag 960 950 960 450 200
wait 1500
drag 960 450 960 950 300
wait 1500
drag 960 900 960 700 1000
UI
(cd "$work" && LINLI_TRACE=1 "$kiosk" --data-dir "$work/d" --content "$big" --script "$work/scroll.ui" 2>"$work/s.log")
grep "trace: frames" "$work/s.log" | sed 's/trace: /   /'
grep "script done" "$work/s.log" | grep -o "peak [0-9]* kB" | sed 's/^/   memory /'
bare=$(SDL_VIDEODRIVER=offscreen "$build/tests/bench/linli_bare_window" 1920 1080)
echo "   (bare SDL2 window + GL context: peak $bare kB)"
