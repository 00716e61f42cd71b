// The daily screen-off window: inside it the screen is dark unless touched in the last two
// minutes; windows that wrap midnight; the loop's next deadline lands on the edges.
#include "services/screen_power.hpp"

#include <catch2/catch.hpp>

using namespace linli::services;

TEST_CASE("a window across midnight is dark from its start to its end", "[services]")
{
    ScreenPower power(ScreenOffWindow{23 * 60, 6 * 60});
    const int64_t long_after = ScreenPower::k_wake_ms * 10;
    CHECK(power.state(22 * 60 + 59, long_after) == ScreenState::On);
    CHECK(power.state(23 * 60, long_after) == ScreenState::OffBySchedule);
    CHECK(power.state(0, long_after) == ScreenState::OffBySchedule);
    CHECK(power.state(5 * 60 + 59, long_after) == ScreenState::OffBySchedule);
    CHECK(power.state(6 * 60, long_after) == ScreenState::On);
}

TEST_CASE("a touch lights a dark screen for two minutes after the last touch", "[services]")
{
    ScreenPower power(ScreenOffWindow{1 * 60, 5 * 60});
    const int night = 3 * 60;
    power.touched(1000000);
    CHECK(power.state(night, 1000000) == ScreenState::On);
    CHECK(power.state(night, 1000000 + ScreenPower::k_wake_ms - 1) == ScreenState::On);
    CHECK(power.state(night, 1000000 + ScreenPower::k_wake_ms) == ScreenState::OffBySchedule);
    // The next change is the end of the wake period, not the window's edge hours away.
    CHECK(power.next_change_ms(night * 60, 1000000 + 30000) == ScreenPower::k_wake_ms - 30000);
}

TEST_CASE("no window, or an empty one, never darkens the screen", "[services]")
{
    CHECK(ScreenPower(std::nullopt).state(3 * 60, 1 << 30) == ScreenState::On);
    CHECK(ScreenPower(std::nullopt).next_change_ms(0, 0) == -1);
    CHECK(ScreenPower(ScreenOffWindow{600, 600}).state(600, 1 << 30) == ScreenState::On);
}

TEST_CASE("the loop wakes at the window's next edge", "[services]")
{
    ScreenPower power(ScreenOffWindow{23 * 60, 6 * 60});
    const int64_t long_after = ScreenPower::k_wake_ms * 10;
    // 22:00:00: the window starts in one hour.
    CHECK(power.next_change_ms(22 * 3600, long_after) == 3600 * 1000);
    // 05:30:00: it ends in half an hour.
    CHECK(power.next_change_ms(5 * 3600 + 1800, long_after) == 1800 * 1000);
}
