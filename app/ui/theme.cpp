#include "ui/theme.hpp"

#include "core/contrast.hpp"

#include <algorithm>
#include <cmath>

namespace linli::ui {

namespace {

// The reference pixel the layouts were drawn with: a 21.5" 1920x1080 panel's.
constexpr float k_reference_mm_per_px = 0.2479f;

// Capital heights in mm per size and role. 标准's body (5.7 mm) is VVSG's medium range's top;
// titles and the clock grow less than small text does, or 特大 would leave no room for content.
constexpr float k_cap_mm[3][FontRoleCount] = {
    {4.9f, 5.7f, 6.6f, 8.0f, 12.0f},    // 标准: smallest >= 4.8 mm
    {6.5f, 7.2f, 8.0f, 9.4f, 13.0f},    // 大: smallest >= 6.4 mm
    {8.6f, 9.4f, 10.2f, 11.4f, 14.5f},  // 特大: smallest >= 8.5 mm
};

Palette high_contrast_palette()
{
    const ImU32 black = IM_COL32(0, 0, 0, 255), white = IM_COL32(255, 255, 255, 255);
    Palette p;
    p.background = white;
    p.surface = IM_COL32(240, 240, 240, 255);  // cards stand out from the page, black on them 18:1
    p.surface_pressed = IM_COL32(225, 225, 225, 255);
    p.border = black;
    p.track = IM_COL32(225, 225, 225, 255);
    p.code_fill = IM_COL32(235, 235, 235, 255);
    p.reading = IM_COL32(255, 255, 0, 255);  // black on yellow: 19.6:1
    p.text = black;
    p.text_muted = black;
    p.text_on_color = white;
    p.header = black;
    p.header_text = white;
    p.header_button = black;
    p.header_button_pressed = IM_COL32(60, 60, 60, 255);
    p.accent = black;
    p.accent_pressed = IM_COL32(60, 60, 60, 255);
    p.success = black;
    p.urgent = black;
    p.urgent_pressed = IM_COL32(60, 60, 60, 255);
    p.urgent_text = white;
    p.pinned = black;
    p.neutral_chip = black;
    for (ImU32& tile : p.tiles) tile = black;
    return p;
}

const Palette k_normal{};
const Palette k_high_contrast = high_contrast_palette();
Theme g_theme = Theme::Normal;

}  // namespace

float cap_height_mm(TextSize size, FontRole role)
{
    return k_cap_mm[int(size)][int(role)];
}

std::vector<float> font_sizes_px(float mm_per_px, TextSize size, float cap_ratio)
{
    std::vector<float> sizes;
    for (int role = 0; role < FontRoleCount; ++role) {
        // Rounded up: a size is a floor, never a target to fall short of by half a pixel.
        const float px = cap_height_mm(size, FontRole(role)) / mm_per_px / cap_ratio;
        sizes.push_back(std::ceil(px));
    }
    return sizes;
}

float mm_per_px(int width, int height, double diagonal_in)
{
    const double pixels = std::hypot(double(width), double(height));
    return pixels > 0 ? float(diagonal_in * 25.4 / pixels) : 0.0f;
}

float screen_scale(float mm_per_px)
{
    return mm_per_px > 0 ? k_reference_mm_per_px / mm_per_px : 1.0f;
}

float min_touch_px(float scale)
{
    return 88.0f * scale;
}

double contrast(ImU32 a, ImU32 b)
{
    auto rgb = [](ImU32 c) {
        return Rgb{uint8_t(c >> IM_COL32_R_SHIFT), uint8_t(c >> IM_COL32_G_SHIFT), uint8_t(c >> IM_COL32_B_SHIFT)};
    };
    return contrast_ratio(rgb(a), rgb(b));
}

const Palette& palette(Theme theme)
{
    return theme == Theme::HighContrast ? k_high_contrast : k_normal;
}

const Palette& palette()
{
    return palette(g_theme);
}

void use_theme(Theme theme)
{
    g_theme = theme;
}

Theme current_theme()
{
    return g_theme;
}

}  // namespace linli::ui
