#!/bin/bash
# linli-admin codes as an election officer uses it (issue 12): slips for one kiosk, read back with
# pdftotext; the codes only in the PDF (0600), their hashes in the content folder; a second batch
# adds to the first; a ballot changed after codes were issued is refused by check and build, a
# corrected title is not; codes for a survey without codes, an unknown or closed ballot, a bad
# kiosk id or an existing slips.pdf are refused and change nothing.
set -u
admin=$1 top=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES= LINLI_NOW=1795572030 TZ=Asia/Shanghai
command -v pdftotext >/dev/null || { echo "FAIL pdftotext is missing (poppler-utils; bash packaging/dev.sh test installs it)"; exit 1; }
cp -r "$top/assets/demo" "$dir/content"
c=$dir/content

check "codes: 25 slips for charter-vote at lobby-1" 0 "25 voting codes for ballot charter-vote at kiosk lobby-1" \
  "$admin" codes --ballot charter-vote --count 25 --kiosk lobby-1 --content "$c" --out "$dir/slips1"
grep -q "The codes exist only in that PDF" <<<"$out" && grep -q "nobody records which household got which code" <<<"$out" \
  && echo "ok   codes: says the codes are only in the PDF and how to hand them out" || { echo "FAIL codes: no advice: $out"; fail=1; }
pdf=$dir/slips1/slips.pdf
[ "$(stat -c %a "$pdf")" = 600 ] && echo "ok   slips.pdf is 0600" || { echo "FAIL slips.pdf mode $(stat -c %a "$pdf")"; fail=1; }
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 4 ] && echo "ok   25 slips on 4 pages of 8" || { echo "FAIL $pages pages"; fail=1; }
pdftotext "$pdf" "$dir/slips.txt"
grep -oE '\b[23456789A-HJ-NP-Z]{5}-[23456789A-HJ-NP-Z]{5}\b' "$dir/slips.txt" | sort -u > "$dir/codes1.txt"
[ "$(wc -l < "$dir/codes1.txt")" = 25 ] && echo "ok   pdftotext reads 25 distinct codes" || { echo "FAIL $(wc -l < "$dir/codes1.txt") codes read"; fail=1; }
for text in "幸福里社区居民自管会" "《幸福里社区居民自管会章程》正式表决" "投票时间：2027年1月5日 08:00 至 1月15日 20:00" "终端 lobby-1" "此码只能用一次"; do
  [ "$(grep -c -- "$text" "$dir/slips.txt")" -ge 8 ] && echo "ok   every slip says: $text" || { echo "FAIL slips lack: $text"; fail=1; }
done
file=$c/codes/charter-vote/lobby-1.toml
grep -q "^count = 25" "$file" && echo "ok   the codes file has a batch of 25" || { echo "FAIL codes file: $(head -c 400 "$file")"; fail=1; }
leaked=0
while read -r code; do
  plain=${code/-/}
  grep -rqi -e "$plain" -e "$code" "$c" && leaked=1
done < "$dir/codes1.txt"
[ $leaked = 0 ] && echo "ok   no code is anywhere in the content folder" || { echo "FAIL a code is in the content folder"; fail=1; }
check "check: the folder with codes is ok" 0 "^ok:" "$admin" check "$c"

check "codes: a second batch adds to the first" 0 "5 voting codes for ballot charter-vote at kiosk lobby-1 (30 in all for this kiosk)" \
  "$admin" codes --ballot charter-vote --count 5 --kiosk lobby-1 --content "$c" --out "$dir/slips2"
[ "$(grep -c '^\[\[batch\]\]' "$file")" = 2 ] && echo "ok   two batches" || { echo "FAIL batches: $(grep -c batch "$file")"; fail=1; }
check "codes: another kiosk gets its own file" 0 "at kiosk lobby-2" \
  "$admin" codes --ballot environment-leader --count 3 --kiosk lobby-2 --content "$c" --out "$dir/slips3"
[ -f "$c/codes/environment-leader/lobby-2.toml" ] && echo "ok   codes/environment-leader/lobby-2.toml" || { echo "FAIL no file for lobby-2"; fail=1; }

cp -r "$c" "$dir/before"
refused() {  # NAME PATTERN ARGS...: exit 2 with PATTERN, and the folder and slips unchanged
  local name=$1 pattern=$2; shift 2
  check "codes: refused: $name" 2 "$pattern" "$admin" codes "$@"
  diff -r "$dir/before" "$c" >/dev/null && echo "ok   $name: the folder is unchanged" || { echo "FAIL $name changed the folder"; fail=1; }
}
refused "slips.pdf exists" "slips.pdf exists: it may hold the only copy of earlier codes" \
  --ballot charter-vote --count 5 --kiosk lobby-1 --content "$c" --out "$dir/slips1"
refused "a survey without codes" 'ballot "activity-survey" takes no codes' \
  --ballot activity-survey --count 5 --kiosk lobby-1 --content "$c" --out "$dir/s4"
refused "an unknown ballot" 'there is no ballot "nope"' --ballot nope --count 5 --kiosk lobby-1 --content "$c" --out "$dir/s5"
refused "a bad kiosk id" 'a kiosk id is 1-64 letters' --ballot charter-vote --count 5 --kiosk "lobby 1" --content "$c" --out "$dir/s6"
refused "count 0" 'a number of codes, 1 to 100000' --ballot charter-vote --count 0 --kiosk lobby-1 --content "$c" --out "$dir/s7"
LINLI_NOW=1800100000 refused "a closed ballot" 'ballot "charter-vote" has closed' \
  --ballot charter-vote --count 5 --kiosk lobby-1 --content "$c" --out "$dir/s8"
[ ! -e "$dir/s4" ] && [ ! -e "$dir/s8/slips.pdf" ] && echo "ok   no slips for refused runs" || { echo "FAIL slips written for a refused run"; fail=1; }

# A ballot changed after its codes were issued: check and build refuse it, at the codes file.
cp -r "$c" "$dir/changed"
sed -i 's|^threshold = "2/3"|threshold = ">1/2"|' "$dir/changed/ballots/charter-vote.toml"
line=$(grep -n '^fingerprint' "$dir/changed/codes/charter-vote/lobby-1.toml" | cut -d: -f1)
check "check: a changed threshold after codes were issued" 2 \
  "codes/charter-vote/lobby-1.toml:$line: ballots/charter-vote.toml changed (its options, kind or counting rules) after these codes were issued" \
  "$admin" check "$dir/changed"
check "check: in Chinese" 2 "的选项、类型或计票规则改动了" env LANG=zh_CN.UTF-8 "$admin" check "$dir/changed"
"$admin" keygen --out "$dir/keys" >/dev/null
check "build: refuses it too" 2 "after these codes were issued" "$admin" build "$dir/changed" --key "$dir/keys" --out "$dir/bundle-x"
[ ! -e "$dir/bundle-x" ] && echo "ok   build: nothing written" || { echo "FAIL build wrote a bundle"; fail=1; }
sed -i 's|^title = .*|title = "《幸福里社区居民自管会章程》正式表决（更正）"|; s|^threshold = ">1/2"|threshold = "2/3"|' "$dir/changed/ballots/charter-vote.toml"
check "check: a corrected title is fine" 0 "^ok:" "$admin" check "$dir/changed"
check "build: the bundle carries the codes files" 0 "version" "$admin" build "$dir/changed" --key "$dir/keys" --out "$dir/bundle"
grep -q "codes/charter-vote/lobby-1.toml" "$dir/bundle/manifest.toml" && echo "ok   manifest lists codes/charter-vote/lobby-1.toml" \
  || { echo "FAIL manifest lacks the codes file"; fail=1; }

exit $fail
