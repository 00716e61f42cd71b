#!/bin/bash
# Handwriting benchmark: every hanzi of GB2312 level 1 written from hanzi-writer-data's stroke
# medians, cleanly and as a finger would, recognised by raw Zinnia and by HandwritingRecognizer.
# Prints figures, never fails on them. Builds linli_handwriting_bench in BUILD_DIR first:
#   bash tests/bench/handwriting-bench.sh [BUILD_DIR] [--every N] [--steps]
# --steps also measures what each shaping step buys (several minutes more). hanzi-writer-data
# (npm, Arphic Public License) is installed once into a cache outside the repository:
# $LINLI_HANZI_DATA, else ${XDG_CACHE_HOME:-$HOME/.cache}/linli/hanzi-writer-data.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then build=$1; shift; fi
bench=$build/tests/bench/linli_handwriting_bench
cmake --build "$build" --target linli_handwriting_bench >/dev/null || { echo "bench: cannot build in $build (bash packaging/dev.sh test makes it)"; exit 1; }

cache=${LINLI_HANZI_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/linli/hanzi-writer-data}
data=$cache/node_modules/hanzi-writer-data
if [ ! -f "$data/package.json" ]; then
  command -v npm >/dev/null || { echo "bench: npm is needed once to fetch hanzi-writer-data into $cache"; exit 1; }
  echo "bench: installing hanzi-writer-data 2.0.1 into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent hanzi-writer-data@2.0.1 >/dev/null
fi
echo "versions: hanzi-writer-data $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$data/package.json")," \
     "$(dpkg-query -W -f '${Package} ${Version}, ' tegaki-zinnia-simplified-chinese libzinnia0 2>/dev/null)$(nproc) cores"
exec "$bench" "$data" "$@"
