#!/bin/bash
# The linli-kiosk command line as scripts and administrators use it: exit codes 0/2/1, one-line
# reasons naming the file, --status JSON with the agreed keys.
set -u
kiosk=$1 admin=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export SDL_VIDEODRIVER=offscreen LINLI_NOW=1795572030 TZ=Asia/Shanghai
source "$(dirname "$0")/../check.sh"
check "status prints JSON" 0 '"content_version": "demo"' "$kiosk" --data-dir "$dir/d" --status
if [ "$(id -u)" = 0 ]; then  # the installed kiosk's data belongs to its user, never to root
    mkdir "$dir/theirs"; chown nobody "$dir/theirs"
    check "root is refused in the kiosk user's data dir" 2 "run this as that user (sudo -u nobody" \
        "$kiosk" --data-dir "$dir/theirs" --export "$dir/out"
    [ -z "$(ls -A "$dir/theirs")" ] || { echo "FAIL root created files in the kiosk user's data dir"; fail=1; }
fi
for key in content_version content_created kiosk_id counts open_ballots pending_exports last_sync clock_floor; do
  check "status has $key" 0 "\"$key\"" "$kiosk" --data-dir "$dir/d" --status
done
check "unknown option" 2 "unknown option '--fly'" "$kiosk" --fly
check "bad size" 2 "expected WxH" "$kiosk" --screenshot x.png --size big
check "restore needs a folder" 2 "linli-kiosk: --restore needs a value" "$kiosk" --restore
check "one action at a time" 2 "are one at a time" "$kiosk" --export "$dir" --restore "$dir"
check "restore: a missing folder" 2 "restore: $dir/none: no such folder" "$kiosk" --data-dir "$dir/r" --restore "$dir/none"
check "help lists --restore" 0 "--restore DIR" "$kiosk" --help
check "unknown screen" 2 "unknown screen 'kitchen'" "$kiosk" --data-dir "$dir/d" --screenshot "$dir/x.png" --screen kitchen
check "detail screen needs an id" 2 "unknown screen 'announcement'" "$kiosk" --data-dir "$dir/d" --screenshot "$dir/x.png" --screen announcement
printf '[kiosk]\nid = "lobby-1"\n[idle]\nattract_after = 30\n' > "$dir/bad.toml"
check "bad config names file and line" 2 "bad.toml:4:" "$kiosk" --config "$dir/bad.toml" --data-dir "$dir/d" --status
check "missing config" 2 "cannot read" "$kiosk" --config "$dir/none.toml" --status
printf 'tap "公告"\nfly 1 2\n' > "$dir/bad.ui"
check "bad script names the line" 2 "bad.ui:2:" "$kiosk" --data-dir "$dir/d" --script "$dir/bad.ui"
printf 'tap "没有这个按钮"\n' > "$dir/missing.ui"
check "missing label names the line" 2 "missing.ui:1: no control labelled" "$kiosk" --data-dir "$dir/d" --script "$dir/missing.ui"
printf 'expect "不存在的文字"\n' > "$dir/expect.ui"
check "failed expect exits 2" 2 "expect.ui:1: expected text" "$kiosk" --data-dir "$dir/d" --script "$dir/expect.ui"
check "screenshot writes a PNG" 0 "" "$kiosk" --data-dir "$dir/d" --screenshot "$dir/a.png" --screen announcement:water-outage
file "$dir/a.png" 2>/dev/null | grep -q "PNG image data, 1920 x 1080" || { [ -s "$dir/a.png" ] || { echo "FAIL screenshot file missing"; fail=1; }; }
check "portrait screenshot" 0 "" "$kiosk" --data-dir "$dir/d" --screenshot "$dir/p.png" --screen home --size 1080x1920
mkdir -p "$dir/broken" && head -c 4096 /dev/urandom > "$dir/broken/kiosk.db"
check "a damaged kiosk.db is set aside, not fatal" 0 "kiosk.db was damaged" "$kiosk" --data-dir "$dir/broken" --status
ls "$dir/broken" | grep -q "kiosk.db.damaged-" || { echo "FAIL damaged kiosk.db not kept for inspection"; fail=1; }
# --content: a folder shown exactly as the kiosk would; a folder with problems is refused, all listed.
top=$(cd "$(dirname "$0")/../.." && pwd)
check "preview a valid folder" 0 "" "$kiosk" --data-dir "$dir/d" --content "$top/assets/demo" --screenshot "$dir/c.png" --screen recruitment
check "a broken folder lists every problem" 2 "announcements/b.md:4: expire" "$kiosk" --data-dir "$dir/d" --content "$top/tests/content/corpus/broken/bad_dates" --status
check "the demo folder is shown by default" 0 '"content_source": ".*assets/demo"' "$kiosk" --data-dir "$dir/d" --status

# --import: a signed bundle made with linli-admin, as an administrator would install it by hand.
"$admin" keygen --out "$dir/keys" >/dev/null && "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/bundle" >/dev/null
check "import: refused without trusted keys" 2 "admin_keys is empty" "$kiosk" --data-dir "$dir/i" --import "$dir/bundle"
mkdir -p "$dir/conf" && cp "$dir/keys/sign.pub" "$dir/conf/"
printf '[kiosk]\nid = "lobby-1"\n[trust]\nadmin_keys = ["sign.pub"]\n' > "$dir/conf/kiosk.toml"
cp -r "$dir/bundle" "$dir/forged"; printf '\n' >> "$dir/forged/manifest.toml"
check "import: a changed manifest" 2 "signature does not verify" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --import "$dir/forged"
lines=$("$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --import "$dir/forged" 2>&1 | wc -l)
[ "$lines" = 1 ] && echo "ok   import: the reason is one line" || { echo "FAIL import printed $lines lines"; fail=1; }
check "import: a good bundle" 0 "installed version 1795572030" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --import "$dir/bundle"
check "import: the same bundle again" 0 "up to date" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --import "$dir/bundle"
check "import: a missing folder" 2 "cannot open the bundle folder" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --import "$dir/none"
check "status: the installed version" 0 '"content_version": "1795572030"' "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --status
check "status: the last sync" 0 '"source": "import"' "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --status
# --import URL: the same bundle served on the LAN by linli-admin serve.
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  "$admin" serve "$dir/bundle" --port "$port" --bind 127.0.0.1 >"$dir/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 50); do grep -qs "^serve: Ctrl-C stops" "$dir/serve.log" && break; kill -0 $serve_pid 2>/dev/null || break; sleep 0.1; done
  grep -qs "^serve: Ctrl-C stops" "$dir/serve.log" && break
  kill $serve_pid 2>/dev/null; wait $serve_pid 2>/dev/null
done
check "import URL: from linli-admin serve" 0 "installed version 1795572030" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/lan" --import "http://127.0.0.1:$port/"
grep -q "lobby-1" "$dir/serve.log" && echo "ok   serve logged the kiosk id" || { echo "FAIL serve did not log the kiosk: $(cat "$dir/serve.log")"; fail=1; }
check "import URL: nothing there" 2 "" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/lan2" --import "http://127.0.0.1:$port/nothing/"
kill $serve_pid 2>/dev/null; wait $serve_pid 2>/dev/null
check "the installed content is shown" 0 "" "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/i" --screenshot "$dir/i.png" --screen announcements
[ $fail = 0 ] && echo "cli: all checks passed"
exit $fail
