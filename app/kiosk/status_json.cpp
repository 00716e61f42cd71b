// `linli-kiosk --status`: what the admin panel knows, as JSON for scripts and the office
// (INTERFACES.md §2 lists the keys every version keeps). Built with nlohmann::json, which escapes
// every string, in the order the keys are written here.
#include "kiosk/status_json.hpp"

#include <nlohmann/json.hpp>

namespace linli::kiosk {

namespace {

using Json = nlohmann::ordered_json;

// null for what is not known yet (a string left empty, a time left 0).
Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json time_or_null(int64_t t) { return t ? Json(t) : Json(nullptr); }

}  // namespace

std::string status_json(const services::AppModel& m)
{
    const auto& s = m.status;
    Json j;
    j["kiosk_id"] = s.kiosk_id;
    j["kiosk_name"] = m.kiosk_name;
    j["content_version"] = s.content_version;
    j["content_created"] = time_or_null(s.content_created_s);
    j["content_source"] = s.content_source;
    // What residents can see now (announcements, recruitment, documents, meetings: by their
    // publish and expire dates), and what the content holds (tasks, goals, ledger, ballots).
    j["counts"] = {{"announcements", m.announcements.size()}, {"urgent", m.urgent.size()},
                   {"recruitment", m.recruitment.size()},     {"documents", m.documents.size()},
                   {"meetings", m.meetings.size()},           {"tasks", m.tasks.size()},
                   {"goals", m.goals.size()},                 {"ledger_entries", s.ledger_entries},
                   {"ballots", s.ballots}};
    j["open_ballots"] = s.open_ballots;
    j["pending_exports"] = s.pending_exports;
    j["device_key"] = text_or_null(s.device_key);
    j["last_sync"] = s.last_sync.source.empty()
                         ? Json{{"source", nullptr}, {"at", nullptr}, {"result", nullptr}}
                         : Json{{"source", s.last_sync.source}, {"at", s.last_sync.at_s}, {"result", s.last_sync.result}};
    j["screen"] = s.screen_off_by_schedule ? "off by schedule" : "on";
    j["clock_floor"] = s.clock_floor_s;
    j["now"] = m.now_s;
    j["data_dir"] = s.data_dir;
    j["config"] = s.config_source;
    j["free_disk_bytes"] = s.free_disk_bytes;
    j["recent_errors"] = Json::array();
    for (const auto& e : s.recent_errors)
        j["recent_errors"].push_back({{"at", e.at_s}, {"component", e.component}, {"message", e.message}});
    // Invalid UTF-8 (a damaged file's name in an error) is replaced, never a throw.
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace linli::kiosk
