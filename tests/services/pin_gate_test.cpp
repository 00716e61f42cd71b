#include "services/pin_gate.hpp"

#include <catch2/catch.hpp>

using namespace linli::services;

namespace {

// Four wrong PINs at t, t+1, ... (just short of a lockout).
void four_wrong(PinGateState& state, int64_t t)
{
    for (int i = 0; i < 4; ++i) {
        PinAttempt a = attempt_pin(state, false, t + i);
        CHECK(a.outcome == PinOutcome::Wrong);
        CHECK(a.attempts_left == k_max_pin_attempts - 1 - i);
        CHECK(a.locked_until_s == 0);
    }
}

}  // namespace

TEST_CASE("pin gate: four wrong then the right PIN opens and resets the count", "[services]")
{
    PinGateState state;
    four_wrong(state, 1000);
    PinAttempt ok = attempt_pin(state, true, 1010);
    CHECK(ok.outcome == PinOutcome::Accepted);
    CHECK(ok.attempts_left == k_max_pin_attempts);
    CHECK(state.failed_attempts == 0);
    // A full five tries again afterwards.
    four_wrong(state, 1020);
    CHECK_FALSE(pin_locked(state, 1030));
}

TEST_CASE("pin gate: the fifth wrong PIN locks for five minutes", "[services]")
{
    PinGateState state;
    four_wrong(state, 1000);
    PinAttempt fifth = attempt_pin(state, false, 1004);
    CHECK(fifth.outcome == PinOutcome::LockedOut);
    CHECK(fifth.attempts_left == 0);
    CHECK(fifth.locked_until_s == 1004 + k_pin_lockout_s);
    CHECK(pin_locked(state, 1004));
    CHECK(pin_locked(state, 1303));
}

TEST_CASE("pin gate: a right PIN during the lockout is refused and does not count", "[services]")
{
    PinGateState state;
    four_wrong(state, 1000);
    attempt_pin(state, false, 1004);
    PinAttempt during = attempt_pin(state, true, 1100);
    CHECK(during.outcome == PinOutcome::LockedOut);
    CHECK(during.locked_until_s == 1304);  // not extended
    PinAttempt wrong_during = attempt_pin(state, false, 1200);
    CHECK(wrong_during.outcome == PinOutcome::LockedOut);
    CHECK(wrong_during.locked_until_s == 1304);
    CHECK(attempt_pin(state, true, 1304).outcome == PinOutcome::Accepted);
}

TEST_CASE("pin gate: the lockout ends exactly at locked_until_s", "[services]")
{
    PinGateState state;
    four_wrong(state, 1000);
    attempt_pin(state, false, 1004);
    CHECK(pin_locked(state, 1303));
    CHECK_FALSE(pin_locked(state, 1304));
    CHECK(attempt_pin(state, true, 1303).outcome == PinOutcome::LockedOut);
    CHECK(attempt_pin(state, true, 1304).outcome == PinOutcome::Accepted);
}

TEST_CASE("pin gate: after a lockout the administrator has five fresh tries", "[services]")
{
    PinGateState state;
    four_wrong(state, 1000);
    attempt_pin(state, false, 1004);
    PinAttempt after = attempt_pin(state, false, 1304);
    CHECK(after.outcome == PinOutcome::Wrong);
    CHECK(after.attempts_left == 4);
    CHECK(state.locked_until_s == 0);
}

TEST_CASE("pin gate: a clock going backwards does not end a lockout early", "[services]")
{
    PinGateState state;
    four_wrong(state, 1000);
    attempt_pin(state, false, 1004);  // locked until 1304

    SECTION("set back a little, inside the lockout window")
    {
        CHECK(pin_locked(state, 1100));
        CHECK(attempt_pin(state, true, 1100).locked_until_s == 1304);
        CHECK(pin_locked(state, 1303));
        CHECK(attempt_pin(state, true, 1304).outcome == PinOutcome::Accepted);
    }
    SECTION("set back before the lockout began: still locked, a full lockout from then")
    {
        CHECK(pin_locked(state, 500));
        CHECK(pin_locked(state, 0));
        PinAttempt a = attempt_pin(state, true, 500);
        CHECK(a.outcome == PinOutcome::LockedOut);
        CHECK(a.locked_until_s == 800);
        CHECK(pin_locked(state, 799));
        CHECK(attempt_pin(state, true, 800).outcome == PinOutcome::Accepted);
    }
    SECTION("set back to 1970 from 2026: locked for five minutes, not for 56 years")
    {
        PinGateState s2;
        const int64_t t2026 = 1'790'000'000;
        for (int i = 0; i < k_max_pin_attempts; ++i)
            attempt_pin(s2, false, t2026);
        CHECK(attempt_pin(s2, true, 10).locked_until_s == 10 + k_pin_lockout_s);
        CHECK(attempt_pin(s2, true, 10 + k_pin_lockout_s).outcome == PinOutcome::Accepted);
    }
}

TEST_CASE("pin gate: a fresh state is unlocked", "[services]")
{
    PinGateState state;
    CHECK_FALSE(pin_locked(state, 0));
    CHECK_FALSE(pin_locked(state, 1'790'000'000));
    CHECK(attempt_pin(state, true, 0).outcome == PinOutcome::Accepted);
}

TEST_CASE("new PINs are 4 to 12 digits", "[services]")
{
    for (const char* ok : {"1234", "0000", "123456789012", "482915"})
        CHECK(check_new_pin(ok).has_value());
    CHECK(check_new_pin("123").error().message == "pin: the PIN must be 4 to 12 digits long");
    CHECK(check_new_pin("1234567890123").error().message ==
          "pin: the PIN must be 4 to 12 digits long");
    CHECK(check_new_pin("").error().message == "pin: the PIN must be 4 to 12 digits long");
    CHECK(check_new_pin("12a4").error().message == "pin: the PIN may contain only the digits 0-9");
    CHECK(check_new_pin("12 34").error().message ==
          "pin: the PIN may contain only the digits 0-9");
    CHECK(check_new_pin("１２３４").error().kind == linli::ErrorKind::Rejected);  // full-width
}
