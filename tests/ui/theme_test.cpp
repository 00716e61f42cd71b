// The palette keeps every text colour at 7:1 or more against each background it is drawn on
// (issue 13: WCAG AAA, MIIT 适老化 asks 4.5:1, VVSG 2.0 more): tiles and chips carry white text,
// statuses and messages are drawn on the paper background and on white cards.
#include "ui/ballot_words.hpp"
#include "ui/theme.hpp"

#include "core/contrast.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::ui;

TEST_CASE("theme: every text colour is at least 7:1 on each background it is drawn on", "[ui]")
{
    const Palette& p = palette();
    struct Pair {
        const char* what;
        ImU32 text, background;
    };
    std::vector<Pair> pairs = {
        {"text on paper", p.text, p.background},
        {"text on a card", p.text, p.surface},
        {"text on a pressed card", p.text, p.surface_pressed},
        {"muted text on paper", p.text_muted, p.background},
        {"muted text on a card", p.text_muted, p.surface},
        {"accent text on paper", p.accent, p.background},
        {"accent text on a card", p.accent, p.surface},
        {"success text on paper", p.success, p.background},
        {"success text on a card", p.success, p.surface},
        {"urgent text on paper", p.urgent, p.background},
        {"urgent text on a card", p.urgent, p.surface},
        {"a button's label on accent", p.text_on_color, p.accent},
        {"a pressed button's label", p.text_on_color, p.accent_pressed},
        {"the urgent banner", p.urgent_text, p.urgent},
        {"the 置顶 tag", p.text_on_color, p.pinned},
        {"the header", p.header_text, p.header},
        {"white on success", p.text_on_color, p.success},
    };
    for (ImU32 tile : p.tiles) pairs.push_back({"a home tile's label and hint", p.text_on_color, tile});
    for (auto state : {services::BallotState::Upcoming, services::BallotState::Open, services::BallotState::Ended,
                       services::BallotState::Published})
        pairs.push_back({"a ballot's state chip", p.text_on_color, ballot_state_color(state)});
    for (const Pair& pair : pairs) {
        INFO(pair.what << ": " << contrast(pair.text, pair.background) << ":1");
        CHECK(contrast(pair.text, pair.background) >= k_min_text_contrast);
    }
}

TEST_CASE("theme: millimetres per pixel from the screen's diagonal and resolution", "[ui]")
{
    // The lobby's 21.5" 1920x1080 panel: 0.248 mm a pixel, as measured for issue 13.
    CHECK(mm_per_px(1920, 1080, 21.5) == Approx(0.2479).epsilon(0.001));
    // Turned upright, the same panel: the same pixels.
    CHECK(mm_per_px(1080, 1920, 21.5) == Approx(mm_per_px(1920, 1080, 21.5)));
    // A 7" 800x480 panel has coarser pixels, a 43" 4K screen finer ones than a 21.5" 1080p one.
    CHECK(mm_per_px(800, 480, 7) == Approx(0.1906).epsilon(0.001));
    CHECK(mm_per_px(3840, 2160, 43) == Approx(0.2479).epsilon(0.001));
}

TEST_CASE("theme: the high-contrast palette keeps every text at 15:1 or more", "[ui]")
{
    const Palette& p = palette(Theme::HighContrast);
    const std::vector<std::pair<ImU32, ImU32>> pairs = {
        {p.text, p.background},     {p.text, p.surface},          {p.text, p.surface_pressed}, {p.text_muted, p.surface},
        {p.accent, p.background},   {p.urgent, p.surface},        {p.text_on_color, p.accent}, {p.urgent_text, p.urgent},
        {p.header_text, p.header},  {p.header_text, p.header_button}, {p.text_on_color, p.neutral_chip},
        {p.text, p.track},          {p.text, p.code_fill},
    };
    for (const auto& [ink, paper] : pairs) {
        INFO(contrast(ink, paper) << ":1");
        CHECK(contrast(ink, paper) >= 15.0);
    }
    for (ImU32 tile : p.tiles) CHECK(contrast(p.text_on_color, tile) >= 15.0);
}

TEST_CASE("theme: the smallest text of each size is as tall as VVSG asks, on any screen", "[ui]")
{
    // Noto Sans CJK's capital is 0.506 of the size ImGui is given (FontAtlas::cap_height_ratio).
    const float cap_ratio = 0.506f;
    const std::pair<TextSize, float> minimum[] = {
        {TextSize::Standard, 4.8f}, {TextSize::Large, 6.4f}, {TextSize::ExtraLarge, 8.5f}};
    for (float mm : {mm_per_px(1920, 1080, 21.5), mm_per_px(800, 480, 7), mm_per_px(3840, 2160, 55)}) {
        for (const auto& [size, least] : minimum) {
            const auto px = font_sizes_px(mm, size, cap_ratio);
            INFO("mm per px " << mm << ", size " << text_size_name(size));
            CHECK(px[Small] * cap_ratio * mm >= least);
            // Body a step above the smallest; every role at least as large as the one before.
            CHECK(px[Body] > px[Small]);
            for (int role = 1; role < FontRoleCount; ++role) CHECK(px[role] >= px[role - 1]);
        }
    }
    // On the lobby's panel: 标准's body text is 46 px (a capital 5.7 mm), 特大's smallest 69 px.
    CHECK(font_sizes_px(mm_per_px(1920, 1080, 21.5), TextSize::Standard, cap_ratio)[Body] == 46);
    CHECK(font_sizes_px(mm_per_px(1920, 1080, 21.5), TextSize::ExtraLarge, cap_ratio)[Small] == 69);
}
