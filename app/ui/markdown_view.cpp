// Markdown view: a page layout (each block's top, height and, for tables, column widths and row
// heights) is computed once per document, width and font size; drawing walks only the blocks
// that overlap the clip, so a long charter costs the same per frame as a short notice.
#include "ui/markdown_view.hpp"

#include "ui/image_provider.hpp"

#include "ui/rich_text.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <unordered_map>

namespace linli::ui {

namespace {

using namespace linli::content;

struct Box {
    float y = 0;  // top, relative to the document's top
    float height = 0;
    std::vector<float> columns;  // tables: column widths
    std::vector<float> rows;     // tables: row heights
    bool sideways = false;       // tables: wider than the page, so they scroll sideways
};

struct PageLayout {
    std::vector<Box> boxes;  // one per block, in order, y increasing
    float height = 0;
};

// Page metrics, all from the body font and the spacing unit so they scale with the screen.
struct Metrics {
    float u = 16;
    float body_px = 34;
    float list_indent = 0;   // per nesting level
    float marker_width = 0;  // the bullet or number column
    float cell_pad_x = 0, cell_pad_y = 0;
    float image_height = 0;

    explicit Metrics(Ui& ui)
    {
        u = ui.unit();
        body_px = ui.font_px(Body);
        list_indent = body_px * 1.6f;
        marker_width = body_px * 1.6f;
        cell_pad_x = u * 0.75f;
        cell_pad_y = u * 0.45f;
        image_height = u * 9;
    }
};

FontRole heading_role(int level)
{
    return level == 1 ? Title : level <= 3 ? Heading : Body;
}

// Space above a block (never above the first): headings stand apart from what precedes them,
// list items of one list stay close together.
float gap_before(const Block& block, const Block* previous, const Metrics& m)
{
    if (!previous) return 0;
    if (auto* h = std::get_if<content::Heading>(&block)) return h->level <= 2 ? m.u * 2.0f : m.u * 1.5f;
    if (std::holds_alternative<ListItem>(block) && std::holds_alternative<ListItem>(*previous)) return m.u * 0.35f;
    if (std::holds_alternative<content::Heading>(*previous)) return m.u * 0.6f;
    // Between paragraphs at least 0.3 of a line more than within one (MIIT 适老化: paragraph
    // spacing 1.3 x the line spacing).
    return std::max(m.u * 1.0f, m.body_px * 1.45f * 0.35f);
}

float item_text_x(const ListItem& item, const Metrics& m)
{
    return float(item.depth) * m.list_indent + m.marker_width;
}

// The room under a table that scrolls sideways: the bar's gap and the hint's line.
float sideways_cue_height(Ui& ui, const Metrics& m)
{
    return m.u + ui.line_height(Small);
}

// Column widths: each column's natural width if the table fits; otherwise every column gets
// its widest unbreakable word and the rest of the width is shared in proportion to how much
// more each column would like. If even the words do not fit (large text, many columns), the
// table keeps readable columns (its words, and up to six characters a line) and is wider than
// the page: it scrolls sideways (table_is_sideways).
std::vector<float> column_widths(Ui& ui, const Table& table, float width, const Metrics& m)
{
    size_t n = table.align.size();
    std::vector<float> natural(n, 0), minimum(n, 0);
    for (const auto& row : table.rows) {
        for (size_t c = 0; c < n && c < row.size(); ++c) {
            RichTextExtent e = rich_text_extent(ui, Body, row[c]);
            // Faux bold header text is a pixel or two wider than measured.
            natural[c] = std::max(natural[c], std::ceil(e.natural) + 2 * m.cell_pad_x + 2);
            minimum[c] = std::max(minimum[c], std::ceil(e.minimum) + 2 * m.cell_pad_x + 2);
        }
    }
    float sum_natural = 0, sum_minimum = 0;
    for (size_t c = 0; c < n; ++c) {
        // A column is never narrower than a little over two characters.
        natural[c] = std::max(natural[c], m.body_px * 2 + 2 * m.cell_pad_x);
        minimum[c] = std::min(minimum[c], natural[c]);
        sum_natural += natural[c];
        sum_minimum += minimum[c];
    }
    if (sum_natural <= width) return natural;
    std::vector<float> out(n);
    if (sum_minimum >= width) {
        for (size_t c = 0; c < n; ++c) out[c] = std::max(minimum[c], std::min(natural[c], m.body_px * 6 + 2 * m.cell_pad_x));
        return out;
    }
    float extra = width - sum_minimum, wanted = sum_natural - sum_minimum;
    for (size_t c = 0; c < n; ++c) out[c] = std::floor(minimum[c] + extra * (natural[c] - minimum[c]) / wanted);
    return out;
}

Box layout_block(Ui& ui, const Block& block, float width, const Metrics& m)
{
    Box box;
    std::visit(
        [&](const auto& b) {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, content::Heading>) {
                box.height = rich_text_height(ui, heading_role(b.level), width, b.spans);
            } else if constexpr (std::is_same_v<T, Paragraph>) {
                float indent = float(b.indent) * m.list_indent + (b.indent > 0 ? m.marker_width - m.list_indent : 0);
                if (b.style == ParagraphStyle::Normal)
                    box.height = rich_text_height(ui, Body, width - indent, b.spans);
                else  // quote and code: padded box
                    box.height = rich_text_height(ui, Body, width - indent - 2 * m.u, b.spans) + 1.2f * m.u;
            } else if constexpr (std::is_same_v<T, ListItem>) {
                box.height = rich_text_height(ui, Body, width - item_text_x(b, m), b.spans);
            } else if constexpr (std::is_same_v<T, Table>) {
                box.columns = column_widths(ui, b, width, m);
                for (const auto& row : b.rows) {
                    float h = 0;
                    for (size_t c = 0; c < row.size() && c < box.columns.size(); ++c)
                        h = std::max(h, rich_text_height(ui, Body, box.columns[c] - 2 * m.cell_pad_x, row[c]));
                    box.rows.push_back(h + 2 * m.cell_pad_y);
                    box.height += box.rows.back();
                }
                float table_w = 0;
                for (float w : box.columns) table_w += w;
                box.sideways = table_w > width + 0.5f;
                // Under a sideways table: its position bar, then a line saying it moves.
                if (box.sideways) box.height += sideways_cue_height(ui, m);
            } else if constexpr (std::is_same_v<T, Image>) {
                box.height = m.image_height;
            } else if constexpr (std::is_same_v<T, Rule>) {
                box.height = m.u * 1.5f;
            }
        },
        block);
    return box;
}

uint64_t document_key(const DisplayList& list)
{
    if (list.source_hash != 0) return list.source_hash;
    // A list built by hand (tests, generated pages): hash what it shows.
    uint64_t h = 0x84222325cbf29ce4ull;
    auto mix_spans = [&h](const Spans& spans) {
        for (const auto& s : spans) h = (h ^ std::hash<std::string_view>{}(s.text)) * 0x100000001b3ull + s.text.size();
        h = h * 31 + 7;
    };
    for (const auto& block : list.blocks) {
        h = h * 131 + block.index();
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Table>) {
                    for (const auto& row : b.rows)
                        for (const auto& cell : row) mix_spans(cell);
                } else if constexpr (std::is_same_v<T, Image>) {
                    h ^= std::hash<std::string>{}(b.alt);
                } else if constexpr (!std::is_same_v<T, Rule>) {
                    mix_spans(b.spans);
                }
            },
            block);
    }
    return h;
}

const PageLayout& page_layout(Ui& ui, const DisplayList& list, float width)
{
    struct Cache {
        uint64_t generation = 0;
        std::unordered_map<uint64_t, PageLayout> pages;
    };
    static Cache cache;
    if (cache.generation != ui.layout_generation() || cache.pages.size() > 64) {
        cache.pages.clear();
        cache.generation = ui.layout_generation();
    }
    uint64_t key = document_key(list);
    key = (key ^ uint64_t(std::clamp(width, 0.0f, 1e7f) * 4)) * 0x9E3779B97F4A7C15ull;
    for (int role = 0; role < FontRoleCount; ++role) key = key * 31 + uint64_t(ui.font_px(FontRole(role)));
    auto it = cache.pages.find(key);
    if (it != cache.pages.end()) return it->second;

    Metrics m(ui);
    PageLayout page;
    float y = 0;
    const Block* previous = nullptr;
    for (const auto& block : list.blocks) {
        y += gap_before(block, previous, m);
        Box box = layout_block(ui, block, width, m);
        box.y = y;
        y += box.height;
        page.boxes.push_back(std::move(box));
        previous = &block;
    }
    page.height = y;
    return cache.pages.emplace(key, std::move(page)).first->second;
}

ImU32 mix(ImU32 a, ImU32 b, float t)
{
    auto channel = [&](int shift) {
        float x = float((a >> shift) & 0xFF), y = float((b >> shift) & 0xFF);
        return ImU32(x + (y - x) * t + 0.5f) << shift;
    };
    return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) | (0xFFu << IM_COL32_A_SHIFT);
}

std::string list_marker(const ListItem& item)
{
    if (item.ordered) return std::to_string(item.number) + ".";
    static const char* const k_bullets[] = {"\xE2\x97\x8F", "\xE2\x97\x8B", "\xE2\x96\xA0"};  // ● ○ ■
    return k_bullets[std::min(item.depth, 2)];
}

void draw_table(Ui& ui, const Table& table, const Box& box, ImVec2 pos, const Metrics& m)
{
    const Palette& p = palette();
    ImDrawList* draw = ui.draw();
    float table_w = 0;
    for (float w : box.columns) table_w += w;
    const Rect visible = ui.clip_rect();
    float line = std::max(1.0f, std::round(1.5f * ui.scale()));
    float y = pos.y;
    for (size_t r = 0; r < table.rows.size() && r < box.rows.size(); ++r) {
        float h = box.rows[r];
        bool header = table.header && r == 0;
        if (y + h >= visible.y0 && y <= visible.y1) {
            if (header)
                draw->AddRectFilled({pos.x, y}, {pos.x + table_w, y + h}, p.track);
            else if (r % 2 == 0)
                draw->AddRectFilled({pos.x, y}, {pos.x + table_w, y + h}, mix(p.surface, p.background, 0.6f));
            float x = pos.x;
            for (size_t c = 0; c < box.columns.size() && c < table.rows[r].size(); ++c) {
                RichTextStyle style;
                style.role = Body;
                style.color = p.text;
                style.bold = header;
                switch (table.align[c]) {
                case Align::Center: style.align = TextAlign::Center; break;
                case Align::Right: style.align = TextAlign::Right; break;
                default: style.align = TextAlign::Left; break;
                }
                rich_text(ui, {x + m.cell_pad_x, y + m.cell_pad_y}, box.columns[c] - 2 * m.cell_pad_x, table.rows[r][c],
                          style);
                x += box.columns[c];
            }
            draw->AddLine({pos.x, y + h}, {pos.x + table_w, y + h}, header ? p.text_muted : p.border, line);
        }
        y += h;
    }
    // The outer frame and column rules, drawn once over the whole (clipped) table.
    float x = pos.x;
    for (size_t c = 0; c + 1 < box.columns.size(); ++c) {
        x += box.columns[c];
        draw->AddLine({x, pos.y}, {x, y}, p.border, line);
    }
    draw->AddRect({pos.x, pos.y}, {pos.x + table_w, y}, p.border, 0, 0, line);
}

// A table wider than the page, in a view of its own that a finger drags sideways, with the
// view's position bar under it and a line saying so (the bar alone is easy to miss).
void draw_sideways_table(Ui& ui, const Table& table, const Box& box, ImVec2 pos, float width, const Metrics& m,
                         const std::string& id)
{
    const float cue_h = sideways_cue_height(ui, m), table_h = box.height - cue_h;
    float table_w = 0;
    for (float w : box.columns) table_w += w;
    const float offset = ui.begin_sideways_scroll(id, {pos.x, pos.y, pos.x + width, pos.y + table_h + m.u * 0.8f});
    draw_table(ui, table, box, {pos.x - offset, pos.y}, m);
    ui.end_sideways_scroll(table_w);
    ui.text(Small, {pos.x, pos.y + table_h + m.u}, palette().text_muted, ui.tr("表格较宽，请左右滑动查看"));
}

void draw_block(Ui& ui, const Block& block, const Box& box, ImVec2 pos, float width, const Metrics& m,
                const std::string& id)
{
    const Palette& p = palette();
    ImDrawList* draw = ui.draw();
    std::visit(
        [&](const auto& b) {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, content::Heading>) {
                RichTextStyle style;
                style.role = heading_role(b.level);
                style.color = b.level <= 2 ? p.text : mix(p.text, p.accent, 0.35f);
                style.bold = b.level != 3;
                rich_text(ui, pos, width, b.spans, style);
            } else if constexpr (std::is_same_v<T, Paragraph>) {
                float indent = float(b.indent) * m.list_indent + (b.indent > 0 ? m.marker_width - m.list_indent : 0);
                RichTextStyle style;
                style.color = p.text;
                if (b.style == ParagraphStyle::Normal) {
                    rich_text(ui, {pos.x + indent, pos.y}, width - indent, b.spans, style);
                    return;
                }
                Rect r{pos.x + indent, pos.y, pos.x + width, pos.y + box.height};
                if (b.style == ParagraphStyle::Quote) {
                    draw->AddRectFilled(r.min(), r.max(), mix(p.surface, p.background, 0.8f), 6 * ui.scale());
                    draw->AddRectFilled(r.min(), {r.x0 + 6 * ui.scale(), r.y1}, mix(p.border, p.text_muted, 0.4f));
                    style.color = p.text_muted;
                } else {
                    draw->AddRectFilled(r.min(), r.max(), palette().code_fill, 8 * ui.scale());
                }
                rich_text(ui, {r.x0 + m.u, r.y0 + 0.6f * m.u}, r.width() - 2 * m.u, b.spans, style);
            } else if constexpr (std::is_same_v<T, ListItem>) {
                float marker_x = pos.x + float(b.depth) * m.list_indent;
                std::string marker = list_marker(b);
                if (b.ordered) {
                    // Numbers right-aligned against the text, as a printed list has them.
                    ImVec2 size = ui.measure(Body, marker);
                    float lead = (ui.line_height(Body) - ui.font_px(Body)) / 2;
                    ui.text(Body, {marker_x + m.marker_width - size.x - m.body_px * 0.4f, pos.y + lead}, p.text, marker);
                } else {
                    // Bullets are smaller than the text and centred on its first line.
                    float lead = (ui.line_height(Body) - ui.font_px(Small)) / 2;
                    ui.text(Small, {marker_x + m.body_px * 0.45f, pos.y + lead}, b.depth == 0 ? p.accent : p.text_muted,
                            marker);
                }
                RichTextStyle style;
                style.color = p.text;
                float text_x = item_text_x(b, m);
                rich_text(ui, {pos.x + text_x, pos.y}, width - text_x, b.spans, style);
            } else if constexpr (std::is_same_v<T, Table>) {
                if (box.sideways) draw_sideways_table(ui, b, box, pos, width, m, id);
                else draw_table(ui, b, box, pos, m);
            } else if constexpr (std::is_same_v<T, Image>) {
                // The picture when the content has it (the box keeps its height either way, so
                // the cached page layout does not depend on textures); else the alt text.
                if (ui.images() && ui.images()->image(b.path)) {
                    draw_image(ui, ui.images(), b.path, pos.x, pos.y, width, box.height);
                    return;
                }
                Rect r{pos.x, pos.y, pos.x + width, pos.y + box.height};
                draw->AddRectFilled(r.min(), r.max(), mix(p.surface, p.background, 0.9f), 10 * ui.scale());
                draw->AddRect(r.min(), r.max(), p.border, 10 * ui.scale(), 0, 2 * ui.scale());
                std::string caption = std::string(ui.tr("图片")) + (b.alt.empty() ? "" : "：" + b.alt);
                float inner = r.width() - 4 * m.u;
                float h = ui.paragraph_height(Body, inner, caption);
                ui.paragraph(Body, {r.x0 + 2 * m.u, r.center().y - h / 2}, inner, p.text_muted, caption);
            } else if constexpr (std::is_same_v<T, Rule>) {
                float y = std::round(pos.y + box.height / 2);
                draw->AddLine({pos.x, y}, {pos.x + width, y}, p.border, std::max(1.0f, 2 * ui.scale()));
            }
        },
        block);
}

}  // namespace

float markdown_height(Ui& ui, const content::DisplayList& list, float width)
{
    return page_layout(ui, list, width).height;
}

void draw_reading_mark(Ui& ui, const Rect& around)
{
    const Palette& p = palette();
    const float pad = ui.unit() * 0.5f;
    const ImVec2 a{around.x0 - pad, around.y0 - pad * 0.5f}, b{around.x1 + pad, around.y1 + pad * 0.5f};
    ui.draw()->AddRectFilled(a, b, p.reading, 6 * ui.scale());
    ui.draw()->AddRectFilled(a, {a.x + 6 * ui.scale(), b.y}, p.accent);
}

std::vector<std::string> spoken_blocks(const content::DisplayList& list)
{
    std::vector<std::string> out;
    for (const auto& block : list.blocks) {
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, content::Table>) {
                    std::string text;
                    for (const auto& row : b.rows) {
                        for (size_t c = 0; c < row.size(); ++c) text += (c ? "，" : "") + content::plain_text(row[c]);
                        text += "。";
                    }
                    out.push_back(std::move(text));
                } else if constexpr (std::is_same_v<T, content::Image>) {
                    out.push_back(b.alt);
                } else if constexpr (std::is_same_v<T, content::Rule>) {
                    out.emplace_back();
                } else {
                    out.push_back(content::plain_text(b.spans));
                }
            },
            block);
    }
    return out;
}

float draw_markdown(Ui& ui, const content::DisplayList& list, ImVec2 pos, float width, int highlight)
{
    const PageLayout& page = page_layout(ui, list, width);
    const Rect visible = ui.clip_rect();
    Metrics m(ui);
    // The first block whose bottom reaches the clip; blocks are in y order.
    auto first = std::partition_point(page.boxes.begin(), page.boxes.end(),
                                      [&](const Box& b) { return pos.y + b.y + b.height < visible.y0; });
    for (auto it = first; it != page.boxes.end(); ++it) {
        if (pos.y + it->y > visible.y1) break;
        size_t i = size_t(it - page.boxes.begin());
        if (int(i) == highlight) draw_reading_mark(ui, {pos.x, pos.y + it->y, pos.x + width, pos.y + it->y + it->height});
        // A sideways table's view is named by the document and the block.
        draw_block(ui, list.blocks[i], *it, {pos.x, pos.y + it->y}, width, m,
                   "markdown-table:" + std::to_string(document_key(list)) + ":" + std::to_string(i));
    }
    return page.height;
}

}  // namespace linli::ui
