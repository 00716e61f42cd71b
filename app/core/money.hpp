// Money: an exact amount in fen (分, 1/100 yuan). Never a float. Parsing from the yuan text
// administrators type and formatting the Chinese way (¥1,234.50) live here so every screen
// and tool agrees on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli {

class Money {
public:
    constexpr Money() = default;
    static constexpr Money from_fen(int64_t fen) { return Money(fen); }
    // "1234.5", "1,234.50", "¥12", "0.07": at most two decimals, thousands separators only in
    // groups of three. Returns nothing for anything else (negative amounts included when
    // allow_negative is false).
    static std::optional<Money> parse_yuan(std::string_view text, bool allow_negative = false);

    constexpr int64_t fen() const { return m_fen; }
    // "¥1,234.50" (negative: "-¥1,234.50").
    std::string format() const;
    // "1,234.50" without the currency sign, for right-aligned columns.
    std::string format_plain() const;

    constexpr Money operator+(Money o) const { return Money(m_fen + o.m_fen); }
    constexpr Money operator-(Money o) const { return Money(m_fen - o.m_fen); }
    constexpr Money& operator+=(Money o) { m_fen += o.m_fen; return *this; }
    constexpr Money& operator-=(Money o) { m_fen -= o.m_fen; return *this; }
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(int64_t fen) : m_fen(fen) {}
    int64_t m_fen = 0;
};

}  // namespace linli
