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
#include <sstream>
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

// Audits the view, then scrolls it a page at a time (80% of each view, so a row cut at the edge
// is seen whole on the next) until it stops moving or max_pages, auditing each.
inline void audit_pages(HeadlessKiosk& k, ScreenAudit& audit, const std::string& where, const AuditRules& rules, int max_pages)
{
    audit_view(k, audit, where, rules);
    for (int page = 1; page <= max_pages && k.app->ui().ui().scroll_views_by(0.8f); ++page) {
        REQUIRE(k.runner->settle().has_value());
        audit_view(k, audit, where + " (scrolled " + std::to_string(page) + ")", rules);
    }
}

// Opens route and audits it page by page.
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
    audit_pages(k, audit, setting + " " + route, rules, max_pages);
}

inline void audit_all_routes(HeadlessKiosk& k, ScreenAudit& audit, const WalkSetting& s, int max_pages = 6)
{
    apply_setting(k, s);
    const bool portrait = k.display->height() > k.display->width();
    const AuditRules rules = audit_rules(s.size, s.theme);
    for (const auto& route : reachable_routes(k.service->model()))
        audit_route(k, audit, route, s.name(portrait), rules, max_pages);
}

// A resident's way through a screen's steps (writing to the 意见箱, voting, the admin panel):
// each step is a UI script in Chinese labels ending in the view it leads to, with an expect that
// says the step got there. A flow runs once per setting; after each step the view is audited in
// Chinese and in English (the screen keeps its step while the language changes).
struct FlowStep {
    std::string name;    // how findings name the view, after its route: "feedback>compose" (no spaces)
    std::string script;
};
struct Flow {
    std::string route;   // where the flow starts
    std::vector<FlowStep> steps;
};

// The steps behind taps on the demo board: the feedback topics, the keyboard with pinyin
// candidates, the handwriting pad, the review and the receipt; a reply found by its receipt
// code; a survey's questions, review and receipt; the admin status and clock.
inline std::vector<Flow> demo_flows()
{
    return {
        {"feedback",
         {{"topics", "tap \"写意见\"\nexpect \"请选择意见的主题\"\n"},
          {"compose", "tap \"安全\"\ntype \"shequ\"\nexpect \"shequ\"\n"},
          {"written", "tap \"社区\"\nexpect \"2 / 500\"\n"},
          {"handwriting", "tap \"手写\"\nexpect \"重写\"\n"},
          {"review", "tap \"拼音\"\ntap \"提交\"\nexpect \"请核对您的意见\"\n"},
          {"receipt", "tap \"确认提交\"\nexpect \"您的回执码\"\n"}}},
        {"reply", {{"found", "type \"C8NV5GJE\"\ntap \"确认\"\nexpect \"管理员的回复\"\n"}}},
        {"ballot:activity-survey",
         {{"question1", "tap \"开始投票\"\nexpect \"您最希望参加哪类活动？\"\n"},
          {"question2", "tap \"健康讲座\"\ntap \"下一步\"\nexpect \"您方便参加活动的时间？\"\n"},
          {"review", "tap \"周末\"\ntap \"下一步\"\nexpect \"请核对您的选择\"\n"},
          {"receipt", "tap \"确认投票\"\nexpect \"投票成功\"\n"}}},
        {"admin",
         {{"status", "type \"1234\"\ntap \"确定\"\nexpect \"信息屏编号\"\n"},
          {"clock", "tap \"设置时间\"\nexpect \"确认设置\"\n"},
          {"locked", "tap \"返回状态\"\ntap \"锁定并返回\"\nexpect \"意见箱\"\n"}}},
    };
}

inline void audit_both_languages(HeadlessKiosk& k, ScreenAudit& audit, const WalkSetting& s, const std::string& where,
                                 const AuditRules& rules, int max_pages)
{
    const bool portrait = k.display->height() > k.display->width();
    ui::Ui& ui = k.app->ui().ui();
    for (Language language : {Language::Chinese, Language::English}) {
        if (k.service->model().language != language) k.service->apply(services::intent::ToggleLanguage{});
        REQUIRE(k.runner->settle().has_value());
        WalkSetting shown = s;
        shown.language = language;
        audit_pages(k, audit, shown.name(portrait) + " " + where, rules, max_pages);
        // Back to the top, where the next step's buttons are.
        ui.reset_all_scrolls();
    }
    if (k.service->model().language != Language::Chinese) k.service->apply(services::intent::ToggleLanguage{});
    REQUIRE(k.runner->settle().has_value());
    REQUIRE(k.app->render(false).has_value());
}

// Runs each flow in setting s (its language aside: both are audited), auditing every step.
inline void audit_flows(HeadlessKiosk& k, ScreenAudit& audit, const WalkSetting& s, const std::vector<Flow>& flows,
                        int max_pages = 4)
{
    WalkSetting chinese = s;
    chinese.language = Language::Chinese;
    apply_setting(k, chinese);
    const AuditRules rules = audit_rules(s.size, s.theme);
    for (const auto& flow : flows) {
        k.app->ui().ui().reset_all_scrolls();  // the walk left the pages scrolled to their ends
        REQUIRE(k.app->ui().go_to(flow.route).has_value());
        REQUIRE(k.runner->settle().has_value());
        // A frame in the setting's language: scripts tap what the last frame drew.
        REQUIRE(k.app->render(false).has_value());
        for (const auto& step : flow.steps) {
            // type "ABC" as one key at a time, so a key found only after scrolling is not typed twice.
            std::string lines, line;
            std::istringstream in(step.script);
            while (std::getline(in, line)) {
                if (line.rfind("type \"", 0) == 0 && line.size() > 7)
                    for (char c : line.substr(6, line.size() - 7)) lines += std::string("type \"") + c + "\"\n";
                else lines += line + "\n";
            }
            auto script = input::parse_ui_script(lines, flow.route + " > " + step.name);
            REQUIRE(script.has_value());
            INFO(s.name(false) << " " << flow.route << " > " << step.name);
            // Command by command: a button below the fold (a keypad at 特大) is scrolled to, as a
            // resident drags the page up to find it.
            for (const auto& command : *script) {
                auto ran = k.runner->run({command});
                auto unseen = [&] {
                    return !ran && (ran.error().message.find("no control labelled") != std::string::npos ||
                                    ran.error().message.find("no on-screen key") != std::string::npos);
                };
                for (int tries = 0; unseen() && tries < 8; ++tries) {
                    // Down a page at a time; from the end, back to the top.
                    if (!k.app->ui().ui().scroll_views_by(0.8f)) k.app->ui().ui().reset_all_scrolls();
                    REQUIRE(k.runner->settle().has_value());
                    REQUIRE(k.app->render(false).has_value());
                    ran = k.runner->run({command});
                }
                if (!ran) FAIL(ran.error().message);
            }
            REQUIRE(k.runner->settle().has_value());
            // "feedback>compose": the audit's known list names a step by its route and name.
            audit_both_languages(k, audit, s, flow.route.substr(0, flow.route.find(':')) + ">" + step.name, rules, max_pages);
        }
    }
}

}  // namespace linli::test
