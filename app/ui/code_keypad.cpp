#include "ui/code_keypad.hpp"

#include "core/codes.hpp"
#include "ui/theme.hpp"

#include <algorithm>

namespace linli::ui {

namespace {

constexpr int k_columns = 8;
constexpr int k_char_rows = 4;  // 32 characters
// The key's height for a column width: wide keys stay a comfortable shape.
float key_height(const Ui& ui, float key_w) { return std::clamp(key_w * 0.62f, ui.touch_px() * 1.15f, ui.touch_px() * 1.8f); }

// 8 columns of 4 rows; on a screen too short for them (大 on a landscape panel), 11 of 3 while
// the keys stay a touch target wide.
struct Grid {
    int columns = k_columns, rows = k_char_rows;
};
Grid grid_for(const Ui& ui, float w, float h)
{
    const float gap = ui.target_gap();
    Grid grid;
    if (float(grid.rows + 1) * ui.touch_px() + float(grid.rows) * gap <= h) return grid;
    const Grid wide{11, 3};
    if ((w - gap * float(wide.columns - 1)) / float(wide.columns) >= ui.touch_px()) grid = wide;
    return grid;
}

}  // namespace

float CodeKeypad::keys_height(const Ui& ui, float w)
{
    const float gap = ui.target_gap();
    const float key_w = (w - gap * (k_columns - 1)) / k_columns;
    return (k_char_rows + 1) * key_height(ui, key_w) + k_char_rows * gap;
}

float CodeKeypad::min_keys_height(const Ui& ui, float w)
{
    const Grid grid = grid_for(ui, w, 0);
    return float(grid.rows + 1) * ui.touch_px() + float(grid.rows) * ui.target_gap();
}

float CodeKeypad::draw_field(Ui& ui, ImVec2 pos, float max_width)
{
    const Palette& p = palette();
    const float u = ui.unit();
    const size_t first_group = (m_length + 1) / 2;
    const float dash_w = ui.measure(Display, "-").x + u;
    const float cell = std::min((max_width - dash_w) / float(m_length) - u * 0.4f, ui.font_px(Display) * 1.15f);
    const float cell_gap = u * 0.4f;
    float x = pos.x;
    for (size_t i = 0; i < m_length; ++i) {
        if (i == first_group) {
            ui.text_centered(Display, {x, pos.y, x + dash_w, pos.y + cell * 1.2f}, p.text, "-");
            x += dash_w;
        }
        Rect box{x, pos.y, x + cell, pos.y + cell * 1.2f};
        const bool next = i == m_code.size();
        ui.draw()->AddRectFilled(box.min(), box.max(), p.surface, 8 * ui.scale());
        ui.draw()->AddRect(box.min(), box.max(), next ? p.accent : p.border, 8 * ui.scale(), 0, (next ? 4 : 2) * ui.scale());
        if (i < m_code.size()) ui.text_centered(Display, box, p.text, std::string(1, m_code[i]));
        x += cell + cell_gap;
    }
    return cell * 1.2f;
}

bool CodeKeypad::draw_page(Ui& ui, const Rect& body, const std::string& scroll_id, float x, float w,
                           const std::function<float(float y)>& head, bool enabled)
{
    const float u = ui.unit();
    const float offset = ui.begin_scroll(scroll_id, body);
    const float y = head(body.y0 - offset);
    // As tall as the keys like within the screen, at the foot of it when there is room.
    const float room = body.y1 - u - (y + offset);
    const float keys_h = std::max(min_keys_height(ui, w), std::min(room, keys_height(ui, w)));
    const float keys_top = std::max(y, body.y1 - u - keys_h - offset);
    const Rect keys{x, keys_top, x + w, keys_top + keys_h};
    const bool confirmed = draw_keys(ui, keys, enabled);
    ui.end_scroll(keys.y1 + u + offset - body.y0);
    return confirmed;
}

bool CodeKeypad::draw_keys(Ui& ui, const Rect& rect, bool enabled)
{
    const float gap = ui.target_gap();
    const Grid grid = grid_for(ui, rect.width(), rect.height());
    const float key_w = (rect.width() - gap * float(grid.columns - 1)) / float(grid.columns);
    // As tall as they like, within rect, never below the touch minimum.
    const float fit_h = (rect.height() - float(grid.rows) * gap) / float(grid.rows + 1);
    const float key_h = std::max(std::min(key_height(ui, key_w), fit_h), ui.touch_px());
    bool confirmed = false;
    for (size_t i = 0; i < k_code_alphabet.size(); ++i) {
        const float kx = rect.x0 + float(int(i) % grid.columns) * (key_w + gap);
        const float ky = rect.y0 + float(int(i) / grid.columns) * (key_h + gap);
        const std::string label(1, k_code_alphabet[i]);
        if (ui.button(label, {kx, ky, kx + key_w, ky + key_h}, ButtonStyle::Surface, Title) && enabled &&
            m_code.size() < m_length)
            m_code += label;
    }
    // The last row: 删除 and 清除 a quarter of the columns each, 确认 the rest.
    const float ky = rect.y0 + float(grid.rows) * (key_h + gap);
    auto span = [&](int from, int n) {
        return Rect{rect.x0 + float(from) * (key_w + gap), ky, rect.x0 + float(from + n) * (key_w + gap) - gap, ky + key_h};
    };
    const int quarter = grid.columns / 4;
    if (ui.button(ui.tr("删除"), span(0, quarter), ButtonStyle::Surface, Heading) && enabled && !m_code.empty()) m_code.pop_back();
    if (ui.button(ui.tr("清除"), span(quarter, quarter), ButtonStyle::Surface, Heading) && enabled) m_code.clear();
    if (ui.button(ui.tr("确认"), span(2 * quarter, grid.columns - 2 * quarter), complete() ? ButtonStyle::Accent : ButtonStyle::Surface,
                  Title) &&
        enabled && complete())
        confirmed = true;
    // Paused: the keys are veiled, lightly enough that their letters keep a 7:1 contrast.
    if (!enabled)
        ui.draw()->AddRectFilled(rect.min(), {rect.x1, ky + key_h}, (palette().background & 0x00FFFFFF) | 0x33000000);
    return confirmed;
}

}  // namespace linli::ui
