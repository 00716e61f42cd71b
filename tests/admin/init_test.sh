#!/bin/bash
# linli-admin init: an office workspace made whole (the demo to start from, keys, the empty
# folders, console.toml) that the other subcommands work on; never over an existing folder,
# and nothing left behind when it cannot be made.
set -u
admin=$1
dir=$(mktemp -d); trap 'chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES= LINLI_NOW=1795572030
ws=$dir/office

check "init: makes the workspace and says what is in it" 0 "made the workspace $ws" "$admin" init "$ws"
for d in content keys bundle inbox results; do
  [ -d "$ws/$d" ] && echo "ok   init: $d/ is there" || { echo "FAIL init: no $d/"; fail=1; }
done
[ -f "$ws/console.toml" ] && grep -q '^bind = "127.0.0.1"' "$ws/console.toml" \
  && echo "ok   init: console.toml keeps the console on this PC" || { echo "FAIL init: console.toml"; fail=1; }
for f in keys/sign.key:600 keys/seal.key:600 inbox:700; do
  mode=$(stat -c %a "$ws/${f%%:*}")
  [ "$mode" = "${f##*:}" ] && echo "ok   init: ${f%%:*} is ${f##*:}" || { echo "FAIL init: ${f%%:*} has mode $mode"; fail=1; }
done
[ -z "$(find "$ws/bundle" "$ws/inbox" "$ws/results" -mindepth 1)" ] && echo "ok   init: bundle/, inbox/, results/ start empty" \
  || { echo "FAIL init: bundle/, inbox/ or results/ not empty"; fail=1; }
ls -a "$dir" | grep -q '\.init-' && { echo "FAIL init left its temporary folder"; fail=1; } || echo "ok   init: no temporary folder left"

# The parts work with the other subcommands as they are.
check "init: the content is a valid board" 0 "ok: 5 announcements" "$admin" check "$ws/content"
check "init: builds with the workspace's keys into its bundle/" 0 "" \
  "$admin" build "$ws/content" --key "$ws/keys" --out "$ws/bundle/next"
check "init: the bundle verifies with the workspace's public key" 0 "" "$admin" verify "$ws/bundle/next" --pub "$ws/keys"

# Never over anything that exists.
before=$(cd "$ws" && find . -type f -exec sha256sum {} + | sort)
check "init: refuses a folder that is not empty" 2 "already exists and is not an empty folder; nothing changed" \
  "$admin" init "$ws"
after=$(cd "$ws" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] && echo "ok   init: the existing workspace is untouched" || { echo "FAIL init changed $ws"; fail=1; }
echo hello > "$dir/file"
check "init: refuses a file" 2 "already exists" "$admin" init "$dir/file"
mkdir "$dir/empty"
check "init: an empty folder becomes the workspace" 0 "made the workspace" "$admin" init "$dir/empty"
[ -f "$dir/empty/keys/sign.key" ] && echo "ok   init: keys in the empty folder" || { echo "FAIL init: no keys in $dir/empty"; fail=1; }
check "init: a parent that does not exist" 2 "no such folder" "$admin" init "$dir/none/office"
check "init: one folder, nothing else" 2 "expected one WORKSPACE" "$admin" init "$dir/a" "$dir/b"
check "init: --help" 0 "usage: linli-admin init WORKSPACE" "$admin" init --help

# A folder it cannot write in (as a non-root user would meet it): nothing made, nothing left.
if [ "$(id -u)" != 0 ]; then
  mkdir "$dir/locked"; chmod 555 "$dir/locked"
  check "init: a folder it cannot write in" 2 "cannot write" "$admin" init "$dir/locked/office"
  [ -z "$(ls -A "$dir/locked")" ] && echo "ok   init: nothing left in the locked folder" || { echo "FAIL init wrote into $dir/locked"; fail=1; }
fi
exit $fail
