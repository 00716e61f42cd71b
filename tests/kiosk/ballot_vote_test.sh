#!/bin/bash
# Voting by touch as a resident meets it, on a real kiosk process driven by --script, with codes
# made by `linli-admin codes` and read back from the slips' PDF:
#   B3  5 wrong codes, then a 60 s pause with its countdown; entry opens again after it;
#   B2  a code of another kiosk, of another ballot, and a used code, each with its own message;
#       overvotes prevented with "已选满N人…" and never undone by themselves; "还可以选 N 人";
#       the review flags an unanswered question; 投票成功 and the tracker; back to the list by itself;
#   B8  after casting, no path back (返回, 返回首页, the list, idle) shows the voter's choices, and
#       an idle kiosk asks "还在吗？" before it wipes a half-made ballot.
# Ballots stay on the kiosk until the ballot has closed: --status counts them pending.
set -u
kiosk=$1 admin=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export SDL_VIDEODRIVER=offscreen TZ=Asia/Shanghai LANG=C.UTF-8
export LINLI_NOW=1795572030  # 2026-11-25 10:00:30, while the election is open
source "$(dirname "$0")/../check.sh"

c=$dir/content
mkdir -p "$c/ballots"
printf '[board]\nname = "幸福里社区居民自管会"\n' > "$c/board.toml"
cat > "$c/ballots/leader.toml" <<'EOF'
title = "环境组组长选举"
kind = "multi"
options = ["王芳", "赵强", "周敏", "李明"]
max_choices = 2
opens = 2026-11-20T08:00:00+08:00
closes = 2026-12-10T20:00:00+08:00
codes = "required"
quorum = 1

[[candidates]]
name = "赵强"
bio = "3号楼居民，退休教师，组织过两次楼道大扫除。"
EOF
cat > "$c/ballots/charter.toml" <<'EOF'
title = "章程正式表决"
kind = "motion"
opens = 2026-11-20T08:00:00+08:00
closes = 2026-12-10T20:00:00+08:00
codes = "required"
threshold = "2/3"
EOF
"$admin" keygen --out "$dir/keys" >/dev/null || { echo "FAIL keygen"; exit 1; }
"$admin" codes --ballot leader --count 8 --kiosk lobby-1 --content "$c" --out "$dir/s1" >/dev/null &&
"$admin" codes --ballot leader --count 2 --kiosk lobby-2 --content "$c" --out "$dir/s2" >/dev/null &&
"$admin" codes --ballot charter --count 2 --kiosk lobby-1 --content "$c" --out "$dir/s3" >/dev/null ||
  { echo "FAIL linli-admin codes"; exit 1; }
slip_codes() { pdftotext "$1/slips.pdf" - | grep -oE '\b[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}\b'; }
mapfile -t here < <(slip_codes "$dir/s1")
mapfile -t there < <(slip_codes "$dir/s2")
mapfile -t charter < <(slip_codes "$dir/s3")
[ ${#here[@]} -eq 8 ] && [ ${#there[@]} -eq 2 ] && [ ${#charter[@]} -eq 2 ] ||
  { echo "FAIL the slips hold ${#here[@]}, ${#there[@]}, ${#charter[@]} codes, not 8, 2, 2"; exit 1; }

cat > "$dir/kiosk.toml" <<EOF
[kiosk]
id = "lobby-1"
name = "1号楼大厅"
[trust]
seal_key = "$dir/keys/seal.pub"
EOF

cat > "$dir/vote.ui" <<EOF
tap "投票表决"
expect "进行中"
expect "本机已投 0 票"
tap "环境组组长选举"
expect "最多选择 2 项"
drag 600 800 600 300 400
wait 300
drag 600 800 600 300 400
wait 300
expect "退休教师"
tap "开始投票"
expect "请输入第一组"
# B3: five wrong codes, each answered; the fifth pauses entry for a minute.
type "2345623456"
tap "确认"
expect "投票码不正确"
expect "还可以再试 4 次"
type "2345623457"
tap "确认"
type "2345623458"
tap "确认"
type "2345623459"
tap "确认"
type "234562345A"
tap "确认"
expect "输错次数过多，请稍后再试（60秒）"
screenshot paused.png
# Paused: the keys take nothing.
type "${here[0]//-/}"
expect-not "${here[0]:0:1}${here[0]:1:1}"
advance-clock 30
expect "输错次数过多，请稍后再试（2"
advance-clock 31
expect-not "输错次数过多"
# B2: another kiosk's code, another ballot's code.
type "${there[0]//-/}"
tap "确认"
expect "这个投票码不是本机的"
type "${charter[0]//-/}"
tap "确认"
expect "这个投票码属于另一项投票：《章程正式表决》"
# A valid code.
type "${here[0]//-/}"
tap "确认"
expect "还可以选 2 人"
tap "王芳"
tap "赵强"
expect "还可以选 0 人"
expect "不能再选"
tap "周敏"
expect "已选满2人，如需改选请先取消一个已选项"
screenshot overvote.png
# Nothing was deselected by itself.
expect "还可以选 0 人"
tap "王芳"
expect "还可以选 1 人"
tap "周敏"
tap "下一步"
expect "请核对您的选择"
expect "赵强、周敏"
screenshot review.png
tap "确认投票"
expect "投票成功"
expect "选票查询码"
expect-not "赵强、周敏"
screenshot cast.png
wait 9000
expect "本机已投 1 票"
expect-not "投票成功"
# B8: every way back shows nothing of that ballot.
tap "环境组组长选举"
expect-not "赵强、周敏"
expect-not "已选"
tap "返回"
tap "返回首页"
tap "投票表决"
tap "环境组组长选举"
tap "开始投票"
expect-not "已选"
tap "返回"
tap "返回首页"
# ... nor the text size, contrast or language switch, the admin panel, or the attract loop.
tap "字号"
tap "高对比度"
tap "English"
tap "Voting"
expect-not "赵强、周敏"
tap "Home"
tap "中文"
tap "字号"
tap "字号"
tap "高对比度"
long-press 30 30 3200
expect "请输入管理密码"
expect-not "赵强、周敏"
tap "返回首页"
advance-clock 61
expect "轻触屏幕开始"
expect-not "赵强、周敏"
tap-xy 960 540
tap "投票表决"
tap "环境组组长选举"
tap "开始投票"
# One code, one vote.
type "${here[0]//-/}"
tap "确认"
expect "这个投票码已经投过票了"
# A second voter leaves half-way: "还在吗？", then everything is wiped.
type "${here[1]//-/}"
tap "确认"
drag 600 800 600 300 400
wait 300
tap "李明"
expect "还可以选 1 人"
advance-clock 91
expect "还在吗？"
expect "您的选票还没有投出"
expect-not "李明"
advance-clock 30
expect-not "还在吗？"
tap-xy 960 540
tap "投票表决"
tap "环境组组长选举"
tap "开始投票"
type "${here[1]//-/}"
tap "确认"
expect "还可以选 2 人"
expect-not "已选"
# The motion: one of 赞成 / 反对 / 弃权, and an unanswered one is flagged at the review.
tap "返回"
tap "章程正式表决"
expect "三分之二"
tap "开始投票"
type "${charter[1]//-/}"
tap "确认"
expect "还可以选 1 项"
tap "下一步"
expect "未选择，将记为弃权"
tap "章程正式表决"
tap "赞成"
tap "反对"
expect "已选满1项，如需改选请先取消一个已选项"
tap "下一步"
expect "赞成"
tap "确认投票"
expect "投票成功"
EOF

cd "$dir"
check "vote by script (codes, pause, overvote, review, cast, paths back)" 0 "" \
  "$kiosk" --config "$dir/kiosk.toml" --data-dir "$dir/data" --content "$c" --script "$dir/vote.ui"
# Two ballots, each with its used code, held on the kiosk until the ballots close.
LINLI_NOW=1795572100 "$kiosk" --config "$dir/kiosk.toml" --data-dir "$dir/data" --content "$c" --status > "$dir/status.json"
check "the cast ballots wait on the kiosk" 0 '"pending_exports": 4' cat "$dir/status.json"
# Pictures of the screens, for whoever looks at this test's results.
[ -n "${LINLI_BALLOT_SHOTS:-}" ] && cp "$dir"/*.png "$LINLI_BALLOT_SHOTS"/ 2>/dev/null
exit $fail
