#!/bin/bash
# 朗读 benchmark (issue 13): prints figures, never fails on them.
#   bash tests/bench/read-aloud-bench.sh [BUILD_DIR]
#   start    speak() to the first samples queued for the loudspeaker: the first reading of a
#            kiosk, 20 with the device open, 10 with it opened for the reading   goal: <= 300 ms
#   real     the synthesis real-time factor for the demo's water-outage notice, per speed
# With no SDL_AUDIODRIVER set it plays into SDL's dummy driver (at a real device's pace), so it
# runs on machines without a sound card; set SDL_AUDIODRIVER=alsa (or pulseaudio) to time a real one.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
cmake --build "$build" --target linli_read_aloud_bench >/dev/null || { echo "bench: cannot build in $build (bash packaging/dev.sh test makes it)"; exit 1; }
export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
echo "== 朗读 on SDL's $SDL_AUDIODRIVER audio driver, $(nproc) cores ($(uname -m))"
"$build/tests/bench/linli_read_aloud_bench"
