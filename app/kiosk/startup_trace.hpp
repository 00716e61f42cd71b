// LINLI_TRACE=1 prints start-up stages to stderr with the time since process start and the
// resident memory, for the benchmark (tests/bench/run-bench.sh) and for finding regressions.
#pragma once

#include <cstdint>
#include <vector>

namespace linli::kiosk {

// "trace: <stage> <ms since start> ms <RSS> kB (peak <VmHWM> kB; anon, files)" when LINLI_TRACE is set; nothing otherwise.
void trace_stage(const char* stage);
// "trace: frame N at <unix ms>" for every frame drawn, when LINLI_TRACE is set (the benchmark
// counts idle frames and measures touch-to-frame latency from these).
void trace_frame(uint64_t frame_number);
// "trace: frames N median X ms p90 Y ms max Z ms" when LINLI_TRACE is set.
void trace_frame_times(std::vector<int64_t> frame_times_us, uint64_t frames);
// "trace: WHAT n N median X ms p90 Y ms max Z ms" of durations in microseconds.
void trace_durations(const char* what, std::vector<int64_t> times_us);

}  // namespace linli::kiosk
