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
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
big=$work/big
mkdir -p "$big"/{announcements,finance,media,progress}
cp "$top/assets/demo/board.toml" "$big/"
body=$(sed -n '/^+++$/,/^+++$/!p' "$top/assets/demo/documents/charter-draft.md" | head -n 14)
for i in $(seq 1 1000); do
  printf '+++\ntitle = "第%d号通知：社区公共事务公示"\npublish = 2026-%02d-%02d\ncategory = "通知"\n+++\n%s\n' \
    "$i" $(( (i % 11) + 1 )) $(( (i % 28) + 1 )) "$body" > "$big/announcements/n$i.md"
done
awk 'BEGIN {
  print "date,type,category,description,amount,voucher";
  split("保洁用品 绿化养护 活动经费 办公费用 设施维修 敬老慰问", ex, " ");
  split("公益资金 居民捐赠 回收收入 活动赞助", inc, " ");
  srand(2026);
  for (i = 0; i < 100000; i++) {
    day = int(i / 100000 * 330); m = 1; d = day;
    split("31 28 31 30 31 30 31 31 30 31 30", len, " ");
    while (d >= len[m]) { d -= len[m]; m++ }
    if (i % 4 == 0) { t = "income"; c = inc[1 + i % 4] } else { t = "expense"; c = ex[1 + i % 6] }
    printf "2026-%02d-%02d,%s,%s,第%d笔,%d.%02d,PZ%06d\n", m, d + 1, t, c, i, 10 + int(rand() * 900), int(rand() * 100), i
  }
}' > "$big/finance/ledger.csv"
python3 - "$big/media" <<'PY'
import sys, zlib, struct
w, h = 1280, 720
rows = b"".join(b"\x00" + bytes((x * 7 + y) & 255 for x in range(w * 3)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
for i in range(50): open(f"{sys.argv[1]}/photo{i}.png", "wb").write(png)
PY
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
