#include "store/migrations.hpp"

#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <vector>

using namespace linli;
using namespace linli::store;
using linli::store::test::count_rows;
using linli::store::test::require_intact;
using linli::store::test::TempDir;

namespace {

int64_t user_version(Database& db)
{
    auto stmt = db.prepare("PRAGMA user_version");
    REQUIRE(stmt);
    REQUIRE(stmt->step());
    return stmt->column_int64(0);
}

bool table_exists(Database& db, std::string_view name)
{
    auto stmt = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    REQUIRE(stmt);
    REQUIRE(stmt->bind(1, name));
    auto row = stmt->step();
    REQUIRE(row);
    return *row;
}


constexpr Migration k_v1{1, "CREATE TABLE notice (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"
                            "INSERT INTO notice (title) VALUES ('welcome');"};
constexpr Migration k_v2{2, "ALTER TABLE notice ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"
                            "CREATE TABLE poster (path TEXT NOT NULL);"};

}  // namespace

TEST_CASE("migrations apply in order once and the version survives reopening", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    const std::array both = {k_v1, k_v2};
    {
        auto db = Database::open(path);
        REQUIRE(db);
        CHECK(user_version(*db) == 0);
        REQUIRE(migrate(*db, both));
        CHECK(user_version(*db) == 2);
        CHECK(table_exists(*db, "poster"));
        // Running again (every start does) changes nothing: the seed row is not inserted twice.
        REQUIRE(migrate(*db, both));
        CHECK(count_rows(*db, "notice") == 1);
    }
    auto db = Database::open(path);
    REQUIRE(db);
    CHECK(user_version(*db) == 2);
    REQUIRE(migrate(*db, both));
    CHECK(count_rows(*db, "notice") == 1);
    require_intact(*db);
}

TEST_CASE("a database from older code is upgraded and keeps its data", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(migrate(*db, std::array{k_v1}));
        REQUIRE(db->exec("INSERT INTO notice (title) VALUES ('water off on Tuesday')"));
    }
    auto db = Database::open(path);
    REQUIRE(db);
    REQUIRE(migrate(*db, std::array{k_v1, k_v2}));
    CHECK(user_version(*db) == 2);
    CHECK(count_rows(*db, "notice") == 2);
    auto pinned = db->prepare("SELECT count(*) FROM notice WHERE pinned = 0");
    REQUIRE(pinned);
    REQUIRE(pinned->step());
    CHECK(pinned->column_int64(0) == 2);
    require_intact(*db);
}

TEST_CASE("a failing migration leaves the version unchanged and nothing half-applied", "[store]")
{
    TempDir dir;
    auto db = Database::open(dir.file("kiosk.db"));
    REQUIRE(db);
    // The first statement of v2 works, the second does not: the table must not survive.
    const Migration broken{2, "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);"};
    Status result = migrate(*db, std::array{k_v1, broken});
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == ErrorKind::Internal);
    CHECK(result.error().message ==
          "store: kiosk.db: migration 2: no such table: nowhere (in: INSERT INTO nowhere VALUES (1);)");
    CHECK(user_version(*db) == 1);  // v1 was committed on its own before v2 failed
    CHECK(table_exists(*db, "notice"));
    CHECK_FALSE(table_exists(*db, "half"));
    CHECK_FALSE(db->in_transaction());

    // A syntax error fails the same way, and the fixed code then upgrades normally.
    const Migration typo{2, "CREAT TABLE half (x INTEGER);"};
    REQUIRE_FALSE(migrate(*db, std::array{k_v1, typo}));
    CHECK(user_version(*db) == 1);
    REQUIRE(migrate(*db, std::array{k_v1, k_v2}));
    CHECK(user_version(*db) == 2);
    require_intact(*db);
}

TEST_CASE("a schema newer than the code is refused and left alone", "[store]")
{
    TempDir dir;
    auto db = Database::open(dir.file("kiosk.db"));
    REQUIRE(db);
    REQUIRE(db->exec("PRAGMA user_version = 7"));
    std::vector<Migration> five;
    for (int version = 1; version <= 5; ++version)
        five.push_back({version, "SELECT 1;"});
    Status result = migrate(*db, five);
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == ErrorKind::Rejected);
    CHECK(result.error().message ==
          "store: kiosk.db: schema version 7 is newer than this kiosk understands (5)");
    CHECK(user_version(*db) == 7);
    CHECK_FALSE(db->in_transaction());
    require_intact(*db);
}
