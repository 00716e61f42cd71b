// What a resident can change about how the screen reads (issue 13): three text sizes and a
// high-contrast theme. Both start from the kiosk's [display] defaults and go back to them on idle.
#pragma once

#include <optional>
#include <string_view>

namespace linli {

enum class TextSize { Standard, Large, ExtraLarge };  // 标准 / 大 / 特大
enum class Theme { Normal, HighContrast };

// kiosk.toml's names (INTERFACES.md §6): "standard" | "large" | "xlarge", "normal" | "high-contrast".
std::optional<TextSize> parse_text_size(std::string_view name);
std::optional<Theme> parse_theme(std::string_view name);
const char* text_size_name(TextSize size);
const char* theme_name(Theme theme);
// The size the text-size button goes to next: 标准 → 大 → 特大 → 标准.
TextSize next_text_size(TextSize size);
// What the button says the size is now (Chinese; core/i18n translates).
const char* text_size_label(TextSize size);

}  // namespace linli
