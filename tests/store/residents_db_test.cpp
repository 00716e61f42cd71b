#include "store/residents_db.hpp"

#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>

using namespace linli;
using namespace linli::store;
using linli::store::test::require_intact;
using linli::store::test::TempDir;

namespace {

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

ExportLogEntry entry(int64_t seq, int64_t records, char hash_digit = 'a')
{
    return {seq, "lobby-1-" + std::to_string(seq) + ".linli-export", std::string(64, hash_digit), records, "2026-11-25"};
}

}  // namespace

TEST_CASE("the record table keeps no time, sequence or rowid order (B1, F1)", "[store]")
{
    TempDir dir;
    auto db = ResidentsDb::open(dir.file("residents.db"));
    REQUIRE(db);
    auto stmt = db->database().prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'record'");
    REQUIRE(stmt);
    bool table_seen = false;
    while (*stmt->step()) {
        const std::string name = stmt->column_text(0);
        const std::string sql = lower(stmt->column_text(1));
        INFO(name << ": " << sql);
        if (name == "record") {
            table_seen = true;
            CHECK(sql.find("without rowid") != std::string::npos);
        }
        CHECK(sql.find("autoincrement") == std::string::npos);
        // Anything that would stamp or number a row as it arrives.
        for (const char* word : {"timestamp", "datetime", "current_", "julianday", "strftime", "unixepoch",
                                 "integer primary key", "default"})
            CHECK(sql.find(word) == std::string::npos);
    }
    CHECK(table_seen);
    // Column by column as SQLite sees them: only these, and the key is the random blob id.
    auto columns = db->database().prepare("SELECT name, type, pk FROM pragma_table_info('record')");
    REQUIRE(columns);
    std::set<std::string> names;
    while (*columns->step()) {
        const std::string column = lower(columns->column_text(0));
        names.insert(column);
        for (const char* word : {"time", "created", "seq", "serial", "counter", "order", "rowid", "when"})
            CHECK(column.find(word) == std::string::npos);
        if (columns->column_int64(2) != 0) {
            CHECK(columns->column_text(0) == "id");
            CHECK(columns->column_text(1) == "BLOB");
        }
    }
    // hold_until_s: a ballot's close, the same for every ballot of one vote (0 for feedback).
    CHECK(names == std::set<std::string>{"id", "kind", "day", "sealed", "exported_in", "hold_until_s"});
    // No sqlite_sequence: nothing anywhere in the file counts records.
    auto sequence = db->database().prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'");
    REQUIRE(sequence);
    REQUIRE(*sequence->step());
    CHECK(sequence->column_int64(0) == 0);
    require_intact(db->database());
}

TEST_CASE("the receipt table holds only hashes, keyed by themselves, with no time or order (F1)", "[store]")
{
    TempDir dir;
    auto db = ResidentsDb::open(dir.file("residents.db"));
    REQUIRE(db);
    auto stmt = db->database().prepare("SELECT sql FROM sqlite_master WHERE name = 'receipt'");
    REQUIRE(stmt);
    REQUIRE(*stmt->step());
    const std::string sql = lower(stmt->column_text(0));
    CHECK(sql.find("without rowid") != std::string::npos);
    for (const char* word : {"timestamp", "datetime", "current_", "autoincrement", "default", "record"})
        CHECK(sql.find(word) == std::string::npos);
    auto columns = db->database().prepare("SELECT name FROM pragma_table_info('receipt')");
    REQUIRE(columns);
    std::set<std::string> names;
    while (*columns->step()) names.insert(columns->column_text(0));
    CHECK(names == std::set<std::string>{"hash"});
    // A receipt is stored with its record, in one transaction; the salt is made once.
    auto salt = db->receipt_salt();
    REQUIRE(salt);
    ReceiptHash hash{};
    hash.fill(7);
    REQUIRE(db->add_sealed_record("feedback", "2026-11-25", "sealed", &hash));
    CHECK(*db->has_receipt(hash));
    hash[0] = 8;
    CHECK_FALSE(*db->has_receipt(hash));
    CHECK(*db->count_on_day("feedback", "2026-11-25") == 1);
    CHECK(*db->count_on_day("feedback", "2026-11-24") == 0);
    CHECK(*db->receipt_salt() == *salt);
    require_intact(db->database());
}

TEST_CASE("residents.db refuses to open without WAL, FULL sync and foreign keys (D1)", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("residents.db");
    std::string pragma, expected;
    SECTION("DELETE journal")
    {
        pragma = "PRAGMA journal_mode=DELETE";
        expected = "journal_mode is delete";
    }
    SECTION("synchronous NORMAL")
    {
        pragma = "PRAGMA synchronous=NORMAL";
        expected = "synchronous is 1";
    }
    SECTION("foreign keys off")
    {
        pragma = "PRAGMA foreign_keys=OFF";
        expected = "foreign_keys is 0";
    }
    {
        auto raw = Database::open(path);
        REQUIRE(raw);
        REQUIRE(raw->exec(pragma));
        auto db = ResidentsDb::open(std::move(*raw));
        REQUIRE_FALSE(db);
        CHECK(db.error().kind == ErrorKind::Internal);
        CHECK_THAT(db.error().message, Catch::Contains("not durable enough") && Catch::Contains(expected));
    }
    // A connection changed after open takes no record either.
    auto db = ResidentsDb::open(path);
    REQUIRE(db);
    REQUIRE(db->database().exec(pragma));
    auto added = db->add_sealed_record("feedback", "2026-11-25", "sealed");
    REQUIRE_FALSE(added);
    CHECK_THAT(added.error().message, Catch::Contains(expected));
    REQUIRE(db->database().exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"));
    CHECK(*db->pending_count() == 0);
    require_intact(db->database());
}

TEST_CASE("records wait until an export marks them, in one transaction", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("residents.db");
    std::vector<RecordId> ids;
    {
        auto db = ResidentsDb::open(path);
        REQUIRE(db);
        CHECK(*db->pending_count() == 0);
        CHECK(db->next_export()->seq == 1);
        CHECK(db->next_export()->previous_hex.empty());
        for (int i = 0; i < 5; ++i) {
            auto id = db->add_sealed_record(i % 2 ? "ballot" : "feedback", "2026-11-25", "blob" + std::to_string(i));
            REQUIRE(id);
            ids.push_back(*id);
        }
        CHECK(std::set<RecordId>(ids.begin(), ids.end()).size() == 5);
    }
    // Acknowledged means committed: a new connection sees every record.
    auto db = ResidentsDb::open(path);
    REQUIRE(db);
    CHECK(*db->pending_count() == 5);
    auto pending = db->pending_records();
    REQUIRE(pending);
    REQUIRE(pending->size() == 5);
    CHECK(std::is_sorted(pending->begin(), pending->end(), [](auto& a, auto& b) { return a.id < b.id; }));

    // The first three go out in export 1.
    std::vector<RecordId> first(ids.begin(), ids.begin() + 3);
    REQUIRE(db->mark_exported(entry(1, 3, 'a'), first));
    CHECK(*db->pending_count() == 2);
    CHECK(db->next_export()->seq == 2);
    CHECK(db->next_export()->previous_hex == std::string(64, 'a'));

    SECTION("a wrong seq changes nothing")
    {
        auto wrong = db->mark_exported(entry(3, 2, 'b'), {ids[3], ids[4]});
        REQUIRE_FALSE(wrong);
        CHECK_THAT(wrong.error().message, Catch::Contains("not the next one"));
    }
    SECTION("a record already exported rolls the whole export back")
    {
        auto again = db->mark_exported(entry(2, 2, 'b'), {ids[3], ids[0]});
        REQUIRE_FALSE(again);
        CHECK_THAT(again.error().message, Catch::Contains("not pending"));
    }
    SECTION("a count that does not match is refused")
    {
        CHECK_FALSE(db->mark_exported(entry(2, 5, 'b'), {ids[3]}));
    }
    CHECK(*db->pending_count() == 2);
    CHECK(db->next_export()->seq == 2);
    CHECK(db->exports()->size() == 1);

    // An empty export keeps the chain too.
    REQUIRE(db->mark_exported(entry(2, 0, 'c'), {}));
    REQUIRE(db->mark_exported(entry(3, 2, 'd'), {ids[3], ids[4]}));
    CHECK(*db->pending_count() == 0);
    auto log = db->exports();
    REQUIRE(log);
    REQUIRE(log->size() == 3);
    CHECK((*log)[1].records == 0);
    CHECK((*log)[2].sha256_hex == std::string(64, 'd'));
    require_intact(db->database());
}

TEST_CASE("add_sealed_record refuses malformed kinds, days and blobs", "[store]")
{
    TempDir dir;
    auto db = ResidentsDb::open(dir.file("residents.db"));
    REQUIRE(db);
    for (auto [kind, day, sealed] : {std::tuple{"Feedback", "2026-11-25", "x"}, std::tuple{"", "2026-11-25", "x"},
                                     std::tuple{"feedback", "2026-11-25T10:00", "x"},
                                     std::tuple{"feedback", "2026-02-29", "x"}, std::tuple{"feedback", "2026-13-01", "x"},
                                     std::tuple{"feedback", "2026-11-25", ""}}) {
        INFO(kind << " " << day);
        auto added = db->add_sealed_record(kind, day, sealed);
        REQUIRE_FALSE(added);
        CHECK(added.error().kind == ErrorKind::Rejected);
    }
    CHECK(db->add_sealed_record("feedback", "2028-02-29", "x"));
    CHECK(*db->pending_count() == 1);
    require_intact(db->database());
}

TEST_CASE("residents.db from before the ballots keeps every record through its migration", "[store]")
{
    // A kiosk that took feedback with the previous software (schema 2), then gets this one.
    TempDir dir;
    const std::string path = dir.file("residents.db");
    {
        auto db = linli::store::Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec(R"sql(
            CREATE TABLE export_log (seq INTEGER PRIMARY KEY CHECK (seq >= 1), name TEXT NOT NULL UNIQUE,
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64), records INTEGER NOT NULL CHECK (records >= 0),
                day TEXT NOT NULL);
            CREATE TABLE record (id BLOB PRIMARY KEY NOT NULL CHECK (typeof(id) = 'blob' AND length(id) = 16),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
                day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                sealed BLOB NOT NULL CHECK (length(sealed) > 0),
                exported_in INTEGER REFERENCES export_log (seq)) WITHOUT ROWID;
            CREATE INDEX record_exported_in ON record (exported_in);
            CREATE TABLE receipt_salt (id INTEGER PRIMARY KEY CHECK (id = 1),
                salt BLOB NOT NULL CHECK (typeof(salt) = 'blob' AND length(salt) = 16));
            INSERT INTO receipt_salt (id, salt) VALUES (1, randomblob(16));
            CREATE TABLE receipt (hash BLOB PRIMARY KEY NOT NULL CHECK (typeof(hash) = 'blob' AND length(hash) = 32)) WITHOUT ROWID;
            INSERT INTO export_log VALUES (1, 'lobby-1-000001.linli-export', printf('%064d', 0), 1, '2026-11-20');
            INSERT INTO record VALUES (randomblob(16), 'feedback', '2026-11-20', x'0102', 1);
            INSERT INTO record VALUES (randomblob(16), 'feedback', '2026-11-24', x'0304', NULL);
            PRAGMA user_version = 2;
        )sql"));
    }
    auto db = ResidentsDb::open(path);
    REQUIRE(db);
    CHECK(db->record_count().value() == 2);
    const auto pending = db->pending_records().value();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].day == "2026-11-24");
    CHECK(pending[0].sealed == "\x03\x04");
    CHECK(db->exports().value().size() == 1);
    require_intact(db->database());
}
