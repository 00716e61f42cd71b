# Sourced by the packaging checks (install-test.sh, check-service.sh): one "ok" or "FAIL" line per
# check, "     " lines for measurements, and timed phases. The caller sets t0=$(date +%s) first and
# ends with finish, which exits 1 when a check failed.
failures=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
note() { echo "     $*"; }
check() {  # check "what" COMMAND...: ok when the command succeeds
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi
}
phase_start=${t0:-$(date +%s)}
phase() {  # phase NAME: how long the previous phase took, then the next one's title
  local now; now=$(date +%s)
  [ -n "${phase_name:-}" ] && echo "     ($phase_name: $((now - phase_start)) s)"
  [ "$1" = done ] || echo "---- $1"
  phase_name=$1
  phase_start=$now
}
finish() {  # finish NAME LOGS: the last line, and exit 1 when a check failed
  phase done
  local total=$(( $(date +%s) - t0 ))
  if [ $failures -eq 0 ]; then
    echo "$1: all checks passed in $total s"
  else
    echo "$1: $failures checks FAILED ($total s; $2)"
    exit 1
  fi
}
