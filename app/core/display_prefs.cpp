#include "core/display_prefs.hpp"

namespace linli {

std::optional<TextSize> parse_text_size(std::string_view name)
{
    if (name == "standard") return TextSize::Standard;
    if (name == "large") return TextSize::Large;
    if (name == "xlarge") return TextSize::ExtraLarge;
    return std::nullopt;
}

std::optional<Theme> parse_theme(std::string_view name)
{
    if (name == "normal") return Theme::Normal;
    if (name == "high-contrast") return Theme::HighContrast;
    return std::nullopt;
}

const char* text_size_name(TextSize size)
{
    switch (size) {
    case TextSize::Standard: return "standard";
    case TextSize::Large: return "large";
    case TextSize::ExtraLarge: return "xlarge";
    }
    return "standard";
}

const char* theme_name(Theme theme)
{
    return theme == Theme::HighContrast ? "high-contrast" : "normal";
}

TextSize next_text_size(TextSize size)
{
    switch (size) {
    case TextSize::Standard: return TextSize::Large;
    case TextSize::Large: return TextSize::ExtraLarge;
    case TextSize::ExtraLarge: return TextSize::Standard;
    }
    return TextSize::Standard;
}

const char* text_size_label(TextSize size)
{
    switch (size) {
    case TextSize::Standard: return "标准";
    case TextSize::Large: return "大";
    case TextSize::ExtraLarge: return "特大";
    }
    return "标准";
}

}  // namespace linli
