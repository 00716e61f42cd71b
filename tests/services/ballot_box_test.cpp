// 投票表决 at the kiosk (issue 12): a code is valid once, at its kiosk, for its ballot (B2); the
// ballot is sealed and stored with its used code in one transaction and held until the ballot
// closes; the tables have no time, order or common key (B1); the database order and the export
// order say nothing of the casting order (B4); no choice is in clear on disk (B5); a crash at any
// I/O point loses no confirmed ballot and duplicates none (B6).
#include "services/ballot_box.hpp"
#include "services/exports.hpp"

#include "core/i18n.hpp"
#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "../bundle/bundle_test_support.hpp"
#include "../store/store_test_support.hpp"
#include "../support/ballot_fixtures.hpp"
#include "../support/fault_vfs.hpp"
#include "../support/test_helpers.hpp"

#include <toml++/toml.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

using namespace linli;
using linli::test::k_ballot_closes;
using linli::test::k_ballot_during;
using linli::test::k_ballot_opens;
using linli::test::issue_codes;
using linli::test::spearman;
using namespace linli::services;
using linli::store::test::TempDir;
using Mode = linli::test::ScopedFaultVfs::Mode;

namespace {


BallotDefinition election(std::string id = "leader")
{
    return linli::test::test_election(std::move(id));
}


struct Kiosk {
    TempDir dir;
    crypto::KeyPair keys = crypto::generate_seal_key().value();
    BallotBox box{dir.file("residents.db"), keys.public_key, "lobby-1"};
    std::string path() const { return dir.file("residents.db"); }
};


toml::table opened(const std::string& sealed, const crypto::KeyPair& keys)
{
    return toml::parse(crypto::open_sealed(sealed, keys.public_key, keys.secret_key).value());
}


}  // namespace

TEST_CASE("ballots: a valid code casts once, the ballot is sealed, held until the close, with its tracker", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 3, crypto::k_voting_code_ops, crypto::k_voting_code_mem_kib);
    const std::vector<BallotCodes> all{codes};
    // Typed as a resident may: lower case, with the dash.
    std::string typed = format_code(slips[0]);
    for (char& c : typed) c = char(std::tolower(c));
    const CodeAnswer answer = k.box.check_code(b, all, typed);
    REQUIRE(answer.check == CodeCheck::Valid);
    const CastOutcome cast = k.box.cast(b, answer, {{{0, 2}}}, k_ballot_during, true);
    REQUIRE(cast.taken());
    CHECK(cast.tracker.size() == 8);
    CHECK(k.box.check_code(b, all, slips[0]).check == CodeCheck::Used);
    CHECK(k.box.cast(b, answer, {{{1}}}, k_ballot_during, true).refusal == BallotRefusal::CodeUsed);

    auto db = store::ResidentsDb::open(k.path());
    REQUIRE(db);
    CHECK(db->pending_records(k_ballot_closes - 1)->empty());  // nothing leaves while the vote is open
    auto records = db->pending_records(k_ballot_closes).value();
    REQUIRE(records.size() == 2);
    std::map<std::string, store::SealedRecord> by_kind;
    for (const auto& r : records) by_kind[r.kind] = r;
    REQUIRE(by_kind.size() == 2);
    CHECK(by_kind["ballot"].day == format_iso_date(k_ballot_closes - 1));  // the closing day, not the day of casting
    CHECK(by_kind["ballot"].day != format_iso_date(k_ballot_during));
    CHECK(by_kind["used-code"].day == format_iso_date(k_ballot_closes - 1));
    CHECK(crypto::ballot_tracker(by_kind["ballot"].sealed) == cast.tracker);
    const toml::table ballot = opened(by_kind["ballot"].sealed, k.keys);
    CHECK(ballot["ballot"].value<std::string>() == "leader");
    CHECK(ballot["kiosk"].value<std::string>() == "lobby-1");
    CHECK(ballot["fingerprint"].value<std::string>() == crypto::ballot_fingerprint(b));
    const toml::array* answers = ballot["answers"].as_array();
    REQUIRE(answers);
    REQUIRE(answers->size() == 1);
    CHECK(answers->get(0)->as_array()->size() == 2);
    CHECK(answers->get(0)->as_array()->get(1)->value<int64_t>() == 2);
    const toml::table used = opened(by_kind["used-code"].sealed, k.keys);
    CHECK(used["hash"].value<std::string>().value().size() == 32);
    CHECK(used.find("answers") == used.end());
}

TEST_CASE("ballots: 1,000 codes vote once each, 1,000 random codes and every reuse are refused (B2)", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 1000);
    const std::vector<BallotCodes> all{codes};
    for (size_t i = 0; i < slips.size(); ++i) {
        const CodeAnswer a = k.box.check_code(b, all, slips[i]);
        REQUIRE(a.check == CodeCheck::Valid);
        REQUIRE(k.box.cast(b, a, {{{int(i % 3)}}}, k_ballot_during, true).taken());
    }
    int wrong = 0, used = 0;
    for (int i = 0; i < 1000; ++i) wrong += k.box.check_code(b, all, crypto::random_code(10)).check == CodeCheck::Wrong;
    for (const auto& code : slips) used += k.box.check_code(b, all, code).check == CodeCheck::Used;
    CHECK(wrong == 1000);
    CHECK(used == 1000);
    auto db = store::ResidentsDb::open(k.path());
    REQUIRE(db);
    std::map<std::string, int> kinds;
    const auto records = db->pending_records(k_ballot_closes).value();
    for (const auto& r : records) ++kinds[r.kind];
    CHECK(kinds["ballot"] == 1000);
    CHECK(kinds["used-code"] == 1000);  // ballots = used codes
}

TEST_CASE("ballots: a code of another kiosk or another ballot says so, a malformed one too", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election(), other = election("charter");
    auto [here, here_codes] = issue_codes(b, "lobby-1", 2);
    auto [there, there_codes] = issue_codes(b, "lobby-2", 2);
    auto [elsewhere, elsewhere_codes] = issue_codes(other, "lobby-1", 2);
    const std::vector<BallotCodes> all{here, there, elsewhere};
    const CodeAnswer a = k.box.check_code(b, all, there_codes[1]);
    CHECK(a.check == CodeCheck::OtherKiosk);
    CHECK(a.other_kiosk == "lobby-2");
    const CodeAnswer c = k.box.check_code(b, all, elsewhere_codes[0]);
    CHECK(c.check == CodeCheck::OtherBallot);
    CHECK(c.other_ballot == "charter");
    CHECK(k.box.check_code(b, all, "ABCDE").check == CodeCheck::Malformed);
    CHECK(k.box.check_code(b, all, "ABCDE-0000O").check == CodeCheck::Malformed);  // 0 and O are no code characters
    CHECK(k.box.check_code(b, all, here_codes[0]).check == CodeCheck::Valid);
    // Nothing of that was stored.
    CHECK(store::ResidentsDb::open(k.path())->record_count().value() == 0);
}

TEST_CASE("ballots: refused before the opening, after the close, on an untrusted clock, without a seal key", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 1);
    const CodeAnswer a = k.box.check_code(b, std::vector{codes}, slips[0]);
    REQUIRE(a.check == CodeCheck::Valid);
    CHECK(k.box.cast(b, a, {{{0}}}, k_ballot_opens - 1, true).refusal == BallotRefusal::NotOpen);
    CHECK(k.box.cast(b, a, {{{0}}}, k_ballot_during, false).refusal == BallotRefusal::NotOpen);
    CHECK(k.box.cast(b, a, {{{0}}}, k_ballot_closes, true).refusal == BallotRefusal::Closed);
    CHECK(k.box.cast(b, a, {{{0, 1, 2}}}, k_ballot_during, true).refusal == BallotRefusal::Invalid);  // max_choices 2
    BallotBox keyless(k.dir.file("other.db"), std::nullopt, "lobby-1");
    CHECK(keyless.cast(b, a, {{{0}}}, k_ballot_during, true).refusal == BallotRefusal::NoSealKey);
    CHECK(k.box.check_code(b, std::vector{codes}, slips[0]).check == CodeCheck::Valid);  // still unused
    CHECK(k.box.cast(b, a, {{{0}}}, k_ballot_during, true).taken());
}

TEST_CASE("ballots: a nearly full disk, or a residents.db that cannot be opened durably, takes no ballot (D1, D3)", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 1);
    const CodeAnswer a = k.box.check_code(b, std::vector{codes}, slips[0]);
    REQUIRE(a.check == CodeCheck::Valid);
    SECTION("less than 32 MiB free beside residents.db")
    {
        BallotBox full(ResidentsStore(k.dir.file("full.db"), k.keys.public_key, [] { return int64_t(8 << 20); }), "lobby-1");
        CHECK(full.availability(b, k_ballot_during, true) == BallotRefusal::DiskFull);
        const CastOutcome refused = full.cast(b, a, {{{0}}}, k_ballot_during, true);
        CHECK(refused.refusal == BallotRefusal::DiskFull);
        CHECK(refused.detail == "ballots: the disk is nearly full");
        CHECK_FALSE(std::filesystem::exists(k.dir.file("full.db")));
    }
    SECTION("residents.db is not a database")
    {
        std::filesystem::create_directories(k.dir.file("broken.db"));  // a folder where the file should be
        BallotBox broken(k.dir.file("broken.db"), k.keys.public_key, "lobby-1");
        CHECK(broken.availability(b, k_ballot_during, true) == BallotRefusal::NotDurable);
        const CastOutcome refused = broken.cast(b, a, {{{0}}}, k_ballot_during, true);
        CHECK(refused.refusal == BallotRefusal::NotDurable);
        CHECK_THAT(refused.detail, Catch::StartsWith("ballots: "));
    }
    // The code was spent nowhere.
    CHECK(k.box.check_code(b, std::vector{codes}, slips[0]).check == CodeCheck::Valid);
}

TEST_CASE("ballots: a survey without codes stores the ballot alone", "[services]")
{
    Kiosk k;
    BallotDefinition s;
    s.id = "survey";
    s.kind = BallotKind::Survey;
    s.codes_required = false;
    s.questions = {{"打分", QuestionKind::Scale, {}, 1}};
    s.opens_s = k_ballot_opens;
    s.closes_s = k_ballot_closes;
    REQUIRE(k.box.cast(s, {}, {{{4}}}, k_ballot_during, true).taken());
    auto db = store::ResidentsDb::open(k.path());
    auto records = db->pending_records(k_ballot_closes).value();
    REQUIRE(records.size() == 1);
    CHECK(records[0].kind == "ballot");
}

TEST_CASE("ballots: no ballot or used-code table has a time, a sequence or a rowid order (B1)", "[services]")
{
    Kiosk k;
    REQUIRE(k.box.cast(election(), {}, {{{0}}}, k_ballot_during, true).refusal == BallotRefusal::Invalid);  // makes the file
    auto db = store::ResidentsDb::open(k.path());
    REQUIRE(db);
    for (const char* table : {"record", "used_code"}) {
        CAPTURE(table);
        auto sql = db->database().prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1").value();
        REQUIRE(sql.bind(1, std::string_view(table)).has_value());
        REQUIRE(sql.step().value());
        const std::string schema = sql.column_text(0);
        CHECK_THAT(schema, Catch::Contains("WITHOUT ROWID"));
        CHECK_THAT(schema, !Catch::Contains("AUTOINCREMENT", Catch::CaseSensitive::No));
        auto columns = db->database().prepare(std::string("SELECT name, type FROM pragma_table_info('") + table + "')").value();
        while (columns.step().value()) {
            const std::string name = columns.column_text(0);
            CAPTURE(name);
            for (const char* word : {"time", "seq", "created", "cast", "order", "_at", "ts"})
                CHECK((name.find(word) == std::string::npos || name == "hold_until_s"));
        }
    }
}

TEST_CASE("ballots: 200 ballots lie in the database and leave in an order unrelated to casting (B4)", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 200);
    const std::vector<BallotCodes> all{codes};
    std::map<std::string, int> cast_order;  // tracker -> n
    for (int i = 0; i < 200; ++i) {
        const CastOutcome c = k.box.cast(b, k.box.check_code(b, all, slips[size_t(i)]), {{{i % 3}}}, k_ballot_during, true);
        REQUIRE(c.taken());
        cast_order[c.tracker] = i;
    }
    REQUIRE(cast_order.size() == 200);
    auto ranks_of = [&](const std::vector<std::pair<std::string, std::string>>& kind_and_sealed) {
        std::vector<int> ranks;
        for (const auto& [kind, sealed] : kind_and_sealed)
            if (kind == "ballot") ranks.push_back(cast_order.at(crypto::ballot_tracker(sealed)));
        return ranks;
    };
    std::vector<std::pair<std::string, std::string>> on_disk;
    {
        auto db = store::ResidentsDb::open(k.path());
        const auto records = db->pending_records(k_ballot_closes).value();
        for (const auto& r : records) on_disk.push_back({r.kind, r.sealed});
    }
    const std::vector<int> disk_ranks = ranks_of(on_disk);
    REQUIRE(disk_ranks.size() == 200);
    CHECK(std::abs(spearman(disk_ranks)) < 0.2);

    KioskConfig config = default_kiosk_config();
    config.id = "lobby-1";
    const std::string stick = k.dir.file("stick");
    std::filesystem::create_directories(stick);
    auto early = export_to_folder(config, k.dir.path().string(), stick, k_ballot_closes - 60);
    REQUIRE(early);
    CHECK(early->records == 0);  // before the close: an export carries none of them
    auto written = export_to_folder(config, k.dir.path().string(), stick, k_ballot_closes + 60);
    REQUIRE(written);
    CHECK(written->records == 400);
    auto file = services::parse_export(bundle::test::read_all(written->path));
    REQUIRE(file);
    std::vector<std::pair<std::string, std::string>> exported;
    for (const ExportRecord& r : file->records) exported.push_back({r.kind, r.sealed});
    const std::vector<int> export_ranks = ranks_of(exported);
    REQUIRE(export_ranks.size() == 200);
    CHECK(std::abs(spearman(export_ranks)) < 0.2);
}

TEST_CASE("ballots: after 50 ballots no choice and no code is in clear in the database files (B5)", "[services]")
{
    Kiosk k;
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 50);
    const std::vector<BallotCodes> all{codes};
    for (size_t i = 0; i < slips.size(); ++i)
        REQUIRE(k.box.cast(b, k.box.check_code(b, all, slips[i]), {{{int(i % 3)}}}, k_ballot_during, true).taken());
    const std::string plain = ballot_payload(b, {{{0}}}, "lobby-1");
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string bytes = linli::test::file_bytes(k.path() + suffix);
        CAPTURE(suffix);
        for (const std::string& needle : {std::string("answers"), std::string("leader"), std::string("kind = "),
                                         plain.substr(0, 40), std::string("王芳")})
            CHECK(bytes.find(needle) == std::string::npos);
        for (const auto& code : slips) CHECK(bytes.find(code) == std::string::npos);
    }
}

TEST_CASE("ballots: a crash at any I/O point of casting loses no confirmed ballot and duplicates none (B6)", "[services]")
{
    const crypto::KeyPair keys = crypto::generate_seal_key().value();
    const BallotDefinition b = election();
    auto [codes, slips] = issue_codes(b, "lobby-1", 3);
    const std::vector<BallotCodes> all{codes};
    auto records_in = [&](const std::string& path) {
        std::map<std::string, int> kinds;
        auto db = store::ResidentsDb::open(path);
        REQUIRE(db);
        const auto records = db->pending_records(k_ballot_closes).value();
        for (const auto& r : records) ++kinds[r.kind];
        return kinds;
    };
    int64_t points = 0;
    {
        TempDir dir;
        linli::test::ScopedFaultVfs vfs;
        BallotBox box(dir.file("residents.db"), keys.public_key, "lobby-1");
        REQUIRE(box.cast(b, box.check_code(b, all, slips[0]), {{{0}}}, k_ballot_during, true).taken());
        const CodeAnswer second = box.check_code(b, all, slips[1]);
        const int64_t before = vfs.io_points();
        REQUIRE(box.cast(b, second, {{{1}}}, k_ballot_during, true).taken());
        points = vfs.io_points() - before;
    }
    REQUIRE(points > 0);
    int confirmed = 0, refused = 0;
    for (int64_t n = 0; n <= points; ++n) {
        for (Mode mode : {Mode::DropUnsynced, Mode::TornSectors}) {
            TempDir dir;
            const std::string path = dir.file("residents.db");
            linli::test::ScopedFaultVfs vfs;
            CastOutcome outcome;
            {
                BallotBox box(path, keys.public_key, "lobby-1");
                REQUIRE(box.cast(b, box.check_code(b, all, slips[0]), {{{0}}}, k_ballot_during, true).taken());
                const CodeAnswer second = box.check_code(b, all, slips[1]);
                vfs.arm_crash_after(n);
                outcome = box.cast(b, second, {{{1}}}, k_ballot_during, true);
            }
            vfs.power_cut(mode, uint64_t(n));
            INFO("crash after " << n << " of " << points << " I/O points, mode " << int(mode));
            auto kinds = records_in(path);
            const int want = outcome.taken() ? 2 : 1;
            CHECK(kinds["ballot"] == want);
            CHECK(kinds["used-code"] == want);  // ballots = used codes after every crash
            (outcome.taken() ? confirmed : refused)++;
            // After the reboot: the second code is used exactly when its ballot is there.
            BallotBox box(path, keys.public_key, "lobby-1");
            CHECK(box.check_code(b, all, slips[1]).check == (outcome.taken() ? CodeCheck::Used : CodeCheck::Valid));
            CHECK(box.cast(b, box.check_code(b, all, slips[2]), {{{2}}}, k_ballot_during, true).taken());
        }
    }
    INFO(confirmed << " confirmed, " << refused << " refused");
    CHECK(refused > 0);
    CHECK(confirmed > 0);
}
