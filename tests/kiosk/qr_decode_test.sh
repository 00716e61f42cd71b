#!/bin/bash
# The QR codes residents scan, end to end: render the demo's pages with a QR code offscreen, decode
# each screenshot with zbarimg, and compare the URL byte for byte with the content file's.
set -u
kiosk=$1 demo=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export SDL_VIDEODRIVER=offscreen LINLI_NOW=1795572030 TZ=Asia/Shanghai
fail=0
check() {  # check SCREEN FILE KEY
  local screen=$1 file=$2 key=$3
  local want; want=$(sed -n "s/^$key = \"\\(.*\\)\"$/\\1/p" "$demo/$file")
  "$kiosk" --data-dir "$dir/d" --screenshot "$dir/shot.png" --screen "$screen" || { echo "FAIL $screen: no screenshot"; fail=1; return; }
  local got; got=$(zbarimg --raw -q -Sbinary "$dir/shot.png" 2>/dev/null)
  if [ "$got" = "$want" ] && [ -n "$want" ]; then echo "ok   $screen: $got"; else echo "FAIL $screen: decoded '$got', wanted '$want'"; fail=1; fi
}
check announcement:charter-comment announcements/charter-comment.md qr_url
check recruitment:environment-group recruitment/environment-group.md apply_url
[ $fail = 0 ] && echo "qr: every code decodes to its URL"
exit $fail
