// Encoding detection and conversion. GB18030 is a superset of GBK and GB2312, so one converter
// covers every Chinese Windows code page a spreadsheet may use; glibc's iconv provides it.
#include "content/encoding.hpp"

#include "core/utf8.hpp"

#include <cerrno>
#include <iconv.h>

namespace linli::content {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

std::optional<std::string> gb18030_to_utf8(std::string_view bytes)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;
    std::string out;
    out.resize(bytes.size() * 2 + 16);  // a GB18030 character never grows beyond 2x in UTF-8
    char* in_ptr = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    char* out_ptr = out.data();
    size_t out_left = out.size();
    size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    bool ok = rc != static_cast<size_t>(-1) && in_left == 0;
    iconv_close(cd);
    if (!ok)
        return std::nullopt;
    out.resize(out.size() - out_left);
    // A conversion that yields invalid UTF-8 (it should not) is treated as a failure.
    if (!is_valid_utf8(out))
        return std::nullopt;
    return out;
}

}  // namespace

std::string normalize_newlines(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::optional<DecodedText> decode_spreadsheet_text(std::string_view bytes)
{
    DecodedText result;
    if (bytes.starts_with(k_utf8_bom)) {
        bytes.remove_prefix(k_utf8_bom.size());
        result.encoding = TextEncoding::Utf8WithBom;
    }
    if (is_valid_utf8(bytes)) {
        result.text = normalize_newlines(bytes);
        return result;
    }
    if (result.encoding == TextEncoding::Utf8WithBom)
        return std::nullopt;  // a BOM promises UTF-8: broken bytes after it are not GBK
    std::optional<std::string> converted = gb18030_to_utf8(bytes);
    if (!converted)
        return std::nullopt;
    result.text = normalize_newlines(*converted);
    result.encoding = TextEncoding::Gb18030;
    return result;
}

std::optional<std::string> decode_utf8_text(std::string_view bytes, int& bad_line)
{
    if (bytes.starts_with(k_utf8_bom))
        bytes.remove_prefix(k_utf8_bom.size());
    if (is_valid_utf8(bytes))
        return normalize_newlines(bytes);
    // Find the line of the first bad sequence: decode_utf8 returns U+FFFD on one, but a literal
    // U+FFFD is three bytes, so a one-byte advance tells the two apart.
    bad_line = 1;
    for (size_t pos = 0; pos < bytes.size();) {
        size_t before = pos;
        char32_t cp = decode_utf8(bytes, pos);
        if (cp == k_replacement_char && pos - before == 1)
            break;
        if (cp == '\n')
            ++bad_line;
    }
    return std::nullopt;
}

}  // namespace linli::content
