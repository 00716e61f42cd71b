# Sourced by the command-line tests (tests/admin/*.sh, tests/kiosk/cli_test.sh):
#   check NAME EXPECTED_RC GREP_PATTERN COMMAND...
# runs COMMAND, and prints "ok   NAME" when it exits EXPECTED_RC with output (stdout and stderr)
# matching GREP_PATTERN, otherwise "FAIL NAME: ..." and sets fail=1. The output is left in $out.
fail=0
check() {
  local name=$1 want=$2 pattern=$3; shift 3
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ]; then echo "FAIL $name: exit $rc, wanted $want: $out"; fail=1; return; fi
  if ! grep -q -- "$pattern" <<<"$out"; then echo "FAIL $name: output lacks '$pattern': $out"; fail=1; return; fi
  echo "ok   $name"
}
