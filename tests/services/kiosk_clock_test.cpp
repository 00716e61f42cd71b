// 设置时间: an administrator sets the kiosk's date and time on the admin panel, kept as an offset
// over the system clock (the kiosk may not set it) for this boot of the machine; a time more than
// a year past the newest content, or behind the clock floor, is refused; ballots follow at once.
#include "services/kiosk_service.hpp"

#include "../support/ballot_fixtures.hpp"
#include "../support/temp_dir.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using linli::test::k_script_now_s;

namespace {


services::LoadedContent election_content()
{
    services::LoadedContent loaded;
    loaded.version = "test";
    loaded.source = "test";
    loaded.content.ballots = {test::test_election()};  // opens 2026-11-30
    return loaded;
}

std::unique_ptr<services::KioskService> open_unlocked(const test::TempDir& dir, AdjustedClock& clock)
{
    auto service = services::KioskService::open(services::default_kiosk_config(), dir.str(), clock, election_content()).value();
    service->attach_adjustable_clock(clock);
    service->apply(services::intent::SubmitPin{"1234"});
    REQUIRE(service->model().admin.unlocked);
    return service;
}

}  // namespace

TEST_CASE("clock: the time set on the admin panel moves the kiosk, and survives a restart of the kiosk", "[services]")
{
    test::TempDir dir("kiosk-clock");
    FakeClock base(k_script_now_s * 1000, 0);
    AdjustedClock clock(base);
    auto service = open_unlocked(dir, clock);
    CHECK(service->model().ballots.ballots.front().state == services::BallotState::Upcoming);
    const int64_t target = test::k_ballot_during;  // the election is open then
    service->apply(services::intent::SetClock{target});
    const auto& m = service->model();
    CHECK(m.admin.clock.ok);
    CHECK(m.admin.clock.text.find("时间已设置为") == 0);
    CHECK(service->trusted_now_s() == target);
    CHECK(m.admin.clock_offset_s == target - k_script_now_s);
    CHECK(m.ballots.ballots.front().state == services::BallotState::Open);

    // The kiosk restarts on the same boot: the offset is still there.
    service.reset();
    AdjustedClock again(base);
    auto restarted = services::KioskService::open(services::default_kiosk_config(), dir.str(), again, election_content()).value();
    restarted->attach_adjustable_clock(again);
    CHECK(restarted->trusted_now_s() == target);
}

TEST_CASE("clock: a year past the newest content, or behind the clock floor, is refused and changes nothing", "[services]")
{
    test::TempDir dir("kiosk-clock-refused");
    FakeClock base(k_script_now_s * 1000, 0);
    AdjustedClock clock(base);
    auto service = open_unlocked(dir, clock);
    const int64_t latest = service->model().admin.clock_latest_s;
    CHECK(latest == k_script_now_s + 366 * 86400);  // no bundle: a year and a day past the clock floor
    service->apply(services::intent::SetClock{latest + 60});
    CHECK_FALSE(service->model().admin.clock.ok);
    CHECK(service->model().admin.clock.text.find("不能晚于") == 0);
    service->apply(services::intent::SetClock{k_script_now_s - 3600});
    CHECK_FALSE(service->model().admin.clock.ok);
    CHECK(service->model().admin.clock.text.find("不能早于本机记录过的时钟下限") == 0);
    CHECK(service->trusted_now_s() == k_script_now_s);
    CHECK(clock.offset_ms() == 0);
    // Locked again, the panel sets nothing.
    service->apply(services::intent::LockAdmin{});
    service->apply(services::intent::SetClock{k_script_now_s + 3600});
    CHECK(clock.offset_ms() == 0);
}

TEST_CASE("clock: a time set before the machine rebooted is dropped", "[services]")
{
    test::TempDir dir("kiosk-clock-reboot");
    {
        auto state = store::KioskState::open(dir.str() + "/kiosk.db").value();
        REQUIRE(state.set_setting("clock.offset", "86400000 an-earlier-boot"));
    }
    FakeClock base(k_script_now_s * 1000, 0);
    AdjustedClock clock(base);
    auto service = services::KioskService::open(services::default_kiosk_config(), dir.str(), clock, election_content()).value();
    service->attach_adjustable_clock(clock);
    CHECK(clock.offset_ms() == 0);
    CHECK(service->trusted_now_s() == k_script_now_s);
    CHECK(service->model().admin.clock_offset_s == 0);
}
