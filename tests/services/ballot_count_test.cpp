// Counting at the office (issue 12, B7): ballots cast at two kiosks come back in their exports and
// collect's count reproduces the choices exactly; ballots are checked against used codes per
// kiosk and used codes against those issued; the results file and the recount list.
#include "services/ballot_box.hpp"
#include "services/ballot_count.hpp"
#include "services/exports.hpp"

#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "../bundle/bundle_test_support.hpp"
#include "../store/store_test_support.hpp"
#include "../support/ballot_fixtures.hpp"

#include <toml++/toml.h>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace linli;
using linli::test::k_ballot_closes;
using linli::test::k_ballot_during;
using linli::test::k_ballot_opens;
using linli::test::issue_codes;
using namespace linli::services;
using linli::store::test::TempDir;

namespace {


BallotDefinition leader()
{
    return linli::test::test_election();
}


struct Office {
    TempDir dir;
    crypto::KeyPair keys = crypto::generate_seal_key().value();
    ContentSet content;
    std::vector<ExportInput> exports;
    std::vector<std::string> shown_trackers;  // what 投票成功 showed each voter

    // Casts choices at kiosk with its own codes, then exports after the close.
    void vote_at(const std::string& kiosk, const std::vector<CastBallot>& choices)
    {
        auto [codes, slips] = issue_codes(content.ballots[0], kiosk, int(choices.size()));
        content.ballot_codes.push_back(codes);
        cast_and_export(kiosk, kiosk, slips, choices);
    }
    // Casts choices with codes issued already, on the machine whose data dir is named machine
    // (its own device key), as kiosk; then exports after the close.
    void cast_and_export(const std::string& kiosk, const std::string& machine, const std::vector<std::string>& slips,
                         const std::vector<CastBallot>& choices)
    {
        const std::string data = dir.file(machine);
        std::filesystem::create_directories(data);
        BallotBox box(data + "/residents.db", keys.public_key, kiosk);
        for (size_t i = 0; i < choices.size(); ++i) {
            const CodeAnswer a = box.check_code(content.ballots[0], content.ballot_codes, slips[i]);
            REQUIRE(a.check == CodeCheck::Valid);
            const CastOutcome cast = box.cast(content.ballots[0], a, choices[i], k_ballot_during, true);
            REQUIRE(cast.taken());
            shown_trackers.push_back(cast.tracker);
        }
        KioskConfig config = default_kiosk_config();
        config.id = kiosk;
        const std::string stick = dir.file(machine + "-stick");
        std::filesystem::create_directories(stick);
        auto written = export_to_folder(config, data, stick, k_ballot_closes + 60);
        REQUIRE(written);
        exports.push_back({written->path, bundle::test::read_all(written->path)});
    }
    BallotCollection count()
    {
        auto collection = collect_exports(exports, keys.public_key, keys.secret_key);
        REQUIRE(collection);
        return count_collected_ballots(*collection, &content);
    }
};

std::vector<CastBallot> repeat(std::vector<int> choice, int times)
{
    return std::vector<CastBallot>(size_t(times), CastBallot{{choice}});
}

}  // namespace

TEST_CASE("collect: ballots from two kiosks are counted exactly, with their trackers (B7)", "[services]")
{
    Office o;
    o.content.ballots = {leader()};
    std::vector<CastBallot> lobby1 = repeat({0, 1}, 5), lobby2 = repeat({0, 2}, 3);
    lobby1.push_back({{{}}});   // a blank ballot
    lobby2.push_back({{{2}}});
    o.vote_at("lobby-1", lobby1);
    o.vote_at("lobby-2", lobby2);
    const BallotCollection counted = o.count();
    REQUIRE(counted.ok());
    REQUIRE(counted.ballots.size() == 1);
    const BallotTally& t = counted.ballots[0];
    CHECK(t.ballots_by_kiosk.at("lobby-1") == 6);
    CHECK(t.ballots_by_kiosk.at("lobby-2") == 4);
    CHECK(t.used_codes_by_kiosk.at("lobby-1") == 6);
    CHECK(t.count.cast == 10);
    CHECK(t.count.questions[0].options[0].votes == 8);  // 王芳
    CHECK(t.count.questions[0].options[1].votes == 5);  // 赵强
    CHECK(t.count.questions[0].options[2].votes == 4);  // 周敏
    CHECK(t.count.questions[0].unanswered == 1);
    CHECK(t.count.elected == std::vector<std::string>{"王芳", "赵强"});
    CHECK(t.trackers.size() == 10);
    CHECK(std::is_sorted(t.trackers.begin(), t.trackers.end()));
    // Every voter finds the tracker the kiosk showed them (查询我的选票 → 已计入).
    std::vector<std::string> shown = o.shown_trackers;
    std::sort(shown.begin(), shown.end());
    CHECK(t.trackers == shown);

    const toml::table results = toml::parse(results_toml(t));
    CHECK(results["ballot"].value<std::string>() == "leader");
    CHECK(results["cast"].value<int64_t>() == 10);
    CHECK(results["outcome"].value<std::string>() == "passed");
    CHECK(results["elected"].as_array()->size() == 2);
    CHECK(results["trackers"].as_array()->size() == 10);
    const toml::array* questions = results["question"].as_array();
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    const toml::array* options = questions->get(0)->as_table()->get("option")->as_array();
    REQUIRE(options->size() == 3);
    CHECK(options->get(2)->as_table()->get("label")->value<std::string>() == "周敏");
    CHECK(options->get(2)->as_table()->get("votes")->value<int64_t>() == 4);

    const std::string csv = recount_csv(t);
    CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    size_t rows = 0, both = 0;
    for (size_t pos = 0; (pos = csv.find("\r\n", pos)) != std::string::npos; pos += 2) ++rows;
    for (size_t pos = 0; (pos = csv.find("王芳、赵强", pos)) != std::string::npos; ++pos) ++both;
    CHECK(rows == 11);  // the header and 10 ballots
    CHECK(both == 5);
    CHECK(csv.find("（未选择）") != std::string::npos);
    for (const auto& tracker : t.trackers) CHECK(csv.find(tracker) == std::string::npos);  // no tracker in the recount list
}

TEST_CASE("collect: a ballot changed after voting, and codes never issued, are reported, not counted quietly", "[services]")
{
    Office o;
    o.content.ballots = {leader()};
    o.vote_at("lobby-1", repeat({0}, 3));
    SECTION("the options changed in the folder")
    {
        o.content.ballots[0].options[2] = "李娜";
        const BallotCollection counted = o.count();
        CHECK_FALSE(counted.ok());
        REQUIRE(counted.ballots.size() == 1);
        CHECK(counted.ballots[0].count.cast == 0);
        CHECK_THAT(counted.ballots[0].problems.at(0), Catch::Contains("different version of ballots/leader.toml"));
    }
    SECTION("the codes file of the folder does not hold the codes used")
    {
        o.content.ballot_codes.clear();
        const BallotCollection counted = o.count();
        CHECK_FALSE(counted.ok());
        CHECK_THAT(counted.ballots[0].problems.at(0), Catch::Contains("3 used codes were never issued for their kiosk"));
    }
    SECTION("without the folder nothing is counted, and collect says why")
    {
        auto collection = collect_exports(o.exports, o.keys.public_key, o.keys.secret_key);
        REQUIRE(collection);
        const BallotCollection listed = count_collected_ballots(*collection, nullptr);
        REQUIRE(listed.ballots.size() == 1);
        CHECK(listed.ballots[0].definition == nullptr);
        CHECK(listed.ballots[0].trackers.size() == 3);
        CHECK_THAT(ballots_report(listed), Catch::Contains("not counted: give --content CONTENT_DIR"));
    }
}

TEST_CASE("collect: a cloned card (two device keys under one kiosk id) is counted apart and reported, codes used twice found",
          "[services]")
{
    Office o;
    o.content.ballots = {leader()};
    auto [codes, slips] = issue_codes(o.content.ballots[0], "lobby-1", 4);
    o.content.ballot_codes.push_back(codes);
    // The original card and its clone both take ballots; one code is used on both.
    o.cast_and_export("lobby-1", "original", {slips[0], slips[1], slips[2]}, repeat({0}, 3));
    o.cast_and_export("lobby-1", "clone", {slips[2], slips[3]}, repeat({1}, 2));
    auto collection = collect_exports(o.exports, o.keys.public_key, o.keys.secret_key);
    REQUIRE(collection);
    REQUIRE(collection->kiosks.size() == 2);
    CHECK_FALSE(collection->ok());
    CHECK(collection->kiosks[0].device != collection->kiosks[1].device);
    const BallotCollection counted = count_collected_ballots(*collection, &o.content);
    REQUIRE(counted.ballots.size() == 1);
    const BallotTally& t = counted.ballots[0];
    // Each machine's ballots apart, by its device key.
    REQUIRE(t.ballots_by_kiosk.size() == 2);
    std::vector<int64_t> per_machine;
    for (const auto& [source, n] : t.ballots_by_kiosk) {
        CHECK_THAT(source, Catch::StartsWith("lobby-1 (device key "));
        CHECK(t.used_codes_by_kiosk.at(source) == n);
        per_machine.push_back(n);
    }
    std::sort(per_machine.begin(), per_machine.end());
    CHECK(per_machine == std::vector<int64_t>{2, 3});
    bool twice = false;
    for (const std::string& p : t.problems) twice = twice || p.find("1 codes were used twice") != std::string::npos;
    CHECK(twice);
    CHECK_THAT(ballots_report(counted), Catch::Contains("lobby-1 (device key "));
}
