// The console's item editor. Front matter is edited line by line, not parsed and written back:
// a TOML library would drop the comments and reorder the keys an administrator wrote by hand.
#include "content/item_edit.hpp"

#include "content/front_matter.hpp"
#include "content/loaders.hpp"
#include "content/paths.hpp"

#include <toml++/toml.h>

#include <array>
#include <cstdio>
#include <regex>

namespace linli::content {

namespace {

// The keys the form edits, in the order a new file lists them.
constexpr std::array<std::string_view, 8> k_form_keys = {"title",  "category", "publish", "expire",
                                                         "urgent", "pinned",   "qr_url",  "qr_label"};

// The key a front matter line sets at the top level ("title = ..." -> "title"), or "".
std::string key_of(std::string_view line)
{
    static const std::regex k_key(R"(^\s*([A-Za-z0-9_-]+)\s*=)");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(line.begin(), line.end(), m, k_key)) return m[1].str();
    return {};
}

// A value that does not end on its line (a multi-line string or array) cannot be replaced in place.
bool spans_lines(std::string_view line)
{
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view value = line.substr(eq + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    if (value.starts_with("\"\"\"") || value.starts_with("'''")) return true;
    if (value.starts_with("[")) {
        int depth = 0;
        for (char c : value) depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        return depth > 0;
    }
    return false;
}

// Whether a line already sets this value (then it stays as it is, with its trailing comment).
bool same_value(std::string_view line, std::string_view value)
{
    std::string_view old = line.substr(line.find('=') + 1);
    while (!old.empty() && (old.front() == ' ' || old.front() == '\t')) old.remove_prefix(1);
    if (!old.starts_with(value)) return false;
    old.remove_prefix(value.size());
    while (!old.empty() && (old.front() == ' ' || old.front() == '\t')) old.remove_prefix(1);
    return old.empty() || old.front() == '\n' || old.front() == '#';
}

std::string toml_string(std::string_view text)
{
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", c);
            out += esc;
        } else out += char(c);
    }
    return out + "\"";
}

// A date or date-time as TOML writes one bare ("2026-11-25", "2026-11-25T08:00:00+08:00"; the
// seconds a browser's time field leaves out are added); anything else as a string, which the
// check then names as not a valid date, at its line.
std::string toml_time(std::string_view text)
{
    static const std::regex k_date(R"(^\d{4}-\d{2}-\d{2}$)");
    static const std::regex k_minutes(R"(^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?$)");
    static const std::regex k_seconds(R"(^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$)");
    const std::string s(text);
    std::smatch m;
    if (std::regex_match(s, k_date) || std::regex_match(s, k_seconds)) return s;
    if (std::regex_match(s, m, k_minutes)) return m[1].str() + ":00" + m[2].str();
    return toml_string(text);
}

// The line for a key, or nothing when the field is empty (the key is then left out).
std::optional<std::string> field_line(std::string_view key, const ItemFields& f, bool was_there)
{
    auto text = [&](const std::string& value) -> std::optional<std::string> {
        if (value.empty()) return std::nullopt;
        return std::string(key) + " = " + (key == "publish" || key == "expire" ? toml_time(value) : toml_string(value));
    };
    auto flag = [&](bool value) -> std::optional<std::string> {
        if (!value && !was_there) return std::nullopt;
        return std::string(key) + " = " + (value ? "true" : "false");
    };
    if (key == "title") return text(f.title);
    if (key == "category") return text(f.category);
    if (key == "publish") return text(f.publish);
    if (key == "expire") return text(f.expire);
    if (key == "qr_url") return text(f.qr_url);
    if (key == "qr_label") return text(f.qr_label);
    if (key == "urgent") return flag(f.urgent);
    return flag(f.pinned);
}

std::string fresh_text(const ItemFields& f)
{
    std::string out = "+++\n";
    for (std::string_view key : k_form_keys)
        if (auto line = field_line(key, f, false)) out += *line + "\n";
    return out + "+++\n" + f.body;
}

// Where the front matter's lines are in lines_of(text): the opening fence's index and the
// closing one's, or nothing.
struct Fences {
    size_t open = 0, close = 0;
};
std::optional<Fences> find_fences(std::string_view text)
{
    FrontMatter fm = split_front_matter(text);
    if (!fm.ok) return std::nullopt;
    size_t toml_lines = 0;
    for (char c : fm.toml) toml_lines += c == '\n';
    Fences f;
    f.open = size_t(fm.toml_first_line - 2);
    f.close = f.open + 1 + toml_lines;
    return f;
}

std::string time_text(const toml::node& node)
{
    if (auto s = node.value<std::string>()) return *s;
    char text[64];
    if (auto d = node.value<toml::date>()) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", d->year, d->month, d->day);
        return text;
    }
    if (auto dt = node.value<toml::date_time>()) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", dt->date.year, dt->date.month, dt->date.day,
                      dt->time.hour, dt->time.minute, dt->time.second);
        std::string out = text;
        if (dt->offset) {
            const int minutes = dt->offset->minutes;
            if (minutes == 0) return out + "Z";
            std::snprintf(text, sizeof text, "%c%02d:%02d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
                          std::abs(minutes) % 60);
            out += text;
        }
        return out;
    }
    return {};
}

// Byte order mark and CRLF line ends (Windows editors) are taken off for editing and put back.
struct Newlines {
    bool bom = false, crlf = false;
};
std::string plain(std::string_view text, Newlines& n)
{
    if (text.starts_with("\xEF\xBB\xBF")) n.bom = true, text.remove_prefix(3);
    n.crlf = text.find("\r\n") != std::string_view::npos;
    std::string out;
    for (size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
    return out;
}
std::string restored(std::string text, const Newlines& n)
{
    if (n.crlf) {
        std::string out;
        for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
        text = std::move(out);
    }
    return n.bom ? "\xEF\xBB\xBF" + text : text;
}

}  // namespace

std::optional<ItemFields> read_item_fields(std::string_view raw)
{
    Newlines n;
    const std::string text = plain(raw, n);
    FrontMatter fm = split_front_matter(text);
    if (!fm.ok) return std::nullopt;
    toml::table table;
    try {
        table = toml::parse(fm.toml);
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    ItemFields f;
    auto text_of = [&](std::string_view key) { return table[key].value<std::string>().value_or(""); };
    f.title = text_of("title");
    f.category = text_of("category");
    f.qr_url = text_of("qr_url");
    f.qr_label = text_of("qr_label");
    if (auto* node = table.get("publish")) f.publish = time_text(*node);
    if (auto* node = table.get("expire")) f.expire = time_text(*node);
    f.urgent = table["urgent"].value<bool>().value_or(false);
    f.pinned = table["pinned"].value<bool>().value_or(false);
    f.body = fm.body;
    return f;
}

bool edit_loses_comments(std::string_view raw)
{
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences) return false;
    const auto lines = lines_of(text);
    bool blocked = false, kept = false;
    for (size_t i = fences->open + 1; i < fences->close; ++i) {
        const std::string key = key_of(lines[i]);
        bool form_key = false;
        for (std::string_view k : k_form_keys) form_key = form_key || k == key;
        if (form_key && spans_lines(lines[i])) blocked = true;
        else if (!form_key && lines[i].find_first_not_of(" \t\n") != std::string::npos) kept = true;
    }
    return blocked && kept;
}

EditedItem write_item_fields(std::string_view raw, const ItemFields& fields)
{
    ItemFields f = fields;
    if (!f.body.empty() && f.body.back() != '\n') f.body += '\n';
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences || edit_loses_comments(text)) return {restored(fresh_text(f), n), !text.empty()};
    auto lines = lines_of(text);
    std::vector<std::string> front(lines.begin() + long(fences->open) + 1, lines.begin() + long(fences->close));
    // Keys below a [table] header belong to it: the form's keys are top-level, before any.
    size_t top_end = front.size();
    for (size_t i = 0; i < front.size(); ++i)
        if (front[i].find_first_not_of(" \t") != std::string::npos && front[i][front[i].find_first_not_of(" \t")] == '[') {
            top_end = i;
            break;
        }
    for (std::string_view key : k_form_keys) {
        size_t at = top_end;
        for (size_t i = 0; i < top_end; ++i)
            if (key_of(front[i]) == key) at = i;
        const bool was_there = at < top_end;
        auto line = field_line(key, f, was_there);
        if (was_there && spans_lines(front[at])) return {restored(fresh_text(f), n), true};
        if (was_there && line) {
            if (!same_value(front[at], line->substr(line->find('=') + 2))) front[at] = *line + "\n";
        } else if (was_there) {
            front.erase(front.begin() + long(at));
            --top_end;
        } else if (line) {
            front.insert(front.begin() + long(top_end), *line + "\n");
            ++top_end;
        }
    }
    std::string out;
    for (size_t i = 0; i <= fences->open; ++i) out += lines[i];
    for (const auto& l : front) out += l;
    out += lines[fences->close];
    if (!out.ends_with('\n')) out += '\n';
    out += f.body;
    return {restored(out, n), false};
}

std::vector<Diagnostic> check_announcement_text(const std::string& dir, const std::string& rel, std::string_view text,
                                                Language messages)
{
    Diagnostics media_problems(messages);  // the folder's own, reported by check, not here
    ContentFolder folder(dir, media_problems);
    ContentSet content;
    const MediaIndex media = load_media(folder, content);
    Diagnostics d(messages);
    parse_item_text(d, media, ItemKind::Announcement, rel, text, content);
    return d.take_sorted();
}

std::string toml_quoted(std::string_view text) { return toml_string(text); }

std::vector<std::string> lines_of(std::string_view text)
{
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size() - 1;
        lines.emplace_back(text.substr(pos, end - pos + 1));
        pos = end + 1;
    }
    return lines;
}

std::string field_at_line(std::string_view raw, int line)
{
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences || line < 1) return {};
    const size_t i = size_t(line - 1);
    if (i > fences->close) return "body";
    if (i <= fences->open || i == fences->close) return {};
    return key_of(lines_of(text)[i]);
}

}  // namespace linli::content
