// Line breaking for Chinese mixed with Latin text. Dear ImGui wraps only at spaces, which leaves
// Chinese paragraphs as one overlong line; this breaker follows the Chinese rules instead (breaks
// between ideographs, no 。，」 at a line start, no （「 at a line end) and keeps words, numbers
// and URLs whole. It only measures through a callback, so core stays free of ImGui.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace linli {

struct LineSpan { size_t begin; size_t end; };   // byte range of one line in the text, trailing spaces and the newline excluded
using MeasureFn = std::function<float(std::string_view)>;  // width of a run of text in pixels

// Splits text into lines no wider than max_width (when a single code point is wider, it gets a
// line of its own). '\n' always breaks, so a text with k newlines gives at least k + 1 lines (the
// empty text gives one empty line). Spaces where a line breaks belong to no line. A word, number
// or URL wider than max_width is broken by code points, starting on the current line. Measures
// each unbreakable segment once and assumes widths add up (no kerning across segments).
std::vector<LineSpan> break_lines(std::string_view text, float max_width, const MeasureFn& measure);

}  // namespace linli
