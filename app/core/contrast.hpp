// WCAG 2 contrast between two colours (relative luminance, sRGB): 1:1 to 21:1. The kiosk's rule
// (issue 13, after WCAG AAA and MIIT's 适老化 guidance): every text run at least 7:1 against the
// background it is drawn on.
#pragma once

#include <cstdint>

namespace linli {

struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
};

// The colour's relative luminance, 0 (black) to 1 (white).
double relative_luminance(Rgb c);
// (lighter + 0.05) / (darker + 0.05).
double contrast_ratio(Rgb a, Rgb b);

inline constexpr double k_min_text_contrast = 7.0;

}  // namespace linli
