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

// The keys the form edits for every kind, in the order a new file lists them; a kind's own come
// after publish and expire.
constexpr std::array<std::string_view, 8> k_form_common_keys = {"title",  "category", "publish", "expire",
                                                           "urgent", "pinned",   "qr_url",  "qr_label"};
// Every kind may show pictures (images, paths under media/); a kind's own fields come first.
constexpr ExtraField k_announcement_extras[] = {{"images", ExtraType::List}};
constexpr ExtraField k_recruitment_extras[] = {{"deadline", ExtraType::Time},
                                        {"apply", ExtraType::Text},
                                        {"apply_url", ExtraType::Text},
                                        {"requirements", ExtraType::List},
                                        {"images", ExtraType::List}};
constexpr ExtraField k_document_extras[] = {{"kind", ExtraType::Text}, {"comment_until", ExtraType::Time}, {"images", ExtraType::List}};
constexpr ExtraField k_meeting_extras[] = {{"date", ExtraType::Time},
                                    {"location", ExtraType::Text},
                                    {"kind", ExtraType::Text},
                                    {"decisions", ExtraType::List},
                                    {"images", ExtraType::List}};

std::vector<std::string_view> form_keys(EditedKind kind)
{
    std::vector<std::string_view> keys(k_form_common_keys.begin(), k_form_common_keys.begin() + 4);
    for (const ExtraField& e : extra_fields(kind)) keys.push_back(e.key);
    keys.insert(keys.end(), k_form_common_keys.begin() + 4, k_form_common_keys.end());
    return keys;
}

std::optional<ExtraType> extra_type(EditedKind kind, std::string_view key)
{
    for (const ExtraField& e : extra_fields(kind))
        if (e.key == key) return e.type;
    return std::nullopt;
}

// The key a front matter line sets at the top level ("title = ..." -> "title"), or "".
std::string key_of(std::string_view line)
{
    static const std::regex k_key(R"(^\s*([A-Za-z0-9_-]+)\s*=)");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(line.begin(), line.end(), m, k_key)) return m[1].str();
    return {};
}

// Where an array that opens on line `at` closes: the index of its last line, brackets inside
// strings not counted; nothing when it does not close (or holds a multi-line string).
std::optional<size_t> array_end(const std::vector<std::string>& lines, size_t at, size_t limit)
{
    int depth = 0;
    bool started = false;
    for (size_t i = at; i < limit; ++i) {
        std::string_view line = lines[i];
        if (i == at) line.remove_prefix(line.find('=') + 1);
        char quote = 0;
        for (size_t k = 0; k < line.size(); ++k) {
            const char c = line[k];
            if (quote) {
                if (c == '\\' && quote == '"') ++k;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                if (line.substr(k, 3) == "\"\"\"" || line.substr(k, 3) == "'''") return std::nullopt;
                quote = c;
            } else if (c == '#') {
                break;  // a comment to the end of the line
            } else if (c == '[') {
                ++depth, started = true;
            } else if (c == ']') {
                if (--depth == 0 && started) return i;
            }
        }
    }
    return std::nullopt;
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
std::string form_time_value(std::string_view text)
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
std::optional<std::string> field_line(std::string_view key, const ItemFields& f, bool was_there, EditedKind kind)
{
    if (auto type = extra_type(kind, key)) {
        if (*type == ExtraType::List) {
            auto it = f.lists.find(std::string(key));
            if (it == f.lists.end() || it->second.empty()) return std::nullopt;
            std::string line = std::string(key) + " = [";
            for (size_t i = 0; i < it->second.size(); ++i) line += (i ? ", " : "") + toml_string(it->second[i]);
            return line + "]";
        }
        auto it = f.extra.find(std::string(key));
        if (it == f.extra.end() || it->second.empty()) return std::nullopt;
        return std::string(key) + " = " + (*type == ExtraType::Time ? form_time_value(it->second) : toml_string(it->second));
    }
    auto text = [&](const std::string& value) -> std::optional<std::string> {
        if (value.empty()) return std::nullopt;
        return std::string(key) + " = " + (key == "publish" || key == "expire" ? form_time_value(value) : toml_string(value));
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

std::string fresh_text(const ItemFields& f, EditedKind kind)
{
    std::string out = "+++\n";
    for (std::string_view key : form_keys(kind))
        if (auto line = field_line(key, f, false, kind)) out += *line + "\n";
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

std::span<const ExtraField> extra_fields(EditedKind kind)
{
    switch (kind) {
    case EditedKind::Announcement: return k_announcement_extras;
    case EditedKind::Recruitment: return k_recruitment_extras;
    case EditedKind::Document: return k_document_extras;
    case EditedKind::Meeting: return k_meeting_extras;
    }
    return {};
}

std::optional<ItemFields> read_item_fields(std::string_view raw, EditedKind kind)
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
    for (const ExtraField& e : extra_fields(kind)) {
        const toml::node* node = table.get(e.key);
        if (!node) continue;
        if (e.type == ExtraType::List) {
            std::vector<std::string> items;
            if (const toml::array* array = node->as_array())
                for (const auto& item : *array)
                    if (auto text = item.value<std::string>()) items.push_back(*text);
            f.lists[std::string(e.key)] = std::move(items);
        } else {
            f.extra[std::string(e.key)] = e.type == ExtraType::Time ? time_text(*node) : node->value<std::string>().value_or("");
        }
    }
    f.body = fm.body;
    return f;
}

bool edit_loses_comments(std::string_view raw, EditedKind kind)
{
    const std::vector<std::string_view> keys = form_keys(kind);
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences) return false;
    const auto lines = lines_of(text);
    bool blocked = false, kept = false;
    for (size_t i = fences->open + 1; i < fences->close; ++i) {
        const std::string key = key_of(lines[i]);
        bool form_key = false;
        for (std::string_view k : keys) form_key = form_key || k == key;
        if (form_key && spans_lines(lines[i])) {
            // An array over several lines is edited in place; a multi-line string is not.
            if (auto end = array_end(lines, i, fences->close)) i = *end;
            else blocked = true;
        } else if (!form_key && lines[i].find_first_not_of(" \t\n") != std::string::npos) {
            kept = true;
        }
    }
    return blocked && kept;
}

EditedItem write_item_fields(std::string_view raw, const ItemFields& fields, EditedKind kind)
{
    ItemFields f = fields;
    if (!f.body.empty() && f.body.back() != '\n') f.body += '\n';
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences || edit_loses_comments(text, kind)) return {restored(fresh_text(f, kind), n), !text.empty()};
    auto lines = lines_of(text);
    std::vector<std::string> front(lines.begin() + long(fences->open) + 1, lines.begin() + long(fences->close));
    // Keys below a [table] header belong to it: the form's keys are top-level, before any.
    size_t top_end = front.size();
    for (size_t i = 0; i < front.size(); ++i)
        if (front[i].find_first_not_of(" \t") != std::string::npos && front[i][front[i].find_first_not_of(" \t")] == '[') {
            top_end = i;
            break;
        }
    for (std::string_view key : form_keys(kind)) {
        size_t at = top_end;
        for (size_t i = 0; i < top_end; ++i)
            if (key_of(front[i]) == key) at = i;
        const bool was_there = at < top_end;
        auto line = field_line(key, f, was_there, kind);
        // An array written over several lines is replaced whole, by one line (or left as it is
        // when its items did not change).
        if (was_there && spans_lines(front[at])) {
            auto end = array_end(front, at, top_end);
            if (!end) return {restored(fresh_text(f, kind), n), true};
            const size_t last = *end;
            const auto current = read_item_fields(text, kind);
            const bool same = line && current && field_line(key, *current, true, kind) == line;
            if (line && !same) {
                front.erase(front.begin() + long(at) + 1, front.begin() + long(last) + 1);
                top_end -= last - at;
                front[at] = *line + "\n";
            } else if (!line) {
                front.erase(front.begin() + long(at), front.begin() + long(last) + 1);
                top_end -= last - at + 1;
            }
            continue;
        }
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

std::vector<Diagnostic> check_item_text(const std::string& dir, EditedKind kind, const std::string& rel, std::string_view text,
                                        Language messages)
{
    Diagnostics media_problems(messages);  // the folder's own, reported by check, not here
    ContentFolder folder(dir, media_problems);
    ContentSet content;
    const MediaIndex media = load_media(folder, content);
    Diagnostics d(messages);
    const ItemKind item = kind == EditedKind::Recruitment ? ItemKind::Recruitment
                          : kind == EditedKind::Document  ? ItemKind::Document
                          : kind == EditedKind::Meeting   ? ItemKind::Meeting
                                                          : ItemKind::Announcement;
    parse_item_text(d, media, item, rel, text, content);
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
