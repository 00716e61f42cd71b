// TOML edited line by line (see toml_lines.hpp for why not through the TOML library).
#include "content/toml_lines.hpp"

#include <cstdio>
#include <cstdlib>
#include <regex>

namespace linli::content::toml_lines {

namespace {

std::string_view after_equals(std::string_view line)
{
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return {};
    line.remove_prefix(eq + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    return line;
}

// Where a multi-line string opened by `delimiter` (""" or ''') closes, searching from `from` on
// line `at`: the line's index.
std::optional<size_t> string_end(const std::vector<std::string>& lines, size_t at, size_t from, std::string_view delimiter,
                                 size_t limit)
{
    for (size_t i = at; i < limit; ++i) {
        const std::string& line = lines[i];
        for (size_t k = i == at ? from : 0; k + delimiter.size() <= line.size(); ++k) {
            if (delimiter == "\"\"\"" && line[k] == '\\') {
                ++k;  // an escaped character, perhaps a quote
                continue;
            }
            if (line.compare(k, delimiter.size(), delimiter) == 0) return i;
        }
    }
    return std::nullopt;
}

// Where an array that opens on line `at` closes, brackets inside strings not counted; nothing
// when it does not close (or holds a multi-line string).
std::optional<size_t> array_end(const std::vector<std::string>& lines, size_t at, size_t limit)
{
    int depth = 0;
    bool started = false;
    for (size_t i = at; i < limit; ++i) {
        const std::string_view line = i == at ? after_equals(lines[i]) : std::string_view(lines[i]);
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

// Whether a line already sets this value (then it stays as it is, with its trailing comment).
bool same_value(std::string_view line, std::string_view value)
{
    std::string_view old = after_equals(line);
    if (!old.starts_with(value)) return false;
    old.remove_prefix(value.size());
    while (!old.empty() && (old.front() == ' ' || old.front() == '\t')) old.remove_prefix(1);
    return old.empty() || old.front() == '\n' || old.front() == '#';
}

}  // namespace

std::string key_of(std::string_view line)
{
    static const std::regex k_key(R"(^\s*([A-Za-z0-9_-]+)\s*=)");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(line.begin(), line.end(), m, k_key)) return m[1].str();
    return {};
}

bool is_header(std::string_view line)
{
    const size_t first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '[';
}

std::optional<size_t> value_end(const std::vector<std::string>& lines, size_t at, size_t limit)
{
    const std::string_view value = after_equals(lines[at]);
    for (std::string_view delimiter : {std::string_view("\"\"\""), std::string_view("'''")})
        if (value.starts_with(delimiter)) {
            const size_t from = size_t(value.data() - lines[at].data()) + delimiter.size();
            return string_end(lines, at, from, delimiter, limit);
        }
    if (value.starts_with("[")) return array_end(lines, at, limit);
    return at;
}

size_t top_level_end(const std::vector<std::string>& lines, size_t begin, size_t limit)
{
    for (size_t i = begin; i < limit; ++i) {
        if (is_header(lines[i])) return i;
        if (!key_of(lines[i]).empty())
            if (auto end = value_end(lines, i, limit)) i = *end;
    }
    return limit;
}

std::string string_value(std::string_view text)
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

std::string list_value(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + string_value(items[i]);
    return out + "]";
}

std::string time_value(std::string_view text)
{
    static const std::regex k_date(R"(^\d{4}-\d{2}-\d{2}$)");
    static const std::regex k_minutes(R"(^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?$)");
    static const std::regex k_seconds(R"(^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$)");
    const std::string s(text);
    std::smatch m;
    if (std::regex_match(s, k_date) || std::regex_match(s, k_seconds)) return s;
    if (std::regex_match(s, m, k_minutes)) return m[1].str() + ":00" + m[2].str();
    return string_value(text);
}

std::string number_value(std::string_view text)
{
    static const std::regex k_number(R"(^[+-]?\d{1,9}$)");
    const std::string s(text);
    return std::regex_match(s, k_number) ? s : string_value(text);
}

std::optional<toml::table> parsed(std::string_view text)
{
    try {
        return toml::parse(text);
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
}

std::string text_at(const toml::table& table, std::string_view key) { return table[key].value<std::string>().value_or(""); }

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

bool set_keys(std::vector<std::string>& lines, size_t& top_end, std::span<const std::string_view> keys,
              const LineFor& line_for, const LineFor& current)
{
    std::vector<std::string> out = lines;
    size_t end = top_end;
    for (std::string_view key : keys) {
        size_t at = end;
        for (size_t i = 0; i < end; ++i)
            if (key_of(out[i]) == key) at = i;
        const bool was_there = at < end;
        const auto line = line_for(key, was_there);
        if (!was_there) {
            if (line) {
                out.insert(out.begin() + long(end), *line + "\n");
                ++end;
            }
            continue;
        }
        const auto last = value_end(out, at, end);
        if (!last) return false;
        if (*last == at && line && same_value(out[at], line->substr(line->find('=') + 2))) continue;
        if (*last != at && line && current(key, true) == line) continue;  // several lines, same value
        out.erase(out.begin() + long(at), out.begin() + long(*last) + 1);
        end -= *last - at + 1;
        if (line) {
            out.insert(out.begin() + long(at), *line + "\n");
            ++end;
        }
    }
    lines = std::move(out);
    top_end = end;
    return true;
}

}  // namespace linli::content::toml_lines
