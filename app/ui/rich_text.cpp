// Rich text layout: the spans are concatenated and broken into lines once (all spans share one
// font, so a style change never changes a width and the breaker can measure across spans); each
// line is then cut at span boundaries into pieces with their x offsets. Drawing a cached layout
// costs one hash of the spans and one AddText per piece.
#include "ui/rich_text.hpp"

#include "core/line_break.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

namespace linli::ui {

namespace {

struct Piece {
    uint32_t begin = 0, end = 0;  // byte range in Layout::text
    uint32_t span = 0;            // index into the spans
    float x = 0, width = 0;
};

struct Line {
    float width = 0;
    uint32_t first_piece = 0, piece_count = 0;
};

struct Layout {
    std::string text;
    std::vector<Line> lines;
    std::vector<Piece> pieces;
};

// Layouts of every Ui share one cache: it is emptied when the Ui's layout generation changes
// (the glyph atlas was rebuilt, so widths measured before may be wrong) or when it grows large.
struct Cache {
    uint64_t generation = 0;
    std::unordered_map<uint64_t, Layout> layouts;
    std::unordered_map<uint64_t, RichTextExtent> extents;
};

constexpr size_t k_max_cached_layouts = 4096;

Cache& cache_for(Ui& ui)
{
    static Cache cache;
    if (cache.generation != ui.layout_generation() || cache.layouts.size() + cache.extents.size() > k_max_cached_layouts) {
        cache.layouts.clear();
        cache.extents.clear();
        cache.generation = ui.layout_generation();
    }
    return cache;
}

// Content (texts and where spans split) + font size + width. Styles do not change a layout.
uint64_t layout_key(Ui& ui, FontRole role, float width, const content::Spans& spans)
{
    uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 0x100000001b3ull + (h >> 29); };
    for (const auto& span : spans) {
        mix(std::hash<std::string_view>{}(span.text));
        mix(span.text.size());
    }
    mix(uint64_t(role));
    mix(uint64_t(ui.font_px(role) * 4));
    mix(std::isfinite(width) ? uint64_t(std::clamp(width, 0.0f, 1e9f) * 4) : ~0ull);  // INFINITY: unwrapped
    return h;
}

float text_width(ImFont* font, std::string_view run)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, run.data(), run.data() + run.size()).x;
}

const Layout& layout(Ui& ui, FontRole role, float width, const content::Spans& spans)
{
    Cache& cache = cache_for(ui);
    uint64_t key = layout_key(ui, role, width, spans);
    auto it = cache.layouts.find(key);
    if (it != cache.layouts.end()) return it->second;

    Layout out;
    std::vector<uint32_t> span_begin;
    for (const auto& span : spans) {
        span_begin.push_back(uint32_t(out.text.size()));
        out.text += span.text;
    }
    span_begin.push_back(uint32_t(out.text.size()));
    ui.prepare_text(role, out.text);
    ImFont* font = ui.font(role);
    const std::string& text = out.text;
    auto lines = break_lines(text, width, [font](std::string_view run) { return text_width(font, run); });
    size_t span = 0;
    for (const auto& line : lines) {
        Line l;
        l.first_piece = uint32_t(out.pieces.size());
        float x = 0;
        size_t pos = line.begin;
        while (pos < line.end) {
            while (span + 1 < spans.size() && span_begin[span + 1] <= pos) ++span;
            size_t end = std::min<size_t>(line.end, span_begin[span + 1]);
            if (end <= pos) {  // only empty spans left here; cannot happen with pos < line.end
                ++span;
                continue;
            }
            float w = text_width(font, std::string_view(text).substr(pos, end - pos));
            out.pieces.push_back({uint32_t(pos), uint32_t(end), uint32_t(span), x, w});
            x += w;
            pos = end;
        }
        l.piece_count = uint32_t(out.pieces.size()) - l.first_piece;
        l.width = x;
        out.lines.push_back(l);
    }
    return cache.layouts.emplace(key, std::move(out)).first->second;
}

bool is_wide(char32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Faux bold offset: one pixel at body size on a 1080p screen, more for larger text.
float bold_offset(float font_px)
{
    return std::max(1.0f, std::round(font_px / 34.0f));
}

}  // namespace

float rich_text_height(Ui& ui, FontRole role, float width, const content::Spans& spans)
{
    return float(layout(ui, role, width, spans).lines.size()) * ui.line_height(role);
}

RichTextExtent rich_text_extent(Ui& ui, FontRole role, const content::Spans& spans)
{
    Cache& cache = cache_for(ui);
    uint64_t key = layout_key(ui, role, INFINITY, spans);
    auto it = cache.extents.find(key);
    if (it != cache.extents.end()) return it->second;

    RichTextExtent extent;
    for (const auto& line : layout(ui, role, INFINITY, spans).lines) extent.natural = std::max(extent.natural, line.width);
    // The widest run that never breaks: Latin words and numbers between spaces; each wide
    // (Chinese) character stands alone. Closing punctuation may stick to a character, which
    // the breaker handles by overflowing a little; columns are never that tight in practice.
    ImFont* font = ui.font(role);
    for (const auto& span : spans) {
        std::string_view text = span.text;
        size_t run_begin = 0;
        for (size_t pos = 0; pos < text.size();) {
            size_t cp_begin = pos;
            char32_t cp = decode_utf8(text, pos);
            bool breaks = cp == ' ' || cp == '\n' || cp == '\t' || is_wide(cp);
            if (breaks) {
                if (cp_begin > run_begin)
                    extent.minimum = std::max(extent.minimum, text_width(font, text.substr(run_begin, cp_begin - run_begin)));
                if (is_wide(cp))
                    extent.minimum = std::max(extent.minimum, text_width(font, text.substr(cp_begin, pos - cp_begin)));
                run_begin = pos;
            }
        }
        if (text.size() > run_begin)
            extent.minimum = std::max(extent.minimum, text_width(font, text.substr(run_begin)));
    }
    extent.minimum = std::min(extent.minimum, extent.natural);
    return cache.extents.emplace(key, extent).first->second;
}

float rich_text(Ui& ui, ImVec2 pos, float width, const content::Spans& spans, const RichTextStyle& style)
{
    const Layout& lay = layout(ui, style.role, width, spans);
    const float lh = ui.line_height(style.role);
    const float height = float(lay.lines.size()) * lh;
    ui.note_text(lay.text, {pos.x, pos.y, pos.x + width, pos.y + height});

    const Palette& p = palette();
    ImDrawList* draw = ui.draw();
    ImFont* font = ui.font(style.role);
    const float size = font->FontSize;
    const float leading = (lh - size) / 2;  // as Ui::paragraph: lines optically centred
    const float px = std::max(1.0f, std::round(ui.scale()));
    const float bold_dx = bold_offset(size);
    const Rect visible = ui.clip_rect();
    const char* base = lay.text.data();

    float y = pos.y;
    for (const auto& line : lay.lines) {
        if (y + lh >= visible.y0 && y <= visible.y1) {
            float x0 = pos.x;
            if (style.align == TextAlign::Center) x0 += std::max(0.0f, (width - line.width) / 2);
            if (style.align == TextAlign::Right) x0 += std::max(0.0f, width - line.width);
            const float top = y + leading;
            for (uint32_t i = line.first_piece; i < line.first_piece + line.piece_count; ++i) {
                const Piece& piece = lay.pieces[i];
                const content::SpanStyle& s = spans[piece.span].style;
                const float x = x0 + piece.x;
                // Struck text is muted (it no longer applies) but stays legible under its line.
                ImU32 ink = s.link || s.italic ? p.accent : s.strike ? p.text_muted : style.color;
                if (s.code)
                    draw->AddRectFilled({x - 3 * px, top - size * 0.04f}, {x + piece.width + 3 * px, top + size * 1.16f},
                                        p.code_fill, 4 * px);
                ui.draw_run(style.role, {x, top}, ink, base + piece.begin, base + piece.end);
                // Bold is the same glyphs again, a pixel or two over (the audit sees the first).
                if (s.bold || style.bold) draw->AddText(font, size, {x + bold_dx, top}, ink, base + piece.begin, base + piece.end);
                if (s.strike) {
                    float sy = std::round(top + size * 0.55f);
                    draw->AddLine({x, sy}, {x + piece.width, sy}, style.color, std::max(2.0f, std::round(size / 14)));
                }
                if (s.link) {
                    float uy = std::round(top + size * 1.12f);
                    draw->AddLine({x, uy}, {x + piece.width, uy}, ink, std::max(1.0f, size / 24));
                }
            }
        }
        y += lh;
    }
    return height;
}

}  // namespace linli::ui
