// Text encodings of files administrators save: UTF-8 with or without a BOM, and GB18030/GBK,
// which Excel and WPS still write for CSV on Chinese Windows. Everything after this point is
// UTF-8 with LF line ends.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace linli::content {

enum class TextEncoding { Utf8, Utf8WithBom, Gb18030 };

struct DecodedText {
    std::string text;  // UTF-8, BOM removed, CRLF and lone CR turned into LF
    TextEncoding encoding = TextEncoding::Utf8;
};

// UTF-8 as is (BOM stripped); otherwise converted from GB18030 with iconv. Nothing when the bytes
// are neither (or iconv is unavailable).
std::optional<DecodedText> decode_spreadsheet_text(std::string_view bytes);

// UTF-8 only (BOM stripped), for .md and .toml files; nothing when invalid, with the 1-based
// line of the first bad byte in bad_line.
std::optional<std::string> decode_utf8_text(std::string_view bytes, int& bad_line);

// CRLF and lone CR to LF, so every parser counts lines the same way.
std::string normalize_newlines(std::string_view text);

}  // namespace linli::content
