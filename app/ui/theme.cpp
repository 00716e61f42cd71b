#include "ui/theme.hpp"

#include <algorithm>

namespace linli::ui {

std::vector<float> font_sizes_px(float scale, bool large_text)
{
    // Body text at 34 px on a 1080p screen reads comfortably from a standing distance.
    static constexpr float k_base[FontRoleCount] = {26, 34, 42, 56, 92};
    float factor = scale * (large_text ? k_large_text_factor : 1.0f);
    std::vector<float> sizes;
    for (float px : k_base) sizes.push_back(std::max(12.0f, float(int(px * factor + 0.5f))));
    return sizes;
}

float screen_scale(int width, int height)
{
    return std::max(0.4f, float(std::min(width, height)) / 1080.0f);
}

float min_touch_px(float scale)
{
    return std::max(48.0f, 88.0f * scale);
}

const Palette& palette()
{
    static const Palette p;
    return p;
}

}  // namespace linli::ui
