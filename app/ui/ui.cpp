#include "ui/ui.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <limits>
#include <atomic>
#include <cmath>
#include <functional>

namespace linli::ui {

namespace {

uint64_t text_key(std::string_view text, uint64_t salt)
{
    uint64_t h = std::hash<std::string_view>{}(text);
    return h ^ (salt * 0x9E3779B97F4A7C15ull) ^ (uint64_t(text.size()) << 1);
}

// Layout caches are per text, size and width; clear them rather than let them grow forever.
constexpr size_t k_max_layouts = 4096;

}  // namespace

uint64_t Ui::next_layout_generation()
{
    static std::atomic<uint64_t> counter{0};
    return ++counter;
}

void Ui::invalidate_layouts()
{
    m_layouts.clear();
    m_layout_generation = next_layout_generation();
}

void Ui::begin(const TouchFrame& touch, float mm_per_px, Language language, float dt_s)
{
    ImGuiIO& io = ImGui::GetIO();
    m_screen = {0, 0, io.DisplaySize.x, io.DisplaySize.y};
    m_touch = touch;
    m_mm_per_px = mm_per_px;
    m_scale = screen_scale(mm_per_px);
    m_runs.clear();
    m_targets.clear();
    m_language = language;
    m_dt_s = dt_s;
    m_clips.clear();
    m_controls.clear();
    m_texts.clear();
    m_scroll_stack.clear();
    m_writing_box.reset();
    if (m_layouts.size() > k_max_layouts) m_layouts.clear();

    // One borderless window covering the screen gives us a draw list; ImGui's own widgets and
    // inputs are not used.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("linli", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollWithMouse);
    // The background is the display's clear colour (palette().background): a full-screen quad
    // would cost llvmpipe a whole extra pass over 2 million pixels every frame.
    m_draw = ImGui::GetWindowDrawList();

    for (auto& [id, state] : m_scrolls) {
        // Drags and flings go to the view the finger went down in (its rect from the last frame).
        if (state.view.contains(m_touch.press_pos)) {
            const float along = state.sideways ? m_touch.drag_delta.x : m_touch.drag_delta.y;
            if (along != 0) state.scroll.drag_by(-along);
            if (m_touch.fling) state.scroll.fling(-(state.sideways ? m_touch.fling->x : m_touch.fling->y));
        }
        if (state.scroll.moving()) state.scroll.step(m_dt_s);
    }
}

void Ui::end()
{
    ImGui::End();
    ImGui::PopStyleVar(2);
    m_last_controls = std::move(m_controls);
    m_last_texts = std::move(m_texts);
    m_last_writing_box = m_writing_box;
    m_controls.clear();
    m_texts.clear();
    m_last_runs = std::move(m_runs);
    m_last_targets = std::move(m_targets);
    m_runs.clear();
    m_targets.clear();
}

float Ui::touch_px() const
{
    // A button's label at body size needs about 1.9 times its font's height to breathe.
    return std::max(min_touch_px(m_scale), std::round(font_px(Body) * 1.9f));
}

void Ui::draw_run(FontRole role, ImVec2 pos, ImU32 color, const char* begin, const char* end)
{
    ImFont* f = font(role);
    if (m_recording && begin != end) {
        const float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, begin, end).x;
        bool down = false, sideways = false;
        for (const auto& id : m_scroll_stack) (m_scrolls.at(id).sideways ? sideways : down) = true;
        m_runs.push_back({std::string(begin, end), role, f->FontSize, color,
                          {pos.x, pos.y, pos.x + w, pos.y + f->FontSize}, clip(), down, sideways});
    }
    m_draw->AddText(f, f->FontSize, pos, color, begin, end);
}

ImFont* Ui::font(FontRole role) const
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return role < atlas->Fonts.Size ? atlas->Fonts[role] : ImGui::GetFont();
}

float Ui::font_px(FontRole role) const
{
    return font(role)->FontSize;
}

void Ui::note_glyphs(FontRole role, std::string_view text)
{
    if (!m_noted.insert(text_key(text, uint64_t(role) + 1000)).second) return;
    size_t pos = 0;
    auto& out = m_new_code_points[size_t(role)];
    while (pos < text.size()) out.push_back(decode_utf8(text, pos));
}

std::vector<std::vector<char32_t>> Ui::take_new_code_points()
{
    auto taken = std::move(m_new_code_points);
    m_new_code_points.assign(FontRoleCount, {});
    return taken;
}

ImVec2 Ui::measure(FontRole role, std::string_view text)
{
    note_glyphs(role, text);
    ImFont* f = font(role);
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size());
}

void Ui::record_text(std::string_view text, const Rect& rect)
{
    if (clipped_visible(rect)) m_texts.push_back({std::string(text), rect});
}

void Ui::text(FontRole role, ImVec2 pos, ImU32 color, std::string_view str)
{
    ImVec2 size = measure(role, str);
    Rect rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
    record_text(str, rect);
    if (!clipped_visible(rect)) return;
    draw_run(role, pos, color, str.data(), str.data() + str.size());
}

void Ui::text_centered(FontRole role, const Rect& rect, ImU32 color, std::string_view str)
{
    ImVec2 size = measure(role, str);
    text(role, {rect.x0 + (rect.width() - size.x) / 2, rect.y0 + (rect.height() - size.y) / 2}, color, str);
}

const Ui::Layout& Ui::layout(FontRole role, float width, std::string_view text)
{
    uint64_t key = text_key(text, (uint64_t(role) << 40) ^ (uint64_t(font_px(role) * 4) << 20) ^ uint64_t(width));
    auto it = m_layouts.find(key);
    if (it != m_layouts.end()) return it->second;
    note_glyphs(role, text);
    ImFont* f = font(role);
    MeasureFn measure_run = [f](std::string_view run) {
        return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, run.data(), run.data() + run.size()).x;
    };
    Layout layout{break_lines(text, width, measure_run)};
    return m_layouts.emplace(key, std::move(layout)).first->second;
}

float Ui::paragraph_height(FontRole role, float width, std::string_view text)
{
    return float(layout(role, width, text).lines.size()) * line_height(role);
}

float Ui::paragraph(FontRole role, ImVec2 pos, float width, ImU32 color, std::string_view text)
{
    const Layout& lines = layout(role, width, text);
    float lh = line_height(role);
    float height = float(lines.lines.size()) * lh;
    Rect whole{pos.x, pos.y, pos.x + width, pos.y + height};
    record_text(text, whole);
    Rect visible = clip();
    float y = pos.y;
    // Half the extra leading above the glyphs keeps lines optically centred.
    float leading = (lh - font_px(role)) / 2;
    for (const auto& line : lines.lines) {
        if (y + lh >= visible.y0 && y <= visible.y1)
            draw_run(role, {pos.x, y + leading}, color, text.data() + line.begin, text.data() + line.end);
        y += lh;
    }
    return height;
}

float Ui::paragraph_centered(FontRole role, ImVec2 pos, float width, ImU32 color, std::string_view text)
{
    const Layout& lines = layout(role, width, text);
    const float lh = line_height(role);
    const float height = float(lines.lines.size()) * lh;
    record_text(text, {pos.x, pos.y, pos.x + width, pos.y + height});
    const float leading = (lh - font_px(role)) / 2;
    float y = pos.y;
    for (const auto& line : lines.lines) {
        const std::string_view run = text.substr(line.begin, line.end - line.begin);
        const float w = measure(role, run).x;
        draw_run(role, {pos.x + std::max(0.0f, (width - w) / 2), y + leading}, color, run.data(), run.data() + run.size());
        y += lh;
    }
    return height;
}

std::vector<Rect> Ui::button_rows(const std::vector<std::string>& labels, FontRole role, float x0, float x1, float y,
                                  float row_h, float gap)
{
    float widest = 0;
    for (const auto& label : labels) widest = std::max(widest, measure(role, label).x + 4 * unit());
    const size_t n = std::max<size_t>(labels.size(), 1);
    size_t per_row = std::clamp<size_t>(size_t((x1 - x0 + gap) / (widest + gap)), 1, n);
    const size_t rows = (n + per_row - 1) / per_row;
    per_row = (n + rows - 1) / rows;  // 6 buttons in two rows of 3 rather than 5 and 1
    const float w = (x1 - x0 - float(per_row - 1) * gap) / float(per_row);
    std::vector<Rect> rects;
    for (size_t i = 0; i < labels.size(); ++i) {
        const float bx = x0 + float(i % per_row) * (w + gap), by = y + float(i / per_row) * (row_h + gap);
        rects.push_back({bx, by, bx + w, by + row_h});
    }
    return rects;
}

bool Ui::is_pressed(const Rect& rect) const
{
    return m_touch.pressed && rect.contains(m_touch.press_pos) && clip().contains(m_touch.press_pos);
}

bool Ui::tap_area(std::string_view label, const Rect& rect)
{
    if (!clipped_visible(rect)) return false;
    if (m_recording) m_targets.push_back({std::string(label), rect, clip()});
    Rect visible{std::max(rect.x0, clip().x0), std::max(rect.y0, clip().y0), std::min(rect.x1, clip().x1),
                 std::min(rect.y1, clip().y1)};
    m_controls.push_back({std::string(label), visible});
    if (m_touch.tap && visible.contains(*m_touch.tap)) {
        m_touch.tap.reset();  // one tap, one control
        // It counts only if the finger also lifted on this target (VVSG 7.2-I): a finger that
        // slid onto the next key presses neither.
        return !m_touch.tap_end || rect.contains(*m_touch.tap_end);
    }
    return false;
}

bool Ui::button(std::string_view label, const Rect& rect, ButtonStyle style, FontRole role, std::string_view shown)
{
    const Palette& p = palette();
    bool pressed = is_pressed(rect);
    ImU32 fill = p.surface, ink = p.text;
    switch (style) {
    case ButtonStyle::Surface: fill = pressed ? p.surface_pressed : p.surface; break;
    case ButtonStyle::Accent: fill = pressed ? p.accent_pressed : p.accent; ink = p.text_on_color; break;
    case ButtonStyle::Danger: fill = pressed ? p.urgent_pressed : p.urgent; ink = p.text_on_color; break;
    case ButtonStyle::Quiet: fill = pressed ? p.header_button_pressed : p.header_button; ink = p.header_text; break;
    }
    float rounding = 12 * m_scale;
    m_draw->AddRectFilled(rect.min(), rect.max(), fill, rounding);
    if (style == ButtonStyle::Surface) m_draw->AddRect(rect.min(), rect.max(), p.border, rounding, 0, 2 * m_scale);
    text_centered(role, rect, ink, shown.empty() ? label : shown);
    return tap_area(label, rect);
}

void Ui::push_clip(const Rect& rect)
{
    Rect r = rect;
    if (!m_clips.empty()) {
        const Rect& outer = m_clips.back();
        r = {std::max(r.x0, outer.x0), std::max(r.y0, outer.y0), std::min(r.x1, outer.x1), std::min(r.y1, outer.y1)};
    }
    m_clips.push_back(r);
    m_draw->PushClipRect(r.min(), r.max(), false);
}

void Ui::pop_clip()
{
    m_clips.pop_back();
    m_draw->PopClipRect();
}

float Ui::begin_view(const std::string& id, const Rect& view, bool sideways)
{
    auto& state = m_scrolls[id];
    state.view = view;
    state.sideways = sideways;
    m_scroll_stack.push_back(id);
    push_clip(view);
    return state.scroll.offset();
}

Ui::ScrollState& Ui::end_view(float content_length)
{
    auto& state = m_scrolls[m_scroll_stack.back()];
    m_scroll_stack.pop_back();
    pop_clip();
    state.scroll.set_limits(0, std::max(0.0f, content_length - state.length()));
    return state;
}

float Ui::begin_scroll(const std::string& id, const Rect& view) { return begin_view(id, view, false); }

void Ui::end_scroll(float content_height)
{
    const ScrollState& state = end_view(content_height);
    float max_offset = std::max(0.0f, content_height - state.view.height());
    if (max_offset <= 0) return;
    // A thin position bar: residents see there is more below (not a control; dragging scrolls).
    float track = state.view.height();
    float bar = std::max(track * track / content_height, 40 * m_scale);
    float y = state.view.y0 + (track - bar) * (state.scroll.offset() / max_offset);
    float x = state.view.x1 - 8 * m_scale;
    m_draw->AddRectFilled({x, y}, {x + 5 * m_scale, y + bar}, IM_COL32(0, 0, 0, 70), 3 * m_scale);
}

float Ui::begin_sideways_scroll(const std::string& id, const Rect& view) { return begin_view(id, view, true); }

void Ui::end_sideways_scroll(float content_width)
{
    const ScrollState& state = end_view(content_width);
    float max_offset = std::max(0.0f, content_width - state.view.width());
    if (max_offset <= 0) return;
    // The bar lies just under the row, inside the view's bottom edge.
    float track = state.view.width();
    float bar = std::max(track * track / content_width, 40 * m_scale);
    float x = state.view.x0 + (track - bar) * (state.scroll.offset() / max_offset);
    float y = state.view.y1 - 6 * m_scale;
    m_draw->AddRectFilled({x, y}, {x + bar, y + 5 * m_scale}, IM_COL32(0, 0, 0, 90), 3 * m_scale);
}

void Ui::scroll_to(const std::string& id, float offset)
{
    // The limits are the content's of the last frame; the view's end_scroll sets this frame's.
    auto& scroll = m_scrolls[id].scroll;
    scroll.set_limits(0, std::numeric_limits<float>::max());
    scroll.set_offset(offset);
}

bool Ui::scroll_views_by(float share_of_view)
{
    bool moved = false;
    for (auto& [id, state] : m_scrolls) {
        const float before = state.scroll.offset();
        state.scroll.set_offset(before + state.length() * share_of_view);
        moved |= state.scroll.offset() != before;
    }
    return moved;
}

void Ui::reset_scroll(const std::string& id)
{
    m_scrolls.erase(id);
}

bool Ui::animating() const
{
    for (const auto& [id, state] : m_scrolls)
        if (state.scroll.moving()) return true;
    return false;
}

}  // namespace linli::ui
