// Markdown view: draws a parsed notice body (content::DisplayList) as a page: headings, body
// paragraphs, bulleted and numbered lists with indentation, tables with a grid and aligned,
// wrapped cells, image placeholders and rules. The page layout is computed once per document
// and width and cached; each frame draws only the blocks inside the clip (long documents).
#pragma once

#include "content/markdown.hpp"
#include "ui/ui.hpp"

namespace linli::ui {

// Draws the document with its top-left at pos, width wide; returns its height.
// highlight: the block being read aloud (朗读), drawn on a marked band; -1 for none.
float draw_markdown(Ui& ui, const content::DisplayList& list, ImVec2 pos, float width, int highlight = -1);
// What 朗读 says for each block, in order (a table row by row, an image by its description; a
// rule says nothing): index i is block i, so a paragraph heard is a block to highlight.
std::vector<std::string> spoken_blocks(const content::DisplayList& list);
// The mark behind what 朗读 reads now: a band and a bar at its left edge (a mark, not only a colour).
void draw_reading_mark(Ui& ui, const Rect& around);
// The height draw_markdown returns, without drawing (cached: cheap every frame for scroll limits).
float markdown_height(Ui& ui, const content::DisplayList& list, float width);

}  // namespace linli::ui
