// ballots/<id>.toml: ballot definitions (voting itself is the ballots issue). Checked strictly,
// because a ballot that opens with a wrong option list or threshold cannot be fixed afterwards.
#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "content/toml_fields.hpp"

#include <charconv>

namespace linli::content {

namespace {

constexpr int64_t k_max_ballot_bytes = 1024 * 1024;

constexpr std::string_view k_ballot_keys[] = {"title",  "kind",  "options", "max_choices", "questions", "opens",
                                              "closes", "codes", "quorum",  "threshold",   "description"};
constexpr std::string_view k_kinds[] = {"motion", "single", "multi", "survey"};
constexpr BallotKind k_kind_values[] = {BallotKind::Motion, BallotKind::Single, BallotKind::Multi,
                                        BallotKind::Survey};

std::string one_of(std::span<const std::string_view> values)
{
    std::string out;
    for (std::string_view v : values)
        out += (out.empty() ? "" : " | ") + std::string(v);
    return out;
}

// "2/3" -> 2, 3 with 0 < num <= den.
bool parse_threshold(std::string_view text, int& num, int& den)
{
    size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return false;
    auto part = [](std::string_view s, int& out) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && end == s.data() + s.size() && !s.empty();
    };
    return part(text.substr(0, slash), num) && part(text.substr(slash + 1), den) && num > 0 && den > 0 &&
           num <= den && den <= 1000;
}

void read_questions(TomlFields& f, BallotDefinition& ballot)
{
    constexpr std::string_view k_question_keys[] = {"text", "kind", "options"};
    constexpr std::string_view k_question_kinds[] = {"single", "multi", "text"};
    for (const toml::table* t : f.table_list("questions", true)) {
        TomlFields q(f.diagnostics(), f.file(), *t, f.line_offset(), f.line_of(*t));
        q.check_keys(k_question_keys);
        SurveyQuestion question;
        question.text = q.text("text", true).value_or("");
        if (auto kind = q.text("kind", true)) {
            bool known = false;
            for (std::string_view k : k_question_kinds)
                known = known || *kind == k;
            if (known)
                question.kind = *kind;
            else
                q.problem(q.line("kind"), "kind 应为 " + one_of(k_question_kinds) + " 之一，而不是 " + shown_value(*kind),
                          "kind must be one of " + one_of(k_question_kinds) + ", not " + shown_value(*kind));
        }
        question.options = q.text_list("options").value_or(std::vector<std::string>{});
        if (question.kind != "text" && !question.kind.empty() && question.options.size() < 2)
            q.problem(q.line("options"), "选择题至少要有两个 options", "a choice question needs at least two options");
        ballot.questions.push_back(std::move(question));
    }
    if (f.has("questions") && ballot.questions.empty())
        f.problem(f.line("questions"), "questions 不能为空", "questions must not be empty");
}

void read_ballot(TomlFields& f, BallotDefinition& ballot)
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
    ballot.options = f.text_list("options").value_or(std::vector<std::string>{});
    if (kind_known) {
        bool choices = ballot.kind == BallotKind::Single || ballot.kind == BallotKind::Multi;
        if (choices && ballot.options.size() < 2)
            f.problem(f.line("options"), "至少要有两个 options", "needs at least two options");
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
        if (auto threshold = f.text("threshold")) {
            if (ballot.kind != BallotKind::Motion)
                f.problem(f.line("threshold"), "threshold 只用于 kind = \"motion\"", "threshold is only for kind = \"motion\"");
            else if (!parse_threshold(*threshold, ballot.threshold_num, ballot.threshold_den))
                f.problem(f.line("threshold"), "threshold 应写作 \"1/2\" 或 \"2/3\"，而不是 " + shown_value(*threshold),
                          "threshold must be written like \"1/2\" or \"2/3\", not " + shown_value(*threshold));
        }
    }
    auto opens = f.time("opens", true);
    auto closes = f.time("closes", true);
    ballot.opens_s = opens.value_or(0);
    ballot.closes_s = closes.value_or(0);
    if (opens && closes && *closes <= *opens)
        f.problem(f.line("closes"), "closes 必须晚于 opens", "closes must be after opens");
    constexpr std::string_view k_codes[] = {"required", "none"};
    if (auto codes = f.text("codes")) {
        if (*codes == "required")
            ballot.codes_required = true;
        else if (*codes != "none")
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

void parse_ballot_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content)
{
    int bad_line = 0;
    std::optional<std::string> text = decode_utf8_text(bytes, bad_line);
    if (!text) {
        d.add(rel, bad_line, "不是有效的 UTF-8 文本（请用 UTF-8 编码保存）", "invalid UTF-8 (save the file as UTF-8)");
        return;
    }
    std::optional<toml::table> table = parse_toml(d, rel, *text, 0);
    if (!table)
        return;
    TomlFields f(d, rel, *table, 0, 1);
    BallotDefinition ballot;
    ballot.id = file_stem(rel);
    read_ballot(f, ballot);
    content.ballots.push_back(std::move(ballot));
}

void load_ballots(ContentFolder& folder, ContentSet& content)
{
    for (const std::string& rel : kind_files(folder, "ballots", ".toml"))
        if (std::optional<std::string> bytes = folder.read(rel, k_max_ballot_bytes))
            parse_ballot_text(folder.diagnostics(), rel, *bytes, content);
}

}  // namespace linli::content
