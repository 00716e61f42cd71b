// Clock: where the kiosk gets the time. The real one reads the system clock; FakeClock is moved
// by tests and by `--script` (`wait`, `advance-clock`). Times are Unix seconds/milliseconds UTC;
// the board's local time zone is applied only when formatting for display.
#pragma once

#include <atomic>
#include <cstdint>

namespace linli {

class Clock {
public:
    virtual ~Clock() = default;
    // Wall-clock time, milliseconds since the Unix epoch (may jump; see the clock floor).
    virtual int64_t now_ms() const = 0;
    // Monotonic milliseconds for timers, animations and idle detection (never goes back).
    virtual int64_t monotonic_ms() const = 0;
    int64_t now_s() const { return now_ms() / 1000; }
};

class SystemClock final : public Clock {
public:
    int64_t now_ms() const override;
    int64_t monotonic_ms() const override;
};

// The system clock set to start at another time (LINLI_NOW for a running kiosk, in
// demonstrations): the wall clock runs on from start_ms, the monotonic one is the system's.
class ShiftedClock final : public Clock {
public:
    explicit ShiftedClock(int64_t start_ms) : m_offset_ms(start_ms - SystemClock().now_ms()) {}
    int64_t now_ms() const override { return m_system.now_ms() + m_offset_ms; }
    int64_t monotonic_ms() const override { return m_system.monotonic_ms(); }

private:
    SystemClock m_system;
    int64_t m_offset_ms;
};

// Another clock's wall time plus an offset an administrator set on the admin panel (the kiosk runs
// as an unprivileged user and may not set the system clock). Read from any thread; the offset is
// set on the main thread.
class AdjustedClock final : public Clock {
public:
    explicit AdjustedClock(const Clock& base) : m_base(base) {}
    int64_t now_ms() const override { return m_base.now_ms() + m_offset_ms.load(std::memory_order_relaxed); }
    int64_t monotonic_ms() const override { return m_base.monotonic_ms(); }
    // The base clock's wall time, without the offset.
    int64_t base_ms() const { return m_base.now_ms(); }
    int64_t offset_ms() const { return m_offset_ms.load(std::memory_order_relaxed); }
    void set_offset_ms(int64_t offset) { m_offset_ms.store(offset, std::memory_order_relaxed); }

private:
    const Clock& m_base;
    std::atomic<int64_t> m_offset_ms{0};
};

// A clock that moves only when told: deterministic tests and UI scripts.
class FakeClock final : public Clock {
public:
    explicit FakeClock(int64_t wall_ms = 0, int64_t monotonic_ms = 0)
        : m_wall_ms(wall_ms), m_monotonic_ms(monotonic_ms) {}
    int64_t now_ms() const override { return m_wall_ms; }
    int64_t monotonic_ms() const override { return m_monotonic_ms; }
    // Time passes: both clocks move forward.
    void advance_ms(int64_t ms) { m_wall_ms += ms; m_monotonic_ms += ms; }
    // The wall clock is set (it may jump backwards, as a Pi without RTC does); monotonic stays.
    void set_wall_ms(int64_t wall_ms) { m_wall_ms = wall_ms; }

private:
    int64_t m_wall_ms;
    int64_t m_monotonic_ms;
};

}  // namespace linli
