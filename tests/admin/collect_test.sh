#!/bin/bash
# Residents' data exports end to end, as administrators meet them: `linli-kiosk --export` writes
# signed, chained exports into a folder; `linli-admin collect` verifies and opens them, and
# reports a changed byte (exit 2, nothing written), a dropped or duplicated export, and files given
# out of order (SECURITY.md B7). Records inside exports are covered by tests/services/exports_test.
set -u
admin=$1 kiosk=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
report_has() {  # report_has NAME FILE PATTERN
  if grep -q -- "$3" "$2"; then echo "ok   $1"; else echo "FAIL $1: $2 lacks '$3':"; cat "$2"; fail=1; fi
}
export LANG=C.UTF-8 LINLI_NOW=1795572030
"$admin" keygen --out "$dir/keys" >/dev/null || { echo "FAIL keygen"; exit 1; }
mkdir -p "$dir/etc/keys" "$dir/stick" "$dir/data"
cp "$dir/keys/sign.pub" "$dir/keys/seal.pub" "$dir/etc/keys/"
cat > "$dir/etc/kiosk.toml" <<'TOML'
[kiosk]
id = "lobby-1"
[trust]
admin_keys = ["keys/sign.pub"]
seal_key = "keys/seal.pub"
TOML
k() { "$kiosk" --config "$dir/etc/kiosk.toml" --data-dir "$dir/data" "$@"; }

check "export: the first, empty" 0 "wrote $dir/stick/lobby-1-000001.linli-export (0 records)" k --export "$dir/stick"
check "export: the second" 0 "lobby-1-000002.linli-export (0 records)" k --export "$dir/stick"
check "export: a missing folder" 2 "no such folder" k --export "$dir/none"
[ -f "$dir/data/device.key" ] && [ "$(stat -c %a "$dir/data/device.key")" = 600 ] && echo "ok   device.key is 0600" \
  || { echo "FAIL device.key missing or not 0600"; fail=1; }
secret=$(grep -v '^#' "$dir/data/device.key" | cut -d' ' -f2)
if grep -rq "${secret:0:32}" "$dir/stick"; then echo "FAIL the device secret key is in an export"; fail=1; else echo "ok   no device secret in the exports"; fi
check "status: pending_exports" 0 '"pending_exports": 0' k --status

e1=$dir/stick/lobby-1-000001.linli-export e2=$dir/stick/lobby-1-000002.linli-export
check "collect: two exports" 0 "collect: ok: 2 exports from 1 kiosk, 0 records" "$admin" collect "$e1" "$e2" --key "$dir/keys" --out "$dir/out"
report_has "report: chain ok" "$dir/out/report.txt" "chain: ok"
report_has "report: both exports listed" "$dir/out/report.txt" "exports: 2 (seq 1 to 2)"
[ "$(stat -c %a "$dir/out/feedback.txt")" = 600 ] && echo "ok   feedback.txt is 0600" || { echo "FAIL feedback.txt mode"; fail=1; }
check "collect: a folder stands for its exports" 0 "collect: ok: 2 exports" "$admin" collect "$dir/stick" --key "$dir/keys" --out "$dir/out-folder"

# Any one changed byte: verification fails, naming the file, and nothing is written.
cp "$e2" "$dir/tampered.linli-export"
printf 'seq = 3' | dd of="$dir/tampered.linli-export" bs=1 seek=$(grep -b -o 'seq = 2' "$e2" | cut -d: -f1) conv=notrunc 2>/dev/null
check "collect: one changed byte" 2 "tampered.linli-export: the signature does not verify" \
  "$admin" collect "$e1" "$dir/tampered.linli-export" --key "$dir/keys" --out "$dir/out-tampered"
[ ! -e "$dir/out-tampered" ] && echo "ok   nothing written for a tampered export" || { echo "FAIL wrote $dir/out-tampered"; fail=1; }
head -c -2 "$e2" > "$dir/truncated.linli-export"
check "collect: a truncated export" 2 "truncated.linli-export" "$admin" collect "$dir/truncated.linli-export" --key "$dir/keys" --out "$dir/out-t"

# Dropped, duplicated and reordered exports.
check "export: a third" 0 "lobby-1-000003.linli-export" k --export "$dir/stick"
e3=$dir/stick/lobby-1-000003.linli-export
check "collect: the first dropped is reported" 0 "note: starts at export 2: exports 1 to 1 were not given" \
  "$admin" collect "$e2" "$e3" --key "$dir/keys" --out "$dir/out-late"
check "collect: a dropped export in the middle" 2 "problem: export 2 missing (dropped?) before export 3" \
  "$admin" collect "$e1" "$e3" --key "$dir/keys" --out "$dir/out-gap"
report_has "report: the chain is broken" "$dir/out-gap/report.txt" "chain: BROKEN"
check "collect: swapped order is checked by seq" 0 "note: the files were given out of order" \
  "$admin" collect "$e3" "$e1" "$e2" --key "$dir/keys" --out "$dir/out-swap"
cp "$e2" "$dir/copy.linli-export"
check "collect: the same export twice counts once" 0 "is the same file as" \
  "$admin" collect "$e1" "$e2" "$dir/copy.linli-export" --key "$dir/keys" --out "$dir/out-dup"

# Another machine claiming the same kiosk id (its own device key) cannot slip into the chain: its
# exports are a chain of their own, reported as a cloned card.
mkdir -p "$dir/data2" "$dir/stick2"
"$kiosk" --config "$dir/etc/kiosk.toml" --data-dir "$dir/data2" --export "$dir/stick2" >/dev/null
"$kiosk" --config "$dir/etc/kiosk.toml" --data-dir "$dir/data2" --export "$dir/stick2" >/dev/null
check "collect: an export from another device with this kiosk id" 2 "a cloned SD card" \
  "$admin" collect "$e1" "$dir/stick2/lobby-1-000002.linli-export" --key "$dir/keys" --out "$dir/out-forged"
check "collect: a key folder is required" 2 "no such key folder" "$admin" collect "$e1" --key "$dir/none" --out "$dir/out-x"
# Backups and restoring a kiosk onto a new SD card (EXPORTS.md, "Backups and restoring a kiosk").
mkdir -p "$dir/bk"
check "backup: written" 0 "wrote the backup $dir/bk/lobby-1 (0 records, last export 3" k --backup "$dir/bk"
bk=$dir/bk/lobby-1
r() { "$kiosk" --config "$dir/etc/kiosk.toml" --data-dir "$dir/new" "$@"; }
refused() {  # refused NAME PATTERN BACKUP_DIR [CONFIG]: exit 2, one line naming the file, no data dir made
  check "restore: $1" 2 "$2" "$kiosk" --config "${4:-$dir/etc/kiosk.toml}" --data-dir "$dir/new" --restore "$3"
  [ "$(wc -l <<<"$out")" = 1 ] || { echo "FAIL restore: $1: not one line: $out"; fail=1; }
  [ ! -e "$dir/new" ] || { echo "FAIL restore: $1: made $dir/new"; fail=1; }
}
copy=$(cd "$bk" && ls residents-*.db)  # the copy is named by its content; backup.toml names it
[[ $copy =~ ^residents-[0-9a-f]{16}\.db$ ]] && grep -q "^db_file = \"$copy\"$" "$bk/backup.toml" \
  && echo "ok   backup: backup.toml names the copy $copy" || { echo "FAIL backup: copy '$copy' not named"; fail=1; }
cp -r "$bk" "$dir/bad-db"; printf '\xff' | dd of="$dir/bad-db/$copy" bs=1 seek=5000 conv=notrunc 2>/dev/null
refused "a changed byte in the copy" "bad-db/$copy: its SHA-256 is not the one backup.toml names" "$dir/bad-db"
cp -r "$bk" "$dir/bad-toml"; sed -i 's/^last_export_seq = 3$/last_export_seq = 2/' "$dir/bad-toml/backup.toml"
refused "a changed byte in backup.toml" "bad-toml/backup.toml: the signature does not verify" "$dir/bad-toml"
cp -r "$bk" "$dir/short"; truncate -s -1024 "$dir/short/$copy"
refused "a truncated copy" "short/$copy: .* bytes, but backup.toml says" "$dir/short"
sed 's/"lobby-1"/"lobby-2"/' "$dir/etc/kiosk.toml" > "$dir/etc/lobby-2.toml"
refused "another kiosk's backup" 'the backup of kiosk "lobby-1", but this kiosk is "lobby-2"' "$bk" "$dir/etc/lobby-2.toml"
refused "the stick's backup folder instead of the kiosk's" "bk/backup.toml: missing" "$dir/bk"
before=$(cd "$dir/data" && md5sum * | sort)
check "restore: refused over the kiosk's own data" 2 "already holds residents' data (0 records, 3 exports); restore only onto a fresh SD card" \
  k --restore "$bk"
[ "$(cd "$dir/data" && md5sum * | sort)" = "$before" ] && echo "ok   restore: the refused data dir is unchanged" \
  || { echo "FAIL restore: the data dir changed"; fail=1; }

check "restore: onto a fresh SD card" 0 "restored $dir/new/residents.db from the backup of [0-9-]*: 0 record(s), last export 000003" \
  r --restore "$bk"
old_key=$(grep -o '^device_key = "[0-9a-f]*' "$e3" | cut -d'"' -f2)
grep -q "backup made by device key ${old_key:0:4} ${old_key:4:4} ${old_key:8:4} ${old_key:12:4} (compare" <<<"$out" \
  && echo "ok   restore: names the key that made the backup" || { echo "FAIL restore: no backup key in: $out"; fail=1; }
new_key=$(grep -o 'accept-key [0-9a-f]*' <<<"$out" | cut -d' ' -f2)
[ ${#new_key} = 16 ] && echo "ok   restore: names the new key" || { echo "FAIL restore: no --accept-key in: $out"; fail=1; }
check "restore: the new key is on the admin panel's status" 0 "\"device_key\": \"${new_key:0:4} ${new_key:4:4} ${new_key:8:4} ${new_key:12:4}\"" r --status
check "restore: exports go on at 4" 0 "wrote $dir/stick/lobby-1-000004.linli-export" r --export "$dir/stick"
e4=$dir/stick/lobby-1-000004.linli-export
grep -q "^previous = \"$(sha256sum "$e3" | cut -d' ' -f1)\"$" "$e4" && echo "ok   restore: export 4 names export 3's hash" \
  || { echo "FAIL restore: export 4 does not link to export 3"; fail=1; }
check "collect: a new key is refused without --accept-key" 2 \
  "problem: exports from 000004 on are signed by a new device key ${new_key:0:4} ${new_key:4:4} .*run again with --accept-key $new_key" \
  "$admin" collect "$e1" "$e2" "$e3" "$e4" --key "$dir/keys" --out "$dir/out-new-key"
check "collect: accepted with --accept-key" 0 "device key changed from export 4 on (accepted): $new_key" \
  "$admin" collect "$e1" "$e2" "$e3" "$e4" --key "$dir/keys" --out "$dir/out-accepted" --accept-key "$new_key"
report_has "report: states the key change" "$dir/out-accepted/report.txt" "device key changed: exports from 000004 on are signed by $new_key"
fingerprint="$(tr a-f A-F <<<"${new_key:0:4} ${new_key:4:4} ${new_key:8:4} ${new_key:12:4}")"
check "collect: --accept-key as the admin panel shows it (\"$fingerprint\")" 0 "device key changed from export 4 on (accepted): $new_key" \
  "$admin" collect "$e1" "$e2" "$e3" "$e4" --key "$dir/keys" --out "$dir/out-fingerprint" --accept-key "$fingerprint"
check "collect: --accept-key needs 16 hex digits" 2 "give 16 to 64 hex digits" \
  "$admin" collect "$e1" "$e4" --key "$dir/keys" --out "$dir/out-short" --accept-key "${new_key:0:8}"
check "collect: the other device's key does not link, accepted or not" 2 "a cloned SD card" \
  "$admin" collect "$e1" "$dir/stick2/lobby-1-000002.linli-export" --key "$dir/keys" --out "$dir/out-forged2" \
  --accept-key "$(grep -o '^device_key = "[0-9a-f]*' "$dir/stick2/lobby-1-000002.linli-export" | cut -d'"' -f2)"
[ $fail = 0 ] && echo "collect: all checks passed"
exit $fail
