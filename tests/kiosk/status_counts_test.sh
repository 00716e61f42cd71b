#!/bin/bash
# linli-kiosk --status reports what the content really holds: a folder with known counts (one
# notice shown and one not yet, three ledger rows, three ballots of which one is open now), read
# as JSON, at three times of the kiosk's clock (LINLI_NOW), and after a signed install.
set -u
kiosk=$1 admin=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export SDL_VIDEODRIVER=offscreen TZ=Asia/Shanghai LANG=C.UTF-8
source "$(dirname "$0")/../check.sh"
python=/usr/bin/python3  # Debian's, whatever python3 is first on PATH

c=$dir/content
mkdir -p "$c/announcements" "$c/finance" "$c/ballots"
printf '[board]\nname = "测试社区"\n' > "$c/board.toml"
printf '+++\ntitle = "已发布"\npublish = 2026-11-01\n+++\n正文\n' > "$c/announcements/shown.md"
printf '+++\ntitle = "还没发布"\npublish = 2027-03-01\n+++\n正文\n' > "$c/announcements/later.md"
printf '日期,类型,科目,摘要,金额,凭证号\n2026-01-01,结转,,结余,100.00,\n2026-01-02,收入,会费,a,5.00,\n2026-01-03,支出,保洁,b,1.00,\n' \
  > "$c/finance/ledger.csv"
ballot() {  # ballot ID OPENS CLOSES
  printf 'title = "%s"\nkind = "motion"\nopens = %s\ncloses = %s\ncodes = "required"\n' "$1" "$2" "$3" > "$c/ballots/$1.toml"
}
ballot closed 2026-10-01 2026-10-31
ballot open 2026-11-20 2026-12-10
ballot later 2027-01-05 2027-01-15

# field JSON_FILE PATH... : prints the value at that path (a.b), or "missing".
field() {
  "$python" - "$@" <<'PY'
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split('.'):
    value = value.get(key, 'missing') if isinstance(value, dict) else 'missing'
print(json.dumps(value))
PY
}
expect_field() {  # NAME FILE PATH WANT
  local got; got=$(field "$2" "$3")
  [ "$got" = "$4" ] && echo "ok   $1: $3 = $4" || { echo "FAIL $1: $3 is $got, wanted $4"; fail=1; }
}

status_at() {  # NOW DATA_DIR: --status of the folder at that time, into $dir/status.json
  LINLI_NOW=$1 "$kiosk" --data-dir "$2" --content "$c" --status > "$dir/status.json" 2>"$dir/status.err" \
    || { echo "FAIL --status exited $?: $(cat "$dir/status.err")"; fail=1; }
  "$python" -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/status.json" 2>/dev/null \
    || { echo "FAIL --status is not JSON: $(cat "$dir/status.json")"; fail=1; }
}

status_at 1795572030 "$dir/d1"  # 2026-11-25 10:00
expect_field "2026-11-25" "$dir/status.json" counts.announcements 1
expect_field "2026-11-25" "$dir/status.json" counts.ledger_entries 3
expect_field "2026-11-25" "$dir/status.json" counts.ballots 3
expect_field "2026-11-25" "$dir/status.json" open_ballots 1
expect_field "2026-11-25" "$dir/status.json" now 1795572030
status_at 1799114400 "$dir/d2"  # 2027-01-05 10:00: "later" is open, "open" closed
expect_field "2027-01-05" "$dir/status.json" open_ballots 1
expect_field "2027-01-05" "$dir/status.json" counts.announcements 1
status_at 1800000000 "$dir/d3"  # 2027-01-15 16:00: a closing date without a time closes at the day's end
expect_field "2027-01-15" "$dir/status.json" open_ballots 1
status_at 1800030600 "$dir/d5"  # 2027-01-16 00:30: "later" has closed
expect_field "2027-01-16" "$dir/status.json" open_ballots 0
status_at 1804000000 "$dir/d4"  # 2027-03-02: the second notice is published
expect_field "2027-03-02" "$dir/status.json" counts.announcements 2

# The same counts from an installed bundle, through the content database.
"$admin" keygen --out "$dir/keys" >/dev/null
LINLI_NOW=1795572030 "$admin" build "$c" --key "$dir/keys" --out "$dir/bundle" >/dev/null
mkdir -p "$dir/conf" && cp "$dir/keys/sign.pub" "$dir/conf/"
printf '[kiosk]\nid = "lobby-9"\n[trust]\nadmin_keys = ["sign.pub"]\n' > "$dir/conf/kiosk.toml"
LINLI_NOW=1795572030 "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --import "$dir/bundle" >/dev/null
LINLI_NOW=1795572030 "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --status > "$dir/installed.json"
expect_field "installed" "$dir/installed.json" counts.ledger_entries 3
expect_field "installed" "$dir/installed.json" counts.ballots 3
expect_field "installed" "$dir/installed.json" open_ballots 1
expect_field "installed" "$dir/installed.json" kiosk_id '"lobby-9"'
[ $fail = 0 ] && echo "status counts: all checks passed"
exit $fail
