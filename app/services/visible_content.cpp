#include "services/visible_content.hpp"

#include <algorithm>

namespace linli::services {

namespace {

template <typename T>
std::vector<T> visible(const std::vector<T>& items, int64_t now_s)
{
    std::vector<T> out;
    for (const auto& item : items)
        if (item.notice.visible_at(now_s)) out.push_back(item);
    return out;
}

template <typename T>
void add_urgent(const std::vector<T>& items, const char* route, std::vector<UrgentItem>& out)
{
    for (const auto& item : items)
        if (item.notice.urgent) out.push_back({item.notice, std::string(route) + ":" + item.notice.id});
}

bool newest_first(const Notice& a, const Notice& b)
{
    if (a.publish_s != b.publish_s) return a.publish_s > b.publish_s;
    return a.id < b.id;
}

}  // namespace

void select_visible(const ContentSet& content, int64_t now_s, AppModel& model)
{
    model.board = content.board.board;

    model.announcements = visible(content.announcements, now_s);
    // Urgent notices pre-empt everything, then pinned ones, then the newest.
    std::stable_sort(model.announcements.begin(), model.announcements.end(),
                     [](const Announcement& a, const Announcement& b) {
                         if (a.notice.urgent != b.notice.urgent) return a.notice.urgent;
                         if (a.notice.pinned != b.notice.pinned) return a.notice.pinned;
                         return newest_first(a.notice, b.notice);
                     });

    model.recruitment = visible(content.recruitment, now_s);
    // Open positions first (soonest deadline first), then closed ones (newest first).
    std::stable_sort(model.recruitment.begin(), model.recruitment.end(), [now_s](const Recruitment& a, const Recruitment& b) {
        bool a_open = a.deadline_s == 0 || a.deadline_s > now_s, b_open = b.deadline_s == 0 || b.deadline_s > now_s;
        if (a_open != b_open) return a_open;
        if (a_open && a.deadline_s != b.deadline_s) return a.deadline_s != 0 && (b.deadline_s == 0 || a.deadline_s < b.deadline_s);
        return newest_first(a.notice, b.notice);
    });

    model.documents = visible(content.documents, now_s);
    // Drafts still open for comment first, then the charter, rules and reports.
    auto rank = [now_s](const Document& d) {
        if (d.kind == DocumentKind::CharterDraft) return d.comment_until_s == 0 || d.comment_until_s > now_s ? 0 : 4;
        if (d.kind == DocumentKind::Charter) return 1;
        if (d.kind == DocumentKind::Rule) return 2;
        return 3;
    };
    std::stable_sort(model.documents.begin(), model.documents.end(), [&](const Document& a, const Document& b) {
        if (rank(a) != rank(b)) return rank(a) < rank(b);
        return newest_first(a.notice, b.notice);
    });

    model.meetings = visible(content.meetings, now_s);
    std::stable_sort(model.meetings.begin(), model.meetings.end(), [now_s](const Meeting& a, const Meeting& b) {
        bool a_next = a.date_s >= now_s, b_next = b.date_s >= now_s;
        if (a_next != b_next) return a_next;
        return a_next ? a.date_s < b.date_s : a.date_s > b.date_s;
    });

    model.tasks = content.tasks;
    model.goals = content.goals;

    model.urgent.clear();
    add_urgent(model.announcements, "announcement", model.urgent);
    add_urgent(model.recruitment, "recruitment", model.urgent);
    add_urgent(model.documents, "document", model.urgent);
    add_urgent(model.meetings, "meeting", model.urgent);
    std::stable_sort(model.urgent.begin(), model.urgent.end(),
                     [](const UrgentItem& a, const UrgentItem& b) { return newest_first(a.notice, b.notice); });
}

}  // namespace linli::services
