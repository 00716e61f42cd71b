#include "core/codes.hpp"

namespace linli {

std::string format_code(std::string_view code)
{
    const size_t half = (code.size() + 1) / 2;
    return std::string(code.substr(0, half)) + "-" + std::string(code.substr(half));
}

std::optional<std::string> normalize_code(std::string_view typed, size_t length)
{
    std::string code;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        if (k_code_alphabet.find(c) == std::string_view::npos) return std::nullopt;
        code += c;
    }
    if (code.size() != length) return std::nullopt;
    return code;
}

}  // namespace linli
