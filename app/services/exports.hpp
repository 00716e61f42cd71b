// Residents' data exports (SECURITY.md "Residents' data", B4, B7, F3): every pending sealed record
// leaves the kiosk in a signed, numbered, chained, shuffled export file, to a USB stick, a folder
// (`linli-kiosk --export DIR`) or the admins' inbox (HTTP PUT). app/services/EXPORTS.md is the
// format. Records are marked exported only once the file is durable or the upload confirmed:
// prepare_export builds the bytes without changing anything, commit_export then marks them.
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"
#include "services/kiosk_config.hpp"
#include "store/residents_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::services {

inline constexpr int64_t k_export_format = 1;
inline constexpr std::string_view k_export_suffix = ".linli-export";
// The admins' inbox takes at most 64 MiB per file (admin/serve_inbox.hpp); so does the parser.
inline constexpr size_t k_max_export_bytes = 64u * 1024u * 1024u;
inline constexpr size_t k_max_export_records = 200000;
// A sealed record's ciphertext: a long feedback text is a few KiB; a ballot far less.
inline constexpr size_t k_max_sealed_bytes = 64u * 1024u;
inline constexpr int64_t k_max_export_seq = 999999999;

// The kiosk's identity for exports: DATA_DIR/device.key (Ed25519, mode 0600), created at first
// use, never printed. The key pair, creating the file if it is missing.
Result<crypto::KeyPair> load_or_create_device_key(const std::string& data_dir);
// Its public half, for --status and the admin panel (creates the key like the above).
Result<crypto::PublicKey> device_public_key(const std::string& data_dir);
// The same, but nothing (and no new file) when the kiosk has not made its key yet.
Result<std::optional<crypto::PublicKey>> existing_device_public_key(const std::string& data_dir);
// "3f2a 9c01 77b0 e4d2": the first 16 hex digits of a device key, grouped for reading. The admin
// panel shows it, and collect names a new key by it, so an administrator can compare the two.
std::string key_fingerprint(const crypto::PublicKey& key);

// One sealed record as an export carries it.
struct ExportRecord {
    store::RecordId id{};
    std::string kind;
    std::string day;     // YYYY-MM-DD
    std::string sealed;  // ciphertext bytes (base64 in the file)
};

// An export file's content (EXPORTS.md).
struct ExportFile {
    int64_t format = k_export_format;
    std::string kiosk;                 // kiosk id
    crypto::PublicKey device_key{};    // signed the file
    int64_t seq = 0;                   // 1, 2, 3... per kiosk
    std::string previous_hex;          // SHA-256 of export seq-1's file; "" for seq 1
    std::string day;                   // the kiosk's local date when it was made
    int64_t content_version = 0;       // the installed bundle's version; 0 for none
    std::vector<ExportRecord> records; // in the shuffled order
};

// "<kiosk>-<seq, at least 6 digits>.linli-export".
std::string export_file_name(std::string_view kiosk, int64_t seq);
// The signed file: the canonical body, then the signature line (EXPORTS.md).
std::string write_export_text(const ExportFile& file, const crypto::SecretKey& device_secret);
// Parses and checks export file text completely (size, signature by the device key it names,
// every field and record); source names the file in errors: "export: FILE:LINE: what is wrong".
Result<ExportFile> parse_export(std::string_view text, std::string_view source = "export");

// An export built but not yet delivered.
struct PreparedExport {
    std::string name;   // file name (no directory)
    std::string bytes;  // the whole file
    crypto::Sha256 sha256{};
    int64_t seq = 0;
    std::string day;
    std::vector<store::RecordId> record_ids;  // what commit_export marks
};

// Builds the next export of every pending record, shuffled (randombytes), signed by the device
// key. now_s is raised to kiosk.db's clock floor for the day. Changes nothing in residents.db.
Result<PreparedExport> prepare_export(store::ResidentsDb& db, const KioskConfig& config, const std::string& data_dir,
                                      int64_t now_s);
// After the file is durable (store_export_file) or the upload confirmed: logs the export and marks
// its records in one transaction. Refused (nothing changes) if another export took its seq.
Status commit_export(store::ResidentsDb& db, const PreparedExport& prepared);

// Writes prepared into out_dir/name whole or not at all: hidden temp file, fsync, rename that never
// replaces, directory fsync. A file of that name with the same bytes counts as written; one with
// other bytes is left alone and Rejected.
Status store_export_file(const std::string& out_dir, const PreparedExport& prepared);

// For delivery by upload: the export to send next, as a file in dir (an outbox the caller keeps
// until commit_export, then deletes). If dir already holds this kiosk's uncommitted export of the
// next seq (an upload whose answer was lost, or a power cut before the commit), that file is
// returned as it is, so a retry sends the same bytes (the inbox takes a repeat, refuses a change).
// Otherwise a new export is prepared and stored there. Nothing in residents.db changes.
Result<PreparedExport> prepare_export_in(store::ResidentsDb& db, const KioskConfig& config, const std::string& data_dir,
                                         const std::string& dir, int64_t now_s);

struct ExportResult {
    std::string path;    // out_dir/name
    int64_t seq = 0;
    int64_t records = 0;
    bool recovered = false;  // an earlier run wrote this file but stopped before marking its records
};

// prepare_export + store_export_file + commit_export. If out_dir already holds this kiosk's export
// of the next seq (a run stopped by a power cut between the rename and the commit), that file is
// committed as it is instead of being replaced. Rejected if out_dir is missing or unwritable.
Result<ExportResult> write_export(store::ResidentsDb& db, const KioskConfig& config, const std::string& data_dir,
                                  const std::string& out_dir, int64_t now_s);

// `linli-kiosk --export DIR`: opens DATA_DIR/residents.db and writes one export into out_dir.
Result<ExportResult> export_to_folder(const KioskConfig& config, const std::string& data_dir,
                                      const std::string& out_dir, int64_t now_s);

// Records waiting for an export, for --status: 0 when residents.db does not exist yet.
Result<int64_t> pending_export_records(const std::string& data_dir);

// [SECTION] Collecting (`linli-admin collect`; EXPORTS.md "Checking an export")

// One export file given to the collector.
struct ExportInput {
    std::string source;  // the path, for messages and the report
    std::string bytes;
};

// The chain of a kiosk restored from a backup (backup.hpp) goes on under a new device key: export
// from_seq is signed by new_key and links to export from_seq - 1, signed by old_key.
struct KeyChange {
    int64_t from_seq = 0;
    crypto::PublicKey old_key{};
    crypto::PublicKey new_key{};
};

// The exports of one kiosk, ordered by seq, and what their chain shows.
struct KioskChain {
    std::string kiosk;
    std::string device;                     // a cloned card's chains: its device key's fingerprint ("" otherwise)
    crypto::PublicKey device_key{};         // of the first export given
    std::vector<KeyChange> key_changes;     // accepted with --accept-key
    std::vector<ExportFile> exports;        // by seq, each seq once
    std::vector<std::string> sources;       // the file each came from
    std::vector<std::string> hashes;        // SHA-256 hex of each file
    std::vector<std::string> problems;      // a dropped, forked, replayed or foreign export (B7)
    std::vector<std::string> notes;         // harmless: a file given twice, out of order, a later start
};

// A record as collected: opened, or not (sealed to another key, or damaged).
struct CollectedRecord {
    std::string kiosk;
    int64_t seq = 0;
    ExportRecord record;
    bool opened = false;
    std::string plaintext;  // when opened
    std::string device;     // its chain's KioskChain::device: a clone's records are kept apart
    // "lobby-1", or "lobby-1 (device key 3f2a 9c01 77b0 e4d2)" for one of a cloned card's chains.
    std::string source() const { return device.empty() ? kiosk : kiosk + " (device key " + device + ")"; }
};

struct Collection {
    std::vector<KioskChain> kiosks;        // by kiosk id
    std::vector<CollectedRecord> records;  // by kiosk, seq, then the (shuffled) order in the file
    int64_t unopened = 0;
    bool ok() const;  // no chain problem and every record opened
};

// Verifies every input (signature, format) and refuses (Rejected) if any fails, naming each such
// file; otherwise groups by kiosk, checks each chain and opens every record with the admins' key.
// A chain signed by one device key up to export N and by another from N+1 on is a problem unless
// export N+1 links to export N (its "previous" is N's hash) and accept_keys names the new key
// (`--accept-key`: 16 to 64 hex digits, a prefix of exactly one device key in the inputs; Rejected
// otherwise); then it is a KeyChange. A new key without the link is always a problem.
Result<Collection> collect_exports(const std::vector<ExportInput>& inputs, const crypto::PublicKey& seal_pub,
                                   const crypto::SecretKey& seal_secret, const std::vector<std::string>& accept_keys = {});
// The shortest --accept-key collect takes: 16 hex digits (64 bits), as the admin panel shows them.
inline constexpr size_t k_min_accept_key_digits = 16;
// report.txt: per kiosk its exports, record counts per kind and the chain's state.
std::string collection_report(const Collection& collection);
// feedback.txt: the opened feedback texts, in the order the exports hold them.
std::string collection_feedback(const Collection& collection);

}  // namespace linli::services
