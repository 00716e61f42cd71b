#include "core/hex.hpp"

namespace linli {

std::string hex(std::string_view bytes)
{
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += k_digits[c >> 4];
        out += k_digits[c & 15];
    }
    return out;
}

std::optional<std::string> unhex(std::string_view text, size_t min_size, size_t max_size)
{
    if (text.size() % 2 || text.size() / 2 < min_size || text.size() / 2 > max_size) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size() / 2);
    for (size_t i = 0; i < text.size(); i += 2) {
        const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += char(hi * 16 + lo);
    }
    return out;
}

}  // namespace linli
