#!/bin/bash
# run_script.sh KIOSK COMPARE SCRIPT REFERENCE_DIR OUT_DIR: replays a UI script on a fresh data
# directory with a fixed clock, then compares every screenshot it took with the reference of the
# same name. LINLI_UPDATE_REFERENCES=1 copies the new screenshots over the references instead.
set -u
kiosk=$1 compare=$2 script=$3 refs=$4 out=$5
rm -rf "$out"; mkdir -p "$out/data"
cd "$out"
# 2026-11-25 10:00:30 in Beijing: a Wednesday morning, half a minute past the minute.
export LINLI_NOW=1795572030 TZ=Asia/Shanghai SDL_VIDEODRIVER=offscreen
# A relative data directory: the admin page shows it, and it must read the same in any checkout.
"$kiosk" --data-dir data --script "$script"
rc=$?
if [ $rc -ne 0 ]; then echo "run_script: $script exited $rc"; exit 1; fi
fail=0
shopt -s nullglob
for shot in "$out"/*.png; do
  name=$(basename "$shot")
  if [ "${LINLI_UPDATE_REFERENCES:-}" = 1 ]; then mkdir -p "$refs"; cp "$shot" "$refs/$name"; continue; fi
  if [ ! -f "$refs/$name" ]; then echo "run_script: no reference $refs/$name (LINLI_UPDATE_REFERENCES=1 makes one)"; fail=1; continue; fi
  "$compare" "$shot" "$refs/$name" || fail=1
done
exit $fail
