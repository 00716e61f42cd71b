// TomlFields: typed TOML reads that report instead of throwing.
#include "content/toml_fields.hpp"

#include "content/dates.hpp"
#include "content/encoding.hpp"
#include "core/utf8.hpp"

#include <sstream>

namespace linli::content {

namespace {

std::string_view type_zh(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string: return "文本";
    case toml::node_type::integer: return "整数";
    case toml::node_type::floating_point: return "小数";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::date: return "日期";
    case toml::node_type::time: return "时刻";
    case toml::node_type::date_time: return "日期时间";
    case toml::node_type::array: return "列表";
    case toml::node_type::table: return "表";
    case toml::node_type::none: break;
    }
    return "空";
}

std::string_view type_en(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time of day";
    case toml::node_type::date_time: return "a date and time";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
    }
    return "nothing";
}

}  // namespace

std::optional<toml::table> parse_toml_file(Diagnostics& diagnostics, const std::string& file, std::string_view bytes)
{
    int bad_line = 0;
    std::optional<std::string> text = decode_utf8_text(bytes, bad_line);
    if (!text) {
        diagnostics.add(file, bad_line, "不是有效的 UTF-8 文本（请用 UTF-8 编码保存）", "invalid UTF-8 (save the file as UTF-8)");
        return std::nullopt;
    }
    return parse_toml(diagnostics, file, *text, 0);
}

std::optional<toml::table> parse_toml(Diagnostics& diagnostics, const std::string& file,
                                      std::string_view text, int line_offset)
{
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        int line = static_cast<int>(e.source().begin.line) + line_offset;
        std::string what(e.description());
        // toml++ capitalises its sentence; ours continues after a colon.
        if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z')
            what[0] = static_cast<char>(what[0] - 'A' + 'a');
        diagnostics.add(file, line, "TOML 语法错误：" + what + "（文本要加引号，如 title = \"停水通知\"）",
                        "not valid TOML: " + what + " (text must be in quotes, like title = \"Water outage\")");
    } catch (const std::exception& e) {
        diagnostics.add(file, line_offset + 1, std::string("无法解析 TOML：") + e.what(),
                        std::string("cannot parse TOML: ") + e.what());
    }
    return std::nullopt;
}

std::optional<int64_t> toml_time(const toml::node& node)
{
    if (const auto* s = node.as_string())
        return parse_date_time(s->get());
    if (const auto* d = node.as_date()) {
        const toml::date& v = d->get();
        return local_time_to_unix(v.year, v.month, v.day, 0, 0, 0);
    }
    if (const auto* dt = node.as_date_time()) {
        // toml++ prints RFC 3339, which parse_date_time reads with or without the offset.
        std::ostringstream out;
        out << dt->get();
        return parse_date_time(out.str());
    }
    return std::nullopt;
}

TomlFields::TomlFields(Diagnostics& diagnostics, std::string file, const toml::table& table,
                       int line_offset, int header_line)
    : m_diagnostics(diagnostics), m_file(std::move(file)), m_table(table), m_line_offset(line_offset),
      m_header_line(header_line)
{
}

int TomlFields::line_of(const toml::node& node) const
{
    int line = static_cast<int>(node.source().begin.line);
    return line > 0 ? line + m_line_offset : m_header_line;
}

int TomlFields::line(std::string_view key) const
{
    const toml::node* n = m_table.get(key);
    return n ? line_of(*n) : m_header_line;
}

void TomlFields::problem(int line, std::string_view zh, std::string_view en)
{
    m_diagnostics.add(m_file, line, zh, en);
}

void TomlFields::missing(std::string_view key)
{
    std::string k(key);
    problem(m_header_line, "缺少 " + k, "missing " + k);
}

void TomlFields::wrong_type(const toml::node& node, std::string_view key, std::string_view zh_expected,
                            std::string_view en_expected)
{
    std::string k(key);
    problem(line_of(node), k + " 应为" + std::string(zh_expected) + "，而不是" + std::string(type_zh(node)),
            k + " must be " + std::string(en_expected) + ", not " + std::string(type_en(node)));
}

void TomlFields::check_keys(std::span<const std::string_view> allowed)
{
    for (auto&& [key, value] : m_table) {
        std::string_view name = key.str();
        bool known = false;
        for (std::string_view a : allowed)
            known = known || a == name;
        if (known)
            continue;
        int line = key.source().begin.line > 0 ? static_cast<int>(key.source().begin.line) + m_line_offset
                                               : line_of(value);
        std::string shown(name);
        std::string_view guess = closest_name(name, allowed);
        if (!guess.empty())
            problem(line, "未知的键 " + shown + "（是不是 " + std::string(guess) + "？）",
                    "unknown key " + shown + " (did you mean " + std::string(guess) + "?)");
        else
            problem(line, "未知的键 " + shown, "unknown key " + shown);
    }
}

std::optional<std::string> TomlFields::text(std::string_view key, bool required)
{
    const toml::node* n = m_table.get(key);
    if (!n) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (const auto* s = n->as_string()) {
        if (required && s->get().find_first_not_of(" \t\n") == std::string::npos) {
            problem(line_of(*n), std::string(key) + " 不能为空", std::string(key) + " must not be empty");
            return std::nullopt;
        }
        return s->get();
    }
    wrong_type(*n, key, "文本（加引号）", "text (in quotes)");
    return std::nullopt;
}

std::optional<bool> TomlFields::flag(std::string_view key)
{
    const toml::node* n = m_table.get(key);
    if (!n)
        return std::nullopt;
    if (const auto* b = n->as_boolean())
        return b->get();
    wrong_type(*n, key, "true 或 false", "true or false");
    return std::nullopt;
}

std::optional<int64_t> TomlFields::integer(std::string_view key, bool required)
{
    const toml::node* n = m_table.get(key);
    if (!n) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (const auto* i = n->as_integer())
        return i->get();
    wrong_type(*n, key, "整数", "a whole number");
    return std::nullopt;
}

std::optional<std::string> TomlFields::bounded_text(std::string_view key, size_t max_chars, bool required)
{
    std::optional<std::string> value = text(key, required);
    size_t chars = 0;
    if (value)
        for (size_t pos = 0; pos < value->size(); ++chars) decode_utf8(*value, pos);
    if (chars > max_chars) {
        const std::string k(key), n = std::to_string(max_chars);
        problem(line(key), k + " 太长：最多 " + n + " 个字", k + " is too long: at most " + n + " characters");
        return std::nullopt;
    }
    return value;
}

std::optional<int64_t> TomlFields::time(std::string_view key, bool required)
{
    const toml::node* n = m_table.get(key);
    if (!n) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (n->is_string() || n->is_date() || n->is_date_time()) {
        if (auto t = toml_time(*n))
            return t;
        std::string k(key);
        // TOML's own dates are shown by line only: toml++ already refused impossible ones, so
        // here it is a year before 1970.
        std::string shown = n->is_string() ? " " + shown_value(n->as_string()->get()) : std::string();
        problem(line_of(*n), k + " 不是有效的日期" + shown + "（应写作 2026-11-25 或 2026-11-25T08:00:00）",
                k + " is not a valid date" + shown + " (write 2026-11-25 or 2026-11-25T08:00:00)");
        return std::nullopt;
    }
    wrong_type(*n, key, "日期（如 2026-11-25 或 2026-11-25T08:00:00）",
               "a date (like 2026-11-25 or 2026-11-25T08:00:00)");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TomlFields::text_list(std::string_view key)
{
    const toml::node* n = m_table.get(key);
    if (!n)
        return std::nullopt;
    const toml::array* array = n->as_array();
    if (!array) {
        wrong_type(*n, key, "文本列表（如 [\"甲\", \"乙\"]）", "a list of text (like [\"a\", \"b\"])");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& entry : *array) {
        if (const auto* s = entry.as_string())
            out.push_back(s->get());
        else
            wrong_type(entry, key, "文本", "text");
    }
    return out;
}

std::vector<const toml::table*> TomlFields::table_list(std::string_view key, bool required)
{
    std::vector<const toml::table*> out;
    const toml::node* n = m_table.get(key);
    if (!n) {
        if (required)
            missing(key);
        return out;
    }
    const toml::array* array = n->as_array();
    if (!array) {
        wrong_type(*n, key, "表的列表", "a list of tables");
        return out;
    }
    for (const toml::node& entry : *array) {
        if (const toml::table* t = entry.as_table())
            out.push_back(t);
        else
            wrong_type(entry, key, "表（如 { name = \"…\" }）", "a table (like { name = \"...\" })");
    }
    return out;
}

}  // namespace linli::content
