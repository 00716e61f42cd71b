// ballots/<id>.toml: ballot definitions (INTERFACES.md §3). Checked strictly, because a ballot
// that opens with a wrong option list or threshold cannot be fixed afterwards.
#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "content/toml_fields.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace linli::content {

namespace {

constexpr int64_t k_max_ballot_bytes = 1024 * 1024;

constexpr std::string_view k_ballot_keys[] = {"title",     "kind",   "options", "max_choices", "seats",
                                              "questions", "opens",  "closes",  "codes",       "quorum",
                                              "threshold", "description", "candidates"};
constexpr std::string_view k_kinds[] = {"motion", "single", "multi", "survey"};
constexpr BallotKind k_kind_values[] = {BallotKind::Motion, BallotKind::Single, BallotKind::Multi,
                                        BallotKind::Survey};
constexpr size_t k_max_options = 50;
constexpr size_t k_max_questions = 30;
constexpr size_t k_max_bio_chars = 300;

std::string one_of(std::span<const std::string_view> values)
{
    std::string out;
    for (std::string_view v : values)
        out += (out.empty() ? "" : " | ") + std::string(v);
    return out;
}

// ">1/2", ">=2/3", or a bare fraction: "1/2" means more than half, any other bare one "at least"
// (INTERFACES.md §3). 0 < num <= den <= 1000.
std::optional<Threshold> parse_threshold(std::string_view text)
{
    Threshold t;
    bool explicit_rule = false;
    if (text.starts_with(">=")) {
        t.at_least = explicit_rule = true;
        text.remove_prefix(2);
    } else if (text.starts_with(">")) {
        explicit_rule = true;
        text.remove_prefix(1);
    }
    size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    auto part = [](std::string_view s, int& out) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && end == s.data() + s.size() && !s.empty();
    };
    if (!part(text.substr(0, slash), t.num) || !part(text.substr(slash + 1), t.den) || t.num <= 0 || t.den <= 0 ||
        t.num > t.den || t.den > 1000)
        return std::nullopt;
    if (!explicit_rule) t.at_least = !(t.num * 2 == t.den);
    return t;
}

// A date without a time of day: `closes = 2026-12-31` closes at the end of that day, as residents
// read "截止 12月31日"; `opens` at its start.
bool date_only(const toml::node* node)
{
    if (!node) return false;
    if (node->is_date()) return true;
    const auto* text = node->as_string();
    return text && text->get().size() == 10;
}

void check_options(TomlFields& f, const std::vector<std::string>& options, std::string_view key, int line)
{
    std::set<std::string> seen;
    for (const std::string& option : options) {
        if (option.empty())
            f.problem(line, std::string(key) + " 中有空的选项", std::string(key) + " has an empty option");
        else if (!seen.insert(option).second)
            f.problem(line, std::string(key) + " 中 " + shown_value(option) + " 出现了两次",
                      std::string(key) + " lists " + shown_value(option) + " twice");
    }
    if (options.size() > k_max_options)
        f.problem(line, std::string(key) + " 最多 " + std::to_string(k_max_options) + " 项",
                  std::string(key) + " may have at most " + std::to_string(k_max_options) + " entries");
}

void read_questions(TomlFields& f, BallotDefinition& ballot)
{
    constexpr std::string_view k_question_keys[] = {"text", "kind", "options", "max_choices"};
    constexpr std::string_view k_question_kinds[] = {"single", "multi", "scale"};
    constexpr QuestionKind k_question_values[] = {QuestionKind::Single, QuestionKind::Multi, QuestionKind::Scale};
    for (const toml::table* t : f.table_list("questions", true)) {
        TomlFields q(f.diagnostics(), f.file(), *t, f.line_offset(), f.line_of(*t));
        q.check_keys(k_question_keys);
        BallotQuestion question;
        question.text = q.text("text", true).value_or("");
        bool known = false;
        if (auto kind = q.text("kind", true)) {
            for (size_t i = 0; i < std::size(k_question_kinds); ++i)
                if (*kind == k_question_kinds[i]) {
                    question.kind = k_question_values[i];
                    known = true;
                }
            if (!known)
                q.problem(q.line("kind"), "kind 应为 " + one_of(k_question_kinds) + " 之一，而不是 " + shown_value(*kind),
                          "kind must be one of " + one_of(k_question_kinds) + ", not " + shown_value(*kind));
        }
        question.options = q.text_list("options").value_or(std::vector<std::string>{});
        if (known && question.kind == QuestionKind::Scale) {
            if (q.has("options"))
                q.problem(q.line("options"), "kind = \"scale\" 的问题不写 options（固定为 1 到 5 分）",
                          "a kind = \"scale\" question has no options (it is always 1 to 5)");
        } else if (known) {
            if (question.options.size() < 2)
                q.problem(q.line("options"), "选择题至少要有两个 options", "a choice question needs at least two options");
            check_options(q, question.options, "options", q.line("options"));
        }
        question.max_choices = question.kind == QuestionKind::Multi ? int(question.options.size()) : 1;
        if (auto max = q.integer("max_choices")) {
            if (question.kind != QuestionKind::Multi)
                q.problem(q.line("max_choices"), "max_choices 只用于 kind = \"multi\" 的问题",
                          "max_choices is only for kind = \"multi\" questions");
            else if (*max < 1 || *max > int64_t(question.options.size()))
                q.problem(q.line("max_choices"), "max_choices 应在 1 到选项数 " + std::to_string(question.options.size()) + " 之间",
                          "max_choices must be from 1 to the number of options (" + std::to_string(question.options.size()) + ")");
            else
                question.max_choices = int(*max);
        }
        ballot.questions.push_back(std::move(question));
    }
    if (f.has("questions") && ballot.questions.empty())
        f.problem(f.line("questions"), "questions 不能为空", "questions must not be empty");
    if (ballot.questions.size() > k_max_questions)
        f.problem(f.line("questions"), "questions 最多 " + std::to_string(k_max_questions) + " 个",
                  "questions may have at most " + std::to_string(k_max_questions) + " entries");
}

// [[candidates]] name, photo, bio: each name is one of the options (or, without options, the
// candidates are the options, in their order).
void read_candidates(TomlFields& f, const MediaIndex& media, BallotDefinition& ballot)
{
    constexpr std::string_view k_candidate_keys[] = {"name", "photo", "bio"};
    const bool options_given = f.has("options");
    std::set<std::string> named;
    for (const toml::table* t : f.table_list("candidates")) {
        TomlFields c(f.diagnostics(), f.file(), *t, f.line_offset(), f.line_of(*t));
        c.check_keys(k_candidate_keys);
        Candidate candidate;
        candidate.name = c.text("name", true).value_or("");
        candidate.photo = c.text("photo").value_or("");
        candidate.bio = c.bounded_text("bio", k_max_bio_chars).value_or("");
        if (!candidate.photo.empty())
            check_media_reference(f.diagnostics(), f.file(), c.line("photo"), media, candidate.photo);
        if (candidate.name.empty()) continue;
        if (!named.insert(candidate.name).second) {
            c.problem(c.line("name"), "候选人 " + shown_value(candidate.name) + " 写了两次",
                      "candidate " + shown_value(candidate.name) + " is described twice");
            continue;
        }
        if (options_given && std::find(ballot.options.begin(), ballot.options.end(), candidate.name) == ballot.options.end())
            c.problem(c.line("name"), "候选人 " + shown_value(candidate.name) + " 不在 options 中",
                      "candidate " + shown_value(candidate.name) + " is not one of the options");
        if (!options_given) ballot.options.push_back(candidate.name);
        ballot.candidates.push_back(std::move(candidate));
    }
}

void read_kind_rules(TomlFields& f, const MediaIndex& media, BallotDefinition& ballot)
{
    const bool election = ballot.is_election();
    ballot.options = f.text_list("options").value_or(std::vector<std::string>{});
    if (f.has("candidates")) {
        if (election) read_candidates(f, media, ballot);
        else f.problem(f.line("candidates"), "candidates 只用于 kind = \"single\" 或 \"multi\"",
                       "candidates is only for kind = \"single\" or \"multi\"");
    }
    if (election) {
        if (ballot.options.size() < 2)
            f.problem(f.line("options"), "至少要有两个 options", "needs at least two options");
        check_options(f, ballot.options, "options", f.line("options"));
    } else if (f.has("options")) {
        f.problem(f.line("options"),
                  ballot.kind == BallotKind::Motion ? "motion 的选项固定为 赞成 / 反对 / 弃权，不写 options"
                                                    : "survey 的选项写在各个 questions 中",
                  ballot.kind == BallotKind::Motion ? "a motion's options are always 赞成 / 反对 / 弃权: leave options out"
                                                    : "a survey's options belong to its questions");
    }
    if (ballot.kind == BallotKind::Survey)
        read_questions(f, ballot);
    else if (f.has("questions"))
        f.problem(f.line("questions"), "questions 只用于 kind = \"survey\"", "questions is only for kind = \"survey\"");
    if (auto max = f.integer("max_choices", ballot.kind == BallotKind::Multi)) {
        if (ballot.kind != BallotKind::Multi)
            f.problem(f.line("max_choices"), "max_choices 只用于 kind = \"multi\"", "max_choices is only for kind = \"multi\"");
        else if (*max < 1 || *max > static_cast<int64_t>(ballot.options.size()))
            f.problem(f.line("max_choices"), "max_choices 应在 1 到选项数 " + std::to_string(ballot.options.size()) + " 之间",
                      "max_choices must be from 1 to the number of options (" + std::to_string(ballot.options.size()) + ")");
        else
            ballot.max_choices = static_cast<int>(*max);
    }
    ballot.seats = ballot.kind == BallotKind::Multi ? ballot.max_choices : 1;
    if (auto seats = f.integer("seats")) {
        if (!election)
            f.problem(f.line("seats"), "seats 只用于 kind = \"single\" 或 \"multi\"", "seats is only for kind = \"single\" or \"multi\"");
        else if (*seats < 1 || *seats >= static_cast<int64_t>(std::max<size_t>(ballot.options.size(), 2)))
            f.problem(f.line("seats"), "seats 应在 1 到选项数减一 " + std::to_string(ballot.options.size() - 1) + " 之间",
                      "seats must be from 1 to one less than the number of options (" +
                          std::to_string(ballot.options.size() - 1) + ")");
        else
            ballot.seats = static_cast<int>(*seats);
    }
    if (auto threshold = f.text("threshold")) {
        if (ballot.kind != BallotKind::Motion)
            f.problem(f.line("threshold"), "threshold 只用于 kind = \"motion\"", "threshold is only for kind = \"motion\"");
        else if (auto parsed = parse_threshold(*threshold))
            ballot.threshold = *parsed;
        else
            f.problem(f.line("threshold"), "threshold 应写作 \">1/2\"（超过一半）或 \">=2/3\"（达到三分之二），而不是 " + shown_value(*threshold),
                      "threshold must be written like \">1/2\" (more than half) or \">=2/3\" (at least two thirds), not " +
                          shown_value(*threshold));
    }
}

void read_ballot(TomlFields& f, const MediaIndex& media, BallotDefinition& ballot)
{
    f.check_keys(k_ballot_keys);
    ballot.title = f.text("title", true).value_or("");
    ballot.description = f.text("description").value_or("");
    bool kind_known = false;
    if (auto kind = f.text("kind", true)) {
        for (size_t i = 0; i < std::size(k_kinds); ++i) {
            if (*kind == k_kinds[i]) {
                ballot.kind = k_kind_values[i];
                kind_known = true;
            }
        }
        if (!kind_known)
            f.problem(f.line("kind"), "kind 应为 " + one_of(k_kinds) + " 之一，而不是 " + shown_value(*kind),
                      "kind must be one of " + one_of(k_kinds) + ", not " + shown_value(*kind));
    }
    if (kind_known) read_kind_rules(f, media, ballot);
    auto opens = f.time("opens", true);
    auto closes = f.time("closes", true);
    ballot.opens_s = opens.value_or(0);
    ballot.closes_s = closes.value_or(0);
    if (closes && date_only(f.node("closes"))) ballot.closes_s += 24 * 3600;
    if (opens && closes && ballot.closes_s <= ballot.opens_s)
        f.problem(f.line("closes"), "closes 必须晚于 opens", "closes must be after opens");
    constexpr std::string_view k_codes[] = {"required", "none"};
    // Codes are the rule: only a survey may go without (it is then not binding).
    ballot.codes_required = true;
    if (auto codes = f.text("codes")) {
        if (*codes == "none" && kind_known && ballot.kind != BallotKind::Survey)
            f.problem(f.line("codes"), "只有 kind = \"survey\" 的调查可以不用投票码（codes = \"none\"）",
                      "only a kind = \"survey\" may go without voting codes (codes = \"none\")");
        else if (*codes == "none")
            ballot.codes_required = false;
        else if (*codes != "required")
            f.problem(f.line("codes"), "codes 应为 " + one_of(k_codes) + " 之一，而不是 " + shown_value(*codes),
                      "codes must be one of " + one_of(k_codes) + ", not " + shown_value(*codes));
    }
    if (auto quorum = f.integer("quorum")) {
        if (*quorum < 0 || *quorum > 1'000'000)
            f.problem(f.line("quorum"), "quorum 应为不小于 0 的整数", "quorum must be a whole number of at least 0");
        else
            ballot.quorum = static_cast<int>(*quorum);
    }
}

}  // namespace

void parse_ballot_text(Diagnostics& d, const MediaIndex& media, const std::string& rel, std::string_view bytes,
                       ContentSet& content)
{
    std::optional<toml::table> table = parse_toml_file(d, rel, bytes);
    if (!table)
        return;
    TomlFields f(d, rel, *table, 0, 1);
    BallotDefinition ballot;
    ballot.id = file_stem(rel);
    read_ballot(f, media, ballot);
    content.ballots.push_back(std::move(ballot));
}

void load_ballots(ContentFolder& folder, const MediaIndex& media, ContentSet& content)
{
    for (const std::string& rel : kind_files(folder, "ballots", ".toml"))
        if (std::optional<std::string> bytes = folder.read(rel, k_max_ballot_bytes))
            parse_ballot_text(folder.diagnostics(), media, rel, *bytes, content);
}

}  // namespace linli::content
