#!/bin/bash
# A message from the lobby to the office: written on the kiosk by pinyin and ABC (a UI script),
# then nothing of it in clear anywhere in the kiosk's data dir (F2: residents.db, -wal, -shm and
# every other file), then exported, collected with the development key the demo kiosk made, and
# read in feedback.txt with its topic.
set -u
kiosk=$1 admin=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export SDL_VIDEODRIVER=offscreen TZ=Asia/Shanghai LINLI_NOW=1795572030

cat > "$dir/write.ui" <<'UI'
tap "意见箱"
tap "写意见"
tap "其他"
type "jinsique"
tap "金丝"
tap "雀"
tap "ABC"
tap "大写"
type "CANARYQ"
tap "提交"
tap "确认提交"
expect "已收到"
UI
check "kiosk: a message written and sent" 0 "" "$kiosk" --data-dir "$dir/data" --script "$dir/write.ui"
hits=$(grep -rlaF -e "CANARYQ" -e "金丝雀" "$dir/data" 2>/dev/null)
[ -z "$hits" ] && echo "ok   no copy of the message in clear in the data dir ($(find "$dir/data" -type f | wc -l) files)" \
  || { echo "FAIL the message is in clear in: $hits"; fail=1; }
ls "$dir/data"/residents.db* >/dev/null 2>&1 && echo "ok   residents.db exists" || { echo "FAIL no residents.db"; fail=1; }
mkdir -p "$dir/exports"
check "kiosk: export" 0 "(1 record)" "$kiosk" --data-dir "$dir/data" --export "$dir/exports"
check "collect: with the development key" 0 "1 records (1 feedback)" \
  "$admin" collect "$dir/exports" --key "$dir/data/dev-keys" --out "$dir/office"
grep -q "^金丝雀CANARYQ$" "$dir/office/feedback.txt" && grep -q "^主题: 其他$" "$dir/office/feedback.txt" \
  && echo "ok   feedback.txt has the message and its topic" || { echo "FAIL feedback.txt: $(cat "$dir/office/feedback.txt")"; fail=1; }
[ $fail = 0 ] && echo "feedback round trip: all checks passed"
exit $fail
