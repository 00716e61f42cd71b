// The counting rules at their edges (issue 12): quorum missed by one, exactly two thirds, more
// than half with a tie, election ties; what a cast ballot may hold; the rules in words.
#include "core/ballot.hpp"

#include <catch2/catch.hpp>

using namespace linli;

namespace {

BallotDefinition motion(Threshold threshold, int quorum = 0)
{
    BallotDefinition b;
    b.id = "charter";
    b.title = "章程表决";
    b.kind = BallotKind::Motion;
    b.threshold = threshold;
    b.quorum = quorum;
    b.codes_required = true;
    return b;
}

BallotDefinition election(std::vector<std::string> options, int max_choices, int seats)
{
    BallotDefinition b;
    b.id = "leader";
    b.title = "组长选举";
    b.kind = max_choices > 1 ? BallotKind::Multi : BallotKind::Single;
    b.options = std::move(options);
    b.max_choices = max_choices;
    b.seats = seats;
    b.codes_required = true;
    return b;
}

// yes, no and abstain votes, then blank ballots.
std::vector<CastBallot> motion_ballots(int yes, int no, int abstain, int blank = 0)
{
    std::vector<CastBallot> out;
    for (int i = 0; i < yes; ++i) out.push_back({{{0}}});
    for (int i = 0; i < no; ++i) out.push_back({{{1}}});
    for (int i = 0; i < abstain; ++i) out.push_back({{{2}}});
    for (int i = 0; i < blank; ++i) out.push_back({{{}}});
    return out;
}

std::vector<CastBallot> repeat(std::vector<int> choice, int times)
{
    return std::vector<CastBallot>(size_t(times), CastBallot{{choice}});
}

std::vector<CastBallot> operator+(std::vector<CastBallot> a, const std::vector<CastBallot>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_CASE("ballot: a motion at exactly two thirds passes at >=2/3 and fails at >2/3", "[core]")
{
    const auto cast = motion_ballots(200, 60, 40);  // 200 of 300
    CHECK(count_ballots(motion({2, 3, true}), cast).outcome == BallotOutcome::Passed);
    CHECK(count_ballots(motion({2, 3, false}), cast).outcome == BallotOutcome::Failed);
    // One yes fewer: below two thirds either way.
    const auto short_by_one = motion_ballots(199, 61, 40);
    CHECK(count_ballots(motion({2, 3, true}), short_by_one).outcome == BallotOutcome::Failed);
}

TEST_CASE("ballot: more than half with a tie fails, abstentions and blanks count as cast", "[core]")
{
    CHECK(count_ballots(motion({1, 2, false}), motion_ballots(100, 100, 0)).outcome == BallotOutcome::Failed);
    CHECK(count_ballots(motion({1, 2, false}), motion_ballots(101, 100, 0)).outcome == BallotOutcome::Passed);
    // 101 yes of 101 + 100 no + 1 abstention: exactly half, not more.
    CHECK(count_ballots(motion({1, 2, false}), motion_ballots(101, 100, 1)).outcome == BallotOutcome::Failed);
    const BallotCount with_blank = count_ballots(motion({1, 2, false}), motion_ballots(101, 100, 0, 1));
    CHECK(with_blank.outcome == BallotOutcome::Failed);
    CHECK(with_blank.cast == 202);
    CHECK(with_blank.questions[0].unanswered == 1);
}

TEST_CASE("ballot: a quorum missed by one makes the result not stand", "[core]")
{
    const BallotDefinition b = motion({1, 2, false}, 200);
    const BallotCount missed = count_ballots(b, motion_ballots(199, 0, 0));
    CHECK_FALSE(missed.quorum_met);
    CHECK(missed.outcome == BallotOutcome::Failed);
    CHECK(outcome_in_words(b, missed, Language::Chinese) == "投票总数 199 票，不足 200 票，结果无效。");
    const BallotCount met = count_ballots(b, motion_ballots(200, 0, 0));
    CHECK(met.quorum_met);
    CHECK(met.outcome == BallotOutcome::Passed);
}

TEST_CASE("ballot: no ballots cast is never a pass", "[core]")
{
    CHECK(count_ballots(motion({1, 2, false}), {}).outcome == BallotOutcome::Failed);
    CHECK(count_ballots(election({"甲", "乙"}, 1, 1), {}).outcome == BallotOutcome::Failed);
}

TEST_CASE("ballot: an election elects the most voted, and reports a tie for the last seat", "[core]")
{
    const auto b = election({"王芳", "赵强", "周敏", "李娜"}, 2, 2);
    // 王芳 30, 赵强 20, 周敏 20, 李娜 5: the second seat is tied.
    const auto tied = repeat({0, 1}, 20) + repeat({0, 2}, 10) + repeat({2}, 10) + repeat({3}, 5);
    const BallotCount count = count_ballots(b, tied);
    CHECK(count.outcome == BallotOutcome::Tie);
    CHECK(count.elected == std::vector<std::string>{"王芳"});
    CHECK(count.tied == std::vector<std::string>{"赵强", "周敏"});
    CHECK(outcome_in_words(b, count, Language::Chinese) ==
          "当选：王芳（30 票）。平票：赵强（20 票）、周敏（20 票），最后的名额未决出。");
    // One more vote for 周敏 decides it.
    const BallotCount decided = count_ballots(b, tied + repeat({2}, 1));
    CHECK(decided.outcome == BallotOutcome::Passed);
    CHECK(decided.elected == std::vector<std::string>{"王芳", "周敏"});
    CHECK(decided.tied.empty());
}

TEST_CASE("ballot: a tie for the first seat elects nobody, a candidate without votes is never elected", "[core]")
{
    const auto b = election({"甲", "乙", "丙"}, 1, 1);
    const BallotCount tie = count_ballots(b, repeat({0}, 7) + repeat({1}, 7) + repeat({2}, 1));
    CHECK(tie.outcome == BallotOutcome::Tie);
    CHECK(tie.elected.empty());
    CHECK(tie.tied == std::vector<std::string>{"甲", "乙"});
    const auto two_seats = election({"甲", "乙", "丙"}, 2, 2);
    const BallotCount one_voted = count_ballots(two_seats, repeat({0}, 3) + repeat({}, 2));
    CHECK(one_voted.outcome == BallotOutcome::Passed);
    CHECK(one_voted.elected == std::vector<std::string>{"甲"});
    CHECK(one_voted.questions[0].unanswered == 2);
}

TEST_CASE("ballot: what a cast ballot may hold", "[core]")
{
    const auto b = election({"甲", "乙", "丙"}, 2, 2);
    CHECK(ballot_problem(b, {{{0, 2}}}).empty());
    CHECK(ballot_problem(b, {{{}}}).empty());
    CHECK(ballot_problem(b, {{{0, 1, 2}}}) == "question 1: 3 options chosen, at most 2 allowed");
    CHECK(ballot_problem(b, {{{3}}}) == "question 1: option 3 does not exist");
    CHECK(ballot_problem(b, {{{1, 1}}}) == "question 1: options not in ascending order or chosen twice");
    CHECK(ballot_problem(b, {{{2, 0}}}) == "question 1: options not in ascending order or chosen twice");
    CHECK(ballot_problem(b, {}) == "has 0 answers for 1 questions");
    CHECK(ballot_problem(motion({1, 2, false}), {{{0, 1}}}) == "question 1: 2 options chosen, at most 1 allowed");

    BallotDefinition survey;
    survey.kind = BallotKind::Survey;
    survey.questions = {{"打分", QuestionKind::Scale, {}, 1}, {"活动", QuestionKind::Multi, {"a", "b", "c"}, 3}};
    const auto questions = ballot_questions(survey);
    REQUIRE(questions.size() == 2);
    CHECK(questions[0].options == std::vector<std::string>{"1", "2", "3", "4", "5"});
    CHECK(ballot_problem(survey, {{{4}, {0, 1, 2}}}).empty());
    CHECK(ballot_problem(survey, {{{5}, {}}}) == "question 1: option 5 does not exist");
    const BallotCount counted = count_ballots(survey, std::vector<CastBallot>{{{{4}, {0, 2}}}, {{{}, {2}}}});
    CHECK(counted.outcome == BallotOutcome::None);
    CHECK(counted.questions[0].options[4].votes == 1);
    CHECK(counted.questions[0].unanswered == 1);
    CHECK(counted.questions[1].options[2].votes == 2);
}

TEST_CASE("ballot: the rules and the outcome in plain words", "[core]")
{
    const auto charter = motion({2, 3, true}, 200);
    CHECK(rules_in_words(charter, Language::Chinese) ==
          std::vector<std::string>{"请在赞成、反对、弃权中选择一项。", "赞成票达到投票总数的三分之二，即为通过。",
                                   "投票总数不少于 200 票，结果才有效。", "弃权票和未作选择的选票都计入投票总数。"});
    CHECK(rules_in_words(motion({1, 2, false}), Language::Chinese)[1] == "赞成票超过投票总数的一半，即为通过。");
    CHECK(rules_in_words(motion({1, 2, false}), Language::English)[1] ==
          "The motion passes when the votes for are more than half of all ballots cast.");
    CHECK(rules_in_words(motion({3, 5, true}), Language::Chinese)[1] == "赞成票达到投票总数的五分之三，即为通过。");
    CHECK(outcome_in_words(charter, count_ballots(charter, motion_ballots(140, 50, 10)), Language::Chinese) ==
          "赞成 140 票，占投票总数 200 票的 70.0%，达到三分之二，通过。");
    CHECK(outcome_in_words(charter, count_ballots(charter, motion_ballots(130, 60, 10)), Language::Chinese) ==
          "赞成 130 票，占投票总数 200 票的 65.0%，未达到三分之二，未通过。");
    const auto leader = election({"甲", "乙", "丙"}, 2, 2);
    CHECK(rules_in_words(leader, Language::Chinese) ==
          std::vector<std::string>{"请从 3 个选项中最多选择 2 项，少选也有效。",
                                   "得票最多的前 2 名当选；最后一个名额得票相同时记为平票，不抽签。"});
    BallotDefinition survey;
    survey.kind = BallotKind::Survey;
    survey.questions = {{"打分", QuestionKind::Scale, {}, 1}};
    CHECK(rules_in_words(survey, Language::Chinese).back() == "不记名调查，不具约束力。");
    CHECK(fraction_words(1, 2, Language::Chinese) == "一半");
    CHECK(fraction_words(2, 3, Language::English) == "two thirds");
    CHECK(fraction_words(7, 12, Language::Chinese) == "十二分之七");
}
