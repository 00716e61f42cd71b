#!/bin/bash
# The 意见箱 as the office runs it, end to end: two kiosks take messages (one about a document,
# by 提意见), export them in three exports, one of them handed in twice; `collect` writes
# feedback.csv (UTF-8 with BOM, as Excel opens it) with each message once, and the report counts
# them by topic and item; the office answers two messages by receipt code in
# feedback/replies.toml, builds a bundle (no code in it), and at the *other* kiosk a resident
# types the code and reads the private reply, and sees the public one listed.
set -u
kiosk=$1 admin=$2 top=$3
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export SDL_VIDEODRIVER=offscreen TZ=Asia/Shanghai LINLI_NOW=1795572030 LANG=C.UTF-8

"$admin" keygen --out "$dir/keys" >/dev/null || { echo "FAIL keygen"; exit 1; }
mkdir -p "$dir/etc/keys" "$dir/stick-a" "$dir/stick-b"
cp "$dir/keys/sign.pub" "$dir/keys/seal.pub" "$dir/etc/keys/"
for id in lobby-1 lobby-2; do
  cat > "$dir/etc/$id.toml" <<TOML
[kiosk]
id = "$id"
[trust]
admin_keys = ["keys/sign.pub"]
seal_key = "keys/seal.pub"
[feedback]
cooldown_s = 0
TOML
done
k() { local id=$1; shift; "$kiosk" --config "$dir/etc/$id.toml" --data-dir "$dir/data-$id" "$@"; }

# lobby-1: a comment on the draft charter (from its page), exported; then a second message.
cat > "$dir/about.ui" <<'UI'
tap "章程制度"
tap "幸福里社区居民自管会章程（草案）"
tap "提意见"
expect "关于：《幸福里社区居民自管会章程（草案）》"
tap "财务"
type "caiwu"
tap "财务"
tap "提交"
expect "关于：《幸福里社区居民自管会章程（草案）》"
tap "确认提交"
expect "已收到"
UI
cat > "$dir/plain.ui" <<'UI'
tap "意见箱"
tap "写意见"
tap "安全"
tap "很满意"
type "louti"
tap "楼梯"
tap "提交"
tap "确认提交"
expect "已收到"
UI
check "lobby-1: a comment on the draft charter" 0 "" k lobby-1 --script "$dir/about.ui"
check "lobby-1: export 1" 0 "(1 record)" k lobby-1 --export "$dir/stick-a"
check "lobby-1: a second message" 0 "" k lobby-1 --script "$dir/plain.ui"
check "lobby-1: export 2" 0 "(1 record)" k lobby-1 --export "$dir/stick-a"
check "lobby-2: a message" 0 "" k lobby-2 --script "$dir/plain.ui"
check "lobby-2: export 1" 0 "(1 record)" k lobby-2 --export "$dir/stick-b"
cp "$dir/stick-a/lobby-1-000001.linli-export" "$dir/stick-b/"  # handed in twice

check "collect: three exports, one given twice" 0 "3 exports from 2 kiosks, 3 records (3 feedback)" \
  "$admin" collect "$dir/stick-a" "$dir/stick-b" --key "$dir/keys" --out "$dir/office"
csv=$dir/office/feedback.csv
[ "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && echo "ok   feedback.csv starts with a UTF-8 BOM" \
  || { echo "FAIL feedback.csv has no BOM"; fail=1; }
[ "$(stat -c %a "$csv")" = 600 ] && echo "ok   feedback.csv is 0600" || { echo "FAIL feedback.csv mode"; fail=1; }
# Read as a spreadsheet would: BOM honoured, quoted fields, CRLF rows.
rows=$(python3 - "$csv" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["收到日期", "信息屏", "主题", "评价", "关于", "内容", "回执码"], rows[0]
for r in rows[1:]:
    print("|".join(r))
PY
) || { echo "FAIL feedback.csv does not read as CSV"; fail=1; }
[ "$(wc -l <<<"$rows")" = 3 ] && echo "ok   feedback.csv: 3 messages, the repeated export counted once" \
  || { echo "FAIL feedback.csv rows: $rows"; fail=1; }
grep -q "^2026-11-25|lobby-1|财务||幸福里社区居民自管会章程（草案）|财务|[2-9A-Z]\{4\}-[2-9A-Z]\{4\}$" <<<"$rows" \
  && echo "ok   feedback.csv: the comment names the draft charter" || { echo "FAIL about row: $rows"; fail=1; }
grep -q "^2026-11-25|lobby-2|安全|很满意||楼梯|" <<<"$rows" && echo "ok   feedback.csv: topic, rating and text" \
  || { echo "FAIL lobby-2 row: $rows"; fail=1; }
grep -q "《幸福里社区居民自管会章程（草案）》: 1" "$dir/office/report.txt" && grep -q "安全: 2" "$dir/office/report.txt" \
  && echo "ok   report.txt counts messages per item and topic" || { echo "FAIL report: $(cat "$dir/office/report.txt")"; fail=1; }

# The office answers: the charter comment privately, one 楼梯 message publicly.
about_code=$(grep "|幸福里社区居民自管会章程（草案）|" <<<"$rows" | cut -d'|' -f7)
stairs_code=$(grep "^2026-11-25|lobby-1|安全|" <<<"$rows" | cut -d'|' -f7)
cp -r "$top/assets/demo" "$dir/content"
cat > "$dir/content/feedback/replies.toml" <<TOML
[[reply]]
code = "${about_code,,}"
reply = "感谢您对章程草案的意见，财务公开一章将增加季度公示。"

[[reply]]
code = "$stairs_code"
reply = "楼梯扶手已加固。"
public = true
topic = "安全"
message = "楼梯"
TOML
check "check: the replies" 0 "" "$admin" check "$dir/content"
check "build: replies locked" 0 "2 feedback replies" "$admin" build "$dir/content" --key "$dir/keys" --out "$dir/bundle"
for code in "$about_code" "$stairs_code"; do
  if grep -rqiF -e "$code" -e "${code/-/}" "$dir/bundle"; then echo "FAIL receipt code $code is in the bundle"; fail=1; else echo "ok   no receipt code $code in the bundle"; fi
done
grep -rqF "财务公开一章将增加季度公示" "$dir/bundle" && { echo "FAIL a private reply is in the bundle in clear"; fail=1; } \
  || echo "ok   the private reply is not in the bundle in clear"
check "lobby-2: installs the bundle" 0 "installed" k lobby-2 --import "$dir/bundle"
cat > "$dir/read.ui" <<UI
tap "意见箱"
drag 960 940 960 700 400
wait 300
expect "楼梯扶手已加固。"
tap "查看回复"
type "${about_code/-/}"
tap "确认"
expect "感谢您对章程草案的意见"
UI
check "lobby-2: the reply to a lobby-1 message, by its code" 0 "" k lobby-2 --script "$dir/read.ui"
grep -rqF "财务公开一章将增加季度公示" "$dir/data-lobby-2" && { echo "FAIL the private reply is stored in clear at the kiosk"; fail=1; } \
  || echo "ok   the kiosk keeps the private reply locked"
[ $fail = 0 ] && echo "feedback office round trip: all checks passed"
exit $fail
