#!/bin/bash
# `linli-admin console` over real HTTP with curl, as a curious visitor would try it: nothing
# without the one-time link, the link works once, the session cookie is HttpOnly and
# SameSite=Strict, a change without its CSRF token is refused, a foreign Host is refused (DNS
# rebinding), every answer carries a strict Content-Security-Policy, the keys are never served
# on either port; the 概览 shows the workspace as check sees it; the kiosks' listener serves
# bundle/ (404 before the first publish) and stores uploads in inbox/; bad set-ups exit 2.
set -u
admin=$1
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
source "$(dirname "$0")/../check.sh"
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
expect() { if [ "$2" == "$3" ]; then ok "$1"; else bad "$1: got '$3', wanted '$2'"; fi; }
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES= LINLI_NOW=1795572030
ws=$dir/ws
"$admin" init "$ws" >/dev/null || { echo "FAIL init"; exit 1; }
secret=$(grep -v '^#' "$ws/keys/sign.key" | cut -d' ' -f2 | head -c 32)
replies_sum=$(sha256sum < "$ws/content/feedback/replies.toml")

# A USB stick as the desktop mounts one (/media/USER/LABEL), under a root of the test's own.
mkdir -p "$dir/media/office/STICK/linli/exports"
sed -i "s|^usb_roots = .*|usb_roots = [\"$dir/media\"]|" "$ws/console.toml"

# A console on free ports (a few random tries); $port, $kport and $url once it answers.
log=$dir/log
for try in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 20000)); kport=$((port + 1))
  # No linli-kiosk for previews here: the page must say so (the browser test draws real ones).
  LINLI_KIOSK=/nonexistent/linli-kiosk "$admin" console "$ws" --port "$port" --kiosk-port "$kport" --no-browser >"$log" 2>&1 &
  pid=$!
  for i in $(seq 50); do
    grep -qs "^console: open the link" "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -qs "^console: open the link" "$log" && break
  wait "$pid" 2>/dev/null; pid=
done
[ -n "$pid" ] || { echo "FAIL the console did not start: $(cat "$log")"; exit 1; }
c=http://127.0.0.1:$port k=http://127.0.0.1:$kport
url=$(grep -o "^console: http://127.0.0.1:$port/login?token=[A-Z0-9]*" "$log" | head -1 | cut -d' ' -f2)
[ -n "$url" ] && ok "start: prints \"console: URL\" with a login token" || bad "start: no console: URL line: $(cat "$log")"

code() { curl -s -o "$dir/body" -D "$dir/head" -w '%{http_code}' "$@"; }

# Nothing without a session.
expect "no session: the API is refused" 401 "$(code "$c/api/overview")"
expect "no session: the page is refused" 401 "$(code "$c/")"
grep -q "未登录" "$dir/body" && ok "no session: the page says how to sign in" || bad "no session: page: $(cat "$dir/body")"
[ "$(grep -c "^console: http://127.0.0.1:$port/login?token=" "$log")" -ge 2 ] && ok "no session: a fresh link is printed" \
  || bad "no session: no fresh link printed"
grep -q "Content-Security-Policy: default-src 'none'; script-src 'self'" "$dir/head" && ! grep -qi "unsafe-inline\|unsafe-eval" "$dir/head" \
  && ok "every answer: a strict Content-Security-Policy" || bad "no strict CSP: $(cat "$dir/head")"
expect "a wrong token is refused" 403 "$(code "$c/login?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")"

# The link works once, and gives a strict cookie.
expect "login: the link signs in and leaves the token out of the address" 303 "$(code -c "$dir/jar" "$url")"
grep -i "^Set-Cookie:" "$dir/head" | grep -q "HttpOnly; SameSite=Strict" && ok "login: the cookie is HttpOnly and SameSite=Strict" \
  || bad "login: cookie: $(grep -i set-cookie "$dir/head")"
grep -q "^Location: /" "$dir/head" && ok "login: on to the console's page" || bad "login: no redirect"
expect "login: the same link does not work twice" 403 "$(code "$url")"
grep -E -q '^[0-9]{4}-.*token=' "$log" && bad "the request log holds a token" || ok "the request log never holds a token"
expect "session: the page" 200 "$(code -b "$dir/jar" "$c/")"
grep -q '<script src="/static/console.js"' "$dir/body" && ! grep -q "<script>" "$dir/body" \
  && ok "page: its script is a file of its own, nothing inline" || bad "page: $(head -c 300 "$dir/body")"
expect "session: the page's script" 200 "$(code -b "$dir/jar" "$c/static/console.js")"
grep -q "^Content-Type: text/javascript" "$dir/head" && ok "page: the script's type" || bad "script type: $(cat "$dir/head")"

# DNS rebinding: a page elsewhere that resolves its own name to 127.0.0.1.
expect "a foreign Host is refused" 421 "$(code -b "$dir/jar" -H "Host: attacker.example:$port" "$c/api/overview")"

# Changes need the session's CSRF token.
csrf=$(curl -s -b "$dir/jar" "$c/api/session" | sed -n 's/.*"csrf":"\([A-Z0-9]*\)".*/\1/p')
[ ${#csrf} -eq 32 ] && ok "session: a CSRF token" || bad "session: csrf '$csrf'"
expect "a change without the CSRF token is refused" 403 "$(code -b "$dir/jar" --data '' "$c/api/logout")"
expect "a change with a wrong CSRF token is refused" 403 "$(code -b "$dir/jar" -H "X-CSRF-Token: ${csrf:1}X" --data '' "$c/api/logout")"
expect "methods other than GET and POST are refused" 405 "$(code -b "$dir/jar" -X DELETE "$c/api/overview")"

# The 概览 as check sees the workspace.
expect "overview: read" 200 "$(code -b "$dir/jar" "$c/api/overview")"
grep -q '"board":"幸福里社区居民自管会"' "$dir/body" && grep -q '"announcements":5' "$dir/body" && grep -q '"problems":\[\]' "$dir/body" \
  && ok "overview: the board, its counts, no problems" || bad "overview: $(head -c 400 "$dir/body")"
grep -q '"published":false' "$dir/body" && ok "overview: nothing published yet" || bad "overview: bundle: $(cat "$dir/body")"
sed -i 's/^publish = .*/publish = "2026-13-45"/' "$ws/content/announcements/water-outage.md"
code -b "$dir/jar" "$c/api/overview" >/dev/null
grep -q '"file":"announcements/water-outage.md","line":[0-9]*,"message":"publish 不是有效的日期' "$dir/body" \
  && ok "overview: a mistake is named by file, line and words, read afresh" || bad "overview: problem: $(head -c 600 "$dir/body")"
title='<script>alert(1)</script>'
printf '+++\ntitle = "%s"\n+++\nbody\n' "$title" > "$ws/content/announcements/xss.md"
sed -i 's/^publish = "2026-13-45"/publish = 2026-11-20/' "$ws/content/announcements/water-outage.md"

# 公告 through the API as a script on the LAN would try it.
csrf=$(curl -s -b "$dir/jar" "$c/api/session" | sed -n 's/.*"csrf":"\([A-Z0-9]*\)".*/\1/p')
post() { code -b "$dir/jar" -H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" "$@"; }
expect "announcements: the list" 200 "$(code -b "$dir/jar" "$c/api/announcements")"
grep -q '"id":"water-outage"' "$dir/body" && grep -q '"title":"<script>alert(1)</script>"' "$dir/body" \
  && ok "announcements: every file, a <script> title as a JSON string" || bad "announcements list: $(head -c 300 "$dir/body")"
expect "announcements: saving needs the CSRF token" 403 "$(code -b "$dir/jar" --data '{"title":"x"}' "$c/api/announcements/new")"
for id in ..%2F..%2Fkeys%2Fsign .hidden 'a%00b' "$(printf 'x%.0s' $(seq 70))"; do
  got=$(post --data '{"title":"x"}' "$c/api/announcements/$id")
  [ "$got" = 400 ] || [ "$got" = 404 ] || bad "announcements: id $id answered $got"
done
[ ! -e "$ws/keys/sign.md" ] && ok "announcements: names that leave the folder are refused" || bad "wrote outside announcements/"
ln -s "$ws/keys/sign.key" "$ws/content/announcements/linked.md"
expect "announcements: a symlink is not read" 404 "$(code -b "$dir/jar" "$c/api/announcements/linked")"
rm "$ws/content/announcements/linked.md"
expect "announcements: a malformed form" 400 "$(post --data '{"title":5}' "$c/api/announcements/new")"
head -c 1200000 /dev/zero | tr '\0' 'a' > "$dir/big"
expect "announcements: a body over 1 MiB is refused" 413 "$(post --data-binary @"$dir/big" "$c/api/announcements/new")"
expect "announcements: a mistake is refused with the field" 422 \
  "$(post --data '{"fields":{"title":"停电","urgent":true,"body":"x"}}' "$c/api/announcements/new")"
grep -q '"field":"urgent"' "$dir/body" && grep -q '"saved":false' "$dir/body" && ok "announcements: the problem names its field" \
  || bad "announcements: 422 body: $(cat "$dir/body")"
n=$(ls "$ws/content/announcements" | wc -l)
expect "announcements: a fixed one is saved" 200 \
  "$(post --data '{"fields":{"title":"停电","urgent":true,"expire":"2026-11-27","body":"x"}}' "$c/api/announcements/new")"
expect "announcements: one file more" $((n + 1)) "$(ls "$ws/content/announcements" | wc -l)"
grep -q "session 1: created announcements/notice-" "$ws/actions.log" && ok "the action log names the session and the file" \
  || bad "actions.log: $(cat "$ws/actions.log" 2>/dev/null)"
rm -f "$ws"/content/announcements/notice-*.md

# 图片.
python3 -c "
import struct, zlib, sys
w, h = 4, 3
raw = b''.join(b'\x00' + bytes([200, 30, 30] * w) for _ in range(h))
chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
" > "$dir/red.png"
expect "media: a text file is not a picture" 415 "$(post --data-binary 'hello' "$c/api/media?name=a.png")"
expect "media: a PNG" 200 "$(post --data-binary @"$dir/red.png" "$c/api/media?name=../../keys/Sign%20Key.png")"
grep -q '"path":"media/keys-sign-key.png"' "$dir/body" && cmp -s "$dir/red.png" "$ws/content/media/keys-sign-key.png" && [ ! -e "$ws/keys/Sign Key.png" ] \
  && ok "media: a name that leaves the folder is made safe, inside media/" || bad "media: $(cat "$dir/body")"
expect "media: the same picture again" 200 "$(post --data-binary @"$dir/red.png" "$c/api/media?name=keys-sign-key.png")"
grep -q '"path":"media/keys-sign-key.png"' "$dir/body" && ok "media: the same picture is the one there" || bad "media again: $(cat "$dir/body")"
printf '\x89PNG\r\n\x1a\nother' > "$dir/other.png"
post --data-binary @"$dir/other.png" "$c/api/media?name=keys-sign-key.png" >/dev/null
grep -q '"path":"media/keys-sign-key-2.png"' "$dir/body" && cmp -s "$dir/red.png" "$ws/content/media/keys-sign-key.png" \
  && ok "media: another picture of that name never replaces it" || bad "media other: $(cat "$dir/body")"
rm -f "$ws"/content/media/keys-sign-key*.png

# 预览 and 收集.
expect "preview: needs a session" 401 "$(code "$c/api/preview.png")"
expect "preview: a screen name that is not one" 400 "$(code -b "$dir/jar" "$c/api/preview.png?screen=../../keys")"
expect "preview: a size that is not one" 400 "$(code -b "$dir/jar" "$c/api/preview.png?size=99999x1")"
expect "preview: without linli-kiosk on this PC" 503 "$(code -b "$dir/jar" "$c/api/preview.png?screen=home")"
grep -q "本机没有可用的 linli-kiosk" "$dir/body" && ok "preview: says linli-kiosk is missing" || bad "preview: $(cat "$dir/body")"
expect "collect: needs the CSRF token" 403 "$(code -b "$dir/jar" --data '{}' "$c/api/collect")"
expect "collect: an empty inbox" 200 "$(post --data '{}' "$c/api/collect")"
grep -q '"collected":false' "$dir/body" && ok "collect: says there is nothing to collect" || bad "collect: $(cat "$dir/body")"

# 投票.
expect "ballots: the list" 200 "$(code -b "$dir/jar" "$c/api/ballots")"
grep -q '"id":"environment-leader"' "$dir/body" && grep -q '"codes_required":true' "$dir/body" && ok "ballots: with their codes" \
  || bad "ballots: $(head -c 300 "$dir/body")"
expect "ballots: codes need the CSRF token" 403 "$(code -b "$dir/jar" --data '{"kiosk":"lobby-1","count":2}' "$c/api/ballots/environment-leader/codes")"
expect "ballots: a kiosk id that is not one" 400 "$(post --data '{"kiosk":"../x","count":2}' "$c/api/ballots/environment-leader/codes")"
expect "ballots: no such ballot" 422 "$(post --data '{"kiosk":"lobby-1","count":2}' "$c/api/ballots/nothing/codes")"
expect "ballots: codes for a ballot that takes none" 422 "$(post --data '{"kiosk":"lobby-1","count":2}' "$c/api/ballots/activity-survey/codes")"
expect "ballots: two codes" 200 "$(post --data '{"kiosk":"lobby-1","count":2}' "$c/api/ballots/environment-leader/codes")"
grep -q "^Content-Type: application/pdf" "$dir/head" && [ "$(pdftotext "$dir/body" - | grep -cE '[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}')" -ge 2 ] \
  && ok "ballots: the slips PDF" || bad "ballots: pdf: $(cat "$dir/head")"
grep -q "session 1: issued 2 voting codes for ballot environment-leader at kiosk lobby-1" "$ws/actions.log" \
  && ok "ballots: the action log says so, without the codes" || bad "ballots: actions.log"
rm -rf "$ws/content/codes/environment-leader"

# 投票设置: a ballot's own settings.
expect "ballot settings: read" 200 "$(code -b "$dir/jar" "$c/api/ballots/environment-leader/settings")"
grep -q '"choices":\[{"bio":"","name":"王芳","photo":""}' "$dir/body" && grep -q '"locked":false' "$dir/body" \
  && ok "ballot settings: the choices, not locked before it opens" || bad "ballot settings: $(head -c 300 "$dir/body")"
for id in ..%2F..%2Fkeys%2Fsign .hidden 'a%00b'; do
  got=$(code -b "$dir/jar" "$c/api/ballots/$id/settings")
  [ "$got" = 400 ] || [ "$got" = 404 ] || bad "ballot settings: id $id answered $got"
done
ok "ballot settings: names that leave the folder are refused"
expect "ballot settings: saving needs the CSRF token" 403 "$(code -b "$dir/jar" --data '{"fields":{}}' "$c/api/ballots/new/settings")"
expect "ballot settings: a malformed form" 400 "$(post --data '{"fields":{"choices":"王芳"}}' "$c/api/ballots/new/settings")"
n=$(ls "$ws/content/ballots" | wc -l)
expect "ballot settings: closes before opens is refused" 422 \
  "$(post --data '{"fields":{"title":"<b>章程</b>表决","kind":"motion","opens":"2027-01-15","closes":"2027-01-05","threshold":">=2/3"}}' "$c/api/ballots/new/settings")"
grep -q '"field":"closes"' "$dir/body" && [ "$(ls "$ws/content/ballots" | wc -l)" = "$n" ] \
  && ok "ballot settings: the problem names its field, nothing is written" || bad "ballot settings 422: $(cat "$dir/body")"
grep -q 'closes 必须晚于 opens' "$dir/body" && ok "the check's words in Chinese by default" || bad "language: $(cat "$dir/body")"
post -H "X-Linli-Language: en" --data '{"fields":{"title":"x","kind":"motion","opens":"2027-01-15","closes":"2027-01-05"}}' "$c/api/ballots/new/settings" >/dev/null
grep -q 'closes must be after opens' "$dir/body" && ok "the check's words in English when the page asks" || bad "language en: $(cat "$dir/body")"
expect "ballot settings: a new motion is saved" 200 \
  "$(post --data '{"fields":{"title":"<b>章程</b>表决","kind":"motion","opens":"2027-01-05","closes":"2027-01-15","threshold":">=2/3"}}' "$c/api/ballots/new/settings")"
new_ballot=$(grep -o '"id":"ballot-[0-9]*-1"' "$dir/body" | cut -d'"' -f4)
[ -n "$new_ballot" ] && grep -qx 'title = "<b>章程</b>表决"' "$ws/content/ballots/$new_ballot.toml" && "$admin" check "$ws/content" >/dev/null 2>&1 \
  && ok "ballot settings: the file an administrator would write, and check agrees" || bad "ballot settings new: $(cat "$dir/body")"
rm -f "$ws/content/ballots/$new_ballot.toml"

# 意见.
expect "feedback: an empty inbox" 200 "$(code -b "$dir/jar" "$c/api/feedback")"
grep -q '"rows":\[\]' "$dir/body" && ok "feedback: no rows yet" || bad "feedback: $(cat "$dir/body")"
expect "feedback: the CSV" 200 "$(code -b "$dir/jar" "$c/api/feedback.csv")"
grep -qi '^Content-Disposition: attachment; filename="feedback.csv"' "$dir/head" && grep -q "回执码" "$dir/body" \
  && ok "feedback: the CSV downloads with its header row" || bad "feedback csv: $(cat "$dir/head")"
expect "feedback: a reply needs the CSRF token" 403 "$(code -b "$dir/jar" --data '{"code":"ABCD-2345","reply":"x"}' "$c/api/feedback/reply")"
expect "feedback: no reply to a code that never came in" 404 "$(post --data '{"code":"ABCD-2345","reply":"x"}' "$c/api/feedback/reply")"
[ "$(sha256sum < "$ws/content/feedback/replies.toml")" = "$replies_sum" ] && ok "feedback: replies.toml untouched" || bad "replies.toml changed"

# The keys are never served, on either port, whatever the path.
for path in /keys/sign.key /static/../keys/sign.key /static/%2e%2e/keys/sign.key /../keys/sign.key /console.toml /static/sign.key; do
  for base in "$c" "$k"; do
    got=$(code -b "$dir/jar" --path-as-is "$base$path")
    if [ "$got" = 200 ] || grep -q "$secret" "$dir/body"; then bad "served $base$path ($got)"; fi
  done
done
ok "the signing key is never served (6 paths on both ports)"

# A status a kiosk did not sign is dropped: nothing recorded.
code -H 'X-Linli-Status: v=1;kiosk=evil;name=x;version=1;pending=0;clock=1;floor=1;interval=300;key=00;sig=00' "$k/manifest.toml" >/dev/null
[ ! -e "$ws/kiosks/evil.json" ] && grep -q "a status from 127.0.0.1 was dropped" "$log" && ok "kiosks: an unsigned status is dropped, and said" \
  || bad "kiosks: status: $(ls "$ws/kiosks" 2>&1)"

# The kiosks' listener: bundle/ and inbox/.
expect "kiosks: no bundle before the first publish" 404 "$(code "$k/manifest.toml")"
"$admin" build "$ws/content" --key "$ws/keys" --out "$ws/bundle" >/dev/null 2>&1
expect "kiosks: the bundle once built into bundle/" 200 "$(code "$k/manifest.toml")"
# Once the kiosks have a ballot and it has opened, its settings stay (residents may have voted).
survey_sum=$(sha256sum < "$ws/content/ballots/activity-survey.toml")
code -b "$dir/jar" "$c/api/ballots/activity-survey/settings" >/dev/null
grep -q '"locked":true' "$dir/body" && ok "ballot settings: a published, open ballot is shown locked" || bad "locked: $(head -c 300 "$dir/body")"
expect "ballot settings: a published, open ballot is not changed" 409 \
  "$(post --data '{"fields":{"title":"改过的调查","kind":"survey","opens":"2026-11-20","closes":"2026-12-31","codes":"none","questions":[{"text":"好吗","kind":"scale"}]}}' "$c/api/ballots/activity-survey/settings")"
[ "$(sha256sum < "$ws/content/ballots/activity-survey.toml")" = "$survey_sum" ] && ok "ballot settings: its file untouched" || bad "the open ballot was changed"
expect "ballot settings: a published ballot not open yet can be changed" 200 \
  "$(post --data '{"fields":{"title":"环境组组长选举（更正）","kind":"single","opens":"2026-12-20T08:00:00+08:00","closes":"2026-12-27T20:00:00+08:00","codes":"required","quorum":"100","choices":[{"name":"王芳"},{"name":"赵强"},{"name":"周敏"}]}}' "$c/api/ballots/environment-leader/settings")"
head -c 5000 /dev/urandom > "$dir/export"
expect "kiosks: an export is stored in inbox/" 201 "$(code -T "$dir/export" "$k/inbox/lobby-1-000001.linli-export")"
cmp -s "$dir/export" "$ws/inbox/lobby-1-000001.linli-export" && ok "kiosks: the export's bytes" || bad "kiosks: export not stored"
code -b "$dir/jar" "$c/api/overview" >/dev/null
grep -q '"exports":1' "$dir/body" && grep -q '"published":true' "$dir/body" \
  && ok "overview: the bundle published and the export waiting" || bad "overview after publish: $(head -c 600 "$dir/body")"
# USB sticks: the bundle written to one whole, exports taken from one into the inbox.
stick=$dir/media/office/STICK
expect "usb: the sticks" 200 "$(code -b "$dir/jar" "$c/api/usb")"
grep -q "\"path\":\"$stick\"" "$dir/body" && ok "usb: the stick under the roots" || bad "usb: $(cat "$dir/body")"
expect "usb: only a listed stick is written" 404 "$(post --data "{\"stick\":\"$ws\"}" "$c/api/usb/publish")"
expect "usb: the bundle to the stick" 200 "$(post --data "{\"stick\":\"$stick\"}" "$c/api/usb/publish")"
cmp -s "$ws/bundle/manifest.toml" "$stick/linli/bundle/manifest.toml" && "$admin" verify "$stick/linli/bundle" --pub "$ws/keys" >/dev/null 2>&1 \
  && [ -z "$(ls -A "$stick/linli" | grep -v '^bundle$' | grep -v '^exports$')" ] \
  && ok "usb: linli/bundle/ verifies, nothing else left on the stick" || bad "usb: $(ls -la "$stick/linli")"
head -c 3000 /dev/urandom > "$stick/linli/exports/lobby-2-000001.linli-export"
expect "usb: exports into the inbox" 200 "$(post --data "{\"stick\":\"$stick\"}" "$c/api/usb/collect")"
grep -q '"stored":1' "$dir/body" && cmp -s "$stick/linli/exports/lobby-2-000001.linli-export" "$ws/inbox/lobby-2-000001.linli-export" \
  && ok "usb: the export is in the inbox" || bad "usb collect: $(cat "$dir/body")"
post --data "{\"stick\":\"$stick\"}" "$c/api/usb/collect" >/dev/null
grep -q '"stored":0,"already":1' "$dir/body" || grep -q '"already":1' "$dir/body" && ok "usb: the same export again is already there" || bad "usb again: $(cat "$dir/body")"
rm -f "$ws/inbox/lobby-2-000001.linli-export"
expect "kiosks: the console's API is not on the kiosks' port" 404 "$(code -b "$dir/jar" "$k/api/overview")"

csrf=$(curl -s -b "$dir/jar" "$c/api/session" | sed -n 's/.*"csrf":"\([A-Z0-9]*\)".*/\1/p')
expect "logout with the CSRF token" 200 "$(code -b "$dir/jar" -H "X-CSRF-Token: $csrf" --data '' "$c/api/logout")"
expect "logout: the session is over" 401 "$(code -b "$dir/jar" "$c/api/overview")"

kill -TERM "$pid"; wait "$pid"; rc=$?; pid=
expect "SIGTERM: a clean stop" 0 "$rc"
grep -q "^console: stopped (SIGTERM)" "$log" && ok "SIGTERM: says so" || bad "SIGTERM: $(tail -3 "$log")"

# Off this PC: a password and TLS, or no console at all.
check "off this PC: no password yet" 2 "needs a password: set one with linli-admin console" "$admin" console "$ws" --bind 0.0.0.0 --no-browser
check "set-password: too short" 2 "10 characters or more" sh -c "echo short | '$admin' console '$ws' --set-password"
check "set-password: from standard input" 0 "password set in" sh -c "echo 'office-password-1' | '$admin' console '$ws' --set-password"
[ "$(grep -c '^password_hash = "\$argon2id\$' "$ws/console.toml")" = 1 ] && [ "$(stat -c %a "$ws/console.toml")" = 600 ] \
  && ok "set-password: one Argon2id line, console.toml 0600" || bad "set-password: $(grep password_hash "$ws/console.toml")"
check "off this PC: no TLS yet" 2 "needs TLS: tls_cert and tls_key" "$admin" console "$ws" --bind 0.0.0.0 --no-browser
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ws/console.key" -out "$ws/console.crt" \
  -days 825 -subj "/CN=linli-office" 2>/dev/null
sed -i 's|^tls_cert = ""|tls_cert = "console.crt"|; s|^tls_key = ""|tls_key = "console.key"|' "$ws/console.toml"
tport=$((port + 2)); tkport=$((port + 3))
"$admin" console "$ws" --bind 0.0.0.0 --port "$tport" --kiosk-port "$tkport" --no-browser >"$dir/tls.log" 2>&1 &
pid=$!
for i in $(seq 50); do grep -qs "log in with the console's password" "$dir/tls.log" && break; sleep 0.1; done
t=https://127.0.0.1:$tport
grep -q "^console: https://" "$dir/tls.log" && ok "TLS: prints console: https://..." || bad "TLS: start: $(cat "$dir/tls.log")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$tport/")" = 000 ] && ok "TLS: nothing in the clear" || bad "TLS: answered plain HTTP"
expect "TLS: the page sends to the login" 303 "$(code -k "$t/")"
expect "TLS: the login form" 200 "$(code -k "$t/login")"
grep -q 'type="password"' "$dir/body" && ok "TLS: a password field" || bad "TLS: login page: $(head -c 300 "$dir/body")"
expect "TLS: the right password signs in" 303 "$(code -k -c "$dir/tjar" --data 'password=office-password-1' "$t/login")"
grep -i "^Set-Cookie:" "$dir/head" | grep -q "HttpOnly; SameSite=Strict; Secure" && ok "TLS: the cookie is Secure too" \
  || bad "TLS: cookie: $(grep -i set-cookie "$dir/head")"
expect "TLS: the API with the session" 200 "$(code -k -b "$dir/tjar" "$t/api/overview")"
for i in 1 2 3 4; do code -k --data 'password=guess' "$t/login" >/dev/null; done
expect "TLS: a fifth wrong password" 403 "$(code -k --data 'password=guess' "$t/login")"
expect "TLS: then a pause, even for the right one" 429 "$(code -k --data 'password=office-password-1' "$t/login")"
grep -q "秒后再试" "$dir/body" && ok "TLS: the pause says how long" || bad "TLS: 429 page: $(cat "$dir/body")"
kill -TERM "$pid"; wait "$pid"; pid=

# Bad set-ups: exit 2 and a reason.
check "not a workspace" 2 "not a workspace (make one with linli-admin init" "$admin" console "$dir" --no-browser
check "one port for both" 2 "need two ports" "$admin" console "$ws" --port 9000 --kiosk-port 9000 --no-browser
sed -i 's/^port = 8470/port = "eighty"/' "$ws/console.toml"
check "console.toml: a wrong value names the file and line" 2 "console.toml:6: port must be a whole number" "$admin" console "$ws" --no-browser
exit $fail
