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

// The content installed from a signed bundle: which database file under the data dir holds it.
// Switching to new content is one transaction here (U7): before it commits the old content is in
// use, after it the new; the files themselves are never renamed over each other.
struct InstalledContent {
    std::string file;        // e.g. "content/content-1795572030.db", relative to the data dir
    int64_t version = 0;     // the bundle manifest's version
    int64_t created_s = 0;   // the manifest's creation time
    int64_t installed_at_s = 0;
    std::string source;      // "usb", "lan", "import"
};

// A signing key set that replaced the one pinned in kiosk.toml (key rotation, U6).
struct KeyRotationRecord {
    int64_t serial = 0;
    std::vector<std::string> keys_hex;
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

    // The content installed last, or nothing before the first bundle.
    Result<std::optional<InstalledContent>> installed_content();
    // The key set of the last accepted rotation, or nothing (kiosk.toml's keys are in force).
    Result<std::optional<KeyRotationRecord>> rotated_keys();
    // In one transaction: the new installed content, the new key set if the bundle rotated keys,
    // the clock floor raised to the bundle's creation time, and a log event with message.
    Status record_install(const InstalledContent& installed, const std::optional<KeyRotationRecord>& rotation,
                          std::string_view message);

    // The outcome of the latest sync attempt from any source, for the admin panel and --status.
    struct SyncOutcome {
        std::string source;  // "usb", "lan", "import"
        int64_t at_s = 0;
        std::string result;  // "installed version N", "up to date", or the reason it failed
    };
    Result<std::optional<SyncOutcome>> last_sync();
    Status record_sync(const SyncOutcome& outcome);
    // Up to limit events of one component, most recent first.
    Result<std::vector<LogEvent>> recent_events_of(std::string_view component, int limit);

    Database& database() { return m_db; }

private:
    Status append_event(int64_t at_s, std::string_view component, std::string_view message);
    explicit KioskState(Database db) : m_db(std::move(db)) {}
    Database m_db;
};

}  // namespace linli::store
