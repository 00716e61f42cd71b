// The idle clock: attract after attract_after_s, reset after reset_after_s; while a screen holds a
// half-written message, no attract loop but "还在吗？" for the last 30 s before the reset (F4).
#include "services/idle_policy.hpp"

#include <catch2/catch.hpp>

using namespace linli::services;

TEST_CASE("idle: attract, then one reset per idle period", "[services]")
{
    IdlePolicy idle(60, 120);
    idle.touched(1000);
    CHECK(idle.state(60'999) == IdleState::Active);
    CHECK(idle.next_deadline_ms(2000) == 61'000);
    CHECK(idle.state(61'000) == IdleState::Attract);
    CHECK(idle.next_deadline_ms(61'000) == 121'000);
    CHECK(idle.state(121'000) == IdleState::Reset);
    idle.reset_done();
    CHECK(idle.state(500'000) == IdleState::Attract);
    CHECK(idle.next_deadline_ms(500'000) == -1);
}

TEST_CASE("idle: a half-written message is asked about for 30 s, never covered by the attract loop", "[services]")
{
    IdlePolicy idle(60, 120);
    idle.touched(1000);
    CHECK(idle.state(61'000, true) == IdleState::Active);
    CHECK(idle.next_deadline_ms(2000, true) == 91'000);
    CHECK(idle.state(90'999, true) == IdleState::Active);
    CHECK(idle.state(91'000, true) == IdleState::StillThere);
    CHECK(idle.next_deadline_ms(91'000, true) == 121'000);
    CHECK(idle.reset_at_ms() == 121'000);
    CHECK(idle.state(121'000, true) == IdleState::Reset);
    // A touch on the panel (继续) starts the idle clock again.
    idle.touched(100'000);
    CHECK(idle.state(129'999, true) == IdleState::Active);
    CHECK(idle.state(190'000, true) == IdleState::StillThere);
}

TEST_CASE("idle: a reset shorter than the warning warns from the first idle moment", "[services]")
{
    IdlePolicy idle(10, 20);
    idle.touched(0);
    CHECK(idle.state(0, true) == IdleState::StillThere);
    CHECK(idle.next_deadline_ms(0, true) == 20'000);
    CHECK(idle.state(20'000, true) == IdleState::Reset);
}
