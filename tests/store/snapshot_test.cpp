// snapshot_database (the copy a backup carries) and summarize_residents_file (how a backup and a
// data dir are looked into): a snapshot is one self-contained file holding every committed row,
// including those still in the -wal; looking into a closed database creates nothing next to it.
#include "store/snapshot.hpp"

#include "store/residents_db.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

using namespace linli;
using namespace linli::store;
using linli::store::test::require_intact;
using linli::store::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::set<std::string> names_in(const TempDir& dir)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir.path())) names.insert(entry.path().filename().string());
    return names;
}

}  // namespace

TEST_CASE("a snapshot holds every committed record in one file, without -wal, in rollback mode", "[store]")
{
    TempDir dir;
    auto db = ResidentsDb::open(dir.file("residents.db"));
    REQUIRE(db);
    for (int i = 0; i < 50; ++i) REQUIRE(db->add_sealed_record("feedback", "2026-11-25", std::string(100, char('a' + i % 26))));
    REQUIRE(db->mark_exported({1, "lobby-1-000001.linli-export", std::string(64, 'a'), 0, "2026-11-25"}, {}));
    // The rows are still in residents.db-wal (no checkpoint yet): the copy must have them anyway.
    REQUIRE(fs::file_size(dir.file("residents.db-wal")) > 0);

    TempDir out;
    REQUIRE(snapshot_database(db->database(), out.file("copy.db")));
    CHECK(names_in(out) == std::set<std::string>{"copy.db"});
    auto summary = summarize_residents_file(out.file("copy.db"));
    REQUIRE(summary);
    CHECK(summary->records == 50);
    CHECK(summary->exports == 1);
    CHECK(summary->last_export_seq == 1);
    CHECK(names_in(out) == std::set<std::string>{"copy.db"});  // looking created nothing

    std::ifstream in(out.file("copy.db"), std::ios::binary);
    std::string header(100, '\0');
    in.read(header.data(), 100);
    REQUIRE(header.size() > 20);
    CHECK(int(header[18]) == 1);  // rollback journal: readable without a -wal or -shm
    CHECK(int(header[19]) == 1);
    auto copy = Database::open(out.file("copy.db"));
    REQUIRE(copy);
    require_intact(*copy);

    SECTION("a snapshot never replaces a file")
    {
        auto again = snapshot_database(db->database(), out.file("copy.db"));
        REQUIRE_FALSE(again);
        CHECK_THAT(again.error().message, Catch::Contains("already exists"));
    }
}

TEST_CASE("a database in use (a -wal next to it) is not summarized: immutable reads would miss the -wal",
          "[store]")
{
    TempDir dir;
    auto db = ResidentsDb::open(dir.file("residents.db"));
    REQUIRE(db);
    REQUIRE(db->add_sealed_record("feedback", "2026-11-25", "x"));
    auto refused = summarize_residents_file(dir.file("residents.db"));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("in use, or not closed cleanly"));
}
