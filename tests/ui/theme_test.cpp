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
