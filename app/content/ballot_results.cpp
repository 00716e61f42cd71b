#include "content/ballot_results.hpp"

#include "content/ballot_codes.hpp"
#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "content/toml_fields.hpp"
#include "core/codes.hpp"

#include <algorithm>
#include <filesystem>

namespace linli::content {

namespace {

constexpr int64_t k_max_results_bytes = 4 * 1024 * 1024;  // 100,000 trackers and a margin
constexpr int64_t k_max_votes = 10'000'000;

bool is_tracker(std::string_view t)
{
    return t.size() == k_receipt_code_length &&
           std::all_of(t.begin(), t.end(), [](char c) { return k_code_alphabet.find(c) != std::string_view::npos; });
}

std::optional<int64_t> count_field(TomlFields& f, std::string_view key, bool required)
{
    auto n = f.integer(key, required);
    if (n && (*n < 0 || *n > k_max_votes)) {
        f.problem(f.line(key), std::string(key) + " 应为 0 到 10000000 之间的整数", std::string(key) + " must be 0 to 10000000");
        return std::nullopt;
    }
    return n;
}

// [[question]] tables against the ballot's questions: the same texts and options, in order.
bool read_questions(Diagnostics& d, const std::string& rel, TomlFields& f, const BallotDefinition& ballot, BallotResult& r)
{
    const std::vector<BallotQuestion> expected = ballot_questions(ballot);
    const std::vector<const toml::table*> tables = f.table_list("question", true);
    bool ok = true;
    if (!tables.empty() && tables.size() != expected.size()) {
        f.problem(f.line("question"),
                  "投票有 " + std::to_string(expected.size()) + " 个问题，结果文件有 " + std::to_string(tables.size()) + " 个",
                  "the ballot has " + std::to_string(expected.size()) + " questions, this file " + std::to_string(tables.size()));
        return false;
    }
    for (size_t i = 0; i < tables.size(); ++i) {
        TomlFields q(d, rel, *tables[i], 0, f.line_of(*tables[i]));
        constexpr std::string_view k_keys[] = {"text", "unanswered", "option"};
        q.check_keys(k_keys);
        QuestionCount count;
        count.text = q.text("text", true).value_or("");
        if (q.has("text") && count.text != expected[i].text) {
            q.problem(q.line("text"), "第 " + std::to_string(i + 1) + " 个问题应为 " + shown_value(expected[i].text),
                      "question " + std::to_string(i + 1) + " must be " + shown_value(expected[i].text));
            ok = false;
        }
        count.unanswered = count_field(q, "unanswered", false).value_or(0);
        const std::vector<const toml::table*> options = q.table_list("option", true);
        if (options.size() != expected[i].options.size()) {
            q.problem(q.header_line(),
                      "这个问题有 " + std::to_string(expected[i].options.size()) + " 个选项，结果列了 " + std::to_string(options.size()) + " 个",
                      "the question has " + std::to_string(expected[i].options.size()) + " options, the result lists " +
                          std::to_string(options.size()));
            ok = false;
            continue;
        }
        int64_t votes_sum = 0;
        for (size_t k = 0; k < options.size(); ++k) {
            TomlFields o(d, rel, *options[k], 0, q.line_of(*options[k]));
            constexpr std::string_view k_option_keys[] = {"label", "votes"};
            o.check_keys(k_option_keys);
            OptionCount oc;
            oc.label = o.text("label", true).value_or("");
            if (o.has("label") && oc.label != expected[i].options[k]) {
                o.problem(o.line("label"), "第 " + std::to_string(k + 1) + " 个选项应为 " + shown_value(expected[i].options[k]),
                          "option " + std::to_string(k + 1) + " must be " + shown_value(expected[i].options[k]));
                ok = false;
            }
            auto votes = count_field(o, "votes", true);
            if (!votes) ok = false;
            oc.votes = votes.value_or(0);
            votes_sum += oc.votes;
            count.options.push_back(std::move(oc));
        }
        // Each ballot answers a single-choice question once or not at all.
        if (ok && expected[i].max_choices == 1 && votes_sum + count.unanswered != r.count.cast) {
            q.problem(q.header_line(),
                      "票数之和（" + std::to_string(votes_sum) + "）加未选择（" + std::to_string(count.unanswered) +
                          "）不等于 cast（" + std::to_string(r.count.cast) + "）",
                      "the votes (" + std::to_string(votes_sum) + ") and unanswered (" + std::to_string(count.unanswered) +
                          ") do not add up to cast (" + std::to_string(r.count.cast) + ")");
            ok = false;
        }
        r.count.questions.push_back(std::move(count));
    }
    return ok && !tables.empty();
}

}  // namespace

void parse_ballot_results_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content)
{
    const std::string ballot_id = std::filesystem::path(rel).stem().string();
    std::optional<toml::table> table = parse_toml_file(d, rel, bytes);
    if (!table) return;
    TomlFields f(d, rel, *table, 0, 1);
    constexpr std::string_view k_keys[] = {"ballot", "cast",    "outcome", "quorum_met", "elected",
                                           "tied",   "rule",    "turnout", "trackers",   "question"};
    f.check_keys(k_keys);
    const size_t problems_before = d.count();
    BallotResult r;
    r.count.ballot = f.text("ballot", true).value_or("");
    if (f.has("ballot") && r.count.ballot != ballot_id)
        f.problem(f.line("ballot"), "ballot 应为 " + shown_value(ballot_id) + "（与文件名相同）",
                  "ballot must be " + shown_value(ballot_id) + " (the file's name)");
    const auto ballot = std::find_if(content.ballots.begin(), content.ballots.end(),
                                     [&](const BallotDefinition& b) { return b.id == ballot_id; });
    if (ballot == content.ballots.end()) {
        f.problem(1, "没有编号为 " + shown_value(ballot_id) + " 的投票（ballots/" + ballot_id + ".toml）",
                  "there is no ballot " + shown_value(ballot_id) + " (ballots/" + ballot_id + ".toml)");
        return;
    }
    r.count.cast = count_field(f, "cast", true).value_or(0);
    if (!f.has("outcome")) f.text("outcome", true);  // reports it missing ("" is an outcome: surveys, elections)
    if (auto outcome = f.text("outcome")) {
        const std::pair<const char*, BallotOutcome> k_outcomes[] = {
            {"passed", BallotOutcome::Passed}, {"failed", BallotOutcome::Failed}, {"tie", BallotOutcome::Tie}, {"", BallotOutcome::None}};
        bool known = false;
        for (const auto& [key, value] : k_outcomes)
            if (*outcome == key) {
                r.count.outcome = value;
                known = true;
            }
        // Motions pass or fail; an election is passed (seats filled), failed (quorum missed, nobody
        // elected) or tied at the last seat; a survey has no outcome.
        const bool fits = known && (ballot->kind == BallotKind::Survey ? r.count.outcome == BallotOutcome::None
                                    : ballot->kind == BallotKind::Motion
                                        ? (r.count.outcome == BallotOutcome::Passed || r.count.outcome == BallotOutcome::Failed)
                                        : r.count.outcome != BallotOutcome::None);
        if (!fits)
            f.problem(f.line("outcome"),
                      "outcome " + shown_value(*outcome) + " 不适用于这项投票（表决为 passed 或 failed，选举为 passed、failed 或 tie，调查为 \"\"）",
                      "outcome " + shown_value(*outcome) +
                          " does not fit this ballot (motions: passed or failed; elections: passed, failed or tie; surveys: \"\")");
    }
    r.count.quorum_met = f.flag("quorum_met").value_or(true);
    r.rule = f.text("rule").value_or("");
    auto names = [&](std::string_view key, std::vector<std::string>& out) {
        out = f.text_list(key).value_or(std::vector<std::string>{});
        for (const std::string& name : out)
            if (std::find(ballot->options.begin(), ballot->options.end(), name) == ballot->options.end())
                f.problem(f.line(key), shown_value(name) + " 不是这项投票的候选人", shown_value(name) + " is not a candidate of this ballot");
    };
    names("elected", r.count.elected);
    names("tied", r.count.tied);
    if (int64_t(r.count.elected.size()) > ballot->seats)
        f.problem(f.line("elected"), "当选人数多于名额（" + std::to_string(ballot->seats) + "）",
                  "more elected than seats (" + std::to_string(ballot->seats) + ")");
    for (const toml::table* t : f.table_list("turnout")) {
        TomlFields k(d, rel, *t, 0, f.line_of(*t));
        constexpr std::string_view k_turnout_keys[] = {"kiosk", "ballots"};
        k.check_keys(k_turnout_keys);
        KioskTurnout turnout{k.text("kiosk", true).value_or(""), count_field(k, "ballots", true).value_or(0)};
        if (k.has("kiosk") && !is_kiosk_id(turnout.kiosk))
            k.problem(k.line("kiosk"), "kiosk 不是有效的终端编号", "kiosk is not a valid kiosk id");
        r.turnout.push_back(std::move(turnout));
    }
    r.trackers = f.text_list("trackers").value_or(std::vector<std::string>{});
    for (const std::string& t : r.trackers)
        if (!is_tracker(t)) {
            f.problem(f.line("trackers"), "查询码 " + shown_value(t) + " 应为 8 个投票码字符", "tracker " + shown_value(t) + " must be 8 code characters");
            break;
        }
    std::sort(r.trackers.begin(), r.trackers.end());
    if (r.trackers.size() > size_t(r.count.cast))
        f.problem(f.line("trackers"), "查询码多于 cast 的票数", "more trackers than ballots cast");
    const bool questions_ok = read_questions(d, rel, f, *ballot, r);
    if (questions_ok && d.count() == problems_before) content.ballot_results.push_back(std::move(r));
}

void load_ballot_results(ContentFolder& folder, ContentSet& content)
{
    for (const std::string& rel : kind_files(folder, std::string(k_results_dir), ".toml"))
        if (std::optional<std::string> bytes = folder.read(rel, k_max_results_bytes))
            parse_ballot_results_text(folder.diagnostics(), rel, *bytes, content);
}

}  // namespace linli::content
