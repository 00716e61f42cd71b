#include "services/exports.hpp"

#include "../bundle/bundle_test_support.hpp"
#include "crypto/seal.hpp"
#include "services/kiosk_service.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <numeric>

using namespace linli;
using linli::test::k_script_now_s;
using linli::test::spearman;
using namespace linli::services;
using linli::bundle::test::read_all;
using linli::bundle::test::write_all;
using linli::store::test::require_intact;
using linli::store::test::TempDir;

namespace {


KioskConfig lobby_config()
{
    KioskConfig config = default_kiosk_config();
    config.id = "lobby-1";
    return config;
}

struct Fixture {
    TempDir dir;
    std::string data_dir = dir.file("data");
    std::string out_dir = dir.file("stick");
    crypto::KeyPair admins;
    store::ResidentsDb db;

    Fixture() : admins(crypto::generate_seal_key().value()), db(open_db(data_dir))
    {
        std::filesystem::create_directories(out_dir);
    }
    static store::ResidentsDb open_db(const std::string& data_dir)
    {
        std::filesystem::create_directories(data_dir);
        auto db = store::ResidentsDb::open(data_dir + "/residents.db");
        REQUIRE(db);
        return std::move(*db);
    }
    store::RecordId add(const std::string& text, const std::string& kind = "feedback")
    {
        auto sealed = crypto::seal(text, admins.public_key);
        REQUIRE(sealed);
        auto id = db.add_sealed_record(kind, "2026-11-25", *sealed);
        REQUIRE(id);
        return *id;
    }
    ExportResult write()
    {
        auto written = write_export(db, lobby_config(), data_dir, out_dir, k_script_now_s);
        REQUIRE(written);
        return *written;
    }
    ExportFile parse(const std::string& path)
    {
        auto file = parse_export(read_all(path), path);
        REQUIRE(file);
        return std::move(*file);
    }
    std::string open(const ExportRecord& r)
    {
        auto text = crypto::open_sealed(r.sealed, admins.public_key, admins.secret_key);
        REQUIRE(text);
        return *text;
    }
};


}  // namespace

TEST_CASE("200 records leave in an order unrelated to their arrival, in the file and the database (B4, F3)",
          "[services]")
{
    // Three independent kiosks; the median |rho| must be small. A random order misses 0.2 once in
    // ~200 runs, so one trial would be flaky; an order that follows arrival fails all three.
    std::vector<double> export_rho, database_rho;
    for (int trial = 0; trial < 3; ++trial) {
        Fixture f;
        std::map<store::RecordId, int> arrival;
        for (int i = 0; i < 200; ++i) arrival[f.add("ballot " + std::to_string(i), "ballot")] = i;

        auto stored = f.db.pending_records();
        REQUIRE(stored);
        std::vector<int> stored_ranks;
        for (const auto& r : *stored) stored_ranks.push_back(arrival.at(r.id));
        database_rho.push_back(std::abs(spearman(stored_ranks)));

        ExportResult written = f.write();
        CHECK(written.records == 200);
        ExportFile file = f.parse(written.path);
        REQUIRE(file.records.size() == 200);
        std::vector<int> ranks;
        for (const ExportRecord& r : file.records) {
            const int i = arrival.at(r.id);
            CHECK(f.open(r) == "ballot " + std::to_string(i));
            ranks.push_back(i);
        }
        export_rho.push_back(std::abs(spearman(ranks)));
        require_intact(f.db.database());
    }
    std::sort(export_rho.begin(), export_rho.end());
    std::sort(database_rho.begin(), database_rho.end());
    INFO("export |rho| " << export_rho[0] << " " << export_rho[1] << " " << export_rho[2]);
    INFO("database |rho| " << database_rho[0] << " " << database_rho[1] << " " << database_rho[2]);
    CHECK(export_rho[1] < 0.2);
    CHECK(database_rho[1] < 0.2);
}

TEST_CASE("exports are numbered and chained, each naming the previous file's hash (B7)", "[services]")
{
    Fixture f;
    std::set<store::RecordId> added;
    for (int i = 0; i < 5; ++i) added.insert(f.add("first " + std::to_string(i)));
    ExportResult one = f.write();
    for (int i = 0; i < 3; ++i) added.insert(f.add("second " + std::to_string(i), "ballot"));
    ExportResult two = f.write();
    ExportResult three = f.write();  // nothing pending: still written, it keeps the chain

    CHECK(one.path == f.out_dir + "/lobby-1-000001.linli-export");
    CHECK(two.path == f.out_dir + "/lobby-1-000002.linli-export");
    CHECK(three.path == f.out_dir + "/lobby-1-000003.linli-export");
    CHECK((one.records == 5 && two.records == 3 && three.records == 0));

    ExportFile a = f.parse(one.path), b = f.parse(two.path), c = f.parse(three.path);
    CHECK((a.seq == 1 && b.seq == 2 && c.seq == 3));
    CHECK(a.previous_hex.empty());
    CHECK(b.previous_hex == crypto::to_hex(crypto::sha256(read_all(one.path))));
    CHECK(c.previous_hex == crypto::to_hex(crypto::sha256(read_all(two.path))));
    CHECK((a.device_key == b.device_key && b.device_key == c.device_key));
    CHECK(a.device_key == *device_public_key(f.data_dir));
    CHECK(a.kiosk == "lobby-1");
    CHECK(a.day == "2026-11-25");  // k_script_now_s in any time zone from UTC-10 to UTC+13
    std::set<store::RecordId> exported;
    for (const ExportFile* file : {&a, &b, &c})
        for (const ExportRecord& r : file->records) CHECK(exported.insert(r.id).second);
    CHECK(exported == added);
    CHECK(*f.db.pending_count() == 0);
    auto log = f.db.exports();
    REQUIRE(log);
    REQUIRE(log->size() == 3);
    CHECK((*log)[2].sha256_hex == crypto::to_hex(crypto::sha256(read_all(three.path))));
    require_intact(f.db.database());
}

TEST_CASE("records are marked exported only after the file is safely written", "[services]")
{
    Fixture f;
    f.add("one");
    f.add("two");
    auto prepared = prepare_export(f.db, lobby_config(), f.data_dir, k_script_now_s);
    REQUIRE(prepared);
    CHECK(prepared->record_ids.size() == 2);
    CHECK(*f.db.pending_count() == 2);  // building the bytes changed nothing
    CHECK(f.db.next_export()->seq == 1);

    SECTION("a missing or unwritable folder: nothing marked")
    {
        auto missing = write_export(f.db, lobby_config(), f.data_dir, f.dir.file("no-stick"), k_script_now_s);
        REQUIRE_FALSE(missing);
        CHECK(missing.error().kind == ErrorKind::Rejected);
        CHECK_THAT(missing.error().message, Catch::Contains("no-stick: no such folder"));
        if (::geteuid() != 0) {  // root writes anywhere
            ::chmod(f.out_dir.c_str(), 0500);
            CHECK_FALSE(write_export(f.db, lobby_config(), f.data_dir, f.out_dir, k_script_now_s));
            ::chmod(f.out_dir.c_str(), 0700);
        }
        CHECK(*f.db.pending_count() == 2);
        CHECK(f.db.next_export()->seq == 1);
    }
    SECTION("a power cut between the rename and the commit: the next run commits that file as it is")
    {
        REQUIRE(store_export_file(f.out_dir, *prepared));
        const std::string path = f.out_dir + "/" + prepared->name;
        const std::string bytes = read_all(path);
        CHECK(*f.db.pending_count() == 2);
        f.add("three, after the cut");
        auto again = write_export(f.db, lobby_config(), f.data_dir, f.out_dir, k_script_now_s);
        REQUIRE(again);
        CHECK(again->recovered);
        CHECK(again->records == 2);
        CHECK(read_all(path) == bytes);
        CHECK(*f.db.pending_count() == 1);
        ExportResult next = f.write();
        CHECK(next.seq == 2);
        CHECK(f.parse(next.path).previous_hex == crypto::to_hex(crypto::sha256(bytes)));
    }
    SECTION("a foreign file of the same name is never replaced")
    {
        write_all(f.out_dir + "/lobby-1-000001.linli-export", "not ours\n");
        auto refused = write_export(f.db, lobby_config(), f.data_dir, f.out_dir, k_script_now_s);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("already there; not replaced"));
        CHECK(read_all(f.out_dir + "/lobby-1-000001.linli-export") == "not ours\n");
        CHECK(*f.db.pending_count() == 2);
    }
    SECTION("commit refuses an export whose seq another export took")
    {
        REQUIRE(f.write().seq == 1);
        CHECK_FALSE(commit_export(f.db, *prepared));
        CHECK(*f.db.pending_count() == 0);
    }
    // No temporary file is left behind in any case.
    for (const auto& entry : std::filesystem::directory_iterator(f.out_dir))
        CHECK(entry.path().filename().string().front() != '.');
    require_intact(f.db.database());
}

TEST_CASE("no copy of a canary text anywhere the kiosk writes, the export included (F2)", "[services]")
{
    Fixture f;
    const std::string canary = "CANARY-7f3a-楼道灯不亮";
    for (int i = 0; i < 50; ++i) f.add(canary + std::to_string(i));
    ExportResult written = f.write();
    auto search = [&](const std::string& when) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(f.dir.path())) {
            if (!entry.is_regular_file()) continue;
            INFO(when << ": " << entry.path());
            const std::string bytes = read_all(entry.path().string());
            CHECK(bytes.find("CANARY-7f3a") == std::string::npos);
            CHECK(bytes.find("楼道灯不亮") == std::string::npos);
        }
    };
    CHECK(std::filesystem::exists(f.data_dir + "/residents.db-wal"));
    search("while open");
    ExportFile file = f.parse(written.path);
    REQUIRE(file.records.size() == 50);
    CHECK(f.open(file.records[0]).starts_with(canary));
}

TEST_CASE("the device key is made once, kept 0600 and reused", "[services]")
{
    TempDir dir;
    auto first = device_public_key(dir.path().string());
    REQUIRE(first);
    struct stat st {};
    REQUIRE(::stat(dir.file("device.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(*device_public_key(dir.path().string()) == *first);
    auto pair = load_or_create_device_key(dir.path().string());
    REQUIRE(pair);
    CHECK(pair->public_key == *first);
    ::chmod(dir.file("device.key").c_str(), 0644);
    CHECK_FALSE(device_public_key(dir.path().string()));
}

TEST_CASE("any 1-byte change, truncation or forgery of an export is rejected (B7)", "[services]")
{
    Fixture f;
    f.add("hello");
    f.add("ballot", "ballot");
    ExportResult written = f.write();
    const std::string good = read_all(written.path);
    REQUIRE(parse_export(good, "x"));
    for (size_t i = 0; i < good.size(); ++i) {
        std::string changed = good;
        changed[i] = static_cast<char>(changed[i] ^ 0x01);
        auto parsed = parse_export(changed, "lobby-1-000001.linli-export");
        INFO("byte " << i);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::Rejected);
        CHECK(parsed.error().message.starts_with("export: lobby-1-000001.linli-export"));
    }
    for (size_t cut : {size_t(0), size_t(1), good.size() / 2, good.size() - 1})
        CHECK_FALSE(parse_export(good.substr(0, cut), "x"));
    CHECK_FALSE(parse_export(good + "\n", "x"));
    CHECK_FALSE(parse_export(good + "extra\n", "x"));

    // Well signed, but wrong inside: each field is still checked (a kiosk bug or a forged key).
    auto signer = crypto::generate_sign_key();
    REQUIRE(signer);
    ExportFile base = f.parse(written.path);
    base.device_key = signer->public_key;
    auto resigned = [&](const ExportFile& file) { return parse_export(write_export_text(file, signer->secret_key), "x"); };
    REQUIRE(resigned(base));
    struct Row {
        const char* name;
        std::function<void(ExportFile&)> change;
        const char* error;
    };
    const Row rows[] = {
        {"bad kiosk id", [](ExportFile& e) { e.kiosk = "lobby 1"; }, "must be a kiosk id"},
        {"seq 0", [](ExportFile& e) { e.seq = 0; }, "\"seq\" must be 1"},
        {"first with previous", [](ExportFile& e) { e.seq = 1; e.previous_hex = std::string(64, 'a'); }, "has no \"previous\""},
        {"later without previous", [](ExportFile& e) { e.seq = 2; }, "\"previous\" must be 64"},
        {"bad kind", [](ExportFile& e) { e.records[0].kind = "Feedback"; }, "\"kind\" must be"},
        {"duplicate record", [](ExportFile& e) { e.records[1].id = e.records[0].id; }, "listed twice"},
        {"short sealed", [](ExportFile& e) { e.records[0].sealed = "tiny"; }, "\"sealed\" must be"},
        {"unknown format", [](ExportFile& e) { e.format = 2; }, "format 2 is not known"},
    };
    for (const Row& row : rows) {
        INFO(row.name);
        ExportFile bad = f.parse(written.path);
        bad.device_key = signer->public_key;
        row.change(bad);
        auto parsed = resigned(bad);
        REQUIRE_FALSE(parsed);
        CHECK_THAT(parsed.error().message, Catch::Contains(row.error));
    }
    // The signature line names the same key as the body, or the file is refused.
    ExportFile other = f.parse(written.path);
    other.device_key[0] ^= 1;
    std::string text = write_export_text(other, signer->secret_key);
    const size_t key_at = text.rfind("ed25519 ") + 8;
    text.replace(key_at, 64, crypto::to_hex(signer->public_key));
    auto mismatch = parse_export(text, "x");
    REQUIRE_FALSE(mismatch);
    CHECK_THAT(mismatch.error().message, Catch::Contains("signed by another key than its \"device_key\""));
    CHECK(export_file_name("lobby-1", 1234567) == "lobby-1-1234567.linli-export");
}

TEST_CASE("the status counts pending records without creating residents.db", "[services]")
{
    TempDir dir;
    CHECK(*pending_export_records(dir.path().string()) == 0);
    CHECK_FALSE(std::filesystem::exists(dir.file("residents.db")));
    {
        auto db = store::ResidentsDb::open(dir.file("residents.db"));
        REQUIRE(db);
        REQUIRE(db->add_sealed_record("feedback", "2026-11-25", std::string(60, 'x')));
    }
    CHECK(*pending_export_records(dir.path().string()) == 1);
}

TEST_CASE("collecting opens every record, keeps the exported order and counts per kind (B7)", "[services]")
{
    Fixture f;
    for (int i = 0; i < 4; ++i) f.add("feedback " + std::to_string(i));
    for (int i = 0; i < 3; ++i) f.add("ballot " + std::to_string(i), "ballot");
    ExportResult one = f.write();
    f.add("late feedback");
    ExportResult two = f.write();
    std::vector<ExportInput> inputs = {{two.path, read_all(two.path)}, {one.path, read_all(one.path)}};

    auto collection = collect_exports(inputs, f.admins.public_key, f.admins.secret_key);
    REQUIRE(collection);
    CHECK(collection->ok());
    REQUIRE(collection->kiosks.size() == 1);
    CHECK(collection->kiosks[0].notes.size() == 1);  // given out of order
    REQUIRE(collection->records.size() == 8);
    // The order of export 1's records as the file holds them (shuffled), then export 2's.
    ExportFile first = f.parse(one.path);
    for (size_t i = 0; i < first.records.size(); ++i) {
        CHECK(collection->records[i].record.id == first.records[i].id);
        CHECK(collection->records[i].opened);
    }
    CHECK(collection->records[7].plaintext == "late feedback");
    const std::string report = collection_report(*collection);
    CHECK_THAT(report, Catch::Contains("records: 8 (ballot 3, feedback 5)") && Catch::Contains("chain: ok"));
    const std::string feedback = collection_feedback(*collection);
    for (int i = 0; i < 4; ++i) CHECK_THAT(feedback, Catch::Contains("feedback " + std::to_string(i) + "\n"));
    CHECK_THAT(feedback, !Catch::Contains("ballot 0"));

    SECTION("another seal key opens nothing and says so")
    {
        auto other = crypto::generate_seal_key();
        REQUIRE(other);
        auto wrong = collect_exports(inputs, other->public_key, other->secret_key);
        REQUIRE(wrong);
        CHECK_FALSE(wrong->ok());
        CHECK(wrong->unopened == 8);
        CHECK_THAT(collection_report(*wrong), Catch::Contains("did not open"));
    }
    SECTION("a changed byte anywhere refuses the whole collection, naming the file")
    {
        inputs[1].bytes[inputs[1].bytes.size() / 2] ^= 0x20;
        auto refused = collect_exports(inputs, f.admins.public_key, f.admins.secret_key);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == ErrorKind::Rejected);
        CHECK_THAT(refused.error().message, Catch::Contains(one.path) && Catch::Contains("1 of 2 export files"));
    }
    SECTION("a record replayed into a forged later export is a problem, counted once")
    {
        // Re-signed by the real device key (as if it leaked): the chain holds, the duplicate shows.
        auto device = load_or_create_device_key(f.data_dir);
        REQUIRE(device);
        ExportFile forged = f.parse(two.path);
        forged.seq = 3;
        forged.previous_hex = crypto::to_hex(crypto::sha256(inputs[0].bytes));
        forged.records = {first.records[0]};
        inputs.push_back({"forged", write_export_text(forged, device->secret_key)});
        auto replayed = collect_exports(inputs, f.admins.public_key, f.admins.secret_key);
        REQUIRE(replayed);
        CHECK_FALSE(replayed->ok());
        CHECK(replayed->records.size() == 8);
        REQUIRE(replayed->kiosks[0].problems.size() == 1);
        CHECK_THAT(replayed->kiosks[0].problems[0], Catch::Contains("(replayed)"));
    }
}

TEST_CASE("the kiosk's status counts the records waiting for an export", "[services]")
{
    Fixture f;
    f.add("one");
    f.add("two", "ballot");
    FakeClock clock(k_script_now_s * 1000, 0);
    auto service = KioskService::open(lobby_config(), f.data_dir, clock);
    REQUIRE(service);
    CHECK((*service)->model().status.pending_exports == 2);
    f.write();
    clock.advance_ms(11'000);  // the status is refreshed every 10 s
    CHECK((*service)->model().status.pending_exports == 0);
}

TEST_CASE("an upload retried after a lost answer sends the same bytes again", "[services]")
{
    Fixture f;
    const std::string outbox = f.dir.file("outbox");
    std::filesystem::create_directories(outbox);
    f.add("one");
    f.add("two");
    auto first = prepare_export_in(f.db, lobby_config(), f.data_dir, outbox, k_script_now_s);
    REQUIRE(first);
    CHECK(first->record_ids.size() == 2);
    CHECK(read_all(outbox + "/" + first->name) == first->bytes);
    CHECK(*f.db.pending_count() == 2);

    // The PUT may have reached the inbox, but the kiosk never heard: the retry must be identical.
    f.add("three, meanwhile");
    auto retry = prepare_export_in(f.db, lobby_config(), f.data_dir, outbox, k_script_now_s + 3600);
    REQUIRE(retry);
    CHECK(retry->bytes == first->bytes);
    CHECK(retry->record_ids == first->record_ids);
    CHECK(retry->sha256 == first->sha256);
    REQUIRE(commit_export(f.db, *retry));
    CHECK(*f.db.pending_count() == 1);
    std::filesystem::remove(outbox + "/" + retry->name);

    auto next = prepare_export_in(f.db, lobby_config(), f.data_dir, outbox, k_script_now_s);
    REQUIRE(next);
    CHECK(next->seq == 2);
    CHECK(next->record_ids.size() == 1);
    auto parsed = parse_export(next->bytes, next->name);
    REQUIRE(parsed);
    CHECK(parsed->previous_hex == crypto::to_hex(first->sha256));
    // A leftover of an export already committed is not taken for the next one.
    REQUIRE(commit_export(f.db, *next));
    write_all(outbox + "/lobby-1-000003.linli-export", next->bytes);
    CHECK_FALSE(prepare_export_in(f.db, lobby_config(), f.data_dir, outbox, k_script_now_s));  // other bytes, never replaced
    require_intact(f.db.database());
}
