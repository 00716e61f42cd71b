#include "core/ballot.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace linli {

namespace {

bool zh(Language language)
{
    return language == Language::Chinese;
}

std::string percent(int64_t part, int64_t whole)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", whole > 0 ? double(part) * 100.0 / double(whole) : 0.0);
    return text;
}

std::string chinese_number(int n)  // 1 to 99, as a fraction's parts are written
{
    static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10) return digits[n];
    std::string out = n >= 20 ? std::string(digits[n / 10]) + "十" : "十";
    if (n % 10) out += digits[n % 10];
    return out;
}

std::string join(const std::vector<std::string>& items, const char* separator)
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

bool motion_passes(const Threshold& t, int64_t yes, int64_t cast)
{
    if (cast <= 0) return false;
    // Integers only: yes/cast against num/den without rounding.
    return t.at_least ? yes * t.den >= int64_t(t.num) * cast : yes * t.den > int64_t(t.num) * cast;
}

// "超过一半" / "达到三分之二" (the rule's verb and fraction; of_total: "超过投票总数的一半"), and
// in English ("more than half").
std::string threshold_phrase(const Threshold& t, Language language, bool of_total = false)
{
    if (zh(language))
        return std::string(t.at_least ? "达到" : "超过") + (of_total ? "投票总数的" : "") + fraction_words(t.num, t.den, language);
    return std::string(t.at_least ? "at least " : "more than ") + fraction_words(t.num, t.den, language);
}

}  // namespace

std::string fraction_words(int num, int den, Language language)
{
    if (zh(language)) {
        if (num * 2 == den) return "一半";
        if (num > 0 && num < den && den <= 99) return chinese_number(den) + "分之" + chinese_number(num);
        return std::to_string(num) + "/" + std::to_string(den);
    }
    if (num * 2 == den) return "half";
    if (num == 1 && den == 3) return "one third";
    if (num == 2 && den == 3) return "two thirds";
    if (num == 1 && den == 4) return "one quarter";
    if (num == 3 && den == 4) return "three quarters";
    return std::to_string(num) + "/" + std::to_string(den);
}

std::string ballot_canonical_text(const BallotDefinition& ballot)
{
    static const char* kinds[] = {"motion", "single", "multi", "survey"};
    static const char* question_kinds[] = {"single", "multi", "scale"};
    // Lengths before texts, so no option text can imitate the separators.
    auto text = [](const std::string& t) { return std::to_string(t.size()) + ":" + t; };
    std::string out = "linli-ballot-1\nkind " + std::string(kinds[int(ballot.kind)]) + "\n";
    out += "quorum " + std::to_string(ballot.quorum) + "\n";
    if (ballot.kind == BallotKind::Motion)
        out += "threshold " + std::string(ballot.threshold.at_least ? ">=" : ">") + std::to_string(ballot.threshold.num) +
               "/" + std::to_string(ballot.threshold.den) + "\n";
    if (ballot.is_election()) out += "seats " + std::to_string(ballot.seats) + "\n";
    for (const auto& q : ballot_questions(ballot)) {
        out += "question " + std::string(question_kinds[int(q.kind)]) + " " + std::to_string(q.max_choices) + " " +
               (ballot.kind == BallotKind::Survey ? text(q.text) : std::string("-")) + "\n";
        for (const auto& option : q.options) out += "option " + text(option) + "\n";
    }
    return out;
}

std::vector<BallotQuestion> ballot_questions(const BallotDefinition& ballot)
{
    switch (ballot.kind) {
    case BallotKind::Motion:
        return {{ballot.title, QuestionKind::Single, {std::begin(k_motion_options), std::end(k_motion_options)}, 1}};
    case BallotKind::Single:
        return {{ballot.title, QuestionKind::Single, ballot.options, 1}};
    case BallotKind::Multi:
        return {{ballot.title, QuestionKind::Multi, ballot.options, ballot.max_choices}};
    case BallotKind::Survey:
        break;
    }
    std::vector<BallotQuestion> out = ballot.questions;
    for (auto& q : out) {
        if (q.kind == QuestionKind::Scale) q.options = {"1", "2", "3", "4", "5"};
        if (q.kind != QuestionKind::Multi) q.max_choices = 1;
    }
    return out;
}

std::string ballot_problem(const BallotDefinition& ballot, const CastBallot& cast)
{
    const auto questions = ballot_questions(ballot);
    if (cast.answers.size() != questions.size())
        return "has " + std::to_string(cast.answers.size()) + " answers for " + std::to_string(questions.size()) +
               " questions";
    for (size_t q = 0; q < questions.size(); ++q) {
        const auto& chosen = cast.answers[q];
        const std::string where = "question " + std::to_string(q + 1) + ": ";
        if (int(chosen.size()) > questions[q].max_choices)
            return where + std::to_string(chosen.size()) + " options chosen, at most " +
                   std::to_string(questions[q].max_choices) + " allowed";
        for (size_t i = 0; i < chosen.size(); ++i) {
            if (chosen[i] < 0 || size_t(chosen[i]) >= questions[q].options.size())
                return where + "option " + std::to_string(chosen[i]) + " does not exist";
            if (i > 0 && chosen[i] <= chosen[i - 1]) return where + "options not in ascending order or chosen twice";
        }
    }
    return {};
}

const char* outcome_key(BallotOutcome outcome)
{
    switch (outcome) {
    case BallotOutcome::Passed: return "passed";
    case BallotOutcome::Failed: return "failed";
    case BallotOutcome::Tie: return "tie";
    case BallotOutcome::None: break;
    }
    return "";
}

BallotCount count_ballots(const BallotDefinition& ballot, std::span<const CastBallot> cast)
{
    BallotCount count;
    count.ballot = ballot.id;
    count.cast = int64_t(cast.size());
    for (const auto& q : ballot_questions(ballot)) {
        QuestionCount& qc = count.questions.emplace_back();
        qc.text = q.text;
        for (const auto& label : q.options) qc.options.push_back({label, 0});
    }
    for (const CastBallot& b : cast)
        for (size_t q = 0; q < count.questions.size() && q < b.answers.size(); ++q) {
            if (b.answers[q].empty()) ++count.questions[q].unanswered;
            for (int option : b.answers[q]) ++count.questions[q].options[size_t(option)].votes;
        }
    count.quorum_met = count.cast >= ballot.quorum;
    if (ballot.kind == BallotKind::Survey) return count;
    if (ballot.kind == BallotKind::Motion) {
        const int64_t yes = count.questions[0].options[0].votes;
        count.outcome = count.quorum_met && motion_passes(ballot.threshold, yes, count.cast) ? BallotOutcome::Passed
                                                                                              : BallotOutcome::Failed;
        return count;
    }
    count.outcome = BallotOutcome::Failed;
    if (!count.quorum_met) return count;
    // Candidates with votes, most first; the seats go down that list until a tie at the last seat.
    const auto& options = count.questions[0].options;
    std::vector<size_t> ranked;
    for (size_t i = 0; i < options.size(); ++i)
        if (options[i].votes > 0) ranked.push_back(i);
    std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) { return options[a].votes > options[b].votes; });
    const size_t seats = size_t(std::max(1, ballot.seats));
    if (ranked.size() > seats && options[ranked[seats]].votes == options[ranked[seats - 1]].votes) {
        const int64_t tied_votes = options[ranked[seats - 1]].votes;
        for (size_t i : ranked) {
            if (options[i].votes > tied_votes) count.elected.push_back(options[i].label);
            else if (options[i].votes == tied_votes) count.tied.push_back(options[i].label);
        }
        count.outcome = BallotOutcome::Tie;
        return count;
    }
    for (size_t k = 0; k < ranked.size() && k < seats; ++k) count.elected.push_back(options[ranked[k]].label);
    if (!count.elected.empty()) count.outcome = BallotOutcome::Passed;
    return count;
}

std::vector<std::string> rules_in_words(const BallotDefinition& ballot, Language language)
{
    std::vector<std::string> rules;
    const bool c = zh(language);
    const auto questions = ballot_questions(ballot);
    const std::string n = ballot.is_election() ? std::to_string(ballot.options.size()) : "";
    switch (ballot.kind) {
    case BallotKind::Motion:
        rules.push_back(c ? "请在赞成、反对、弃权中选择一项。" : "Choose one of: for, against, abstain.");
        rules.push_back(c ? "赞成票" + threshold_phrase(ballot.threshold, language, true) + "，即为通过。"
                          : "The motion passes when the votes for are " + threshold_phrase(ballot.threshold, language) +
                                " of all ballots cast.");
        break;
    case BallotKind::Single:
        rules.push_back(c ? "请从 " + n + " 个选项中选择 1 项。" : "Choose 1 of the " + n + " options.");
        break;
    case BallotKind::Multi:
        rules.push_back(c ? "请从 " + n + " 个选项中最多选择 " + std::to_string(ballot.max_choices) + " 项，少选也有效。"
                          : "Choose up to " + std::to_string(ballot.max_choices) + " of the " + n +
                                " options; choosing fewer is valid.");
        break;
    case BallotKind::Survey:
        rules.push_back(c ? "共 " + std::to_string(questions.size()) + " 个问题，每题都可以不答。"
                          : std::to_string(questions.size()) + " questions; any may be left unanswered.");
        break;
    }
    if (ballot.is_election()) {
        const std::string seats = std::to_string(ballot.seats);
        rules.push_back(c ? "得票最多的前 " + seats + " 名当选；最后一个名额得票相同时记为平票，不抽签。"
                          : "The " + seats + " with the most votes are elected; a tie for the last seat is reported as "
                                                 "a tie, never drawn by lot.");
    }
    if (ballot.quorum > 0 && ballot.kind != BallotKind::Survey)
        rules.push_back(c ? "投票总数不少于 " + std::to_string(ballot.quorum) + " 票，结果才有效。"
                          : "The result stands only if at least " + std::to_string(ballot.quorum) + " ballots are cast.");
    if (ballot.kind == BallotKind::Motion)
        rules.push_back(c ? "弃权票和未作选择的选票都计入投票总数。"
                          : "Abstentions and blank ballots count towards the ballots cast.");
    if (ballot.kind == BallotKind::Survey && !ballot.codes_required)
        rules.push_back(c ? "不记名调查，不具约束力。" : "Anonymous survey, not binding.");
    return rules;
}

std::string outcome_in_words(const BallotDefinition& ballot, const BallotCount& count, Language language)
{
    const bool c = zh(language);
    const std::string cast = std::to_string(count.cast);
    if (ballot.kind == BallotKind::Survey)
        return c ? "共收回 " + cast + " 份。" : cast + " responses.";
    if (!count.quorum_met)
        return c ? "投票总数 " + cast + " 票，不足 " + std::to_string(ballot.quorum) + " 票，结果无效。"
                 : cast + " ballots cast, fewer than the " + std::to_string(ballot.quorum) +
                       " needed: the result does not stand.";
    if (ballot.kind == BallotKind::Motion) {
        const int64_t yes = count.questions.at(0).options.at(0).votes;
        const bool passed = count.outcome == BallotOutcome::Passed;
        const std::string rule = threshold_phrase(ballot.threshold, language);
        return c ? "赞成 " + std::to_string(yes) + " 票，占投票总数 " + cast + " 票的 " + percent(yes, count.cast) + "，" +
                       (passed ? "" : "未") + rule + "，" + (passed ? "通过。" : "未通过。")
                 : std::to_string(yes) + " for out of " + cast + " ballots cast (" + percent(yes, count.cast) + "): " +
                       (passed ? "" : "not ") + rule + ", " + (passed ? "passed." : "not passed.");
    }
    auto with_votes = [&](const std::vector<std::string>& labels) {
        std::vector<std::string> out;
        for (const auto& label : labels)
            for (const auto& option : count.questions.at(0).options)
                if (option.label == label)
                    out.push_back(c ? label + "（" + std::to_string(option.votes) + " 票）"
                                    : label + " (" + std::to_string(option.votes) + ")");
        return out;
    };
    std::string text;
    if (!count.elected.empty())
        text = c ? "当选：" + join(with_votes(count.elected), "、") + "。" : "Elected: " + join(with_votes(count.elected), ", ") + ".";
    if (count.outcome == BallotOutcome::Tie)
        text += c ? "平票：" + join(with_votes(count.tied), "、") + "，最后的名额未决出。"
                  : (text.empty() ? "" : " ") + std::string("Tied: ") + join(with_votes(count.tied), ", ") +
                        "; the last seat is undecided.";
    if (text.empty()) text = c ? "没有人得票，无人当选。" : "No votes: nobody is elected.";
    return text;
}

}  // namespace linli
