// ScreenPower: the daily screen-off window of kiosk.toml ([display] screen_off = "23:00-06:00").
// Inside the window the screen is dark; a touch lights it for k_wake_ms after the last touch.
// Pure logic over local minutes and a monotonic clock, so the edges (midnight, the window's
// start while someone is using the screen) are tested without waiting.
#pragma once

#include "services/kiosk_config.hpp"

#include <cstdint>
#include <optional>

namespace linli::services {

enum class ScreenState { On, OffBySchedule };

class ScreenPower {
public:
    static constexpr int64_t k_wake_ms = 2 * 60 * 1000;

    explicit ScreenPower(std::optional<ScreenOffWindow> window) : m_window(window) {}

    void touched(int64_t monotonic_ms) { m_last_touch_ms = monotonic_ms; }
    // local_minute: minutes since local midnight now (0-1439).
    ScreenState state(int local_minute, int64_t monotonic_ms) const;
    // Milliseconds until the state may change (the window's edge or the wake period's end); -1
    // without a window. local_second: seconds since local midnight.
    int64_t next_change_ms(int local_second, int64_t monotonic_ms) const;
    bool in_window(int local_minute) const;

private:
    std::optional<ScreenOffWindow> m_window;
    int64_t m_last_touch_ms = INT64_MIN / 2;
};

// Seconds since local midnight of unix_s in the kiosk's time zone (TZ).
int local_second_of_day(int64_t unix_s);

}  // namespace linli::services
