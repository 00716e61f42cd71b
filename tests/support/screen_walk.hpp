// Walks a headless kiosk through every screen and detail page it has, in a given text size,
// theme and language, scrolling each page to its end, and audits every view (screen_audit.hpp).
// Used by tests/ui's audit and by the benchmark that prints its figures.
#pragma once

#include "headless_kiosk.hpp"
#include "screen_audit.hpp"

#include "input/ui_script.hpp"
#include "ui/screen.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

namespace linli::test {

struct WalkSetting {
    TextSize size = TextSize::Standard;
    Theme theme = Theme::Normal;
    Language language = Language::Chinese;

    std::string name(bool portrait) const
    {
        return std::string(text_size_label(size)) + " " + (theme == Theme::HighContrast ? "高对比度" : "标准配色") + " " +
               (language == Language::Chinese ? "中文" : "English") + " " + (portrait ? "竖屏" : "横屏");
    }
};

// The routes a resident can reach: every list, and every item's page.
inline std::vector<std::string> reachable_routes(const services::AppModel& model)
{
    std::vector<std::string> routes;
    for (const auto& name : ui::route_names())
        if (ui::parse_route(name)) routes.push_back(name);
    for (const auto& a : model.announcements) routes.push_back("announcement:" + a.notice.id);
    for (const auto& r : model.recruitment) routes.push_back("recruitment:" + r.notice.id);
    for (const auto& d : model.documents) routes.push_back("document:" + d.notice.id);
    for (const auto& m : model.meetings) routes.push_back("meeting:" + m.notice.id);
    for (const auto& b : model.ballots.ballots) routes.push_back("ballot:" + b.ballot.id);
    return routes;
}

inline void apply_setting(HeadlessKiosk& k, const WalkSetting& s)
{
    for (int i = 0; i < 3 && k.service->model().text_size != s.size; ++i) k.service->apply(services::intent::NextTextSize{});
    if (k.service->model().theme != s.theme) k.service->apply(services::intent::ToggleTheme{});
    if (k.service->model().language != s.language) k.service->apply(services::intent::ToggleLanguage{});
}

// Draws the current view once more with the Ui recording, and audits it.
inline void audit_view(HeadlessKiosk& k, ScreenAudit& audit, const std::string& where, const AuditRules& rules)
{
    ui::Ui& ui = k.app->ui().ui();
    ui.set_recording(true);
    REQUIRE(k.app->render(false).has_value());
    ui.set_recording(false);
    auto frame = k.display->read_frame();
    REQUIRE(frame.has_value());
    audit.check(where, ui, *frame, k.display->width(), k.display->height(), rules);
}

inline std::string visible_texts(const ui::Ui& ui)
{
    std::string all;
    for (const auto& t : ui.texts()) all += t.label + "\n";
    return all;
}

// Opens route, audits it, then drags it up a page at a time until it stops moving (at most
// max_pages), auditing each view.
inline void audit_route(HeadlessKiosk& k, ScreenAudit& audit, const std::string& route, const std::string& setting,
                        const AuditRules& rules, int max_pages = 6)
{
    const auto started = std::chrono::steady_clock::now();
    struct Trace {
        std::chrono::steady_clock::time_point started;
        std::string what;
        ~Trace()
        {
            if (std::getenv("LINLI_AUDIT_TRACE"))
                std::fprintf(stderr, "audit: %s %lld ms\n", what.c_str(),
                             (long long)std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
        }
    } trace{started, setting + " " + route};
    REQUIRE(k.app->ui().go_to(route).has_value());
    REQUIRE(k.runner->settle().has_value());
    audit_view(k, audit, setting + " " + route, rules);
    // A page at a time (80% of each view, so a row cut at the edge is seen whole on the next).
    for (int page = 1; page <= max_pages; ++page) {
        if (!k.app->ui().ui().scroll_views_by(0.8f)) break;
        REQUIRE(k.runner->settle().has_value());
        audit_view(k, audit, setting + " " + route + " (scrolled " + std::to_string(page) + ")", rules);
    }
}

inline void audit_all_routes(HeadlessKiosk& k, ScreenAudit& audit, const WalkSetting& s, int max_pages = 6)
{
    apply_setting(k, s);
    const bool portrait = k.display->height() > k.display->width();
    const AuditRules rules = audit_rules(s.size, s.theme);
    for (const auto& route : reachable_routes(k.service->model()))
        audit_route(k, audit, route, s.name(portrait), rules, max_pages);
}

}  // namespace linli::test
