#include "kiosk/startup_trace.hpp"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace linli::kiosk {

namespace {

long status_kb(const char* key)
{
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kb = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, key, std::strlen(key)) == 0) std::sscanf(line + std::strlen(key), "%ld", &kb);
    std::fclose(f);
    return kb;
}

// Milliseconds since the process started: /proc/self/stat's start time is in clock ticks
// since boot, comparable with CLOCK_BOOTTIME.
double ms_since_start()
{
    FILE* f = std::fopen("/proc/self/stat", "r");
    if (!f) return -1;
    char buf[1024];
    size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* p = std::strrchr(buf, ')');
    if (!p) return -1;
    unsigned long long start_ticks = 0;
    // Field 22 (starttime); after ") " come fields 3, 4, ...
    int field = 2;
    for (const char* q = p + 1; *q; ++q)
        if (*q == ' ' && ++field == 22) {
            start_ticks = std::strtoull(q + 1, nullptr, 10);
            break;
        }
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    double now_ms = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return now_ms - double(start_ticks) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

}  // namespace

void trace_stage(const char* stage)
{
    static const bool enabled = std::getenv("LINLI_TRACE") != nullptr;
    if (!enabled) return;
    std::fprintf(stderr, "trace: %s %.1f ms %ld kB (peak %ld kB; anon %ld kB, files %ld kB)\n", stage,
                 ms_since_start(), status_kb("VmRSS:"), status_kb("VmHWM:"), status_kb("RssAnon:"),
                 status_kb("RssFile:"));
}

}  // namespace linli::kiosk

namespace linli::kiosk {

void trace_frame(uint64_t frame_number)
{
    static const bool enabled = std::getenv("LINLI_TRACE") != nullptr;
    if (!enabled) return;
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    std::fprintf(stderr, "trace: frame %llu at %.1f\n", (unsigned long long)frame_number,
                 double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6);
}

namespace {

// "median X ms p90 Y ms max Z ms" of durations in microseconds.
std::string quantiles(std::vector<int64_t> times)
{
    std::sort(times.begin(), times.end());
    auto at = [&](double q) { return double(times[size_t(q * double(times.size() - 1))]) / 1000.0; };
    char line[96];
    std::snprintf(line, sizeof line, "median %.2f ms p90 %.2f ms max %.2f ms", at(0.5), at(0.9), at(1.0));
    return line;
}

}  // namespace

void trace_frame_times(std::vector<int64_t> times, uint64_t frames)
{
    if (!std::getenv("LINLI_TRACE") || times.empty()) return;
    std::fprintf(stderr, "trace: frames %llu %s\n", (unsigned long long)frames, quantiles(std::move(times)).c_str());
}

void trace_durations(const char* what, std::vector<int64_t> times)
{
    if (!std::getenv("LINLI_TRACE") || times.empty()) return;
    const size_t n = times.size();
    std::fprintf(stderr, "trace: %s n %zu %s\n", what, n, quantiles(std::move(times)).c_str());
}

}  // namespace linli::kiosk
