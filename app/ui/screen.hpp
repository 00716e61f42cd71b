// Screens: one class per screen (ui/screens/<name>_screen.cpp), each drawing the body of the
// page from the AppModel snapshot and emitting intents; the frame around it (header, back and
// home buttons, clock, urgent banner) is drawn once for all in screen_frame.cpp.
// Routes are the names of INTERFACES.md §2 (`home`, `announcement:<id>`, `finance:2026-Q3`...).
#pragma once

#include "services/app_model.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace linli::ui {

struct Route {
    std::string name;  // "home", "announcements", "announcement", "finance", ...
    std::string arg;   // the <id> or <period> after the colon, if any
    bool operator==(const Route&) const = default;
    std::string to_string() const { return arg.empty() ? name : name + ":" + arg; }
};

// Parses a --screen NAME; nothing for names the kiosk does not know.
std::optional<Route> parse_route(std::string_view text);

struct ScreenContext {
    Ui& ui;
    const services::AppModel& model;
    std::vector<services::Intent>& intents;
    const Route& route;
    std::optional<Route> go_to;  // set by a screen to navigate after this frame
};

class Screen {
public:
    virtual ~Screen() = default;
    // Title in the header (Chinese source text; the frame translates it).
    virtual const char* title(const Route& route, const services::AppModel& model) const = 0;
    // Draws the page body inside rect.
    virtual void draw(ScreenContext& ctx, const Rect& body) = 0;
    // Forget anything a resident entered or scrolled (idle reset, leaving the screen).
    virtual void reset() {}
    // Whether the screen holds something the resident wrote and has not sent (a half-written
    // message): then an idle kiosk asks "还在吗？" before wiping it.
    virtual bool holds_input() const { return false; }
    // True while a keyboard, a keypad or a ballot is up, and on the staff's admin page: the urgent
    // banner then steps aside, so the keys, choices and status keep their room at every text size
    // (it is back on every other page).
    virtual bool hides_urgent_banner(const services::AppModel&) const { return false; }
    // What 朗读 reads on this page, paragraph by paragraph as shown (the title first); empty: the
    // page has no 朗读 button.
    virtual std::vector<std::string> read_aloud(const Route&, const services::AppModel&) const { return {}; }
    // What AppModel::speech.item names while this page is read (a ballot's question adds its number).
    virtual std::string reading_item(const Route& route) const { return route.to_string(); }
    // What "还在吗？" says is at stake, and what its countdown will clear (Chinese source text).
    virtual const char* still_there_reason() const { return "您的意见还没有提交。如果您还在，请点「继续」。"; }
    virtual const char* still_there_clears() const { return "秒后将清除已写的内容"; }
    // Whether the screen shows a countdown now and needs a frame every second without input.
    virtual bool counting_down(const services::AppModel&) const { return false; }
};

// The one place that lists the screens (screen_list.cpp).
std::unique_ptr<Screen> make_screen(const std::string& route_name);
// The route "back" leads to from route (home for top-level screens).
Route parent_route(const Route& route);
// Every route name parse_route accepts.
const std::vector<std::string>& route_names();

// Draws the page frame and returns the body rect; taps on back/home set ctx.go_to.
Rect draw_screen_frame(ScreenContext& ctx, const char* title_zh, bool with_banner = true,
                       const std::vector<std::string>& readable = {}, const std::string& reading_item = {});
// The footer every screen has (issue 13): 字号 (标准 → 大 → 特大) and 高对比度, and on home the
// language too, in one row or more when the screen is narrow for them.
struct FooterBar {
    float height = 0;  // the band, margins included
    int rows = 1;
    float free_x = 0;  // where the last row's buttons end (home puts its hint after them)
};
// What 朗读 reads on this page, and the name it is read under (AppModel::speech.item).
struct Reading {
    const std::vector<std::string>* paragraphs = nullptr;  // nullptr or empty: no 朗读, 慢, 中, 快
    std::string item;
};
FooterBar layout_footer(ScreenContext& ctx, bool with_language, const Reading* reading = nullptr);
// Draws the buttons from top (the band's top edge) down.
void draw_footer_buttons(ScreenContext& ctx, float top, bool with_language, const Reading* reading = nullptr);
// The red urgent banner (every screen, home included); returns its height (0 if none).
float draw_urgent_banner(ScreenContext& ctx, float y);

}  // namespace linli::ui
