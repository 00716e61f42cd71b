#!/bin/bash
# Bundle benchmark (issue: "verify and apply a bundle of 1,000 notices, 100,000 ledger rows and
# 50 images in under 3 s"): prints figures, never fails on them. Run after a build:
#   bash tests/bench/big-bundle.sh [BUILD_DIR]
# Makes the big folder of big-content.sh (with 50 different photos, so the bundle holds 50
# pictures rather than one), then measures: linli-admin build; linli-kiosk --import into a fresh
# data dir (verify, copy every file, load, decode pictures, write the content database, switch);
# an incremental import (one notice changed: one file copied); the kiosk's start with the
# installed database (--status, and the first frame of a screenshot); peak memory of the import.
# Everything is on the normal disk under $TMPDIR (a kiosk has an SD card, not RAM), with a warm
# page cache: a real SD card reads the bundle slower.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
kiosk=$build/app/kiosk/linli-kiosk admin=$build/app/admin/linli-admin
[ -x "$kiosk" ] && [ -x "$admin" ] || { echo "bench: build linli-kiosk and linli-admin first"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export TZ=Asia/Shanghai LINLI_NOW=1795572030 SDL_VIDEODRIVER=offscreen
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else {print a[int((NR+1)/2)]}}'; }
ms() { date +%s%3N; }
# run_timed OUT CMD...: runs CMD, stdout+stderr to OUT; prints "ELAPSED_MS PEAK_RSS_KB CPU_MS
# WRITTEN_MB" (peak RSS, user+system CPU and file system output from /usr/bin/time when there is
# one, else n/a). CPU time tells how much of the elapsed time was work when other processes share
# the machine; the bytes written are what an SD card would have to absorb.
run_timed() {
  local out=$1; shift
  local s e rss=n/a cpu=n/a written=n/a
  if [ -x /usr/bin/time ]; then
    s=$(ms); /usr/bin/time -f "%M %U %S %O" -o "$out.time" "$@" >"$out" 2>&1; e=$(ms)
    read -r rss cpu written < <(tail -n 1 "$out.time" | awk '{printf "%d %.0f %.0f\n", $1, ($2 + $3) * 1000, $4 / 2048}')
  else
    s=$(ms); "$@" >"$out" 2>&1; e=$(ms)
  fi
  echo "$((e - s)) $rss $cpu $written"
}
secs() { awk -v m="$1" 'BEGIN {printf "%.2f", m / 1000}'; }

big=$work/big
bash "$top/tests/bench/make-big-content.sh" "$big" --distinct-photos
echo "folder: $(ls "$big/announcements" | wc -l) notices, $(($(wc -l < "$big/finance/ledger.csv") - 1)) ledger rows," \
     "$(ls "$big/media" | wc -l) different photos, $(du -sh "$big" | cut -f1)"
echo "disk: $(df --output=source,fstype "$work" | tail -n 1 | awk '{print $1 " (" $2 ")"}') at $work; $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"

"$admin" keygen --out "$work/keys" >/dev/null || exit 1
mkdir -p "$work/conf" && cp "$work/keys/sign.pub" "$work/conf/"
printf '[kiosk]\nid = "bench-1"\n[trust]\nadmin_keys = ["sign.pub"]\n' > "$work/conf/kiosk.toml"
conf=$work/conf/kiosk.toml
v=$LINLI_NOW

echo "== linli-admin build (into an empty folder; median of 3)"
builds=() build_cpu=()
for i in 1 2 3; do
  rm -rf "$work/bundle"
  read -r t _ c _ < <(run_timed "$work/build.log" "$admin" build "$big" --key "$work/keys" --out "$work/bundle" --version "$v")
  builds+=("$t") build_cpu+=("$c")
done
sed 's/^/   /' "$work/build.log"
echo "   runs (ms): ${builds[*]}; CPU (ms): ${build_cpu[*]}"
echo "   bundle: $(du -sh "$work/bundle" | cut -f1), $(ls "$work/bundle/files" | wc -l) stored files"

echo "== linli-kiosk --import into a fresh data dir (verify + apply; median of 5)"
imports=() rss=() import_cpu=() import_mb=()
for i in 1 2 3 4 5; do
  rm -rf "$work/data"
  read -r t r c w < <(run_timed "$work/import.log" "$kiosk" --config "$conf" --data-dir "$work/data" --import "$work/bundle")
  grep -q "installed version" "$work/import.log" || { echo "   import failed:"; sed 's/^/   /' "$work/import.log"; exit 1; }
  imports+=("$t") rss+=("$r") import_cpu+=("$c") import_mb+=("$w")
done
sed 's/^/   /' "$work/import.log"
echo "   runs (ms): ${imports[*]}; CPU (ms): ${import_cpu[*]}; peak RSS (kB): ${rss[*]}; written (MB): ${import_mb[*]}"
echo "   data dir: $(du -sh "$work/data" | cut -f1) (content db $(du -sh "$work"/data/content/*.db | cut -f1))"

echo "== incremental: one notice changed, imported into that data dir (median of 3)"
incs=() inc_cpu=() inc_mb=()
for k in 1 2 3; do
  printf '\n补充说明 %d。\n' "$k" >> "$big/announcements/n500.md"
  "$admin" build "$big" --key "$work/keys" --out "$work/bundle" --version $((v + k)) > "$work/rebuild.log" 2>&1 ||
    { sed 's/^/   /' "$work/rebuild.log"; exit 1; }
  read -r t _ c w < <(run_timed "$work/inc.log" "$kiosk" --config "$conf" --data-dir "$work/data" --import "$work/bundle")
  incs+=("$t") inc_cpu+=("$c") inc_mb+=("$w")
done
sed 's/^/   /' "$work/rebuild.log"
sed 's/^/   /' "$work/inc.log"
echo "   runs (ms): ${incs[*]}; CPU (ms): ${inc_cpu[*]}; written (MB): ${inc_mb[*]}"
copied=$(grep -o "([0-9]* of" "$work/inc.log" | tr -d '(' | awk '{print $1}')

echo "== kiosk start with the installed database (median of 5)"
status=() first=()
for i in 1 2 3 4 5; do
  LINLI_TRACE=1 "$kiosk" --config "$conf" --data-dir "$work/data" --status >/dev/null 2>"$work/status.log"
  status+=("$(awk '/trace: service/ {printf "%.0f", $3}' "$work/status.log")")
  LINLI_TRACE=1 "$kiosk" --config "$conf" --data-dir "$work/data" --screenshot "$work/x.png" --screen home 2>"$work/shot.log"
  first+=("$(awk '/first frame/ {printf "%.0f", $5}' "$work/shot.log")")
done
grep -o '"content_version": "[0-9]*"' <("$kiosk" --config "$conf" --data-dir "$work/data" --status) | sed 's/^/   /'
echo "   --status (config, open kiosk.db and the content db) runs (ms): ${status[*]}"
echo "   --screenshot first frame (offscreen GL) runs (ms): ${first[*]}"

echo "== figures (normal disk, not tmpfs; warm page cache; load average $(cut -d" " -f1-3 /proc/loadavg))"
b=$(printf '%s\n' "${builds[@]}" | median) a=$(printf '%s\n' "${imports[@]}" | median)
n=$(printf '%s\n' "${incs[@]}" | median) r=$(printf '%s\n' "${rss[@]}" | median)
printf '   %-47s %s\n' \
  "build (linli-admin build), s" "$(secs "$b")" \
  "verify+apply, fresh data dir (median), s" "$(secs "$a")  (target < 3; CPU $(secs "$(printf '%s\n' "${import_cpu[@]}" | median)"))" \
  "incremental apply, one notice (median), s" "$(secs "$n")  (CPU $(secs "$(printf '%s\n' "${inc_cpu[@]}" | median)"))" \
  "files copied by the incremental apply" "$copied" \
  "--status with the installed DB (median), ms" "$(printf '%s\n' "${status[@]}" | median)" \
  "first frame with the installed DB (median), ms" "$(printf '%s\n' "${first[@]}" | median)  (target < 500)" \
  "peak RSS of the fresh import (median), MB" "$([ "$r" = n/a ] && echo n/a || echo $((r / 1024)))" \
  "written by the fresh import (median), MB" "$(printf '%s\n' "${import_mb[@]}" | median)" \
  "written by the incremental import (median), MB" "$(printf '%s\n' "${inc_mb[@]}" | median)"
