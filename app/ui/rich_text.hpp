// Rich text: one paragraph of styled spans (bold, italic, strike, code, links) wrapped by our
// CJK line breaker as a single text, then drawn piece by piece in each span's style. We load only
// the regular face, so bold is faux bold (drawn twice, a pixel apart). Layouts are cached per
// content, font size and width, and dropped when Ui's layouts go stale (glyph atlas rebuilt).
#pragma once

#include "content/markdown.hpp"
#include "ui/ui.hpp"

namespace linli::ui {

enum class TextAlign { Left, Center, Right };

struct RichTextStyle {
    FontRole role = Body;
    ImU32 color = IM_COL32(33, 37, 41, 255);
    TextAlign align = TextAlign::Left;
    bool bold = false;  // every span bold (headings, table headers)
};

// Draws spans wrapped to width with its top-left at pos; returns the height. Records the text
// for scripts and notes its glyphs for the atlas; draws only lines inside the clip.
float rich_text(Ui& ui, ImVec2 pos, float width, const content::Spans& spans, const RichTextStyle& style);
// The height rich_text would return (cached layout, nothing drawn).
float rich_text_height(Ui& ui, FontRole role, float width, const content::Spans& spans);

// For sizing table columns: natural = widest line unwrapped (hard breaks still break); minimum =
// widest piece that never breaks (a Latin word or number, or one Chinese character).
struct RichTextExtent {
    float natural = 0;
    float minimum = 0;
};
RichTextExtent rich_text_extent(Ui& ui, FontRole role, const content::Spans& spans);

}  // namespace linli::ui
