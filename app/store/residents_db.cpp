#include "store/residents_db.hpp"

#include "store/migrations.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>

namespace linli::store {

namespace {

// Append only: a shipped migration is never edited, a change is a new entry.
// The record table has no time column, no rowid (WITHOUT ROWID, keyed by a random id that SQLite's
// CSPRNG makes) and no sequence: neither its rows nor the order of its B-tree pages say when or in
// which order residents came (B1, B4, F1). tests/store/residents_db_test.cpp enforces it.
constexpr std::array k_residents_migrations = {
    Migration{1, R"sql(
        CREATE TABLE export_log (
            seq     INTEGER PRIMARY KEY CHECK (seq >= 1),
            name    TEXT NOT NULL UNIQUE,
            sha256  TEXT NOT NULL CHECK (length(sha256) = 64),
            records INTEGER NOT NULL CHECK (records >= 0),
            day     TEXT NOT NULL
        );

        CREATE TABLE record (
            id          BLOB PRIMARY KEY NOT NULL CHECK (typeof(id) = 'blob' AND length(id) = 16),
            kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
            day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            sealed      BLOB NOT NULL CHECK (length(sealed) > 0),
            exported_in INTEGER REFERENCES export_log (seq)
        ) WITHOUT ROWID;
        CREATE INDEX record_exported_in ON record (exported_in);
    )sql"},
    Migration{2, R"sql(
        -- Receipt codes of feedback (意见箱), for "查看回复" at this kiosk: only their Argon2id
        -- hashes under a salt made once per database, keyed by the hash itself. No column ties a
        -- receipt to its record, nor says when it came; the code itself is in the sealed record.
        CREATE TABLE receipt_salt (
            id   INTEGER PRIMARY KEY CHECK (id = 1),
            salt BLOB NOT NULL CHECK (typeof(salt) = 'blob' AND length(salt) = 16)
        );
        INSERT INTO receipt_salt (id, salt) VALUES (1, randomblob(16));
        CREATE TABLE receipt (
            hash BLOB PRIMARY KEY NOT NULL CHECK (typeof(hash) = 'blob' AND length(hash) = 32)
        ) WITHOUT ROWID;
    )sql"},
    Migration{3, R"sql(
        -- 投票表决: a ballot and its used code are two sealed records (kinds "ballot" and
        -- "used-code") held until the ballot closes (hold_until_s, the same for every ballot of one
        -- vote), and the code's hash in used_code, keyed by the hash itself. The three rows share
        -- no key, no time and no order (B1); the records' day is the ballot's closing day.
        -- (The table is rebuilt rather than altered: an added NOT NULL column needs a DEFAULT,
        -- and the schema keeps none, so no column can ever stamp a row as it arrives.)
        CREATE TABLE record_v3 (
            id           BLOB PRIMARY KEY NOT NULL CHECK (typeof(id) = 'blob' AND length(id) = 16),
            kind         TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
            day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            sealed       BLOB NOT NULL CHECK (length(sealed) > 0),
            exported_in  INTEGER REFERENCES export_log (seq),
            hold_until_s INTEGER NOT NULL CHECK (hold_until_s >= 0)
        ) WITHOUT ROWID;
        INSERT INTO record_v3 SELECT id, kind, day, sealed, exported_in, 0 FROM record;
        DROP TABLE record;
        ALTER TABLE record_v3 RENAME TO record;
        CREATE INDEX record_exported_in ON record (exported_in);
        CREATE TABLE used_code (
            hash BLOB PRIMARY KEY NOT NULL CHECK (typeof(hash) = 'blob' AND length(hash) = 16)
        ) WITHOUT ROWID;
    )sql"},
};

RecordId to_record_id(const std::vector<uint8_t>& blob)
{
    RecordId id{};
    if (blob.size() == id.size()) std::memcpy(id.data(), blob.data(), id.size());
    return id;
}

}  // namespace

bool is_record_kind(std::string_view kind)
{
    return !kind.empty() && kind.size() <= 32 &&
           std::all_of(kind.begin(), kind.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_record_day(std::string_view day)
{
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (day[i] < '0' || day[i] > '9') return false;
    const int year = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
    const int month = (day[5] - '0') * 10 + (day[6] - '0');
    const int d = (day[8] - '0') * 10 + (day[9] - '0');
    if (year < 1970 || month < 1 || month > 12 || d < 1) return false;
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return d <= k_days[month - 1] + (month == 2 && leap ? 1 : 0);
}

Result<ResidentsDb> ResidentsDb::open(const std::string& path)
{
    return open(TRY(Database::open(path)));
}

Result<ResidentsDb> ResidentsDb::open(Database db)
{
    // D1 before anything is written: a database that cannot keep what it acknowledges takes nothing.
    TRY_STATUS(db.check_durability());
    std::string check = TRY(db.quick_check());
    if (check != "ok")
        return Error::internal("store: " + db.name() + ": quick_check failed: " + check);
    TRY_STATUS(migrate(db, k_residents_migrations));
    return ResidentsDb(std::move(db));
}

Result<RecordId> ResidentsDb::add_sealed_record(std::string_view kind, std::string_view day, std::string_view sealed,
                                                const ReceiptHash* receipt)
{
    if (!is_record_kind(kind))
        return Error::rejected("store: " + m_db.name() + ": a record kind must be 1-32 of a-z, 0-9 and '-'");
    if (!is_record_day(day)) return Error::rejected("store: " + m_db.name() + ": a record day must be YYYY-MM-DD");
    if (sealed.empty()) return Error::rejected("store: " + m_db.name() + ": an empty sealed record");
    TRY_STATUS(m_db.check_durability());
    Transaction tx = TRY(Transaction::begin(m_db));
    RecordId id{};
    {
        // randomblob() is SQLite's ChaCha20 generator, seeded from the system's entropy source.
        Statement insert = TRY(m_db.prepare(
            "INSERT INTO record (id, kind, day, sealed, hold_until_s) VALUES (randomblob(16), ?1, ?2, ?3, 0) RETURNING id"));
        TRY_STATUS(insert.bind(1, kind));
        TRY_STATUS(insert.bind(2, day));
        TRY_STATUS(insert.bind_blob(3, sealed.data(), sealed.size()));
        if (!TRY(insert.step())) return Error::internal("store: " + m_db.name() + ": the new record has no id");
        id = to_record_id(insert.column_blob(0));
        TRY(insert.step());
    }
    if (receipt) {
        // In the same transaction: a resident told "已收到" holds a code this kiosk knows.
        Statement insert = TRY(m_db.prepare("INSERT INTO receipt (hash) VALUES (?1)"));
        TRY_STATUS(insert.bind_blob(1, receipt->data(), receipt->size()));
        TRY(insert.step());
    }
    TRY_STATUS(tx.commit());
    return id;
}

Result<RecordId> ResidentsDb::add_ballot(std::string_view day, std::string_view sealed_ballot,
                                        std::string_view sealed_used_code, std::string_view code_hash,
                                        int64_t hold_until_s)
{
    if (!is_record_day(day)) return Error::rejected("store: " + m_db.name() + ": a record day must be YYYY-MM-DD");
    const bool with_code = !code_hash.empty();  // a survey with codes = "none" has none
    if (sealed_ballot.empty() || (with_code && code_hash.size() != 16) || with_code != !sealed_used_code.empty() ||
        hold_until_s < 0)
        return Error::rejected("store: " + m_db.name() + ": a malformed ballot");
    TRY_STATUS(m_db.check_durability());
    Transaction tx = TRY(Transaction::begin(m_db));
    if (with_code) {
        Statement used = TRY(m_db.prepare("INSERT INTO used_code (hash) VALUES (?1) ON CONFLICT DO NOTHING"));
        TRY_STATUS(used.bind_blob(1, code_hash.data(), code_hash.size()));
        TRY(used.step());
        if (m_db.changes() != 1) return Error::rejected("store: " + m_db.name() + ": this code has been used already");
    }
    RecordId id{};
    Statement insert = TRY(m_db.prepare("INSERT INTO record (id, kind, day, sealed, hold_until_s) "
                                        "VALUES (randomblob(16), ?1, ?2, ?3, ?4) RETURNING id"));
    for (auto [kind, sealed] : {std::pair{"ballot", sealed_ballot}, std::pair{"used-code", sealed_used_code}}) {
        if (sealed.empty()) continue;
        insert.reset();
        TRY_STATUS(insert.bind(1, std::string_view(kind)));
        TRY_STATUS(insert.bind(2, day));
        TRY_STATUS(insert.bind_blob(3, sealed.data(), sealed.size()));
        TRY_STATUS(insert.bind(4, hold_until_s));
        if (!TRY(insert.step())) return Error::internal("store: " + m_db.name() + ": the new record has no id");
        if (std::string_view(kind) == "ballot") id = to_record_id(insert.column_blob(0));
        TRY(insert.step());
    }
    TRY_STATUS(tx.commit());
    return id;
}

Result<bool> ResidentsDb::is_code_used(std::string_view code_hash)
{
    Statement stmt = TRY(m_db.prepare("SELECT 1 FROM used_code WHERE hash = ?1"));
    TRY_STATUS(stmt.bind_blob(1, code_hash.data(), code_hash.size()));
    return TRY(stmt.step());
}

Result<std::vector<std::string>> ResidentsDb::used_code_hashes()
{
    Statement stmt = TRY(m_db.prepare("SELECT hash FROM used_code"));
    std::vector<std::string> hashes;
    while (TRY(stmt.step())) {
        std::vector<uint8_t> blob = stmt.column_blob(0);
        hashes.emplace_back(blob.begin(), blob.end());
    }
    return hashes;
}

Result<int64_t> ResidentsDb::count_held_ballots(int64_t hold_until_s)
{
    Statement stmt = TRY(m_db.prepare("SELECT count(*) FROM record WHERE kind = 'ballot' AND hold_until_s = ?1"));
    TRY_STATUS(stmt.bind(1, hold_until_s));
    TRY(stmt.step());
    return stmt.column_int64(0);
}

Result<std::array<uint8_t, 16>> ResidentsDb::receipt_salt()
{
    Statement stmt = TRY(m_db.prepare("SELECT salt FROM receipt_salt WHERE id = 1"));
    if (!TRY(stmt.step())) return Error::internal("store: " + m_db.name() + ": the receipt salt is missing");
    std::vector<uint8_t> blob = stmt.column_blob(0);
    std::array<uint8_t, 16> salt{};
    if (blob.size() != salt.size()) return Error::internal("store: " + m_db.name() + ": the receipt salt is damaged");
    std::copy(blob.begin(), blob.end(), salt.begin());
    return salt;
}

Result<bool> ResidentsDb::has_receipt(const ReceiptHash& hash)
{
    Statement stmt = TRY(m_db.prepare("SELECT 1 FROM receipt WHERE hash = ?1"));
    TRY_STATUS(stmt.bind_blob(1, hash.data(), hash.size()));
    return TRY(stmt.step());
}

Result<int64_t> ResidentsDb::count_on_day(std::string_view kind, std::string_view day)
{
    Statement stmt = TRY(m_db.prepare("SELECT count(*) FROM record WHERE kind = ?1 AND day = ?2"));
    TRY_STATUS(stmt.bind(1, kind));
    TRY_STATUS(stmt.bind(2, day));
    TRY(stmt.step());
    return stmt.column_int64(0);
}

Result<int64_t> ResidentsDb::pending_count()
{
    Statement stmt = TRY(m_db.prepare("SELECT count(*) FROM record WHERE exported_in IS NULL"));
    TRY(stmt.step());
    return stmt.column_int64(0);
}

Result<int64_t> ResidentsDb::record_count()
{
    Statement stmt = TRY(m_db.prepare("SELECT count(*) FROM record"));
    TRY(stmt.step());
    return stmt.column_int64(0);
}

Result<std::vector<SealedRecord>> ResidentsDb::pending_records(int64_t now_s)
{
    Statement stmt = TRY(m_db.prepare("SELECT id, kind, day, sealed FROM record "
                                      "WHERE exported_in IS NULL AND hold_until_s <= ?1 ORDER BY id"));
    TRY_STATUS(stmt.bind(1, now_s));
    std::vector<SealedRecord> records;
    while (TRY(stmt.step())) {
        std::vector<uint8_t> sealed = stmt.column_blob(3);
        records.push_back({to_record_id(stmt.column_blob(0)), stmt.column_text(1), stmt.column_text(2),
                           std::string(sealed.begin(), sealed.end())});
    }
    return records;
}

Result<NextExport> ResidentsDb::next_export()
{
    Statement stmt = TRY(m_db.prepare("SELECT seq, sha256 FROM export_log ORDER BY seq DESC LIMIT 1"));
    NextExport next;
    if (TRY(stmt.step())) {
        next.seq = stmt.column_int64(0) + 1;
        next.previous_hex = stmt.column_text(1);
    }
    return next;
}

Status ResidentsDb::mark_exported(const ExportLogEntry& entry, const std::vector<RecordId>& record_ids)
{
    Transaction tx = TRY(Transaction::begin(m_db));
    const NextExport next = TRY(next_export());
    if (entry.seq != next.seq)
        return Error::internal("store: " + m_db.name() + ": export " + std::to_string(entry.seq) +
                               " is not the next one (" + std::to_string(next.seq) + "): another export came first");
    if (entry.records != static_cast<int64_t>(record_ids.size()))
        return Error::internal("store: " + m_db.name() + ": export " + std::to_string(entry.seq) + " lists " +
                               std::to_string(record_ids.size()) + " records but says " + std::to_string(entry.records));
    {
        Statement log = TRY(m_db.prepare("INSERT INTO export_log (seq, name, sha256, records, day) VALUES (?1, ?2, ?3, ?4, ?5)"));
        TRY_STATUS(log.bind(1, entry.seq));
        TRY_STATUS(log.bind(2, entry.name));
        TRY_STATUS(log.bind(3, entry.sha256_hex));
        TRY_STATUS(log.bind(4, entry.records));
        TRY_STATUS(log.bind(5, entry.day));
        TRY(log.step());
        Statement mark = TRY(m_db.prepare("UPDATE record SET exported_in = ?1 WHERE id = ?2 AND exported_in IS NULL"));
        TRY_STATUS(mark.bind(1, entry.seq));
        for (const RecordId& id : record_ids) {
            TRY_STATUS(mark.bind_blob(2, id.data(), id.size()));
            TRY(mark.step());
            if (m_db.changes() != 1)
                return Error::internal("store: " + m_db.name() + ": export " + std::to_string(entry.seq) +
                                       " lists a record that is not pending");
            mark.reset();
        }
    }
    return tx.commit();
}

Result<std::vector<ExportLogEntry>> ResidentsDb::exports()
{
    Statement stmt = TRY(m_db.prepare("SELECT seq, name, sha256, records, day FROM export_log ORDER BY seq"));
    std::vector<ExportLogEntry> entries;
    while (TRY(stmt.step()))
        entries.push_back({stmt.column_int64(0), stmt.column_text(1), stmt.column_text(2), stmt.column_int64(3),
                           stmt.column_text(4)});
    return entries;
}

Result<ResidentsDb::Audit> ResidentsDb::audit()
{
    Audit audit;
    Statement counts = TRY(m_db.prepare(
        "SELECT (SELECT count(*) FROM record WHERE exported_in IS NULL), "
        "(SELECT count(*) FROM record WHERE exported_in IS NOT NULL AND exported_in NOT IN (SELECT seq FROM export_log)), "
        "(SELECT coalesce(min(seq), 0) FROM export_log AS e "
        " WHERE records != (SELECT count(*) FROM record WHERE exported_in = e.seq))"));
    TRY(counts.step());
    audit.pending = counts.column_int64(0);
    audit.unlogged = counts.column_int64(1);
    audit.miscounted_seq = counts.column_int64(2);
    return audit;
}

Result<int64_t> drop_pending_from_copy(const std::string& path)
{
    {
        // Mostly there are none (the backup follows an export): then the copy is left as it is.
        Database copy = TRY(Database::open(path, OpenMode::Immutable));
        Statement pending = TRY(copy.prepare("SELECT count(*) FROM record WHERE exported_in IS NULL"));
        TRY(pending.step());
        if (pending.column_int64(0) == 0) return 0;
    }
    Database db = TRY(Database::open(path));  // WAL while it is open; journal_mode=DELETE below undoes it
    TRY_STATUS(db.exec("DELETE FROM record WHERE exported_in IS NULL"));
    const int64_t dropped = db.changes();
    // Used codes go with the ballots they were used for: a ballot still held (its vote open) is
    // pending, so a restore from this copy must let its voter vote again. Codes of closed votes
    // no longer matter. (No column links a used code to its ballot, so all of them go.)
    bool has_used_codes = false;
    {
        Statement table = TRY(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'used_code'"));
        TRY(table.step());
        has_used_codes = table.column_int64(0) > 0;
    }
    if (has_used_codes) TRY_STATUS(db.exec("DELETE FROM used_code"));
    // secure_delete zeroed the freed cells; VACUUM also drops the pages, so the copy stays compact.
    if (dropped > 0) TRY_STATUS(db.exec("VACUUM"));
    TRY_STATUS(db.exec("PRAGMA journal_mode=DELETE"));
    return dropped;
}

Result<ResidentsSummary> summarize_residents_file(const std::string& path)
{
    // Only a closed database: immutable reads would not see what a -wal file still holds.
    std::error_code ec;
    if (std::filesystem::exists(path + "-wal", ec))
        return Error::internal("store: " + path + ": in use, or not closed cleanly (there is a -wal file)");
    Database db = TRY(Database::open(path, OpenMode::Immutable));
    ResidentsSummary summary;
    {
        Statement tables = TRY(db.prepare(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('record', 'export_log')"));
        TRY(tables.step());
        if (tables.column_int64(0) == 0) return summary;
    }
    Statement stmt = TRY(db.prepare("SELECT (SELECT count(*) FROM record), (SELECT count(*) FROM export_log), "
                                    "(SELECT coalesce(max(seq), 0) FROM export_log)"));
    TRY(stmt.step());
    summary.records = stmt.column_int64(0);
    summary.exports = stmt.column_int64(1);
    summary.last_export_seq = stmt.column_int64(2);
    return summary;
}

}  // namespace linli::store
