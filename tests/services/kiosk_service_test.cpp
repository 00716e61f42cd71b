// KioskService's clock handling: what residents see follows the trusted time, max(clock, clock
// floor), so a Pi whose clock jumps back to 1970 neither revives expired notices nor hides
// current ones; schedules take effect without a restart.
#include "services/kiosk_service.hpp"
#include "../support/temp_dir.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

using namespace linli;
using linli::test::k_script_now_s;

namespace {


Notice notice(const char* id, int64_t publish_s, int64_t expire_s)
{
    Notice n;
    n.id = id;
    n.title = id;
    n.publish_s = publish_s;
    n.expire_s = expire_s;
    return n;
}


services::LoadedContent schedule()
{
    services::LoadedContent loaded;
    loaded.version = "test";
    loaded.source = "test";
    loaded.content.announcements.push_back({notice("current", k_script_now_s - 3600, k_script_now_s + 3600), {}});
    loaded.content.announcements.push_back({notice("expired", k_script_now_s - 7200, k_script_now_s - 60), {}});
    loaded.content.announcements.push_back({notice("later", k_script_now_s + 120, 0), {}});
    return loaded;
}

std::vector<std::string> ids(const services::AppModel& m)
{
    std::vector<std::string> out;
    for (const auto& a : m.announcements) out.push_back(a.notice.id);
    return out;
}

}  // namespace

TEST_CASE("schedules: publish and expire follow the clock without a restart", "[services]")
{
    test::TempDir dir("service-test");
    FakeClock clock(k_script_now_s * 1000, 0);
    auto service = services::KioskService::open(services::default_kiosk_config(), dir.str(), clock, schedule());
    REQUIRE(service.has_value());
    CHECK(ids((*service)->model()) == std::vector<std::string>{"current"});
    clock.advance_ms(120 * 1000);  // "later" publishes exactly now
    CHECK(ids((*service)->model()) == std::vector<std::string>{"later", "current"});
    clock.advance_ms(3600 * 1000);  // "current" expired
    CHECK(ids((*service)->model()) == std::vector<std::string>{"later"});
}

TEST_CASE("schedules: a clock set back does not revive expired notices", "[services]")
{
    test::TempDir dir("service-test");
    FakeClock clock(k_script_now_s * 1000, 0);
    {
        auto service =
            services::KioskService::open(services::default_kiosk_config(), dir.str(), clock, schedule());
        REQUIRE(service.has_value());
        (*service)->model();  // a plausible clock raises the persisted floor
        CHECK((*service)->model().status.clock_floor_s == k_script_now_s);
    }
    // Power cut; the Pi boots without its clock (1970) and reads the same content again.
    clock.set_wall_ms(0);
    auto service = services::KioskService::open(services::default_kiosk_config(), dir.str(), clock, schedule());
    REQUIRE(service.has_value());
    const auto& model = (*service)->model();
    CHECK(model.now_s == k_script_now_s);
    CHECK(ids(model) == std::vector<std::string>{"current"});
}
