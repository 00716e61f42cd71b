// The console's ballot editor: top-level keys edited in place (toml_lines), the arrays of tables
// ([[candidates]], [[questions]]) written anew only when they changed.
#include "content/ballot_edit.hpp"

#include "content/loaders.hpp"
#include "content/toml_lines.hpp"

#include <algorithm>
#include <regex>

namespace linli::content {

namespace {

using namespace toml_lines;

// The top-level keys, in the order a new file lists them.
constexpr std::string_view k_ballot_form_keys[] = {"title",  "kind",   "description", "options", "max_choices", "seats",
                                                   "opens",  "closes", "codes",       "quorum",  "threshold"};

bool is_election(const std::string& kind) { return kind == "single" || kind == "multi"; }

std::string number_text(const toml::node* node)
{
    if (!node) return {};
    if (auto n = node->value<int64_t>()) return std::to_string(*n);
    return node->value<std::string>().value_or("");
}

std::vector<std::string> text_list(const toml::node* node)
{
    std::vector<std::string> out;
    if (const toml::array* array = node ? node->as_array() : nullptr)
        for (const auto& item : *array)
            if (auto text = item.value<std::string>()) out.push_back(*text);
    return out;
}

// The name of the array of tables a [[header]] line opens ("candidates"), or "".
std::string array_table_of(std::string_view line)
{
    static const std::regex k_header(R"(^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\])");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(line.begin(), line.end(), m, k_header)) return m[1].str();
    return {};
}

// A table of the file after the top-level keys: its header line and the line after its last.
struct Block {
    std::string name;  // "candidates", "questions", or another table's name
    size_t begin = 0, end = 0;
};
std::vector<Block> blocks_of(const std::vector<std::string>& lines, size_t top_end)
{
    std::vector<Block> out;
    for (size_t i = top_end; i < lines.size(); ++i) {
        if (is_header(lines[i])) {
            if (!out.empty()) out.back().end = i;
            out.push_back({array_table_of(lines[i]), i, lines.size()});
        } else if (!key_of(lines[i]).empty()) {
            if (auto end = value_end(lines, i, lines.size())) i = *end;
        }
    }
    return out;
}

bool is_comment(std::string_view line)
{
    const size_t first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '#';
}

// Elections whose file lists no options describe every choice as a [[candidates]] table: the
// form keeps that style; otherwise options lists the choices, and only those with a photo or a
// biography get a table.
struct Style {
    bool candidates_only = false;
};

std::vector<ChoiceRow> candidate_rows(const BallotFields& f, Style style)
{
    std::vector<ChoiceRow> out;
    if (!is_election(f.kind)) return out;
    for (const ChoiceRow& c : f.choices)
        if (style.candidates_only || !c.photo.empty() || !c.bio.empty()) out.push_back(c);
    return out;
}

std::string candidate_block(const ChoiceRow& c)
{
    std::string out = "\n[[candidates]]\nname = " + string_value(c.name) + "\n";
    if (!c.photo.empty()) out += "photo = " + string_value(c.photo) + "\n";
    if (!c.bio.empty()) out += "bio = " + string_value(c.bio) + "\n";
    return out;
}

std::string question_block(const QuestionRow& q)
{
    std::string out = "\n[[questions]]\ntext = " + string_value(q.text) + "\nkind = " + string_value(q.kind) + "\n";
    if (!q.options.empty()) out += "options = " + list_value(q.options) + "\n";
    if (!q.max_choices.empty()) out += "max_choices = " + number_value(q.max_choices) + "\n";
    return out;
}

std::optional<std::string> key_line(std::string_view key, const BallotFields& f, Style style)
{
    auto line = [&](const std::string& value) { return std::string(key) + " = " + value; };
    auto text = [&](const std::string& value) -> std::optional<std::string> {
        if (value.empty()) return std::nullopt;
        return line(key == "opens" || key == "closes"                                    ? time_value(value)
                    : key == "quorum" || key == "max_choices" || key == "seats" ? number_value(value)
                                                                                        : string_value(value));
    };
    if (key == "options") {
        if (!is_election(f.kind) || style.candidates_only || f.choices.empty()) return std::nullopt;
        std::vector<std::string> names;
        for (const ChoiceRow& c : f.choices) names.push_back(c.name);
        return line(list_value(names));
    }
    if (key == "title") return text(f.title);
    if (key == "kind") return text(f.kind);
    if (key == "description") return text(f.description);
    if (key == "max_choices") return text(f.max_choices);
    if (key == "seats") return text(f.seats);
    if (key == "opens") return text(f.opens);
    if (key == "closes") return text(f.closes);
    if (key == "codes") return text(f.codes);
    if (key == "quorum") return text(f.quorum);
    return text(f.threshold);
}

std::string fresh_text(const BallotFields& f)
{
    std::string out;
    for (std::string_view key : k_ballot_form_keys)
        if (auto line = key_line(key, f, {})) out += *line + "\n";
    for (const ChoiceRow& c : candidate_rows(f, {})) out += candidate_block(c);
    if (f.kind == "survey")
        for (const QuestionRow& q : f.questions) out += question_block(q);
    return out;
}

// Replaces the arrays of tables `name` (written as [[name]] blocks, or as an inline `name = [...]`
// among the top-level keys) by `text` at the end of the file. Whether comments were among them.
bool replace_tables(std::vector<std::string>& lines, size_t& top_end, std::string_view name, const std::string& text)
{
    bool lost = false;
    for (size_t i = 0; i < top_end; ++i)
        if (key_of(lines[i]) == name) {
            const size_t last = value_end(lines, i, top_end).value_or(i);
            for (size_t k = i; k <= last; ++k) lost = lost || lines[k].find('#') != std::string::npos;
            lines.erase(lines.begin() + long(i), lines.begin() + long(last) + 1);
            top_end -= last - i + 1;
            break;
        }
    const auto blocks = blocks_of(lines, top_end);
    for (auto b = blocks.rbegin(); b != blocks.rend(); ++b) {
        if (b->name != name) continue;
        for (size_t k = b->begin; k < b->end; ++k) lost = lost || is_comment(lines[k]);
        lines.erase(lines.begin() + long(b->begin), lines.begin() + long(b->end));
    }
    // The blank lines left where the tables were at the end of the file go with them.
    while (lines.size() > top_end && lines.back().find_first_not_of(" \t\n") == std::string::npos) lines.pop_back();
    if (!lines.empty() && !lines.back().ends_with('\n')) lines.back() += '\n';
    if (!text.empty()) lines.push_back(lines.empty() ? text.substr(1) : text);
    return lost;
}

// The form's fields of a parsed ballot file.
BallotFields fields_of(const toml::table& table)
{
    BallotFields f;
    f.title = text_at(table, "title");
    f.kind = text_at(table, "kind");
    f.description = text_at(table, "description");
    f.codes = text_at(table, "codes");
    f.threshold = text_at(table, "threshold");
    if (auto* node = table.get("opens")) f.opens = time_text(*node);
    if (auto* node = table.get("closes")) f.closes = time_text(*node);
    f.quorum = number_text(table.get("quorum"));
    f.max_choices = number_text(table.get("max_choices"));
    f.seats = number_text(table.get("seats"));
    for (const std::string& option : text_list(table.get("options"))) f.choices.push_back({option, "", ""});
    if (const toml::array* candidates = table["candidates"].as_array())
        for (const auto& item : *candidates) {
            const toml::table* t = item.as_table();
            if (!t) continue;
            ChoiceRow c{(*t)["name"].value<std::string>().value_or(""), (*t)["photo"].value<std::string>().value_or(""),
                        (*t)["bio"].value<std::string>().value_or("")};
            auto same = std::find_if(f.choices.begin(), f.choices.end(), [&](const ChoiceRow& r) { return r.name == c.name; });
            if (same != f.choices.end() && same->photo.empty() && same->bio.empty()) *same = c;
            else f.choices.push_back(c);  // not among the options: shown, so the check's problem can be mended
        }
    if (const toml::array* questions = table["questions"].as_array())
        for (const auto& item : *questions) {
            const toml::table* t = item.as_table();
            if (!t) continue;
            f.questions.push_back({(*t)["text"].value<std::string>().value_or(""), (*t)["kind"].value<std::string>().value_or(""),
                                   number_text(t->get("max_choices")), text_list(t->get("options"))});
        }
    return f;
}

}  // namespace

std::optional<BallotFields> read_ballot_fields(std::string_view raw)
{
    Newlines n;
    const auto table = parsed(plain(raw, n));
    if (!table) return std::nullopt;
    return fields_of(*table);
}

EditedItem write_ballot_fields(std::string_view raw, const BallotFields& f)
{
    Newlines n;
    const std::string text = plain(raw, n);
    const auto table = parsed(text);
    if (text.find_first_not_of(" \t\n") == std::string::npos || !table) return {restored(fresh_text(f), n), !text.empty()};
    const BallotFields current = fields_of(*table);
    std::vector<std::string> lines = lines_of(text);
    size_t top_end = top_level_end(lines, 0, lines.size());
    // New keys go after the last key, not after the blank lines that set the tables apart.
    while (top_end > 0 && lines[top_end - 1].find_first_not_of(" \t\n") == std::string::npos) --top_end;
    const Style style{!table->contains("options") && table->contains("candidates")};
    const bool edited = set_keys(
        lines, top_end, k_ballot_form_keys, [&](std::string_view key, bool) { return key_line(key, f, style); },
        [&](std::string_view key, bool) { return key_line(key, current, style); });
    if (!edited) return {restored(fresh_text(f), n), true};
    bool lost = false;
    const auto candidates = candidate_rows(f, style);
    if (candidates != candidate_rows(current, style)) {
        std::string blocks;
        for (const ChoiceRow& c : candidates) blocks += candidate_block(c);
        lost = replace_tables(lines, top_end, "candidates", blocks) || lost;
    }
    const std::vector<QuestionRow> questions = f.kind == "survey" ? f.questions : std::vector<QuestionRow>{};
    if (questions != current.questions) {
        std::string blocks;
        for (const QuestionRow& q : questions) blocks += question_block(q);
        lost = replace_tables(lines, top_end, "questions", blocks) || lost;
    }
    std::string out;
    for (const auto& l : lines) out += l;
    return {restored(out, n), lost};
}

bool ballot_edit_loses_comments(std::string_view raw)
{
    Newlines n;
    const auto lines = lines_of(plain(raw, n));
    for (const Block& b : blocks_of(lines, top_level_end(lines, 0, lines.size())))
        if (b.name == "candidates" || b.name == "questions")
            for (size_t k = b.begin; k < b.end; ++k)
                if (is_comment(lines[k])) return true;
    return false;
}

std::vector<Diagnostic> check_ballot_text(const std::string& dir, const std::string& rel, std::string_view text,
                                          Language messages)
{
    Diagnostics d(messages);
    ContentSet content;
    parse_ballot_text(d, media_of_folder(dir, messages), rel, text, content);
    return d.take_sorted();
}

std::string ballot_field_at_line(std::string_view raw, int line)
{
    Newlines n;
    const auto lines = lines_of(plain(raw, n));
    if (line < 1 || size_t(line) > lines.size()) return {};
    const size_t i = size_t(line - 1);
    const size_t top_end = top_level_end(lines, 0, lines.size());
    auto shown = [](const std::string& key) { return key == "options" || key == "candidates" ? std::string("choices") : key; };
    if (i < top_end) {
        for (size_t k = 0; k <= i; ++k) {
            if (key_of(lines[k]).empty()) continue;
            const size_t end = value_end(lines, k, top_end).value_or(k);
            if (i <= end) return shown(key_of(lines[k]));
            k = end;
        }
        return {};
    }
    int question = 0;
    for (const Block& b : blocks_of(lines, top_end)) {
        if (i >= b.begin && i < b.end) {
            if (b.name == "candidates") return "choices";
            if (b.name == "questions") return "questions." + std::to_string(question);
            return {};
        }
        question += b.name == "questions";
    }
    return {};
}

}  // namespace linli::content
