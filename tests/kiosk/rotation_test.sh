#!/bin/bash
# [display] rotation: a screen mounted in portrait or upside down shows exactly the upright
# picture, turned. Each rotated screenshot (the panel's own pixels) is compared with the upright
# one of the turned size, turned by the same angle.
set -u
kiosk=$1 compare=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export SDL_VIDEODRIVER=offscreen LINLI_NOW=1795572030 TZ=Asia/Shanghai
source "$(dirname "$0")/../check.sh"

for degrees in 0 90 180 270; do
    printf '[kiosk]\nid = "lobby-1"\nname = "1号楼大厅"\n[display]\nrotation = %s\n' "$degrees" > "$dir/r$degrees.toml"
done
shot() {  # shot NAME DEGREES SIZE SCREEN
    check "screenshot $1" 0 "" "$kiosk" --config "$dir/r$2.toml" --data-dir "$dir/d" --screenshot "$dir/$1.png" --screen "$4" --size "$3"
}
shot portrait-home 0 1080x1920 home
shot landscape-finance 0 1920x1080 finance
shot r90-home 90 1920x1080 home
shot r270-home 270 1920x1080 home
shot r180-finance 180 1920x1080 finance

check "rotation 90 is the portrait picture turned clockwise" 0 "pixels differ" "$compare" --turn 90 "$dir/portrait-home.png" "$dir/r90-home.png"
check "rotation 270 is the portrait picture turned anticlockwise" 0 "pixels differ" "$compare" --turn 270 "$dir/portrait-home.png" "$dir/r270-home.png"
check "rotation 180 is the picture upside down" 0 "pixels differ" "$compare" --turn 180 "$dir/landscape-finance.png" "$dir/r180-finance.png"
# The comparison can tell: the upright picture is not the turned one.
check "an unturned picture does not pass for a turned one" 1 "sizes differ" "$compare" "$dir/portrait-home.png" "$dir/r90-home.png"
check "a picture turned the wrong way does not pass" 1 "pixels differ" "$compare" --turn 90 "$dir/portrait-home.png" "$dir/r270-home.png"
exit $fail
