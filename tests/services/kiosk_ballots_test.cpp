// 投票表决 through KioskService, as the screens drive it: the list's states by the trusted clock,
// codes checked with their own answers and the pause after 5 wrong ones (B2, B3), a ballot cast
// only with a valid code and only while open, turnout at this kiosk, the survey cool-down, and
// nothing of the last voter left after an idle reset (B8).
#include "services/kiosk_service.hpp"

#include "../support/ballot_fixtures.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using linli::test::k_ballot_closes;
using linli::test::k_ballot_during;
using linli::test::k_ballot_opens;
using services::BallotRefusal;
using services::BallotState;
using services::CodeCheck;

namespace {


BallotDefinition survey(std::string id, int64_t opens, int64_t closes)
{
    BallotDefinition b;
    b.id = std::move(id);
    b.title = "活动意向调查";
    b.kind = BallotKind::Survey;
    b.questions = {{"您最希望参加哪类活动？", QuestionKind::Single, {"健康讲座", "亲子活动"}, 1}};
    b.opens_s = opens;
    b.closes_s = closes;
    return b;
}

struct BallotKiosk {
    test::TempDir dir{"kiosk-ballots"};
    FakeClock clock{k_ballot_during * 1000, 0};
    std::vector<std::string> codes, other_kiosk_codes, other_ballot_codes;
    std::unique_ptr<services::KioskService> service;

    explicit BallotKiosk(services::KioskConfig config = services::default_kiosk_config(), bool with_codes = true)
    {
        services::LoadedContent loaded;
        loaded.version = "test";
        loaded.source = "test";
        ContentSet& c = loaded.content;
        BallotDefinition leader = test::test_election("leader");
        BallotDefinition treasurer = test::test_election("treasurer", {"李明", "张华"});
        c.ballots = {leader, treasurer, survey("survey", test::k_ballot_opens, test::k_ballot_closes),
                     survey("later", test::k_ballot_closes, test::k_ballot_closes + 86400),
                     survey("past", test::k_ballot_opens - 20 * 86400, test::k_ballot_opens - 10 * 86400),
                     survey("counted", test::k_ballot_opens - 20 * 86400, test::k_ballot_opens - 9 * 86400)};
        BallotResult counted;
        counted.count.ballot = "counted";
        counted.count.cast = 12;
        c.ballot_results = {counted};
        if (with_codes) {
            auto [here, here_codes] = test::issue_codes(leader, config.id, 20);
            auto [there, there_codes] = test::issue_codes(leader, "lobby-9", 3);
            auto [other, other_codes] = test::issue_codes(treasurer, config.id, 3);
            c.ballot_codes = {here, there, other};
            codes = here_codes;
            other_kiosk_codes = there_codes;
            other_ballot_codes = other_codes;
        }
        service = services::KioskService::open(config, dir.str(), clock, std::move(loaded)).value();
    }

    const services::AppModel& model() { return service->model(); }
    const services::BallotEntry& entry(const std::string& id)
    {
        const services::BallotEntry* e = model().ballots.find(id);
        REQUIRE(e != nullptr);
        return *e;
    }
    CodeCheck check(const std::string& code, const std::string& ballot = "leader")
    {
        service->apply(services::intent::CheckBallotCode{ballot, code});
        return model().ballots.code.check;
    }
    services::CastOutcome cast(const std::string& ballot, const std::string& code, CastBallot choices)
    {
        service->apply(services::intent::SubmitBallot{ballot, code, std::move(choices)});
        return model().ballots.cast.outcome;
    }
};

std::vector<std::string> listed(const services::AppModel& m)
{
    std::vector<std::string> ids;
    for (const auto& e : m.ballots.ballots) ids.push_back(e.ballot.id);
    return ids;
}

}  // namespace

TEST_CASE("ballots: the list shows each ballot's state by the trusted clock, open ones first", "[services][ballots]")
{
    BallotKiosk kiosk;
    const auto& m = kiosk.model();
    CHECK(m.ballots.clock_trusted);
    CHECK(listed(m) == std::vector<std::string>{"leader", "treasurer", "survey", "later", "counted", "past"});
    CHECK(kiosk.entry("leader").state == BallotState::Open);
    CHECK(kiosk.entry("leader").refusal == BallotRefusal::None);
    CHECK(kiosk.entry("leader").turnout == 0);
    CHECK(kiosk.entry("later").state == BallotState::Upcoming);
    CHECK(kiosk.entry("later").refusal == BallotRefusal::NotOpen);
    CHECK(kiosk.entry("past").state == BallotState::Ended);
    CHECK_FALSE(kiosk.entry("past").result);
    CHECK(kiosk.entry("counted").state == BallotState::Published);
    REQUIRE(kiosk.entry("counted").result);
    CHECK(kiosk.entry("counted").result->count.cast == 12);
}

TEST_CASE("ballots: a clock behind the clock floor opens no ballot", "[services][ballots]")
{
    BallotKiosk kiosk;
    kiosk.model();  // the floor follows the plausible clock
    kiosk.clock.set_wall_ms((k_ballot_during - 7200) * 1000);  // set back two hours: the floor stays
    kiosk.clock.advance_ms(61 * 1000);                  // the list is drawn again the next minute
    const auto& m = kiosk.model();
    CHECK_FALSE(m.ballots.clock_trusted);
    CHECK(kiosk.entry("leader").state == BallotState::Upcoming);
    CHECK(kiosk.entry("leader").refusal == BallotRefusal::NotOpen);
    CHECK_FALSE(kiosk.cast("survey", "", CastBallot{{{0}}}).taken());
}

TEST_CASE("ballots: each kind of code gets its own answer, and only a valid one casts", "[services][ballots]")
{
    BallotKiosk kiosk;
    CHECK(kiosk.check("ABCD-EFGH") == CodeCheck::Malformed);
    CHECK(kiosk.check(kiosk.other_kiosk_codes[0]) == CodeCheck::OtherKiosk);
    CHECK(kiosk.check(kiosk.other_ballot_codes[0]) == CodeCheck::OtherBallot);
    CHECK(kiosk.check("23456-789AB") == CodeCheck::Wrong);
    CHECK(kiosk.model().ballots.code.attempts_left == 4);
    // Typed as the slip shows it, or in lower case without the dash.
    std::string code = kiosk.codes[0];
    std::string typed = code.substr(0, 5) + "-" + code.substr(5);
    for (char& ch : typed) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(kiosk.check(typed) == CodeCheck::Valid);

    // A code of another kiosk or ballot never casts, nor a made-up one.
    CHECK(kiosk.cast("leader", kiosk.other_kiosk_codes[0], CastBallot{{{0}}}).refusal == BallotRefusal::Invalid);
    CHECK(kiosk.cast("leader", "23456789AB", CastBallot{{{0}}}).refusal == BallotRefusal::Invalid);
    auto cast = kiosk.cast("leader", typed, CastBallot{{{0, 2}}});
    REQUIRE(cast.taken());
    CHECK(cast.tracker.size() == 8);
    CHECK(kiosk.entry("leader").turnout == 1);
    CHECK(kiosk.model().status.pending_exports == 2);  // the ballot and its used code, held until the close
    // One code, one vote.
    CHECK(kiosk.check(code) == CodeCheck::Used);
    CHECK(kiosk.cast("leader", code, CastBallot{{{1}}}).refusal == BallotRefusal::CodeUsed);
    CHECK(kiosk.entry("leader").turnout == 1);
}

TEST_CASE("ballots: 5 wrong codes pause code entry for 60 s (B3)", "[services][ballots]")
{
    BallotKiosk kiosk;
    for (int i = 0; i < 4; ++i) CHECK(kiosk.check("23456789A" + std::string(1, char('B' + i))) == CodeCheck::Wrong);
    CHECK(kiosk.model().ballots.paused_until_s == 0);
    CHECK(kiosk.check("2345678922") == CodeCheck::Wrong);
    const int64_t paused_until = kiosk.model().ballots.paused_until_s;
    CHECK(paused_until == kiosk.model().now_s + 60);
    // While paused even a valid code is not checked.
    CHECK(kiosk.check(kiosk.codes[1]) == CodeCheck::Wrong);
    kiosk.clock.advance_ms(59 * 1000);
    CHECK(kiosk.model().ballots.paused_until_s == paused_until);
    kiosk.clock.advance_ms(2 * 1000);
    CHECK(kiosk.model().ballots.paused_until_s == 0);
    CHECK(kiosk.check(kiosk.codes[1]) == CodeCheck::Valid);
    // An idle reset does not end a pause: walking away and back is no way round it.
    for (int i = 0; i < 5; ++i) kiosk.check("2345678922");
    kiosk.service->reset_session();
    CHECK(kiosk.model().ballots.paused_until_s > kiosk.model().now_s);
}

TEST_CASE("ballots: a ballot whose codes did not come says so before any code is typed", "[services][ballots]")
{
    BallotKiosk kiosk(services::default_kiosk_config(), false);
    CHECK(kiosk.entry("leader").state == BallotState::Open);
    CHECK(kiosk.entry("leader").refusal == BallotRefusal::NoCodes);
    CHECK(kiosk.entry("survey").refusal == BallotRefusal::None);
}

TEST_CASE("ballots: a resident still at the review when the ballot closes is refused", "[services][ballots]")
{
    BallotKiosk kiosk;
    REQUIRE(kiosk.check(kiosk.codes[2]) == CodeCheck::Valid);
    kiosk.clock.set_wall_ms(test::k_ballot_closes * 1000);
    CHECK(kiosk.cast("leader", kiosk.codes[2], CastBallot{{{0}}}).refusal == BallotRefusal::Closed);
    CHECK(kiosk.entry("leader").state == BallotState::Ended);
    // The code was not spent: nothing was stored, and it is still unused.
    CHECK(kiosk.model().status.pending_exports == 0);
    CHECK(kiosk.check(kiosk.codes[2]) == CodeCheck::Valid);
}

TEST_CASE("ballots: a survey without codes takes one answer per cool-down at this kiosk", "[services][ballots]")
{
    services::KioskConfig config = services::default_kiosk_config();
    config.survey_cooldown_s = 60;
    BallotKiosk kiosk(config);
    REQUIRE(kiosk.cast("survey", "", CastBallot{{{1}}}).taken());
    CHECK(kiosk.entry("survey").turnout == 1);
    CHECK(kiosk.entry("survey").ready_at_s == kiosk.model().now_s + 60);
    CHECK(kiosk.cast("survey", "", CastBallot{{{0}}}).refusal == BallotRefusal::CoolingDown);
    kiosk.clock.advance_ms(60 * 1000);
    CHECK(kiosk.cast("survey", "", CastBallot{{{0}}}).taken());
    CHECK(kiosk.entry("survey").turnout == 2);
}

TEST_CASE("ballots: an idle reset forgets the last voter's tracker and code answer (B8)", "[services][ballots]")
{
    BallotKiosk kiosk;
    REQUIRE(kiosk.check(kiosk.codes[3]) == CodeCheck::Valid);
    REQUIRE(kiosk.cast("leader", kiosk.codes[3], CastBallot{{{1}}}).taken());
    const int64_t answers = kiosk.model().ballots.cast.answers;
    kiosk.service->reset_session();
    const auto& m = kiosk.model();
    CHECK(m.ballots.cast.outcome.tracker.empty());
    CHECK(m.ballots.cast.ballot.empty());
    CHECK(m.ballots.code.ballot.empty());
    CHECK(m.ballots.cast.answers == answers);
}
