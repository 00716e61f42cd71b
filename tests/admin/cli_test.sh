#!/bin/bash
# linli-admin as an administrator uses it: check (both languages), preview, hash-pin,
# check-config; exit codes 0 / 2 / 1 and the reasons on stderr.
set -u
admin=$1 top=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
fail=0
check() {  # check NAME EXPECTED_RC GREP_PATTERN COMMAND...
  local name=$1 want=$2 pattern=$3; shift 3
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ]; then echo "FAIL $name: exit $rc, wanted $want: $out"; fail=1; return; fi
  if ! grep -q -- "$pattern" <<<"$out"; then echo "FAIL $name: output lacks '$pattern': $out"; fail=1; return; fi
  echo "ok   $name"
}
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
check "not yet available" 1 "not available yet" "$admin" build "$top/assets/demo"
[ $fail = 0 ] && echo "admin: all checks passed"
exit $fail
