// Markdown view: draws a parsed notice body (content::DisplayList) as a page: headings, body
// paragraphs, bulleted and numbered lists with indentation, tables with a grid and aligned,
// wrapped cells, image placeholders and rules. The page layout is computed once per document
// and width and cached; each frame draws only the blocks inside the clip (long documents).
#pragma once

#include "content/markdown.hpp"
#include "ui/ui.hpp"

namespace linli::ui {

// Draws the document with its top-left at pos, width wide; returns its height.
float draw_markdown(Ui& ui, const content::DisplayList& list, ImVec2 pos, float width);
// The height draw_markdown returns, without drawing (cached: cheap every frame for scroll limits).
float markdown_height(Ui& ui, const content::DisplayList& list, float width);

}  // namespace linli::ui
