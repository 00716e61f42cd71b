#include "services/screen_power.hpp"

#include <ctime>

namespace linli::services {

bool ScreenPower::in_window(int local_minute) const
{
    if (!m_window) return false;
    const int start = m_window->start_minute, end = m_window->end_minute;
    if (start == end) return false;
    if (start < end) return local_minute >= start && local_minute < end;
    return local_minute >= start || local_minute < end;  // wraps midnight: "23:00-06:00"
}

ScreenState ScreenPower::state(int local_minute, int64_t monotonic_ms) const
{
    if (!in_window(local_minute)) return ScreenState::On;
    return monotonic_ms - m_last_touch_ms < k_wake_ms ? ScreenState::On : ScreenState::OffBySchedule;
}

int64_t ScreenPower::next_change_ms(int local_second, int64_t monotonic_ms) const
{
    if (!m_window || m_window->start_minute == m_window->end_minute) return -1;
    auto until = [&](int minute) {
        int64_t s = int64_t(minute) * 60 - local_second;
        if (s <= 0) s += 24 * 3600;
        return s * 1000;
    };
    int64_t next = std::min(until(m_window->start_minute), until(m_window->end_minute));
    const int64_t wake_left = m_last_touch_ms + k_wake_ms - monotonic_ms;
    if (wake_left > 0 && wake_left < next) next = wake_left;
    return next;
}

int local_second_of_day(int64_t unix_s)
{
    std::time_t t = static_cast<std::time_t>(unix_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

}  // namespace linli::services
