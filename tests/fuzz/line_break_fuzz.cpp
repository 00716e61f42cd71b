// Fuzz target for the line breaker: any bytes, any width. Input format: the first byte is the
// line width in quarter units (so 'P' = 80 gives 20 units), the rest is the text. Widths come
// from a fixed advance (ASCII 1 unit, anything else 2), as in tests/core/line_break_test.cpp.
#include "core/line_break.hpp"
#include "core/utf8.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

float fixed_width(std::string_view run)
{
    float width = 0;
    for (size_t pos = 0; pos < run.size();) width += linli::decode_utf8(run, pos) < 0x80 ? 1.0f : 2.0f;
    return width;
}

size_t code_point_count(std::string_view run)
{
    size_t count = 0;
    for (size_t pos = 0; pos < run.size(); ++count) linli::decode_utf8(run, pos);
    return count;
}

// What may lie between two lines: the spaces dropped at a break, and newlines.
bool only_breakable_space(std::string_view gap)
{
    for (size_t pos = 0; pos < gap.size();) {
        const char32_t cp = linli::decode_utf8(gap, pos);
        if (cp != ' ' && cp != '\t' && cp != '\r' && cp != '\f' && cp != '\v' && cp != '\n' && cp != 0x200B)
            return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    const float max_width = data[0] * 0.25f;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

    size_t calls = 0;
    const linli::MeasureFn measure = [&](std::string_view run) {
        ++calls;
        FUZZ_CHECK(!run.empty());
        FUZZ_CHECK(run.data() >= text.data() && run.data() + run.size() <= text.data() + text.size());
        return fixed_width(run);
    };
    const auto spans = linli::break_lines(text, max_width, measure);

    FUZZ_CHECK(!spans.empty());
    size_t newlines = 0;
    for (char c : text) newlines += c == '\n';
    FUZZ_CHECK(spans.size() >= newlines + 1);
    FUZZ_CHECK(calls <= 3 * code_point_count(text) + 1);  // linear, never line by line

    size_t previous_end = 0;
    for (const auto& span : spans) {
        FUZZ_CHECK(span.begin <= span.end && span.end <= text.size());
        FUZZ_CHECK(span.begin >= previous_end);
        FUZZ_CHECK(only_breakable_space(text.substr(previous_end, span.begin - previous_end)));
        const std::string_view line = text.substr(span.begin, span.end - span.begin);
        FUZZ_CHECK(line.find('\n') == std::string_view::npos);
        // A line is over the width only when it holds a single code point that alone is wider.
        if (fixed_width(line) > max_width) FUZZ_CHECK(code_point_count(line) == 1);
        previous_end = span.end;
    }
    FUZZ_CHECK(only_breakable_space(text.substr(previous_end)));
    return 0;
}
