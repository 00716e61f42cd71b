#include "core/money.hpp"

#include "core/utf8.hpp"

#include <limits>

namespace linli {

namespace {

constexpr int64_t k_max_fen = std::numeric_limits<int64_t>::max() / 10 - 100;

}  // namespace

std::optional<Money> Money::parse_yuan(std::string_view text, bool allow_negative)
{
    // Trim ASCII spaces; accept a leading ¥ (UTF-8 C2 A5) or full-width ￥ (EF BF A5).
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.starts_with("\xC2\xA5")) text.remove_prefix(2);
    else if (text.starts_with("\xEF\xBF\xA5")) text.remove_prefix(3);
    if (negative && !allow_negative) return std::nullopt;

    std::string_view whole = text, fraction;
    if (auto dot = text.find('.'); dot != std::string_view::npos) {
        whole = text.substr(0, dot);
        fraction = text.substr(dot + 1);
        if (fraction.empty() || fraction.size() > 2) return std::nullopt;
        for (char c : fraction)
            if (!is_ascii_digit(c)) return std::nullopt;
    }
    if (whole.empty()) return std::nullopt;

    // Separators must group by three from the right: "1,234,567"; no leading/trailing comma.
    bool has_comma = whole.find(',') != std::string_view::npos;
    int64_t yuan = 0;
    int digits_since_comma = 0;
    bool first_group = true;
    for (size_t i = 0; i < whole.size(); ++i) {
        char c = whole[i];
        if (c == ',') {
            if (first_group ? digits_since_comma == 0 || digits_since_comma > 3 : digits_since_comma != 3)
                return std::nullopt;
            first_group = false;
            digits_since_comma = 0;
            continue;
        }
        if (!is_ascii_digit(c)) return std::nullopt;
        ++digits_since_comma;
        yuan = yuan * 10 + (c - '0');
        if (yuan > k_max_fen / 100) return std::nullopt;
    }
    if (has_comma && digits_since_comma != 3) return std::nullopt;

    int64_t fen = yuan * 100;
    if (fraction.size() >= 1) fen += (fraction[0] - '0') * 10;
    if (fraction.size() == 2) fen += fraction[1] - '0';
    return Money(negative ? -fen : fen);
}

std::string Money::format_plain() const
{
    int64_t abs_fen = m_fen < 0 ? -m_fen : m_fen;
    std::string digits = std::to_string(abs_fen / 100);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    int64_t cents = abs_fen % 100;
    grouped += '.';
    grouped += char('0' + cents / 10);
    grouped += char('0' + cents % 10);
    return (m_fen < 0 ? "-" : "") + grouped;
}

std::string Money::format() const
{
    std::string plain = format_plain();
    if (m_fen < 0) return "-\xC2\xA5" + plain.substr(1);
    return "\xC2\xA5" + plain;
}

}  // namespace linli
