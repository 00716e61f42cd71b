// ResidentsDb: residents' submissions (feedback, ballots), kept only as sealed ciphertext in
// DATA_DIR/residents.db, apart from kiosk.db and the content (SECURITY.md "Storage": this data is
// irreplaceable), and the log of the exports that carried them away. Records are keyed by random
// ids and carry no time finer than the day and nothing that orders them (B1, F1).
#pragma once

#include "core/result.hpp"
#include "store/database.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace linli::store {

using RecordId = std::array<uint8_t, 16>;
// A feedback receipt code's Argon2id hash under the database's receipt salt.
using ReceiptHash = std::array<uint8_t, 32>;

// One sealed submission waiting for (or carried by) an export.
struct SealedRecord {
    RecordId id{};
    std::string kind;    // "feedback", "ballot", ...: 1-32 of [a-z0-9-]
    std::string day;     // "2026-11-25": the kiosk's local date, never a finer time (F1)
    std::string sealed;  // crypto_box_seal ciphertext
};

// Where the next export continues the chain.
struct NextExport {
    int64_t seq = 1;           // 1 for the first export
    std::string previous_hex;  // SHA-256 (hex) of the previous export file; "" before the first
};

// One export the kiosk has made (and knows to be safely delivered).
struct ExportLogEntry {
    int64_t seq = 0;
    std::string name;        // "lobby-1-000003.linli-export"
    std::string sha256_hex;  // of the whole file
    int64_t records = 0;
    std::string day;
};

class ResidentsDb {
public:
    // Opens (creating if needed) the residents' database. Refused (Internal) unless WAL,
    // synchronous=FULL and foreign keys are in effect (D1) and quick_check passes (D4); then migrates.
    static Result<ResidentsDb> open(const std::string& path);
    // The same over a connection the caller opened (tests: one whose pragmas were changed).
    static Result<ResidentsDb> open(Database db);

    // Stores one sealed record and returns its new random id once the COMMIT returned: only then
    // may a resident be told "recorded" (B6). Checks D1 again first, so a connection changed since
    // open takes nothing. Rejected for a malformed kind or day or an empty blob. With a receipt,
    // its hash is stored in the same transaction (feedback), apart from the record.
    Result<RecordId> add_sealed_record(std::string_view kind, std::string_view day, std::string_view sealed,
                                       const ReceiptHash* receipt = nullptr);

    // Stores one cast ballot (B6: return only after the COMMIT): in one transaction, the used
    // code's hash (refused, changing nothing, when it is there already: one code, one vote) and
    // two sealed records, the ballot and the used code, both held back from exports until
    // hold_until_s (the ballot's close) and dated day (its closing day, not the day of casting).
    // A survey without codes passes an empty code_hash and sealed_used_code: the ballot alone.
    Result<RecordId> add_ballot(std::string_view day, std::string_view sealed_ballot, std::string_view sealed_used_code,
                                std::string_view code_hash, int64_t hold_until_s);
    // Whether a voting code's hash (16 bytes) has been used here.
    Result<bool> is_code_used(std::string_view code_hash);
    // Every used code's hash (a ballot's turnout here: those among its codes), in key order.
    Result<std::vector<std::string>> used_code_hashes();
    // Ballots held until hold_until_s, the closing time of a vote (a survey's turnout here).
    Result<int64_t> count_held_ballots(int64_t hold_until_s);

    // The salt receipt codes are hashed under (made once, with the database's second migration).
    Result<std::array<uint8_t, 16>> receipt_salt();
    // Whether a feedback with this receipt was submitted here.
    Result<bool> has_receipt(const ReceiptHash& hash);
    // Records of a kind submitted on a day (the daily cap, F5).
    Result<int64_t> count_on_day(std::string_view kind, std::string_view day);

    // Records no export has carried yet.
    Result<int64_t> pending_count();
    // All records, exported or not (what a backup or a restore carries).
    Result<int64_t> record_count();
    // Those records that may leave at now_s (ballots and used codes only once their ballot has
    // closed), in the database's order (by random id: unrelated to when they came, B4); exports
    // shuffle them anyway.
    Result<std::vector<SealedRecord>> pending_records(int64_t now_s = INT64_MAX);

    Result<NextExport> next_export();
    // In one transaction: the export joins the log (its seq must be next_export().seq, or it is
    // refused: another export got there first) and each listed record, which must still be
    // pending, is marked as carried by it. Nothing changes if any of that fails.
    Status mark_exported(const ExportLogEntry& entry, const std::vector<RecordId>& record_ids);

    // The export log, oldest first.
    Result<std::vector<ExportLogEntry>> exports();

    // How the records stand against the export log. mark_exported makes every export list as many
    // records as it marks, and records are never deleted, so in a database the kiosk wrote every
    // record names a logged export that counts it, or none (pending).
    struct Audit {
        int64_t pending = 0;          // carried by no export
        int64_t unlogged = 0;         // marked as carried by an export the log does not hold
        int64_t miscounted_seq = 0;   // the first export marked on more or fewer records than it lists; 0: none
    };
    Result<Audit> audit();

    Database& database() { return m_db; }

private:
    explicit ResidentsDb(Database db) : m_db(std::move(db)) {}
    Database m_db;
};

// What a closed residents.db file holds, read without changing it or its folder: a backup's copy,
// or the data dir's database before a restore may replace it. A file without the tables (never
// used) holds nothing. Refused when a -wal file is next to it (in use, or not closed cleanly).
struct ResidentsSummary {
    int64_t records = 0;
    int64_t exports = 0;
    int64_t last_export_seq = 0;  // 0: no export yet
};
Result<ResidentsSummary> summarize_residents_file(const std::string& path);

// Removes the records no export carried from a closed copy of residents.db (a backup's, made with
// snapshot_database), and the space they took (VACUUM), leaving it in rollback-journal mode as it
// was. A backup holds only what exports carried, so a restore can refuse anything else (a record
// added to the copy by whoever held the stick). Returns how many it removed.
Result<int64_t> drop_pending_from_copy(const std::string& path);

// The rules add_sealed_record enforces, for callers that check before sealing.
bool is_record_kind(std::string_view kind);
bool is_record_day(std::string_view day);  // YYYY-MM-DD, a real calendar date

}  // namespace linli::store
