// Theme: font sizes, colours and touch metrics, all from millimetres (issue 13). A pixel's size
// comes from the panel's diagonal ([display] diagonal_in) and resolution, so a 7" 800x480 panel
// and a 55" 4K screen show text of the same printed height. Spacing is set in units of 3.97 mm
// (16 px on the lobby's 21.5" 1080p panel, the screen the layouts were drawn for).
#pragma once

#include "core/display_prefs.hpp"

#include <imgui.h>

#include <vector>

namespace linli::ui {

// Index into ImGui's font atlas; the composition root builds the atlas from font_sizes_px().
enum FontRole : int { Small = 0, Body, Heading, Title, Display, FontRoleCount };

// The height of a capital letter for each role at each text size, in millimetres. The smallest
// text of 标准 / 大 / 特大 meets VVSG 2.0's medium, large and extra large (4.8, 6.4, 8.5 mm); body
// text is a step above.
float cap_height_mm(TextSize size, FontRole role);
// Font pixel sizes per role, for a screen with mm_per_px and a font whose capital height is
// cap_ratio of its pixel size (platform::FontAtlas::cap_height_ratio(): 0.506 for Noto Sans CJK).
std::vector<float> font_sizes_px(float mm_per_px, TextSize size, float cap_ratio);
// Millimetres per pixel of a width x height screen whose visible diagonal is diagonal_in inches
// (square pixels): 0.248 for a 21.5" 1920x1080 panel.
float mm_per_px(int width, int height, double diagonal_in);
// Pixels per reference pixel (0.248 mm): the factor every spacing in the layouts is multiplied by.
float screen_scale(float mm_per_px);
// Smallest touch target edge in pixels at this scale: 22 mm, well over VVSG's 12.7 mm.
float min_touch_px(float scale);
// Least gap between two touch targets (VVSG 7.2-I: 2.5 mm).
inline constexpr float k_min_target_gap_mm = 2.5f;
inline constexpr float k_min_target_mm = 12.7f;

// Every text colour keeps at least 7:1 (core/contrast.hpp) against each background it is drawn
// on: text, text_muted, accent, success and urgent on background and surface; text_on_color on
// accent, urgent, pinned, success and every tile; header_text on header (tests/ui/theme_test.cpp).
// The high-contrast palette keeps 15:1: black on white, white on black.
struct Palette {
    ImU32 background = IM_COL32(246, 243, 236, 255);    // warm paper
    ImU32 surface = IM_COL32(255, 255, 255, 255);
    ImU32 surface_pressed = IM_COL32(222, 228, 236, 255);
    ImU32 border = IM_COL32(214, 208, 196, 255);
    ImU32 track = IM_COL32(225, 222, 214, 255);         // progress bars' and charts' empty part
    ImU32 code_fill = IM_COL32(238, 238, 234, 255);     // Markdown code and quotes
    ImU32 reading = IM_COL32(255, 238, 170, 255);       // the paragraph 朗读 is reading
    ImU32 text = IM_COL32(33, 37, 41, 255);
    ImU32 text_muted = IM_COL32(76, 81, 87, 255);
    ImU32 text_on_color = IM_COL32(255, 255, 255, 255);
    ImU32 header = IM_COL32(158, 32, 36, 255);          // 中国红, the board's header band
    ImU32 header_text = IM_COL32(255, 248, 230, 255);
    ImU32 header_button = IM_COL32(122, 22, 26, 255);   // buttons on the header band, outlined
    ImU32 header_button_pressed = IM_COL32(96, 14, 18, 255);
    ImU32 accent = IM_COL32(20, 81, 142, 255);
    ImU32 accent_pressed = IM_COL32(14, 58, 104, 255);
    ImU32 success = IM_COL32(22, 92, 59, 255);          // 已收到, 核对一致, 投票成功 (always with ✓ and words)
    ImU32 urgent = IM_COL32(163, 13, 20, 255);
    ImU32 urgent_pressed = IM_COL32(140, 10, 16, 255);
    ImU32 urgent_text = IM_COL32(255, 255, 255, 255);
    ImU32 pinned = IM_COL32(116, 69, 0, 255);
    ImU32 neutral_chip = IM_COL32(70, 70, 70, 255);     // tags that are not chosen, ended states
    ImU32 tiles[8] = {
        IM_COL32(159, 44, 39, 255),  IM_COL32(29, 97, 70, 255),  IM_COL32(131, 71, 15, 255),
        IM_COL32(36, 86, 153, 255),  IM_COL32(110, 66, 147, 255), IM_COL32(76, 87, 102, 255),
        IM_COL32(13, 95, 104, 255),  IM_COL32(111, 81, 30, 255),
    };
};

// The WCAG contrast of two opaque colours of the palette.
double contrast(ImU32 a, ImU32 b);

// The palette of a theme, and the one screens draw with now (KioskUi sets it each frame from
// the resident's choice; one theme for the whole screen at a time).
const Palette& palette(Theme theme);
const Palette& palette();
void use_theme(Theme theme);
Theme current_theme();

}  // namespace linli::ui
