#include "core/utf8.hpp"

#include <cassert>

namespace linli {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

char32_t decode_utf8(std::string_view text, size_t& pos)
{
    assert(pos < text.size());
    if (pos >= text.size()) {  // keep release builds from looping forever on a caller bug
        ++pos;
        return k_replacement_char;
    }
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    // Sequence length and the smallest code point it may encode (anything below is overlong).
    size_t length;
    char32_t cp, min_cp;
    if (lead >= 0xC2 && lead <= 0xDF) { length = 2; cp = lead & 0x1F; min_cp = 0x80; }
    else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; cp = lead & 0x0F; min_cp = 0x800; }
    else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; cp = lead & 0x07; min_cp = 0x10000; }
    else {
        ++pos;
        return k_replacement_char;
    }
    if (text.size() - pos < length) {
        ++pos;
        return k_replacement_char;
    }
    for (size_t i = 1; i < length; ++i) {
        const auto c = static_cast<unsigned char>(text[pos + i]);
        if (!is_continuation(c)) {
            ++pos;
            return k_replacement_char;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return k_replacement_char;
    }
    pos += length;
    return cp;
}

bool is_valid_utf8(std::string_view text)
{
    size_t pos = 0;
    while (pos < text.size()) {
        // Fast path for ASCII, the bulk of scripts and CSV files.
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const size_t start = pos;
        // A genuine U+FFFD in the text decodes to the same value, so compare the advance instead.
        if (decode_utf8(text, pos) == k_replacement_char && pos - start == 1) return false;
    }
    return true;
}

void append_utf8(std::string& out, char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = k_replacement_char;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace linli
