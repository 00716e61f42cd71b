// KioskState: the kiosk's own small state file (kiosk.db in the data dir): settings, the clock
// floor, and a short event log for the admin panel. Kept apart from content (replaceable from
// bundles) and residents' data (irreplaceable) so losing or resetting it costs neither.
// Never log residents' input here (SECURITY.md F2, B5): components, outcomes and counts only.
#pragma once

#include "core/result.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::store {

struct LogEvent {
    int64_t at_s;  // wall clock when logged, Unix seconds (may be wrong on a board without RTC)
    std::string component;
    std::string message;
};

class KioskState {
public:
    // At most this many events are kept; older ones are deleted as new ones arrive.
    static constexpr int k_max_events = 200;

    // Opens (creating if needed), refuses a file that fails quick_check (D4), then migrates.
    static Result<KioskState> open(const std::string& path);

    // The stored value, or nothing if the key was never set.
    Result<std::optional<std::string>> setting(std::string_view key);
    // Inserts or replaces.
    Status set_setting(std::string_view key, std::string_view value);

    // The newest trusted time seen, Unix seconds; 0 on a new kiosk.
    Result<int64_t> clock_floor_s();
    // Raises the floor to candidate_s; a candidate below the current floor is ignored.
    Status raise_clock_floor_s(int64_t candidate_s);

    // Appends an event and trims the log to the newest k_max_events, in one transaction.
    Status log_event(int64_t at_s, std::string_view component, std::string_view message);
    // Up to limit events, most recently logged first (log order, not at_s: the clock may jump back).
    Result<std::vector<LogEvent>> recent_events(int limit);

    Database& database() { return m_db; }

private:
    explicit KioskState(Database db) : m_db(std::move(db)) {}
    Database m_db;
};

}  // namespace linli::store
