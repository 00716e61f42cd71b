#!/bin/bash
# linli-admin as an administrator uses it: check (both languages), preview, hash-pin,
# check-config; exit codes 0 / 2 / 1 and the reasons on stderr.
set -u
admin=$1 top=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES=
check "check: the demo folder is valid" 0 "ok: 5 announcements" "$admin" check "$top/assets/demo"
check "check: every problem, then a summary" 2 "4 problems in 2 files" "$admin" check "$top/tests/content/corpus/broken/bad_dates"
check "check: names file and line" 2 "announcements/a.md:3: publish is not a valid date" "$admin" check "$top/tests/content/corpus/broken/bad_dates"
check "check: Chinese when LANG is zh" 2 "个问题" env LANG=zh_CN.UTF-8 "$admin" check "$top/tests/content/corpus/broken/bad_dates"
check "check: a missing folder" 2 "no such folder" "$admin" check "$dir/none"
printf '#!/bin/sh\necho "kiosk called: $*"\n' > "$dir/fake-kiosk"; chmod +x "$dir/fake-kiosk"
check "preview: checks, then runs the kiosk on the folder" 0 "kiosk called: --content $top/assets/demo --windowed 1600x900" \
  env LINLI_KIOSK="$dir/fake-kiosk" "$admin" preview "$top/assets/demo" --size 1600x900
check "preview: a broken folder never opens" 2 "4 problems in 2 files" env LINLI_KIOSK="$dir/fake-kiosk" "$admin" preview "$top/tests/content/corpus/broken/bad_dates"
check "hash-pin: prints the config line" 0 'pin_hash = ".argon2id.v=19' sh -c "echo 2468 | '$admin' hash-pin"
check "hash-pin: refuses letters" 2 "" sh -c "echo abcd | '$admin' hash-pin"
check "check-config: the example config" 0 "ok" "$admin" check-config "$top/kiosk-config/kiosk.toml"
printf '[audio]\nenabled = true\nvolume = 150\n' > "$dir/loud.toml"
check "check-config: [audio] volume past 100 names the line" 2 "loud.toml:3: volume must be 0 (silent) to 100" \
  "$admin" check-config "$dir/loud.toml"

# keygen, build, verify: the publishing round trip an administrator makes.
export LINLI_NOW=1795572030
check "keygen: writes the key folder" 0 "copy sign.pub and seal.pub" "$admin" keygen --out "$dir/keys"
for f in sign.key seal.key; do
  mode=$(stat -c %a "$dir/keys/$f")
  [ "$mode" = 600 ] && echo "ok   keygen: $f is 0600" || { echo "FAIL keygen: $f has mode $mode"; fail=1; }
done
secret=$(grep -v '^#' "$dir/keys/sign.key" | cut -d' ' -f2)
out=$("$admin" keygen --out "$dir/keys-again" 2>&1; "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/b" 2>&1)
grep -q "${secret:0:32}" <<<"$out" && { echo "FAIL a secret key was printed"; fail=1; } || echo "ok   no secret key in the output"
check "keygen: never overwrites keys" 2 "never overwritten" "$admin" keygen --out "$dir/keys"
check "build: a missing key folder" 2 "no such key folder" "$admin" build "$top/assets/demo" --key "$dir/nokeys" --out "$dir/b2"
check "build: a broken folder writes nothing" 2 "announcements/a.md:3: publish is not a valid date" \
  "$admin" build "$top/tests/content/corpus/broken/bad_dates" --key "$dir/keys" --out "$dir/b3"
[ ! -e "$dir/b3" ] && echo "ok   build: nothing written for a broken folder" || { echo "FAIL build wrote $dir/b3"; fail=1; }
check "build: a bad --expires" 2 "number of days" "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/b4" --expires soon
check "build: again, a newer version" 0 "version 1795572031, 23 files" "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/b"
# A bundle is public (any web server's user must read it), whatever the administrator's umask:
# its 23 files, manifest.toml and manifest.sig 0644, the bundle folder and files/ 0755.
(umask 077; "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/public" >/dev/null)
modes=$(cd "$dir/public" && find . -printf '%m %y\n' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
[ "$modes" = " 25 644 f; 2 755 d;" ] \
  && echo "ok   build: bundle files 0644, folders 0755 under umask 077" || { echo "FAIL build: bundle modes: $modes"; fail=1; }
[ "$(stat -c %a "$dir/keys/sign.key")" = 600 ] && echo "ok   build: sign.key still 0600" || { echo "FAIL sign.key mode changed"; fail=1; }
check "build: versions only go up" 2 "versions only go up" "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/b" --version 5
check "verify: a good bundle" 0 "verify: ok: .*23 files" "$admin" verify "$dir/b" --pub "$dir/keys"
# The demo's replies travel locked: no receipt code of feedback/replies.toml is anywhere in the
# bundle, with or without its dash, in any case; the public replies are there in clear.
leaked=0
for code in $(grep -o '^code = "[^"]*"' "$top/assets/demo/feedback/replies.toml" | cut -d'"' -f2); do
  for form in "$code" "${code/-/}"; do grep -rqi -- "$form" "$dir/b" && { echo "FAIL receipt code $form is in the bundle"; leaked=1; fail=1; }; done
done
[ $leaked = 0 ] && echo "ok   build: no receipt code in the bundle"
grep -rq "5号楼东侧每天早晚各清运一次" "$dir/b/files" && echo "ok   build: public replies are in the bundle" || { echo "FAIL public reply missing"; fail=1; }
check "build: says how many replies it locked" 0 "3 feedback replies, each readable only with its receipt code" \
  "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/b"
"$admin" keygen --out "$dir/other" >/dev/null
check "verify: another key" 2 "does not trust" "$admin" verify "$dir/b" --pub "$dir/other/sign.pub"
check "verify: a sealing key is not a signing key" 2 "expected a signing public key" "$admin" verify "$dir/b" --pub "$dir/keys/seal.pub"
cp -r "$dir/b" "$dir/tampered"; f=$(ls "$dir/tampered/files" | head -1); printf x >> "$dir/tampered/files/$f"
check "verify: a changed file" 2 "longer\|does not match" "$admin" verify "$dir/tampered" --pub "$dir/keys"
chmod 644 "$dir/keys/sign.key"
check "build: a secret key others can read" 2 "others can read" "$admin" build "$top/assets/demo" --key "$dir/keys" --out "$dir/b"
chmod 600 "$dir/keys/sign.key"
check "keygen: rotation" 0 "key set 1" "$admin" keygen --out "$dir/keys2" --rotate-from "$dir/keys"
cmp -s "$dir/keys/seal.key" "$dir/keys2/seal.key" && echo "ok   rotation keeps the sealing key" || { echo "FAIL rotation changed seal.key"; fail=1; }
check "build: with the new key" 0 "version" "$admin" build "$top/assets/demo" --key "$dir/keys2" --out "$dir/b" --version 1795572100
check "verify: the old key accepts the rotation" 0 "carries signing key set 1" "$admin" verify "$dir/b" --pub "$dir/keys"
check "verify: the new key too" 0 "verify: ok" "$admin" verify "$dir/b" --pub "$dir/keys2"
[ $fail = 0 ] && echo "admin: all checks passed"
exit $fail
