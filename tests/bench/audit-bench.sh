#!/bin/bash
# The 适老化 audit's figures (issue 13): every screen of the demo in every text size, theme,
# language and orientation, and of the large content folder (1,000 notices, a 100,000-row ledger,
# an election voted with a code) in every text size and language, each with its smallest capital
# height, lowest text contrast, smallest touch target and least gap between targets, as measured
# on the drawn pixels.
#   bash tests/bench/audit-bench.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
cmake --build "$build" --target linli_ui_tests >/dev/null
export SDL_VIDEODRIVER=offscreen TZ=Asia/Shanghai LINLI_AUDIT_FIGURES=1
start=$(date +%s%N)
"$build/tests/linli_ui_tests" "[audit]" | grep -a -v "^Filters:\|^=*$\|^All tests passed\|^Randomness"
echo "audit: $(( ($(date +%s%N) - start) / 1000000 )) ms for both orientations"
