// Every content item is at most two taps from home (issue 13): for each kind a UI script taps the
// kind's tile on the home screen and then the item's card in the list (dragging the list up
// while the card is below the fold: drags are not taps), and the item's page must open. The
// finance statement and the tasks are one tap: their tiles open them.
#include "../support/headless_kiosk.hpp"

#include "input/ui_script.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace linli;

namespace {

struct Kind {
    const char* tile;                                    // the home screen's tile
    std::vector<std::pair<std::string, std::string>> items;  // (title on its card, route of its page)
};

std::vector<Kind> kinds_of(const services::AppModel& model)
{
    Kind announcements{"公告", {}}, recruitment{"招募", {}}, documents{"章程制度", {}}, meetings{"会议", {}}, ballots{"投票表决", {}};
    for (const auto& a : model.announcements) announcements.items.push_back({a.notice.title, "announcement:" + a.notice.id});
    for (const auto& r : model.recruitment) recruitment.items.push_back({r.notice.title, "recruitment:" + r.notice.id});
    for (const auto& d : model.documents) documents.items.push_back({d.notice.title, "document:" + d.notice.id});
    for (const auto& m : model.meetings) meetings.items.push_back({m.notice.title, "meeting:" + m.notice.id});
    for (const auto& b : model.ballots.ballots) ballots.items.push_back({b.ballot.title, "ballot:" + b.ballot.id});
    return {announcements, recruitment, documents, meetings, ballots};
}

// Runs one line of UI script; false when it could not (the card is not on screen).
bool run_line(test::HeadlessKiosk& k, const std::string& line)
{
    auto script = input::parse_ui_script(line + "\n", "two-taps");
    REQUIRE(script.has_value());
    return k.runner->run(*script).has_value();
}

std::string route_now(test::HeadlessKiosk& k)
{
    const ui::Route& r = k.app->ui().route();
    return r.arg.empty() ? r.name : r.name + ":" + r.arg;
}

void check_two_taps(int width, int height)
{
    test::HeadlessKiosk k(
        [](const std::string& dir, const Clock& clock) {
            return test::demo_kiosk(services::default_kiosk_config(), dir, clock);
        },
        0, width, height);
    int checked = 0;
    for (const Kind& kind : kinds_of(k.service->model())) {
        REQUIRE_FALSE(kind.items.empty());  // the demo has every kind
        for (const auto& [title, route] : kind.items) {
            INFO(kind.tile << " > " << title);
            REQUIRE(k.app->ui().go_to("home").has_value());
            REQUIRE(k.runner->settle().has_value());
            REQUIRE(k.app->render(false).has_value());  // scripts tap what the last frame drew
            int taps = 0;
            REQUIRE(run_line(k, "tap \"" + std::string(kind.tile) + "\""));
            ++taps;
            // Drag the list up a screen at a time until the card shows (a long list).
            const int mid_x = width / 2, low_y = height * 3 / 4, high_y = height / 4;
            const std::string drag = "drag " + std::to_string(mid_x) + " " + std::to_string(low_y) + " " +
                                     std::to_string(mid_x) + " " + std::to_string(high_y) + " 400\nwait 600";
            bool opened = false;
            for (int drags = 0; drags < 30 && !opened; ++drags) {
                opened = run_line(k, "tap \"" + title + "\"");
                if (!opened) REQUIRE(run_line(k, drag));
            }
            REQUIRE(opened);
            ++taps;
            REQUIRE(k.runner->settle().has_value());
            CHECK(route_now(k) == route);
            CHECK(taps == 2);
            ++checked;
        }
    }
    CHECK(checked >= 14);
}

}  // namespace

TEST_CASE("two taps from home: every notice, recruitment notice, document, meeting and ballot of the demo, landscape", "[ui]")
{
    check_two_taps(1920, 1080);
}

TEST_CASE("two taps from home: every item of the demo on an upright panel", "[ui]")
{
    check_two_taps(1080, 1920);
}
