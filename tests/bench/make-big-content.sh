#!/bin/bash
# Writes the big authoring folder the benchmarks share (big-content.sh, big-bundle.sh) into DIR:
# 1,000 notices, a 100,000-row ledger and 50 photos (1280x720 PNG), the demo's board.toml.
#   bash tests/bench/make-big-content.sh DIR [--distinct-photos]
# By default the 50 photos are one picture (big-content.sh measures decoding and drawing). With
# --distinct-photos each differs and carries pixel noise (~0.9 MB each, like a photo saved as PNG),
# so a bundle stores and copies 50 files rather than one. Deterministic (fixed seeds), so figures
# of different runs are comparable. Prints nothing.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
big=${1:?usage: make-big-content.sh DIR [--distinct-photos]}
distinct=0; [ "${2:-}" = --distinct-photos ] && distinct=1
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
python3 - "$big/media" "$distinct" <<'PY'
import sys, zlib, struct, random
w, h = 1280, 720
rows = b"".join(b"\x00" + bytes((x * 7 + y) & 255 for x in range(w * 3)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
def png(raw): return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
if sys.argv[2] == "0":
    same = png(rows)
    for i in range(50): open(f"{sys.argv[1]}/photo{i}.png", "wb").write(same)
else:
    # Noise in the low bit of every byte, never in the row's filter byte (0 = none).
    low_bit = bytes(b & 1 for b in range(256))
    keep_filter = bytes(([0] + [1] * (w * 3)) * h)
    for i in range(50):
        noise = random.Random(i).randbytes(len(rows)).translate(low_bit)
        noise = (int.from_bytes(noise, "big") & int.from_bytes(keep_filter, "big")).to_bytes(len(rows), "big")
        raw = (int.from_bytes(rows, "big") ^ int.from_bytes(noise, "big")).to_bytes(len(rows), "big")
        open(f"{sys.argv[1]}/photo{i}.png", "wb").write(png(raw))
PY
