// The screens' layout and touch handling, drawn on a headless display (moved from tests/kiosk so
// tests mirror app/): text is wrapped again when its glyphs arrive, the atlas holds every demo
// screen, upright screens keep titles whole, long statements scroll, a touch counts only on the
// target it began and ended on.
#include "../support/headless_kiosk.hpp"

#include "core/line_break.hpp"
#include "input/ui_script.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cfloat>
#include <optional>
#include <string>

using namespace linli;
using test::demo_kiosk;
using test::HeadlessKiosk;

TEST_CASE("the glyph atlas fits a 2048 texture with all demo screens in both languages and text sizes", "[ui]")
{
    HeadlessKiosk k;
    for (const char* screen : {"home", "announcements", "announcement:procedure", "announcement:charter-draft",
                               "admin", "finance"}) {
        REQUIRE(k.app->ui().go_to(screen).has_value());
        REQUIRE(k.runner->settle().has_value());
        k.service->apply(services::intent::ToggleLanguage{});
        k.service->apply(services::intent::NextTextSize{});
        REQUIRE(k.app->render(true).has_value());
    }
    CHECK(k.fonts->texture_width() <= 2048);
    CHECK(k.fonts->texture_height() <= 2048);
}


TEST_CASE("text laid out before its glyphs arrived is wrapped again once they are in the atlas", "[ui]")
{
    // Regression: a paragraph first measured with the fallback glyph's width kept that layout
    // after the atlas grew, and ran off the right edge of the page.
    HeadlessKiosk k;
    ui::Ui& ui = k.app->ui().ui();
    std::string rare;
    for (int i = 0; i < 12; ++i) rare += "齉龘靐齾爩鱻麤龗灪";
    float stale = ui.paragraph_height(ui::Body, 300, rare);
    auto code_points = ui.take_new_code_points();
    REQUIRE(k.fonts->add_code_points(ui::Body, code_points[ui::Body]));
    REQUIRE(k.app->render(true).has_value());

    ImFont* font = ui.font(ui::Body);
    auto lines = break_lines(rare, 300, [font](std::string_view run) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, run.data(), run.data() + run.size()).x;
    });
    float expected = float(lines.size()) * ui.line_height(ui::Body);
    CHECK(ui.paragraph_height(ui::Body, 300, rare) == expected);
    CHECK(expected > stale);
}


TEST_CASE("on a portrait screen a task's title keeps the whole width, its progress goes under it", "[ui]")
{
    // The demo board's tasks, on a 1280x720 panel hung upright: the UI is 720 wide, 1280 tall.
    HeadlessKiosk k(
        [](const std::string& dir, const Clock& clock) {
            return demo_kiosk(services::default_kiosk_config(), dir, clock);
        },
        90);
    REQUIRE(k.app->ui().go_to("progress").has_value());
    REQUIRE(k.app->render(false).has_value());
    REQUIRE(k.app->render(false).has_value());
    auto rect_of = [&](const std::string& text) -> std::optional<ui::Rect> {
        for (const auto& t : k.app->ui().ui().texts())
            if (t.label == text) return t.rect;
        return std::nullopt;
    };
    auto long_title = rect_of("楼道堆物集中清理（第一轮）"), short_title = rect_of("垃圾分类督导排班");
    REQUIRE(long_title);
    REQUIRE(short_title);
    // Both on one line, as wide as the page allows, not broken into a column of two characters.
    CHECK(long_title->height() == Approx(short_title->height()));
    CHECK(long_title->width() > 0.6f * float(k.display->width()));
}


TEST_CASE("a finance statement taller than the screen scrolls: no category is cut off", "[ui]")
{
    // A 21.5" 1280x720 screen: the demo's nine categories do not fit under the totals.
    HeadlessKiosk k([](const std::string& dir, const Clock& clock) {
        return demo_kiosk(services::default_kiosk_config(), dir, clock);
    });
    REQUIRE(k.app->ui().go_to("finance").has_value());
    REQUIRE(k.app->render(false).has_value());
    REQUIRE(k.app->render(false).has_value());
    REQUIRE(k.shows("期末余额"));
    CHECK_FALSE(k.shows("办公费用"));  // the last expense category, below the screen's edge
    // A resident drags the statement up, as on any page.
    auto drag = input::parse_ui_script("drag 300 600 300 100 600\nwait 500\nexpect \"办公费用\"\n", "test");
    REQUIRE(drag);
    CHECK(k.runner->run(*drag).has_value());
}


TEST_CASE("a touch counts only on the key it began and ended on: a finger that slides onto the next key presses neither", "[ui]")
{
    HeadlessKiosk k;
    REQUIRE(k.app->ui().go_to("reply").has_value());
    REQUIRE(k.app->render(false).has_value());
    const ui::Control* a = k.control("A");
    const ui::Control* b = k.control("B");
    REQUIRE(a);
    REQUIRE(b);
    auto count = [&](const std::string& label) {
        int n = 0;
        for (const auto& t : k.app->ui().ui().texts()) n += t.label == label;
        return n;
    };
    REQUIRE(count("A") == 1);  // the key itself; a typed A would be a second
    // Down 1 px inside A's right edge, up 1 px inside B's left edge: within the tap slop (4 mm).
    const int y = int(a->rect.center().y);
    const std::string slide = "drag " + std::to_string(int(a->rect.x1) - 1) + " " + std::to_string(y) + " " +
                              std::to_string(int(b->rect.x0) + 1) + " " + std::to_string(y) + " 80\nwait 200\n";
    REQUIRE(b->rect.x0 - a->rect.x1 + 2 < 16);
    auto slid = input::parse_ui_script(slide, "test");
    REQUIRE(slid);
    REQUIRE(k.runner->run(*slid).has_value());
    CHECK(count("A") == 1);
    CHECK(count("B") == 1);
    // A tap on B, start and end, types it.
    auto tapped = input::parse_ui_script("tap \"B\"\nwait 200\n", "test");
    REQUIRE(tapped);
    REQUIRE(k.runner->run(*tapped).has_value());
    CHECK(count("B") == 2);
}
