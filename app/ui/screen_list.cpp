// The one place that lists the screens and their routes (INTERFACES.md §2 `--screen NAME`).
#include "ui/screen.hpp"

#include <algorithm>

namespace linli::ui {

std::unique_ptr<Screen> make_home_screen();
std::unique_ptr<Screen> make_announcements_screen();
std::unique_ptr<Screen> make_announcement_screen();
std::unique_ptr<Screen> make_admin_screen();
std::unique_ptr<Screen> make_recruitment_screen();
std::unique_ptr<Screen> make_documents_screen();
std::unique_ptr<Screen> make_document_screen();
std::unique_ptr<Screen> make_meetings_screen();
std::unique_ptr<Screen> make_meeting_screen();
std::unique_ptr<Screen> make_progress_screen();
std::unique_ptr<Screen> make_finance_screen();
std::unique_ptr<Screen> make_feedback_screen();
std::unique_ptr<Screen> make_reply_screen();
std::unique_ptr<Screen> make_ballots_screen();
std::unique_ptr<Screen> make_ballot_screen();
std::unique_ptr<Screen> make_placeholder_screen(const std::string& route_name);

namespace {

// Routes that take an argument after a colon, and the list each belongs to.
struct DetailRoute {
    const char* name;
    const char* parent;
};
constexpr DetailRoute k_detail_routes[] = {
    {"announcement", "announcements"}, {"recruitment", "recruitment"}, {"finance", "finance"},
    {"document", "documents"},         {"meeting", "meetings"},       {"ballot", "ballots"},
};

}  // namespace

const std::vector<std::string>& route_names()
{
    static const std::vector<std::string> names = {"home",     "announcements", "announcement", "recruitment",
                                                   "finance",  "documents",     "document",     "meetings",
                                                   "meeting",  "progress",      "ballots",      "ballot",
                                                   "feedback", "reply",         "admin"};
    return names;
}

std::optional<Route> parse_route(std::string_view text)
{
    Route route;
    size_t colon = text.find(':');
    route.name = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) route.arg = std::string(text.substr(colon + 1));
    const auto& names = route_names();
    if (std::find(names.begin(), names.end(), route.name) == names.end()) return std::nullopt;
    // feedback:<route of a notice>: a message about that notice.
    if (route.name == "feedback" && !route.arg.empty()) {
        auto about = parse_route(route.arg);
        if (!about || about->arg.empty() || about->name == "feedback") return std::nullopt;
        return route;
    }
    bool takes_arg = false, needs_arg = false;
    for (const auto& d : k_detail_routes)
        if (route.name == d.name) {
            takes_arg = true;
            needs_arg = route.name != d.parent;  // recruitment and finance work with or without one
        }
    if (!takes_arg && !route.arg.empty()) return std::nullopt;
    if (needs_arg && route.arg.empty()) return std::nullopt;
    return route;
}

Route parent_route(const Route& route)
{
    if (route.name == "reply") return Route{"feedback", ""};  // 查看回复 is a page of the 意见箱
    // A message about a notice goes back to the notice.
    if (route.name == "feedback" && !route.arg.empty())
        if (auto about = parse_route(route.arg)) return *about;
    if (!route.arg.empty())
        for (const auto& d : k_detail_routes)
            if (route.name == d.name) return Route{d.parent, ""};
    return Route{"home", ""};
}

std::unique_ptr<Screen> make_screen(const std::string& name)
{
    if (name == "home") return make_home_screen();
    if (name == "announcements") return make_announcements_screen();
    if (name == "announcement") return make_announcement_screen();
    if (name == "recruitment") return make_recruitment_screen();
    if (name == "documents") return make_documents_screen();
    if (name == "document") return make_document_screen();
    if (name == "meetings") return make_meetings_screen();
    if (name == "meeting") return make_meeting_screen();
    if (name == "feedback") return make_feedback_screen();
    if (name == "reply") return make_reply_screen();
    if (name == "progress") return make_progress_screen();
    if (name == "finance") return make_finance_screen();
    if (name == "admin") return make_admin_screen();
    if (name == "ballots") return make_ballots_screen();
    if (name == "ballot") return make_ballot_screen();
    // Detail routes of screens that are not there yet show their list's placeholder.
    for (const auto& d : k_detail_routes)
        if (name == d.name && name != d.parent) return make_placeholder_screen(d.parent);
    return make_placeholder_screen(name);
}

}  // namespace linli::ui
