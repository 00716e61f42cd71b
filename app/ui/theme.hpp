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
// Millimetres per pixel of a width x height screen whose visible diagonal is diagonal_in inches
// (square pixels): 0.248 for a 21.5" 1920x1080 panel.
float mm_per_px(int width, int height, double diagonal_in);
// Smallest touch target edge in pixels at this scale.
float min_touch_px(float scale);

// Every text colour keeps at least 7:1 (core/contrast.hpp) against each background it is drawn
// on: text, text_muted, accent, success and urgent on background and surface; text_on_color on
// accent, urgent, pinned, success and every tile; header_text on header (tests/ui/theme_test.cpp).
struct Palette {
    ImU32 background = IM_COL32(246, 243, 236, 255);    // warm paper
    ImU32 surface = IM_COL32(255, 255, 255, 255);
    ImU32 surface_pressed = IM_COL32(222, 228, 236, 255);
    ImU32 border = IM_COL32(214, 208, 196, 255);
    ImU32 text = IM_COL32(33, 37, 41, 255);
    ImU32 text_muted = IM_COL32(76, 81, 87, 255);
    ImU32 text_on_color = IM_COL32(255, 255, 255, 255);
    ImU32 header = IM_COL32(158, 32, 36, 255);          // 中国红, the board's header band
    ImU32 header_text = IM_COL32(255, 248, 230, 255);
    ImU32 accent = IM_COL32(20, 81, 142, 255);
    ImU32 accent_pressed = IM_COL32(14, 58, 104, 255);
    ImU32 success = IM_COL32(22, 92, 59, 255);          // 已收到, 核对一致, 投票成功 (always with ✓ and words)
    ImU32 urgent = IM_COL32(163, 13, 20, 255);
    ImU32 urgent_text = IM_COL32(255, 255, 255, 255);
    ImU32 pinned = IM_COL32(116, 69, 0, 255);
    ImU32 tiles[8] = {
        IM_COL32(159, 44, 39, 255),  IM_COL32(29, 97, 70, 255),  IM_COL32(131, 71, 15, 255),
        IM_COL32(36, 86, 153, 255),  IM_COL32(110, 66, 147, 255), IM_COL32(76, 87, 102, 255),
        IM_COL32(13, 95, 104, 255),  IM_COL32(111, 81, 30, 255),
    };
};

// The WCAG contrast of two opaque colours of the palette.
double contrast(ImU32 a, ImU32 b);

const Palette& palette();

}  // namespace linli::ui
