// UTF-8 helpers shared by every parser of outside text (scripts, content, CSV) and by the line
// breaker. Strict: overlong forms, surrogates and code points above U+10FFFF are invalid, so a
// file that passes is_valid_utf8 round-trips through decode_utf8/append_utf8 byte for byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace linli {

constexpr char32_t k_replacement_char = U'\uFFFD';

// True when the whole text is well-formed UTF-8 (the empty text is).
bool is_valid_utf8(std::string_view text);

// Decodes the code point starting at text[pos] and advances pos past it. On an invalid or
// truncated sequence returns U+FFFD and advances exactly one byte, so loops always terminate
// and resynchronise on the next lead byte. Requires pos < text.size().
char32_t decode_utf8(std::string_view text, size_t& pos);

// Appends the UTF-8 encoding of cp; surrogates and values above U+10FFFF append U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// '0' to '9' (never a locale's idea of a digit).
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace linli
