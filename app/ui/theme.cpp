#include "ui/theme.hpp"

#include "core/contrast.hpp"

#include <algorithm>
#include <cmath>

namespace linli::ui {

std::vector<float> font_sizes_px(float scale, bool large_text)
{
    // Body text at 34 px on a 1080p screen reads comfortably from a standing distance.
    static constexpr float k_base[FontRoleCount] = {26, 34, 42, 56, 92};
    // Small screens (a 7" 800x480 panel) are also small physically: text never shrinks below
    // what an elderly resident can read at arm's length.
    static constexpr float k_min[FontRoleCount] = {16, 20, 24, 30, 44};
    float factor = large_text ? k_large_text_factor : 1.0f;
    std::vector<float> sizes;
    for (int role = 0; role < FontRoleCount; ++role)
        sizes.push_back(float(int(std::max(k_base[role] * scale, k_min[role]) * factor + 0.5f)));
    return sizes;
}

float screen_scale(int width, int height)
{
    return std::max(0.4f, float(std::min(width, height)) / 1080.0f);
}

float mm_per_px(int width, int height, double diagonal_in)
{
    const double pixels = std::hypot(double(width), double(height));
    return pixels > 0 ? float(diagonal_in * 25.4 / pixels) : 0.0f;
}

float min_touch_px(float scale)
{
    return std::max(48.0f, 88.0f * scale);
}

double contrast(ImU32 a, ImU32 b)
{
    auto rgb = [](ImU32 c) {
        return Rgb{uint8_t(c >> IM_COL32_R_SHIFT), uint8_t(c >> IM_COL32_G_SHIFT), uint8_t(c >> IM_COL32_B_SHIFT)};
    };
    return contrast_ratio(rgb(a), rgb(b));
}

const Palette& palette()
{
    static const Palette p;
    return p;
}

}  // namespace linli::ui
