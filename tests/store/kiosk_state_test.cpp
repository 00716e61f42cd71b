#include "store/kiosk_state.hpp"

#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace linli;
using namespace linli::store;
using linli::store::test::require_intact;
using linli::store::test::TempDir;

TEST_CASE("settings survive closing and reopening the kiosk state", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    {
        auto state = KioskState::open(path);
        REQUIRE(state);
        auto unset = state->setting("language");
        REQUIRE(unset);
        CHECK_FALSE(unset->has_value());
        REQUIRE(state->set_setting("language", "en"));
        REQUIRE(state->set_setting("language", "zh-CN"));  // replaces, no second row
        REQUIRE(state->set_setting("building", "3号楼"));
        REQUIRE(state->set_setting("note", ""));
    }
    auto state = KioskState::open(path);
    REQUIRE(state);
    CHECK(*state->setting("language") == std::optional<std::string>("zh-CN"));
    CHECK(*state->setting("building") == std::optional<std::string>("3号楼"));
    CHECK(*state->setting("note") == std::optional<std::string>(""));
    CHECK_FALSE(state->setting("Language")->has_value());  // keys are exact, case included
    require_intact(state->database());
}

TEST_CASE("the clock floor never goes down, also across reopening", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    const int64_t bundle_time_s = 1767225600;  // 2026-01-01: a signed bundle's creation time
    {
        auto state = KioskState::open(path);
        REQUIRE(state);
        CHECK(*state->clock_floor_s() == 0);
        REQUIRE(state->raise_clock_floor_s(bundle_time_s));
        CHECK(*state->clock_floor_s() == bundle_time_s);
        // A board without RTC boots in 1970: its clock must not drag the floor back.
        REQUIRE(state->raise_clock_floor_s(0));
        REQUIRE(state->raise_clock_floor_s(bundle_time_s - 1));
        REQUIRE(state->raise_clock_floor_s(-5));
        CHECK(*state->clock_floor_s() == bundle_time_s);
    }
    auto state = KioskState::open(path);
    REQUIRE(state);
    CHECK(*state->clock_floor_s() == bundle_time_s);
    REQUIRE(state->raise_clock_floor_s(86400));
    CHECK(*state->clock_floor_s() == bundle_time_s);
    REQUIRE(state->raise_clock_floor_s(bundle_time_s + 60));
    CHECK(*state->clock_floor_s() == bundle_time_s + 60);
    require_intact(state->database());
}

TEST_CASE("the event log keeps the newest 200 events, newest first", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    {
        auto state = KioskState::open(path);
        REQUIRE(state);
        auto none = state->recent_events(10);
        REQUIRE(none);
        CHECK(none->empty());
        for (int i = 1; i <= 250; ++i)
            REQUIRE(state->log_event(1000 + i, "sync", "pull " + std::to_string(i)));
        // The clock jumped back: still the newest event, because the log orders by arrival.
        REQUIRE(state->log_event(5, "platform", "clock reset to 1970"));
    }
    auto state = KioskState::open(path);
    REQUIRE(state);
    auto all = state->recent_events(1000);
    REQUIRE(all);
    REQUIRE(all->size() == 200);
    CHECK(all->front().at_s == 5);
    CHECK(all->front().component == "platform");
    CHECK(all->front().message == "clock reset to 1970");
    CHECK((*all)[1].message == "pull 250");
    CHECK(all->back().message == "pull 52");  // 251 logged, the oldest 51 trimmed
    CHECK(all->back().at_s == 1052);

    auto three = state->recent_events(3);
    REQUIRE(three);
    REQUIRE(three->size() == 3);
    CHECK((*three)[2].message == "pull 249");
    CHECK(state->recent_events(0)->empty());

    auto count = state->database().prepare("SELECT count(*) FROM event_log");
    REQUIRE(count);
    REQUIRE(count->step());
    CHECK(count->column_int64(0) == 200);
    require_intact(state->database());
}

TEST_CASE("kiosk state from newer software is refused", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA user_version = 7"));
    }
    auto state = KioskState::open(path);
    REQUIRE_FALSE(state);
    CHECK(state.error().kind == ErrorKind::Rejected);
    CHECK(state.error().message ==
          "store: kiosk.db: schema version 7 is newer than this kiosk understands (1)");
    auto db = Database::open(path);
    REQUIRE(db);
    require_intact(*db);
}

TEST_CASE("kiosk state in a missing directory fails with the path", "[store]")
{
    TempDir dir;
    const std::string path = (dir.path() / "data" / "kiosk.db").string();
    auto state = KioskState::open(path);
    REQUIRE_FALSE(state);
    CHECK(state.error().message ==
          "store: " + path + ": directory " + (dir.path() / "data").string() + " does not exist");
    // No database is open in this test, so there is nothing to integrity_check.
}

TEST_CASE("a damaged kiosk state file is reported by open, not a crash (D4)", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    {
        auto state = KioskState::open(path);
        REQUIRE(state);
        // Enough events to give event_log pages of its own beyond the first few.
        for (int i = 0; i < 200; ++i)
            REQUIRE(state->log_event(i, "test", std::string(100, char('a' + i % 26))));
    }
    REQUIRE(std::filesystem::file_size(path) > 4 * 4096);
    // Each row of this fault table lists the error open must give; none may crash or succeed.
    SECTION("garbage over the file header")
    {
        linli::store::test::write_garbage(path, 0, 100);
        auto state = KioskState::open(path);
        REQUIRE_FALSE(state);
        CHECK(state.error().message ==
              "store: kiosk.db: file is not a database (in: PRAGMA journal_mode=WAL)");
    }
    SECTION("garbage over a whole event_log page: SQLite itself stops the check")
    {
        linli::store::test::write_garbage(path, 4 * 4096, 4096);  // page 5
        auto state = KioskState::open(path);
        REQUIRE_FALSE(state);
        CHECK(state.error().message ==
              "store: kiosk.db: database disk image is malformed (in: PRAGMA quick_check)");
    }
    SECTION("garbage over a page's cell pointers: quick_check lists the problems")
    {
        linli::store::test::write_garbage(path, 4 * 4096 + 8, 16);  // page 5, just after its 8-byte leaf header
        auto state = KioskState::open(path);
        REQUIRE_FALSE(state);
        CHECK(state.error().kind == ErrorKind::Internal);
        CHECK_THAT(state.error().message,
                   Catch::StartsWith("store: kiosk.db: quick_check failed: *** in database main ***; "
                                     "On tree page 5 cell "));
    }
    // Nothing could be opened, so there is nothing to integrity_check.
}
