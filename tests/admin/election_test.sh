#!/bin/bash
# A whole election as a community runs it: `linli-admin codes` for two kiosks (the slips' PDF
# rendered with pdftoppm and its codes read back with pdftotext), ballots cast by touch with
# --script at both kiosks, exports after the close (none before: ballots wait on the kiosk),
# `collect --content` counting them with the rule that decided, results/<id>.toml copied into the
# content folder and built into the next signed bundle, installed at a kiosk, whose screen then
# shows 已公布结果, the winner marked 当选, the turnout per kiosk, and 查询我的选票 answering 已计入
# for every published tracker and 未找到 for another.
set -u
kiosk=$1 admin=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export SDL_VIDEODRIVER=offscreen TZ=Asia/Shanghai LANG=C.UTF-8
during=1795572030  # 2026-11-25 10:00:30
after=1795750000   # 2026-11-27 11:26: the election closed on the 26th at 20:00

c=$dir/content
mkdir -p "$c/ballots" "$dir/etc/keys" "$dir/stick-1" "$dir/stick-2" "$dir/early"
printf '[board]\nname = "幸福里社区居民自管会"\n' > "$c/board.toml"
cat > "$c/ballots/leader.toml" <<'EOF'
title = "环境组组长选举"
kind = "single"
options = ["王芳", "赵强", "周敏"]
opens = 2026-11-20T08:00:00+08:00
closes = 2026-11-26T20:00:00+08:00
codes = "required"
quorum = 3
EOF
"$admin" keygen --out "$dir/keys" >/dev/null || { echo "FAIL keygen"; exit 1; }
cp "$dir/keys/sign.pub" "$dir/keys/seal.pub" "$dir/etc/keys/"
for id in lobby-1 lobby-2; do
  printf '[kiosk]\nid = "%s"\n[trust]\nadmin_keys = ["keys/sign.pub"]\nseal_key = "keys/seal.pub"\n' "$id" > "$dir/etc/$id.toml"
done
k() { local id=$1 now=$2; shift 2; LINLI_NOW=$now "$kiosk" --config "$dir/etc/$id.toml" --data-dir "$dir/data-$id" "$@"; }

check "codes for lobby-1" 0 "slips.pdf" env LINLI_NOW=$during "$admin" codes --ballot leader --count 3 --kiosk lobby-1 --content "$c" --out "$dir/slips-1"
check "codes for lobby-2" 0 "slips.pdf" env LINLI_NOW=$during "$admin" codes --ballot leader --count 2 --kiosk lobby-2 --content "$c" --out "$dir/slips-2"
# The slips as printed: a page of the PDF rendered, and not blank.
pdftoppm -r 50 -png -f 1 -l 1 "$dir/slips-1/slips.pdf" "$dir/page" &&
  python3 - "$dir/page-1.png" <<'PY' && echo "ok   slips.pdf renders (pdftoppm), ink on the page" || { echo "FAIL slips.pdf does not render"; fail=1; }
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
width, height = struct.unpack('>II', data[16:24])
assert width > 300 and height > 400, (width, height)
PY
slip_codes() { pdftotext "$1/slips.pdf" - | grep -oE '\b[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}\b'; }
mapfile -t codes1 < <(slip_codes "$dir/slips-1")
mapfile -t codes2 < <(slip_codes "$dir/slips-2")
[ ${#codes1[@]} = 3 ] && [ ${#codes2[@]} = 2 ] && echo "ok   the slips hold 3 and 2 codes" || { echo "FAIL slips: ${codes1[*]} / ${codes2[*]}"; exit 1; }

# The first bundle brings the ballot and every kiosk's code hashes.
check "build: the ballot and its codes" 0 "" env LINLI_NOW=$during "$admin" build "$c" --key "$dir/keys" --out "$dir/bundle"
check "lobby-1: installs it" 0 "installed" k lobby-1 $during --import "$dir/bundle"
check "lobby-2: installs it" 0 "installed" k lobby-2 $during --import "$dir/bundle"

vote() {  # vote KIOSK CODE NAME
  cat > "$dir/vote.ui" <<UI
tap "投票表决"
tap "环境组组长选举"
tap "开始投票"
type "${2//-/}"
tap "确认"
tap "$3"
tap "下一步"
tap "确认投票"
expect "投票成功"
UI
  check "$1 votes for $3" 0 "" k "$1" $during --script "$dir/vote.ui"
}
vote lobby-1 "${codes1[0]}" 王芳
vote lobby-1 "${codes1[1]}" 王芳
vote lobby-1 "${codes1[2]}" 赵强
vote lobby-2 "${codes2[0]}" 王芳
vote lobby-2 "${codes2[1]}" 周敏
# While the ballot is open nothing of it leaves the kiosk.
check "lobby-1: an export during the vote carries no ballot" 0 "(0 records)" k lobby-1 $during --export "$dir/early"
check "lobby-1: export after the close" 0 "(6 records)" k lobby-1 $after --export "$dir/stick-1"
check "lobby-2: export after the close" 0 "(4 records)" k lobby-2 $after --export "$dir/stick-2"

check "collect counts the election" 0 "" "$admin" collect "$dir/stick-1" "$dir/stick-2" --key "$dir/keys" --out "$dir/office" --content "$c"
report=$dir/office/report.txt
grep -q "lobby-1: 3 ballots, 3 used codes" "$report" && grep -q "lobby-2: 2 ballots, 2 used codes" "$report" &&
  grep -q "王芳: 3 (60.0%)" "$report" && echo "ok   report: ballots = used codes per kiosk, 王芳 3 of 5" ||
  { echo "FAIL report: $(cat "$report")"; fail=1; }
results=$dir/office/results/leader.toml
grep -q '^cast = 5$' "$results" && grep -qE "^elected = \[[\"']王芳[\"']\]$" "$results" &&
  echo "ok   results/leader.toml: 5 cast, 王芳 elected" || { echo "FAIL results: $(cat "$results")"; fail=1; }
mapfile -t trackers < <(grep '^trackers' "$results" | grep -oE "[\"'][2-9A-HJ-NP-Z]{8}[\"']" | tr -d "\"'")
[ ${#trackers[@]} = 5 ] && [ "$(printf '%s\n' "${trackers[@]}" | sort -u | wc -l)" = 5 ] && echo "ok   5 different trackers published" || { echo "FAIL trackers: ${trackers[*]}"; fail=1; }
# The recount list has every choice and no tracker.
recount=$dir/office/ballots/leader.csv
[ "$(grep -c '王芳' "$recount")" = 3 ] && ! grep -qE "${trackers[0]:-none}" "$recount" &&
  echo "ok   the recount list: 3 ballots for 王芳, no tracker" || { echo "FAIL recount: $(cat "$recount")"; fail=1; }

mkdir -p "$c/results" && cp "$results" "$c/results/"
check "check: the published result" 0 "" "$admin" check "$c"
check "build: the bundle with the result" 0 "" env LINLI_NOW=$after "$admin" build "$c" --key "$dir/keys" --out "$dir/bundle"
check "lobby-2: installs the result" 0 "installed" k lobby-2 $after --import "$dir/bundle"
{
  printf 'tap "投票表决"\nexpect "已公布结果"\nexpect "王芳 当选"\ntap "环境组组长选举"\n'
  printf 'expect "王芳 ✓当选"\nexpect "3 票 (60.0%%)"\ndrag 600 800 600 300 400\nwait 300\nexpect "lobby-1：3 票"\nexpect "lobby-2：2 票"\nscreenshot results.png\n'
  printf 'tap "查询我的选票"\n'
  for t in "${trackers[@]}"; do printf 'type "%s"\ntap "确认"\nexpect "已计入"\n' "$t"; done
  printf 'type "ZZZZZZZZ"\ntap "确认"\nexpect "未找到"\n'
} > "$dir/results.ui"
cd "$dir"
check "lobby-2: the result on screen, every tracker found" 0 "" k lobby-2 $after --script "$dir/results.ui"
[ -n "${LINLI_BALLOT_SHOTS:-}" ] && cp "$dir"/*.png "$LINLI_BALLOT_SHOTS"/ 2>/dev/null
[ $fail = 0 ] && echo "election: all checks passed"
exit $fail
