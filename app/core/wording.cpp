#include "core/wording.hpp"

#include <algorithm>
#include <cstdio>

namespace linli {

std::string shown_value(std::string_view text)
{
    constexpr size_t k_max_shown = 60;
    size_t shown = std::min(text.size(), k_max_shown);
    while (shown > 0 && shown < text.size() && (static_cast<unsigned char>(text[shown]) & 0xC0) == 0x80)
        --shown;
    std::string out = "\"";
    for (size_t i = 0; i < shown; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (shown < text.size())
        out += "...";
    return out + "\"";
}

}  // namespace linli
