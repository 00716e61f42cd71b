#!/bin/bash
# [display] launch = "cage": the kiosk starts the cage Wayland compositor with itself inside and
# draws through Wayland; how the inner kiosk ends is the service's exit code (cage 0.1.4 always
# exits 0, which would hide a crash from systemd's Restart=). cage runs headless here (wlroots'
# headless backend, pixman renderer) as an unprivileged user, since it refuses to run as root.
set -u
kiosk=$1
skip() { echo "SKIP: $*"; exit 77; }
command -v cage >/dev/null || skip "cage is not installed (bash packaging/dev.sh test installs it)"
[ -x /usr/bin/Xwayland ] || skip "Xwayland is not installed (cage 0.1.4 will not start without it)"
user=nobody
if [ "$(id -u)" = 0 ]; then
    as_user() { runuser -u "$user" -- "$@"; }
else
    user=$(id -un)
    as_user() { "$@"; }
fi
dir=$(mktemp -d); trap 'pkill -9 -f "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
chmod 755 "$dir"; mkdir -m 700 "$dir/xdg" "$dir/data"; chown "$user" "$dir/xdg" "$dir/data"
# The user must reach the program and the board it shows, which a checkout under /root does not
# let it: both are copied here, and the kiosk previews the board (--content) from the copy.
install -m 755 "$kiosk" "$dir/linli-kiosk"; kiosk=$dir/linli-kiosk
cp -r "$(dirname "$0")/../../assets/demo" "$dir/demo"; chmod -R a+rX "$dir/demo"
printf '[kiosk]\nid = "lobby-1"\nname = "1号楼大厅"\n[display]\nlaunch = "cage"\n' > "$dir/kiosk.toml"
chmod 644 "$dir/kiosk.toml"
source "$(dirname "$0")/../check.sh"
env_for_cage=(env XDG_RUNTIME_DIR="$dir/xdg" TZ=Asia/Shanghai LINLI_TRACE=1 WLR_BACKENDS=headless
              WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 PATH=/usr/bin:/bin)

start() {  # starts the kiosk in the background; sets launcher, inner
    as_user "${env_for_cage[@]}" "$kiosk" --config "$dir/kiosk.toml" --data-dir "$dir/data" --content "$dir/demo" \
        >"$dir/log" 2>&1 &
    launcher_job=$!
    inner=""
    for _ in $(seq 300); do  # up to 30 s on a loaded machine
        grep -qs "first frame presented" "$dir/log" && break
        sleep 0.1
    done
    cage_pid=$(pgrep -u "$user" -f "^cage -d -- $kiosk" | head -1)
    [ -n "$cage_pid" ] && inner=$(pgrep -P "$cage_pid" -f "$kiosk" | head -1)
}
wait_exit() {  # wait_exit NAME WANTED_CODE
    local waited=0
    while kill -0 "$launcher_job" 2>/dev/null && [ $waited -lt 200 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$launcher_job" 2>/dev/null; then  # still running after 20 s: never wait forever
        pkill -9 -f "$dir"; echo "FAIL $1: still running after 20 s"; fail=1; wait "$launcher_job"; return
    fi
    wait "$launcher_job"; local rc=$?
    if [ "$rc" = "$2" ]; then echo "ok   $1"; else echo "FAIL $1: exit $rc, wanted $2"; tail -5 "$dir/log"; fail=1; fi
}

start
if [ -n "$inner" ] && grep -q "first frame presented" "$dir/log"; then echo "ok   the kiosk runs inside cage and draws"; else
    echo "FAIL the kiosk did not draw inside cage:"; tail -20 "$dir/log"; fail=1; fi
if [ -n "$inner" ] && tr '\0' '\n' < "/proc/$inner/environ" | grep -qx "SDL_VIDEODRIVER=wayland" &&
   tr '\0' '\n' < "/proc/$inner/environ" | grep -q "^WAYLAND_DISPLAY="; then
    echo "ok   the inner kiosk talks Wayland to cage"; else echo "FAIL the inner kiosk is not on cage's Wayland socket"; fail=1; fi
# A crash of the kiosk inside cage is a failure of the service, so systemd restarts it.
[ -n "$inner" ] && kill -9 "$inner"
wait_exit "a crashed kiosk inside cage makes the service fail (exit 1)" 1

# systemd's stop (SIGTERM to every process of the service) is a clean exit.
start
if [ -n "$cage_pid" ]; then kill -TERM "$cage_pid" ${inner:+"$inner"}; pkill -TERM -u "$user" -f "^$kiosk --config $dir" ; fi
wait_exit "a stop ends the kiosk, cage and the launcher cleanly (exit 0)" 0

check "launch = \"cage\" without cage installed is a clear refusal" 2 "cage is not installed" \
    env PATH=/nonexistent "$kiosk" --config "$dir/kiosk.toml" --data-dir "$dir/data2"
check "one-shot commands never start cage" 0 '"kiosk_id": "lobby-1"' \
    env PATH=/nonexistent "$kiosk" --config "$dir/kiosk.toml" --data-dir "$dir/data2" --status
exit $fail
