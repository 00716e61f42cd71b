#include "store/kiosk_state.hpp"

#include <charconv>

#include "store/migrations.hpp"

#include <array>
#include <cassert>
#include <string>

namespace linli::store {

namespace {

// Append only: a shipped migration is never edited, a change is a new entry.
constexpr std::array k_kiosk_state_migrations = {
    Migration{1, R"sql(
        CREATE TABLE setting (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        -- One row, so the floor is a plain UPDATE with max() and can never be lowered by a race.
        CREATE TABLE clock_floor (
            id      INTEGER PRIMARY KEY CHECK (id = 1),
            floor_s INTEGER NOT NULL
        );
        INSERT INTO clock_floor (id, floor_s) VALUES (1, 0);

        -- id gives the log order; at_s is only what the clock said at the time.
        CREATE TABLE event_log (
            id        INTEGER PRIMARY KEY,
            at_s      INTEGER NOT NULL,
            component TEXT NOT NULL,
            message   TEXT NOT NULL
        );
    )sql"},
};

}  // namespace

Result<KioskState> KioskState::open(const std::string& path)
{
    Database db = TRY(Database::open(path));
    // Checked before migrating: writing a new schema into a damaged file could only make it worse.
    std::string check = TRY(db.quick_check());
    if (check != "ok")
        return Error::internal("store: " + db.name() + ": quick_check failed: " + check);
    TRY_STATUS(migrate(db, k_kiosk_state_migrations));
    return KioskState(std::move(db));
}

Result<std::optional<std::string>> KioskState::setting(std::string_view key)
{
    Statement stmt = TRY(m_db.prepare("SELECT value FROM setting WHERE key = ?1"));
    TRY_STATUS(stmt.bind(1, key));
    if (!TRY(stmt.step()))
        return std::optional<std::string>();
    return std::optional<std::string>(stmt.column_text(0));
}

Status KioskState::set_setting(std::string_view key, std::string_view value)
{
    Statement stmt = TRY(m_db.prepare(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    TRY_STATUS(stmt.bind(1, key));
    TRY_STATUS(stmt.bind(2, value));
    TRY(stmt.step());
    return {};
}

Result<int64_t> KioskState::clock_floor_s()
{
    Statement stmt = TRY(m_db.prepare("SELECT floor_s FROM clock_floor WHERE id = 1"));
    if (!TRY(stmt.step()))
        return Error::internal("store: " + m_db.name() + ": the clock_floor row is missing");
    return stmt.column_int64(0);
}

Status KioskState::raise_clock_floor_s(int64_t candidate_s)
{
    Statement stmt =
        TRY(m_db.prepare("UPDATE clock_floor SET floor_s = max(floor_s, ?1) WHERE id = 1"));
    TRY_STATUS(stmt.bind(1, candidate_s));
    TRY(stmt.step());
    return {};
}

Status KioskState::log_event(int64_t at_s, std::string_view component, std::string_view message)
{
    Transaction tx = TRY(Transaction::begin(m_db));
    TRY_STATUS(append_event(at_s, component, message));
    return tx.commit();
}

Status KioskState::append_event(int64_t at_s, std::string_view component, std::string_view message)
{
    {
        Statement insert = TRY(m_db.prepare(
            "INSERT INTO event_log (at_s, component, message) VALUES (?1, ?2, ?3)"));
        TRY_STATUS(insert.bind(1, at_s));
        TRY_STATUS(insert.bind(2, component));
        TRY_STATUS(insert.bind(3, message));
        TRY(insert.step());

        Statement trim = TRY(m_db.prepare(
            "DELETE FROM event_log WHERE id <= "
            "(SELECT id FROM event_log ORDER BY id DESC LIMIT 1 OFFSET ?1)"));
        TRY_STATUS(trim.bind(1, int64_t(k_max_events)));
        TRY(trim.step());
    }
    return {};
}

namespace {

constexpr std::string_view k_content_version = "content.version";
constexpr std::string_view k_content_created = "content.created";
constexpr std::string_view k_content_file = "content.file";
constexpr std::string_view k_content_source = "content.source";
constexpr std::string_view k_content_installed = "content.installed_at";
constexpr std::string_view k_trust_serial = "trust.serial";
constexpr std::string_view k_trust_keys = "trust.keys";

int64_t to_int(const std::optional<std::string>& text)
{
    if (!text) return 0;
    int64_t value = 0;
    std::from_chars(text->data(), text->data() + text->size(), value);
    return value;
}

}  // namespace

Result<std::optional<KioskState::SyncOutcome>> KioskState::last_sync()
{
    auto source = TRY(setting("sync.last_source"));
    if (!source) return std::optional<SyncOutcome>();
    SyncOutcome outcome{*source, to_int(TRY(setting("sync.last_at"))), TRY(setting("sync.last_result")).value_or("")};
    return std::optional<SyncOutcome>(std::move(outcome));
}

Status KioskState::record_sync(const SyncOutcome& outcome)
{
    Transaction tx = TRY(Transaction::begin(m_db));
    TRY_STATUS(set_setting("sync.last_source", outcome.source));
    TRY_STATUS(set_setting("sync.last_at", std::to_string(outcome.at_s)));
    TRY_STATUS(set_setting("sync.last_result", outcome.result));
    return tx.commit();
}

Result<std::vector<LogEvent>> KioskState::recent_events_of(std::string_view component, int limit)
{
    Statement stmt = TRY(m_db.prepare(
        "SELECT at_s, component, message FROM event_log WHERE component = ?1 ORDER BY id DESC LIMIT ?2"));
    TRY_STATUS(stmt.bind(1, component));
    TRY_STATUS(stmt.bind(2, int64_t(limit)));
    std::vector<LogEvent> events;
    while (TRY(stmt.step())) events.push_back({stmt.column_int64(0), stmt.column_text(1), stmt.column_text(2)});
    return events;
}

Result<std::optional<InstalledContent>> KioskState::installed_content()
{
    auto file = TRY(setting(k_content_file));
    if (!file || file->empty()) return std::optional<InstalledContent>();
    InstalledContent installed;
    installed.file = *file;
    installed.version = to_int(TRY(setting(k_content_version)));
    installed.created_s = to_int(TRY(setting(k_content_created)));
    installed.installed_at_s = to_int(TRY(setting(k_content_installed)));
    installed.source = TRY(setting(k_content_source)).value_or("");
    return std::optional<InstalledContent>(std::move(installed));
}

Result<std::optional<KeyRotationRecord>> KioskState::rotated_keys()
{
    auto keys = TRY(setting(k_trust_keys));
    if (!keys) return std::optional<KeyRotationRecord>();
    KeyRotationRecord record;
    record.serial = to_int(TRY(setting(k_trust_serial)));
    std::string_view rest = *keys;
    while (!rest.empty()) {
        size_t comma = rest.find(',');
        record.keys_hex.emplace_back(rest.substr(0, comma));
        rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
    }
    return std::optional<KeyRotationRecord>(std::move(record));
}

Status KioskState::record_install(const InstalledContent& installed, const std::optional<KeyRotationRecord>& rotation,
                                  std::string_view message)
{
    Transaction tx = TRY(Transaction::begin(m_db));
    TRY_STATUS(set_setting(k_content_file, installed.file));
    TRY_STATUS(set_setting(k_content_version, std::to_string(installed.version)));
    TRY_STATUS(set_setting(k_content_created, std::to_string(installed.created_s)));
    TRY_STATUS(set_setting(k_content_installed, std::to_string(installed.installed_at_s)));
    TRY_STATUS(set_setting(k_content_source, installed.source));
    if (rotation) {
        std::string joined;
        for (const std::string& key : rotation->keys_hex) joined += (joined.empty() ? "" : ",") + key;
        TRY_STATUS(set_setting(k_trust_serial, std::to_string(rotation->serial)));
        TRY_STATUS(set_setting(k_trust_keys, joined));
    }
    TRY_STATUS(raise_clock_floor_s(installed.created_s));
    TRY_STATUS(append_event(installed.installed_at_s, "sync", message));
    return tx.commit();
}

Result<std::vector<LogEvent>> KioskState::recent_events(int limit)
{
    assert(limit >= 0);
    Statement stmt = TRY(m_db.prepare(
        "SELECT at_s, component, message FROM event_log ORDER BY id DESC LIMIT ?1"));
    TRY_STATUS(stmt.bind(1, int64_t(limit)));
    std::vector<LogEvent> events;
    while (TRY(stmt.step()))
        events.push_back({stmt.column_int64(0), stmt.column_text(1), stmt.column_text(2)});
    return events;
}

}  // namespace linli::store
