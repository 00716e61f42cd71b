#!/bin/bash
# Service check: does linli-kiosk.service work under a real systemd (Debian 12's 252)? Boots a
# Debian 12 root with systemd as PID 1 in a container (systemd-nspawn -b), installs the amd64
# packages into it with apt, and checks the unit as the kiosk runs it:
#   - start: Type=notify READY=1 after the first frame, STATUS= text, time to READY;
#   - PAMName=login: a logind session on seat0/tty1, /run/user/<uid> visible and writable in the
#     kiosk's mount namespace;
#   - the sandbox as the kernel sees it (read-only /, hidden home folders, private /tmp, no
#     capabilities, seccomp, groups);
#   - the journal: LINLI_COMPONENT= / LINLI_EVENT= fields on the kiosk's lines, found with the
#     README's `journalctl -t linli-kiosk LINLI_COMPONENT=sync`;
#   - Restart=/WatchdogSec=: SIGSTOP (watchdog kill and restart), SIGSEGV (restart after
#     RestartSec=), exit 0 (not restarted), a plain `systemctl start`, a start that never sends
#     READY=1 (retried after TimeoutStartSec=), exit 2 on a rejected config (not restarted, and
#     `journalctl -t linli-kiosk` shows why);
#   - the cage mode (unless --no-cage): launcher -> cage -> kiosk, XDG_RUNTIME_DIR and the Wayland
#     socket in the sandbox, READY=1 and WATCHDOG=1 from the inner kiosk (passed on by the
#     launcher), kill -9 of the inner kiosk, nothing left after a stop.
# PAMName= (the tty1 login session) has two effects this script checks for: pam_systemd moves the
# kiosk's processes into the session's scope (session-N.scope; PAMName= in systemd.exec(5)), so the
# kiosk's own log lines are found with `journalctl -t linli-kiosk`, not `-u`; and systemd hears
# READY=1 and WATCHDOG=1 only from the main process, which in the cage mode passes on the inner
# kiosk's (app/platform/cage_session.cpp).
# Usage: sudo bash packaging/check-service.sh [--packages DIR] [--packaged-unit] [--no-cage]
#   --packages DIR   where linli-{kiosk,admin}_<version>_amd64.deb are (default build/packages/);
#                    the base root and apt cache of install-test.sh are read from DIR/install-test/
#   --packaged-unit  check the unit as the package ships it (default: the checkout's
#                    packaging/debian/linli-kiosk.service, copied over the package's, so a unit
#                    change can be checked without rebuilding the packages)
#   --no-cage        skip the cage mode (saves the cage and xwayland download, ~20 s)
# Needs root, systemd-container (installed with apt-get when missing), overlayfs, Debian's archive,
# and the base root install-test.sh makes (run `bash packaging/install-test.sh` once first).
# Not in ctest: it needs root and takes about 1.5 minutes with the packages cached (the watchdog
# check alone waits up to 30 s).
# Prints one "ok" or "FAIL" line per check ("     " lines are measurements and evidence) and exits
# 1 when any check failed.
#
# The container. No display and no /dev/dri here: a drop-in sets SDL_VIDEODRIVER=offscreen (and
# WLR_BACKENDS=headless for cage); everything else is the unit as shipped. systemd-nspawn gives the
# container no virtual terminals, so TTYPath=/dev/tty1 would fail at once (status=208/STDIN,
# "Failed to set up standard input: No such file or directory"): this machine's /dev/tty1 and
# /dev/tty0 are bound into it (--bind), which also lets logind put the session on seat0/tty1 as on
# the kiosk. TTYReset=/TTYVHangup=/TTYVTDisallocate= then act on this machine's tty1: run it on a
# build machine or VM, not on a desktop whose tty1 holds a login. --register=no --keep-unit: no
# systemd-machined is needed on this machine (it need not run systemd); --private-network: the
# container gets only a loopback.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
if [ "$(id -u)" -ne 0 ]; then exec sudo bash "$0" "$@"; fi

packages=$top/build/packages
packaged_unit=no
cage=yes
while [ $# -gt 0 ]; do
  case $1 in
    --packages) packages=$(cd "${2:?--packages needs a folder}" && pwd) || exit 2; shift ;;
    --packaged-unit) packaged_unit=yes ;;
    --no-cage) cage=no ;;
    -h|--help) awk 'NR > 1 && /^#$/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "$0"; exit 0 ;;
    *) echo "check-service: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

t0=$(date +%s)
version=$(sed -n 's/^project(linli VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
kiosk_deb=$packages/linli-kiosk_${version}_amd64.deb
admin_deb=$packages/linli-admin_${version}_amd64.deb
base=$packages/install-test/base            # install-test.sh's debootstrap'd root: only read
apt_lower=$packages/install-test/apt-archives  # install-test.sh's downloads: only read
work=$top/build/service-check
root=$work/root
for f in "$kiosk_deb" "$admin_deb"; do
  [ -f "$f" ] || { echo "FAIL no $f (bash packaging/build-packages.sh --arch amd64)"; exit 1; }
done
[ -f "$base/.base-done" ] || { echo "FAIL no base root in $base (run bash packaging/install-test.sh once)"; exit 1; }
command -v systemd-nspawn >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q systemd-container >/dev/null \
  || { echo "FAIL cannot install systemd-container"; exit 1; }
for tty in /dev/tty0 /dev/tty1; do
  [ -c $tty ] || { echo "FAIL this machine has no $tty to lend the container (TTYPath=/dev/tty1)"; exit 1; }
done
mkdir -p "$work"
exec 8>"$work/.lock"
flock -n 8 || { echo "check-service: another run holds $work/.lock"; exit 1; }

source "$top/packaging/check-lib.sh"

# ---- cleaning up: the container first, then the mounts (in reverse order)
mounted=()
nspawn_pid=
cpid=
cleanup() {
  local i
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    [ -n "$cpid" ] && nsenter -t "$cpid" -a systemctl poweroff >/dev/null 2>&1
    for i in $(seq 1 40); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.25; done
    kill "$nspawn_pid" 2>/dev/null; sleep 1          # nspawn then shuts the container down
    kill -9 "$nspawn_pid" 2>/dev/null
  fi
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null; done
  rm -rf "$root" "$work/upper" "$work/overlay-work" "$work/apt-work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- a fresh root: an overlay on install-test.sh's base, and its apt cache as the lower layer
# of ours, so packages it downloaded are not downloaded again and its folder is never written.
phase "a fresh root from ${base#"$top"/}"
for m in var/cache/apt/archives proc dev ""; do umount -l "$root/$m" 2>/dev/null; done  # a run that was killed
umount -l "$work/apt-cache" 2>/dev/null
rm -rf "$root" "$work/upper" "$work/overlay-work" "$work/apt-work"
mkdir -p "$root" "$work/upper" "$work/overlay-work" "$work/apt-archives/partial" "$work/apt-cache" "$work/apt-work"
if mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$root" 2>/dev/null; then
  mounted+=("$root")
else
  cp -a "$base/." "$root/"
fi
apt_cache=$work/apt-archives
if [ -d "$apt_lower" ] && mount -t overlay overlay \
     -o "lowerdir=$apt_lower,upperdir=$work/apt-archives,workdir=$work/apt-work" "$work/apt-cache" 2>/dev/null; then
  mounted+=("$work/apt-cache")
  apt_cache=$work/apt-cache
fi
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  rm -f "$root/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"   # nothing starts during the install
chmod +x "$root/usr/sbin/policy-rc.d"
mkdir -p "$root/var/cache/apt/archives" "$root/debs"
chroot_mounts=()
mount --bind /dev "$root/dev" && chroot_mounts+=("$root/dev")
mount -t proc proc "$root/proc" && chroot_mounts+=("$root/proc")
mount --bind "$apt_cache" "$root/var/cache/apt/archives" && chroot_mounts+=("$root/var/cache/apt/archives")
mounted+=("${chroot_mounts[@]}")
cp "$kiosk_deb" "$admin_deb" "$root/debs/"
inside() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
             DEBIAN_FRONTEND=noninteractive "$@"; }

# ---- install: systemd as init, dbus and pam_systemd for logind (as on Raspberry Pi OS), the
# packages, and cage with Xwayland for the cage mode.
phase "apt-get install systemd, logind and the packages"
extra=(systemd systemd-sysv dbus libpam-systemd)
[ "$cage" = yes ] && extra+=(cage xwayland)
if ! inside apt-get update -q >"$work/apt.log" 2>&1; then
  echo "FAIL apt-get update in the root (see $work/apt.log)"; exit 1
fi
if inside apt-get install -y -q --no-install-recommends "${extra[@]}" \
     "/debs/${kiosk_deb##*/}" "/debs/${admin_deb##*/}" >>"$work/apt.log" 2>&1; then
  ok "apt-get install ${extra[*]} linli-kiosk linli-admin"
else
  fail "apt-get install (see $work/apt.log)"; tail -20 "$work/apt.log"; exit 1
fi
for ((i = ${#chroot_mounts[@]} - 1; i >= 0; i--)); do umount -l "${chroot_mounts[$i]}"; done
rm -f "$root/usr/sbin/policy-rc.d"

# The unit under test, and the drop-in for a machine without a display.
unit=/lib/systemd/system/linli-kiosk.service
if [ "$packaged_unit" = no ]; then
  if ! cmp -s packaging/debian/linli-kiosk.service "$root$unit"; then
    note "the package's unit differs from packaging/debian/linli-kiosk.service: checking the checkout's"
    note "(rebuild the packages to ship it; --packaged-unit checks the package's)"
  fi
  cp packaging/debian/linli-kiosk.service "$root$unit"
fi
mkdir -p "$root/etc/systemd/system/linli-kiosk.service.d"
cat >"$root/etc/systemd/system/linli-kiosk.service.d/check-service.conf" <<'EOF'
# check-service.sh: no display or /dev/dri in the container.
[Service]
Environment=SDL_VIDEODRIVER=offscreen
EOF
# A LAN server that is not there (port 9, discard, on the container's own loopback) polled every
# 10 s: the kiosk then logs a structured "sync failed" line within seconds, for the journal check.
conf=$root/etc/linli/kiosk.toml
sed -i 's|^lan_url = .*|lan_url = "http://127.0.0.1:9/"|; s|^interval_s = .*|interval_s = 10|' "$conf"
check "the changed kiosk.toml is accepted (linli-admin check-config)" \
  bash -c "chroot '$root' /usr/bin/linli-admin check-config /etc/linli/kiosk.toml | grep -qx ok"

# ---- boot
phase "booting the root with systemd-nspawn -b"
systemd-nspawn -q -D "$root" -b -M linli-check --register=no --keep-unit --private-network \
  --console=passive --bind=/dev/tty1 --bind=/dev/tty0 >"$work/nspawn.log" 2>&1 &
nspawn_pid=$!
for i in $(seq 1 80); do
  cpid=$(pgrep -P "$nspawn_pid" | head -1)
  [ -n "$cpid" ] && break
  sleep 0.25
done
[ -n "$cpid" ] || { echo "FAIL systemd-nspawn did not start the container (see $work/nspawn.log)"; cat "$work/nspawn.log"; exit 1; }
ins() { nsenter -t "$cpid" -a "$@"; }        # run a command in the container
prop() { ins systemctl show -p "$1" --value linli-kiosk; }
in_kiosk_ns() { local pid=$1; shift; ins nsenter -t "$pid" -m "$@"; }   # ... in a process's mount namespace
as_linli_in() { local pid=$1; shift; in_kiosk_ns "$pid" setpriv --reuid=linli --regid=linli --init-groups "$@"; }
wait_for() {  # wait_for SECONDS COMMAND...: poll every 0.25 s until the command succeeds
  local seconds=$1 i; shift
  for ((i = 0; i < seconds * 4; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  return 1
}
state=$(timeout 90 nsenter -t "$cpid" -a systemctl is-system-running --wait 2>/dev/null)
check "the container boots with systemd as PID 1 ($(ins cat /proc/1/comm 2>/dev/null), state $state)" \
  test "$state" = running -o "$state" = degraded
[ "$state" = degraded ] && note "failed units: $(ins systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ')"
# Times in the journal as seconds (short-unix), for the measurements.
jtime() {  # jtime SINCE_UNIX PATTERN: time of the first journal line since SINCE matching PATTERN
  ins journalctl -q -b -o short-unix --no-pager --since "@$1" | awk -v p="$2" '$0 ~ p {print $1; exit}'
}
now() { ins date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "?"; else printf "%d", (b - a) * 1000 }'; }

# ---- 1. started by the boot (the unit is enabled): READY=1 and STATUS=
phase "the kiosk as the service (offscreen)"
is_running() { [ "$(prop ActiveState)/$(prop SubState)" = active/running ]; }
check "linli-kiosk.service reaches active (running) at boot" wait_for 30 is_running
start_us=$(prop ExecMainStartTimestampMonotonic); ready_us=$(prop ActiveEnterTimestampMonotonic)
note "time to READY=1 at boot: $(( (ready_us - start_us) / 1000 )) ms (ExecMainStart -> ActiveEnter)"
status_text=$(prop StatusText)
check "systemctl status shows the kiosk's STATUS= (\"$status_text\")" grep -q '^showing content version ' <<<"$status_text"
check "no restart while starting (NRestarts=$(prop NRestarts))" test "$(prop NRestarts)" = 0
kpid=$(prop MainPID)

# ---- 2. PAMName=login: the logind session; the sandbox
phase "logind session and sandbox"
uid=$(ins id -u linli)
session=$(ins loginctl list-sessions --no-legend | awk '$3 == "linli"')
check "loginctl: a session of linli on seat0 tty1 ($session)" \
  awk '$3 == "linli" && $4 == "seat0" && $5 == "tty1" {ok=1} END {exit !ok}' <<<"$session"
mi=$(ins cat "/proc/$kpid/mountinfo")
# mount_opts PATH: the per-mount options of the top mount on PATH in the kiosk's namespace
mount_opts() { awk -v p="$1" '$5 == p {o = $6} END {print o}' <<<"$mi"; }
check "/run/user/$uid exists in the kiosk's mount namespace" \
  in_kiosk_ns "$kpid" test -d "/run/user/$uid"
check "/run/user/$uid is writable by linli in the kiosk's mount namespace" \
  as_linli_in "$kpid" sh -c "touch /run/user/$uid/.check-service && rm /run/user/$uid/.check-service"
check "ProtectSystem=strict: / is read-only for the kiosk ($(mount_opts /))" grep -q '^ro' <<<"$(mount_opts /)"
check "ReadWritePaths=/var/lib/linli: writable ($(mount_opts /var/lib/linli))" grep -q '^rw' <<<"$(mount_opts /var/lib/linli)"
check "the kiosk's database /var/lib/linli/kiosk.db is there, owned by linli" \
  test "$(ins stat -c %U /var/lib/linli/kiosk.db 2>/dev/null)" = linli
home_hidden() {  # an empty tmpfs on /home and /root that linli cannot write to; else says why
  local d
  for d in /home /root; do
    awk -v p=$d '$5 == p' <<<"$mi" | grep -q ' - tmpfs ' || { echo "$d is not a tmpfs"; return 1; }
    grep -q '^ro' <<<"$(mount_opts $d)" || { echo "$d is mounted $(mount_opts $d)"; return 1; }
    [ -z "$(in_kiosk_ns "$kpid" ls -A $d)" ] || { echo "$d is not empty"; return 1; }
    as_linli_in "$kpid" touch $d/.check-service 2>/dev/null && { echo "linli can write to $d"; return 1; }
  done
  return 0
}
why=$(home_hidden)
check "home folders hidden: /home and /root are empty read-only tmpfs mounts${why:+ ($why)}" home_hidden
private_tmp() {
  awk '$5 == "/tmp" && $4 ~ /systemd-private/' <<<"$mi" | grep -q . &&
    awk '$5 == "/var/tmp" && $4 ~ /systemd-private/' <<<"$mi" | grep -q .
}
check "PrivateTmp: /tmp and /var/tmp are the service's own" private_tmp
st=$(ins cat "/proc/$kpid/status")
field() { awk -v f="$1:" '$1 == f {print $2}' <<<"$st"; }
check "CapabilityBoundingSet=: no capabilities (CapBnd $(field CapBnd), CapEff $(field CapEff))" \
  test "$(field CapBnd)" = 0000000000000000 -a "$(field CapEff)" = 0000000000000000
check "NoNewPrivileges=yes (NoNewPrivs $(field NoNewPrivs))" test "$(field NoNewPrivs)" = 1
check "seccomp filters are on (RestrictAddressFamilies=, SystemCallArchitectures=, ...: Seccomp $(field Seccomp))" \
  test "$(field Seccomp)" = 2
groups=$(awk '$1 == "Groups:" {$1 = ""; print}' <<<"$st")
in_groups() {
  local g n
  for g in video input render audio; do
    n=$(ins getent group $g | cut -d: -f3)
    [ -n "$n" ] && grep -qw "$n" <<<"$groups" || return 1
  done
}
check "SupplementaryGroups=video input render audio (Groups:$groups)" in_groups

# ---- 4. the journal (before the restarts below, which would start a new session)
phase "the journal"
has_sync_line() { ins journalctl -q -b -t linli-kiosk -o verbose LINLI_COMPONENT=sync | grep -q '^    LINLI_EVENT='; }
check "the kiosk's log lines carry LINLI_COMPONENT= and LINLI_EVENT= (journalctl -t linli-kiosk LINLI_COMPONENT=sync)" \
  wait_for 30 has_sync_line
line=$(ins journalctl -q -b -t linli-kiosk -o verbose LINLI_COMPONENT=sync -n 1 --no-pager)
note "$(grep -E '^    (MESSAGE|LINLI_EVENT|_SYSTEMD_UNIT)=' <<<"$line" | tr -s ' ' | tr '\n' ' ')"
lan_reached() { grep -q 'MESSAGE=.*could not connect' <<<"$line" && ! grep -q 'Address family' <<<"$line"; }
check "the LAN poll reaches the network (AF_INET allowed: \"could not connect\", not \"Address family\")" lan_reached
# Why `-t` and not `-u`: pam_systemd moved the kiosk into the session's scope, and the journal files
# its own lines under that unit (systemd.exec(5), PAMName=).
note "the kiosk's lines are filed under $(awk -F= '$1 == "    _SYSTEMD_UNIT" {print $2}' <<<"$line")"

# ---- 3. Restart= and the watchdog
phase "watchdog and restarts"
new_main() { local p; p=$(prop MainPID); [ "$p" != 0 ] && [ "$p" != "$1" ] && is_running; }
since=$(now); restarts=$(prop NRestarts)
ins systemctl kill --kill-whom=main --signal=SIGSTOP linli-kiosk
check "SIGSTOP: systemd kills the hung kiosk and starts it again (WatchdogSec=30)" wait_for 45 new_main "$kpid"
t_wd=$(jtime "$since" 'linli-kiosk.service: Watchdog timeout'); t_sched=$(jtime "$since" 'linli-kiosk.service: Scheduled restart job')
t_started=$(jtime "$since" 'Started linli-kiosk.service')
note "watchdog timeout $(ms "$since" "$t_wd") ms after the SIGSTOP (30 s after the last ping; the kiosk pings every 15 s), restart $(ms "$t_wd" "$t_sched") ms later, READY $(ms "$t_sched" "$t_started") ms after that"
watchdog_logged() {
  local log; log=$(ins journalctl -q -b -u linli-kiosk --since "@$since" -o cat)
  grep -q 'Watchdog timeout (limit 30s)' <<<"$log" && grep -q "Failed with result 'watchdog'" <<<"$log"
}
check "the journal says so: \"Watchdog timeout (limit 30s)!\", \"Failed with result 'watchdog'\"" watchdog_logged
kpid=$(prop MainPID)

since=$(now)
ins systemctl kill --kill-whom=main --signal=SIGSEGV linli-kiosk
check "SIGSEGV: started again" wait_for 15 new_main "$kpid"
t_exit=$(jtime "$since" 'linli-kiosk.service: Main process exited, code=killed, status=11/SEGV')
t_sched=$(jtime "$since" 'linli-kiosk.service: Scheduled restart job')
delay=$(ms "$t_exit" "$t_sched")
check "SIGSEGV: restarted after RestartSec=2 ($delay ms after the crash)" test "$delay" != "?" -a "${delay/\?/0}" -ge 1900 -a "${delay/\?/0}" -le 5000
kpid=$(prop MainPID); restarts=$(prop NRestarts)

# A SIGTERM that systemd did not send (not a stop): the kiosk quits cleanly with exit 0, as after
# 退出信息屏 on the admin panel, and RestartPreventExitStatus=0 leaves it stopped.
ins systemctl kill --kill-whom=main --signal=SIGTERM linli-kiosk
sleep 5
check "exit 0: not restarted ($(prop ActiveState)/$(prop SubState), exit status $(prop ExecMainStatus), NRestarts $(prop NRestarts))" \
  test "$(prop ActiveState)" = inactive -a "$(prop ExecMainStatus)" = 0 -a "$(prop NRestarts)" = "$restarts"
t1=$(date +%s%N)
check "systemctl start linli-kiosk returns once READY=1 is in" ins timeout 30 systemctl start linli-kiosk
note "systemctl start took $(( ($(date +%s%N) - t1) / 1000000 )) ms"
check "active (running) after systemctl start" is_running
ins systemctl stop linli-kiosk

# A kiosk that runs but never says READY=1 (a display that never comes up, a hang before the first
# frame): after TimeoutStartSec= systemd gives up on the start and must try again, as after a
# crash. Simulated with a NOTIFY_SOCKET that leads nowhere (Environment= overrides systemd's) and
# a 5 s limit instead of 90 s.
cat >"$root/etc/systemd/system/linli-kiosk.service.d/check-service-no-ready.conf" <<'EOF'
# check-service.sh: a kiosk whose READY=1 never arrives.
[Service]
Environment=NOTIFY_SOCKET=/run/check-service-nowhere
TimeoutStartSec=5
EOF
ins systemctl daemon-reload
since=$(now)
ins systemctl start --no-block linli-kiosk
timed_out_and_restarted() { [ -n "$(jtime "$since" 'linli-kiosk.service: Scheduled restart job')" ]; }
wait_for 12 timed_out_and_restarted
how=$(ins journalctl -q -b -u linli-kiosk --since "@$since" -o cat | grep -m1 -E 'Main process exited|Failed with result')
if [ -z "$(jtime "$since" 'start operation timed out')" ]; then
  fail "a start that never reaches READY=1: no start timeout seen (the simulation did not work: $(prop ActiveState))"
else
  check "a start that never reaches READY=1 is tried again after TimeoutStartSec= ($how; now $(prop ActiveState)/$(prop SubState))" \
    timed_out_and_restarted
fi
rm "$root/etc/systemd/system/linli-kiosk.service.d/check-service-no-ready.conf"
ins systemctl daemon-reload
ins systemctl stop linli-kiosk
ins systemctl reset-failed linli-kiosk 2>/dev/null

# Exit 2, a rejected config: not restarted, and (the unit and README say) `journalctl -t
# linli-kiosk` shows why.
cp -p "$conf" "$work/kiosk.toml.good"
sed -i 's|^\[kiosk\]$|[kiosk]\ncheck_service_unknown_key = 1|' "$conf"
since=$(now)
ins systemctl start linli-kiosk >/dev/null 2>&1
sleep 4
check "exit 2 (a rejected config): not restarted ($(prop ActiveState)/$(prop SubState), exit status $(prop ExecMainStatus))" \
  test "$(prop ExecMainStatus)" = 2 -a "$(prop ActiveState)" = failed
why=$(ins journalctl -q -b -t linli-kiosk --since "@$since" -o cat | grep -m1 check_service_unknown_key)
check "journalctl -t linli-kiosk shows the reason (${why:-nothing})" test -n "$why"
cp -p "$work/kiosk.toml.good" "$conf"
ins systemctl reset-failed linli-kiosk 2>/dev/null

# ---- 5. the cage mode
if [ "$cage" = yes ]; then
  phase "the cage mode (headless wlroots)"
  sed -i 's|^launch = .*|launch = "cage"|' "$conf"
  cat >"$root/etc/systemd/system/linli-kiosk.service.d/check-service-cage.conf" <<'EOF'
# check-service.sh: cage without a display, GPU or input devices; a start that never becomes
# ready gives up after 25 s instead of 90 s.
[Service]
Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
TimeoutStartSec=25
EOF
  ins systemctl daemon-reload
  # Debug logging shows where the inner kiosk's sd_notify messages end up.
  ins systemd-analyze log-level debug
  since=$(now)
  ins systemctl start --no-block linli-kiosk
  children() {  # children PID COMM: the container PIDs of PID's children named COMM
    ins bash -c 'for s in /proc/[0-9]*/stat; do read -r pid comm state ppid rest <"$s" 2>/dev/null
                   if [ "$ppid" = "$1" ] && [ "$comm" = "($2)" ]; then echo "$pid"; fi; done' _ "$1" "$2"
  }
  tree() {  # sets launcher, cage_pid and inner; true when all three are there
    launcher=$(prop MainPID); cage_pid=; inner=
    [ -n "$launcher" ] && [ "$launcher" != 0 ] && cage_pid=$(children "$launcher" cage | head -1)
    [ -n "$cage_pid" ] && inner=$(children "$cage_pid" linli-kiosk | head -1)
    [ -n "$inner" ]
  }
  launcher= cage_pid= inner=
  wait_for 20 tree; tree
  check "process tree: linli-kiosk ($launcher, the main process) -> cage ($cage_pid) -> linli-kiosk ($inner)" test -n "$inner"
  if [ -n "$inner" ]; then
    env_of_inner=$(ins cat "/proc/$inner/environ" | tr '\0' '\n')
    inner_env_ok() { grep -qx "XDG_RUNTIME_DIR=/run/user/$uid" <<<"$env_of_inner" && grep -q '^WAYLAND_DISPLAY=' <<<"$env_of_inner"; }
    check "the inner kiosk has XDG_RUNTIME_DIR=/run/user/$uid and WAYLAND_DISPLAY" inner_env_ok
    display=$(awk -F= '$1 == "WAYLAND_DISPLAY" {print $2}' <<<"$env_of_inner")
    check "cage's Wayland socket /run/user/$uid/${display:-?} is there in the sandbox" \
      in_kiosk_ns "$inner" test -S "/run/user/$uid/${display:-none}"
    # The inner kiosk sends READY=1 after its first frame; the launcher (the main process) passes
    # it on, since systemd hears only the main process in the session's scope.
    check "READY=1 from the inner kiosk reaches systemd: active (running) within 20 s" wait_for 20 is_running
    pinged() { [ -n "$(jtime "$since" 'linli-kiosk.service: Got notification message from PID [0-9]+ .WATCHDOG=1')" ]; }
    check "WATCHDOG=1 from the inner kiosk reaches linli-kiosk.service within 20 s (pings every 15 s)" wait_for 20 pinged
    if ! is_running; then
      where=$(ins journalctl -q -b --since "@$since" -o cat | grep -m1 'Got notification message "READY=1')
      note "systemd: ${where:-no READY=1 seen}"
      note "the cage processes are in $(ins cat "/proc/$inner/cgroup" | awk -F: '$2 == "name=systemd" || $1 == "0" {print $3; exit}'), not linli-kiosk.service"
      # Then the start times out: it must be tried again, not left failed.
      retried() { [ -n "$(jtime "$since" 'linli-kiosk.service: Scheduled restart job')" ] && tree; }
      wait_for 15 retried
      how=$(ins journalctl -q -b -u linli-kiosk --since "@$since" -o cat | grep -m1 -E 'Main process exited|Failed with result')
      check "cage mode: the start that timed out is tried again ($how; now $(prop ActiveState)/$(prop SubState))" retried
    fi
    old_launcher=$launcher; old_restarts=$(prop NRestarts)
    restarted() { [ "$(prop NRestarts)" -gt "$old_restarts" ] && tree && [ "$launcher" != "$old_launcher" ]; }
    since=$(now)
    ins bash -c "kill -9 $inner"
    wait_for 15 restarted
    check "kill -9 of the inner kiosk: the service is started again (NRestarts $old_restarts -> $(prop NRestarts), main process $old_launcher -> $launcher)" \
      restarted
    t_exit=$(jtime "$since" 'linli-kiosk.service: Main process exited')
    note "$(ins journalctl -q -b -u linli-kiosk --since "@$since" -o cat | grep -m1 'Main process exited'), $(ms "$since" "$t_exit") ms after the kill"
  fi
  ins systemd-analyze log-level info
  ins systemctl stop linli-kiosk
  leftovers() { ins bash -c 'for c in /proc/[0-9]*/comm; do read -r n <"$c" 2>/dev/null; case $n in cage|linli-kiosk|Xwayland) echo "$n";; esac; done'; }
  no_leftovers() { [ -z "$(leftovers)" ]; }
  wait_for 5 no_leftovers
  left=$(leftovers)
  check "within 5 s of systemctl stop no cage or kiosk process is left (${left:-none})" test -z "$left"
fi

ins journalctl -q -b --no-pager -o short-precise >"$work/journal.log" 2>&1
finish check-service "the container's journal is in ${work#"$top"/}/journal.log"
