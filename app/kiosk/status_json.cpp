#include "kiosk/status_json.hpp"

#include <cstdio>

namespace linli::kiosk {

namespace {

std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

}  // namespace

std::string status_json(const services::AppModel& m)
{
    const auto& s = m.status;
    std::string j = "{\n";
    j += "  \"kiosk_id\": " + quoted(s.kiosk_id) + ",\n";
    j += "  \"kiosk_name\": " + quoted(m.kiosk_name) + ",\n";
    j += "  \"content_version\": " + quoted(s.content_version) + ",\n";
    j += "  \"content_created\": " + (s.content_created_s ? std::to_string(s.content_created_s) : std::string("null")) + ",\n";
    j += "  \"content_source\": " + quoted(s.content_source) + ",\n";
    j += "  \"counts\": {\"announcements\": " + std::to_string(m.announcements.size()) +
         ", \"urgent\": " + std::to_string(m.urgent.size()) + ", \"recruitment\": " + std::to_string(m.recruitment.size()) +
         ", \"documents\": " + std::to_string(m.documents.size()) + ", \"meetings\": " + std::to_string(m.meetings.size()) +
         ", \"tasks\": " + std::to_string(m.tasks.size()) + ", \"goals\": " + std::to_string(m.goals.size()) +
         ", \"ledger_entries\": 0, \"ballots\": 0},\n";
    j += "  \"open_ballots\": 0,\n";
    j += "  \"pending_exports\": " + std::to_string(s.pending_exports) + ",\n";
    j += "  \"device_key\": " + (s.device_key.empty() ? std::string("null") : quoted(s.device_key)) + ",\n";
    if (s.last_sync.source.empty())
        j += "  \"last_sync\": {\"source\": null, \"at\": null, \"result\": null},\n";
    else
        j += "  \"last_sync\": {\"source\": " + quoted(s.last_sync.source) + ", \"at\": " +
             std::to_string(s.last_sync.at_s) + ", \"result\": " + quoted(s.last_sync.result) + "},\n";
    j += std::string("  \"screen\": ") + (s.screen_off_by_schedule ? "\"off by schedule\"" : "\"on\"") + ",\n";
    j += "  \"clock_floor\": " + std::to_string(s.clock_floor_s) + ",\n";
    j += "  \"now\": " + std::to_string(m.now_s) + ",\n";
    j += "  \"data_dir\": " + quoted(s.data_dir) + ",\n";
    j += "  \"config\": " + quoted(s.config_source) + ",\n";
    j += "  \"free_disk_bytes\": " + std::to_string(s.free_disk_bytes) + ",\n";
    j += "  \"recent_errors\": [";
    for (size_t i = 0; i < s.recent_errors.size(); ++i) {
        const auto& e = s.recent_errors[i];
        j += std::string(i ? ", " : "") + "{\"at\": " + std::to_string(e.at_s) + ", \"component\": " +
             quoted(e.component) + ", \"message\": " + quoted(e.message) + "}";
    }
    j += "]\n}\n";
    return j;
}

}  // namespace linli::kiosk
