// Theme: font sizes, colours and touch metrics. Everything scales with the screen's shorter side
// (1080 px = 1.0) so a 7" 800x480 panel and a 55" 4K screen keep the same proportions; targets
// never drop below 48 px (about 9 mm on a typical lobby screen).
#pragma once

#include <imgui.h>

#include <vector>

namespace linli::ui {

// Index into ImGui's font atlas; the composition root builds the atlas from font_sizes_px().
enum FontRole : int { Small = 0, Body, Heading, Title, Display, FontRoleCount };

// Pixel sizes per role for this screen; large_text multiplies by k_large_text_factor.
inline constexpr float k_large_text_factor = 1.4f;
std::vector<float> font_sizes_px(float scale, bool large_text);
// Scale factor for a display of this size.
float screen_scale(int width, int height);
// Smallest touch target edge in pixels at this scale.
float min_touch_px(float scale);

struct Palette {
    ImU32 background = IM_COL32(246, 243, 236, 255);    // warm paper
    ImU32 surface = IM_COL32(255, 255, 255, 255);
    ImU32 surface_pressed = IM_COL32(222, 228, 236, 255);
    ImU32 border = IM_COL32(214, 208, 196, 255);
    ImU32 text = IM_COL32(33, 37, 41, 255);
    ImU32 text_muted = IM_COL32(98, 104, 112, 255);
    ImU32 text_on_color = IM_COL32(255, 255, 255, 255);
    ImU32 header = IM_COL32(176, 36, 40, 255);          // 中国红, the board's header band
    ImU32 header_text = IM_COL32(255, 248, 230, 255);
    ImU32 accent = IM_COL32(24, 96, 168, 255);
    ImU32 accent_pressed = IM_COL32(16, 70, 128, 255);
    ImU32 urgent = IM_COL32(200, 16, 24, 255);
    ImU32 urgent_text = IM_COL32(255, 255, 255, 255);
    ImU32 pinned = IM_COL32(214, 128, 0, 255);
    ImU32 tiles[8] = {
        IM_COL32(196, 54, 48, 255),  IM_COL32(36, 120, 86, 255),  IM_COL32(214, 116, 24, 255),
        IM_COL32(40, 96, 170, 255),  IM_COL32(120, 72, 160, 255), IM_COL32(84, 96, 112, 255),
        IM_COL32(18, 128, 140, 255), IM_COL32(150, 110, 40, 255),
    };
};

const Palette& palette();

}  // namespace linli::ui
