#include "core/speech_text.hpp"

#include "core/utf8.hpp"

#include <array>
#include <optional>
#include <cctype>
#include <utility>

namespace linli {

namespace {

constexpr std::array<const char*, 10> k_digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// 0..9999 in words, without leading 零: 105 一百零五, 1010 一千零一十.
std::string group_words(int n)
{
    static constexpr const char* k_units[] = {"千", "百", "十", ""};
    static constexpr int k_values[] = {1000, 100, 10, 1};
    std::string out;
    bool gap = false;  // a zero digit since the last written one
    for (int i = 0; i < 4; ++i) {
        const int d = n / k_values[i] % 10;
        if (d == 0) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += "零";
        gap = false;
        out += k_digits[size_t(d)];
        out += k_units[i];
    }
    return out;
}

// Words whose characters the engine reads in the wrong tone in notices, and a spelling it reads
// right (a homophone of the intended reading; only the spoken text changes).
constexpr std::pair<std::string_view, std::string_view> k_polyphones[] = {
    {"银行", "银航"}, {"行业", "航业"}, {"重新", "虫新"}, {"还款", "环款"}, {"长者", "掌者"},
    {"重庆", "虫庆"}, {"会计", "快计"}, {"便宜", "骈宜"},
};

// Full-width digits and signs as ASCII, so one scanner reads both: "１２３" "％" "￥".
std::string halfwidth(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto b = [&](size_t k) { return i + k < text.size() ? uint8_t(text[i + k]) : 0; };
        if (b(0) == 0xEF && b(1) == 0xBC && b(2) >= 0x90 && b(2) <= 0x99) {
            out += char('0' + (b(2) - 0x90));
            i += 2;
        } else if (b(0) == 0xEF && b(1) == 0xBC && b(2) == 0x85) {
            out += '%';
            i += 2;
        } else if (b(0) == 0xEF && b(1) == 0xBF && b(2) == 0xA5) {
            out += "\xC2\xA5";  // ￥ as ¥
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

struct Number {
    std::string integer;   // digits, no separators
    std::string fraction;  // digits after the point, or empty
    size_t end = 0;        // where the number ends in the text
    bool grouped = false;  // written with thousands separators
};

// A number at text[pos] (a digit there): 1,234.50, 3.5, 2026.
Number read_number(std::string_view text, size_t pos)
{
    Number n;
    auto digit_at = [&](size_t k) { return k < text.size() && is_ascii_digit(text[k]); };
    size_t i = pos;
    while (i < text.size()) {
        if (is_ascii_digit(text[i])) {
            n.integer += text[i++];
        } else if (text[i] == ',' && !n.integer.empty() && digit_at(i + 1) && digit_at(i + 2) && digit_at(i + 3) &&
                   !digit_at(i + 4)) {
            n.grouped = true;
            ++i;  // a thousands separator: three digits follow
        } else {
            break;
        }
    }
    if (i + 1 < text.size() && text[i] == '.' && is_ascii_digit(text[i + 1])) {
        ++i;
        while (i < text.size() && is_ascii_digit(text[i])) n.fraction += text[i++];
    }
    n.end = i;
    return n;
}

int64_t to_int(std::string_view digits)
{
    int64_t v = 0;
    for (char c : digits) {
        if (v > 99'999'999'999'999LL) return v;  // beyond any amount a notice names
        v = v * 10 + (c - '0');
    }
    return v;
}

std::string number_words(const Number& n)
{
    std::string out = n.integer.size() > 15 ? chinese_digits(n.integer) : chinese_number(to_int(n.integer));
    if (!n.fraction.empty()) out += "点" + chinese_digits(n.fraction);
    return out;
}

std::string money_words(const Number& n)
{
    int64_t fen = to_int(n.integer) * 100;
    if (!n.fraction.empty()) fen += (n.fraction[0] - '0') * 10 + (n.fraction.size() > 1 ? n.fraction[1] - '0' : 0);
    return chinese_money(fen);
}

bool starts_with_at(std::string_view text, size_t pos, std::string_view what)
{
    return text.substr(pos, what.size()) == what;
}

bool ends_with(std::string_view text, std::string_view what)
{
    return text.size() >= what.size() && text.substr(text.size() - what.size()) == what;
}

// A date written 2026-11-25 at pos: its words and where it ends.
std::optional<std::pair<std::string, size_t>> iso_date(std::string_view text, size_t pos)
{
    size_t i = pos;
    auto digits = [&](size_t min, size_t max) -> std::optional<std::string> {
        std::string d;
        while (i < text.size() && is_ascii_digit(text[i]) && d.size() < max) d += text[i++];
        if (d.size() < min) return std::nullopt;
        return d;
    };
    auto y = digits(4, 4);
    if (!y || i >= text.size() || text[i] != '-') return std::nullopt;
    ++i;
    auto m = digits(1, 2);
    if (!m || i >= text.size() || text[i] != '-') return std::nullopt;
    ++i;
    auto d = digits(1, 2);
    if (!d || (i < text.size() && is_ascii_digit(text[i]))) return std::nullopt;
    const int64_t month = to_int(*m), day = to_int(*d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return std::pair{chinese_digits(*y) + "年" + chinese_number(month) + "月" + chinese_number(day) + "日", i};
}

// A time written 8:30 or 20:05 at pos.
std::optional<std::pair<std::string, size_t>> clock_time(std::string_view text, size_t pos)
{
    size_t i = pos;
    std::string h, m;
    while (i < text.size() && is_ascii_digit(text[i]) && h.size() < 2) h += text[i++];
    if (i >= text.size() || text[i] != ':') return std::nullopt;
    ++i;
    while (i < text.size() && is_ascii_digit(text[i]) && m.size() < 2) m += text[i++];
    if (m.size() != 2 || (i < text.size() && is_ascii_digit(text[i]))) return std::nullopt;
    const int64_t hour = to_int(h), minute = to_int(m);
    if (hour > 24 || minute > 59) return std::nullopt;
    std::string words = chinese_number(hour) + "点";
    if (minute > 0) words += (minute < 10 ? "零" : "") + chinese_number(minute) + "分";
    return std::pair{words, i};
}

// A phone number at pos: 11 digits starting with 1, or digits and hyphens with at least 7 digits
// (010-12345678, 8888-6666); digit by digit.
std::optional<std::pair<std::string, size_t>> phone_number(std::string_view text, size_t pos)
{
    size_t i = pos;
    std::string digits;
    bool hyphen = false;
    while (i < text.size() && (is_ascii_digit(text[i]) || (text[i] == '-' && i + 1 < text.size() && is_ascii_digit(text[i + 1]) && !digits.empty()))) {
        if (text[i] == '-') hyphen = true;
        else digits += text[i];
        ++i;
    }
    const bool mobile = !hyphen && digits.size() == 11 && digits[0] == '1';
    const bool landline = hyphen && digits.size() >= 7 && digits.size() <= 13;
    if (!mobile && !landline) return std::nullopt;
    return std::pair{chinese_digits(digits, true), i};
}

bool dropped_mark(std::string_view text, size_t pos, size_t& length)
{
    static constexpr std::string_view k_marks[] = {"（", "）", "《", "》", "“", "”", "‘", "’", "「", "」", "【", "】",
                                                   "〈", "〉", "——", "…", "·", "＊", "＃"};
    for (std::string_view m : k_marks)
        if (starts_with_at(text, pos, m)) {
            length = m.size();
            return true;
        }
    const char c = text[pos];
    length = 1;
    return c == '#' || c == '*' || c == '_' || c == '`' || c == '>' || c == '|' || c == '~' || c == '[' || c == ']' ||
           c == '(' || c == ')' || c == '"' || c == '\'' || c == '<' || c == '=' || c == '+' || c == '^' || c == '\\' ||
           c == '{' || c == '}';
}

}  // namespace

std::string chinese_number(int64_t n)
{
    if (n < 0) return "负" + chinese_number(-n);
    if (n == 0) return "零";
    static constexpr const char* k_groups[] = {"", "万", "亿", "万亿"};
    std::array<int, 4> groups{};
    int count = 0;
    for (int64_t v = n; v > 0 && count < 4; v /= 10000) groups[size_t(count++)] = int(v % 10000);
    std::string out;
    bool zero_pending = false;
    for (int g = count - 1; g >= 0; --g) {
        const int value = groups[size_t(g)];
        if (value == 0) {
            zero_pending = !out.empty();
            continue;
        }
        if (!out.empty() && (zero_pending || value < 1000)) out += "零";
        zero_pending = false;
        out += group_words(value);
        out += k_groups[g];
    }
    // 10 to 19 are said 十, 十五, not 一十五.
    if (out.rfind("一十", 0) == 0) out.erase(0, std::string_view("一").size());
    return out;
}

std::string chinese_digits(std::string_view digits, bool phone)
{
    std::string out;
    for (char c : digits)
        if (is_ascii_digit(c)) out += phone && c == '1' ? "幺" : k_digits[size_t(c - '0')];
    return out;
}

std::string chinese_money(int64_t fen)
{
    const int64_t yuan = fen / 100, jiao = fen / 10 % 10, cents = fen % 10;
    std::string out;
    if (yuan > 0) out += chinese_number(yuan) + "元";
    if (jiao > 0) out += std::string(k_digits[size_t(jiao)]) + "角";
    else if (yuan > 0 && cents > 0) out += "零";
    if (cents > 0) out += std::string(k_digits[size_t(cents)]) + "分";
    return out.empty() ? "零元" : out;
}

std::string speech_text(std::string_view input)
{
    std::string text = halfwidth(input);
    for (const auto& [word, spoken] : k_polyphones)
        for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + spoken.size()))
            text.replace(at, word.size(), spoken);
    std::string out;
    const std::string_view t(text);
    for (size_t i = 0; i < t.size();) {
        size_t mark = 0;
        if (starts_with_at(t, i, "\xC2\xA5") && i + 2 < t.size() && is_ascii_digit(t[i + 2])) {  // ¥1,234.50
            const Number n = read_number(t, i + 2);
            out += money_words(n);
            i = n.end;
            if (starts_with_at(t, i, "元")) i += std::string_view("元").size();
            continue;
        }
        if (!is_ascii_digit(t[i])) {
            if (dropped_mark(t, i, mark)) {
                i += mark;
            } else {
                out += t[i];
                ++i;
            }
            continue;
        }
        if (auto date = iso_date(t, i)) {
            out += date->first;
            i = date->second;
            continue;
        }
        if (auto time = clock_time(t, i)) {
            out += time->first;
            i = time->second;
            continue;
        }
        if (auto phone = phone_number(t, i)) {
            out += phone->first;
            i = phone->second;
            continue;
        }
        const Number n = read_number(t, i);
        const std::string_view after = t.substr(n.end);
        if (after.starts_with("元")) {
            out += money_words(n);
            i = n.end + std::string_view("元").size();
        } else if (after.starts_with("%")) {
            out += "百分之" + number_words(n);
            i = n.end + 1;
        } else if ((after.starts_with("年") && n.integer.size() == 4 && !n.grouped && n.fraction.empty()) ||
                   ((after.starts_with("室") || after.starts_with("房") || ends_with(out, "单元")) && n.integer.size() >= 3)) {
            out += chinese_digits(n.integer);  // 2026年, 301室: said digit by digit
            i = n.end;
        } else {
            out += number_words(n);
            i = n.end;
        }
    }
    return out;
}

}  // namespace linli
