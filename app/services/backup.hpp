// Backups of the residents' database, so a kiosk whose SD card broke can be rebuilt without losing
// residents' data (EXPORTS.md, "Backups and restoring a kiosk"). With each export to a USB stick
// the kiosk writes linli/backup/<kiosk id>/residents-<hash>.db (a consistent copy: sealed
// ciphertext, random ids and days, only the records exports carried) and backup.toml (its name,
// size and SHA-256, signed by the device key as exports are). `linli-kiosk --restore DIR` checks such a folder and installs the copy on a fresh
// data dir; the export chain then goes on under a new device key (the old one never leaves a kiosk).
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"
#include "services/kiosk_config.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace linli::services {

inline constexpr int64_t k_backup_format = 1;
inline constexpr std::string_view k_backup_info_name = "backup.toml";
inline constexpr size_t k_max_backup_info_bytes = 64u * 1024u;
// How write_backup's refusal to replace another SD card's newer backup begins (see write_backup).
inline constexpr std::string_view k_backup_not_written = "backup not written: ";

// The copy's file name: "residents-" + the first 16 hex digits of its SHA-256 + ".db". Named by
// its content, a new copy never replaces the one the current backup.toml names (EXPORTS.md).
std::string backup_db_file_name(const crypto::Sha256& sha256);

// backup.toml: which copy next to it is the backup, and what it must be.
struct BackupInfo {
    int64_t format = k_backup_format;
    std::string kiosk;               // [kiosk] id of the kiosk it came from
    crypto::PublicKey device_key{};  // that kiosk's device key, which signed this file
    std::string day;                 // YYYY-MM-DD, the kiosk's local date when it was made
    int64_t last_export_seq = 0;     // the export chain's last link in the copy; 0: none yet
    std::string db_file;             // the copy's name, backup_db_file_name(db_sha256)
    int64_t db_size = 0;             // its size in bytes
    crypto::Sha256 db_sha256{};      // and its SHA-256
};

// The signed text of backup.toml.
std::string write_backup_info_text(const BackupInfo& info, const crypto::SecretKey& device_secret);
// Parses and checks backup.toml text completely (size, signature by the key it names, every
// field); source names the file in errors: "backup: FILE:LINE: what is wrong" (Rejected).
Result<BackupInfo> parse_backup_info(std::string_view text, std::string_view source = "backup.toml");

struct BackupResult {
    std::string dir;  // backup_root/<kiosk id>
    int64_t records = 0;
    int64_t db_bytes = 0;
    int64_t last_export_seq = 0;
};

// Writes the backup of DATA_DIR/residents.db into backup_root/<kiosk id>/ (folders created as
// needed; a symlink is refused). The consistent copy is made in DATA_DIR (a stick mounted `sync`
// would take each 4 KiB page as one slow write), records no export carried are left out of it,
// then it goes onto the stick in 1 MiB writes as a hidden file, fsynced, renamed to its content
// name; then backup.toml the same way, renamed over the previous one; only then is the previous
// copy deleted. A stick pulled at any point leaves the previous pair or the new one. now_s is
// raised to kiosk.db's clock floor for the day.
// Refuses (Rejected, the message starting with k_backup_not_written) to replace a backup that
// another device key made up to a later export than this kiosk's last: a new SD card that ran
// before its restore must not overwrite the only copy of the old card's data. Rejected too when
// the folder cannot be written (a full or read-only stick), Internal when the database cannot be
// read or copied in DATA_DIR. The temporary copy in DATA_DIR is gone in every case.
// Where a backup on the stick can be cut short (a stick pulled, a power cut); tests stop there.
enum class BackupStep { None, CopyRenamed, InfoRenamed };
Result<BackupResult> write_backup(const KioskConfig& config, const std::string& data_dir, const std::string& backup_root,
                                  int64_t now_s, BackupStep stop_after = BackupStep::None);

// Whether a stick should get a backup although nothing is exported: DATA_DIR/residents.db holds
// records or exports, and backup_root holds no backup of this kiosk, or one whose backup.toml does
// not verify, was made by another device key (write_backup then replaces it or says why not),
// stops at an earlier export (the exports since went elsewhere: the LAN, another stick) or whose
// copy is missing or not of the size it names.
Result<bool> backup_due(const KioskConfig& config, const std::string& data_dir, const std::string& backup_root);

struct RestoreReport {
    std::string db_path;          // DATA_DIR/residents.db
    std::string day;              // when the backup was made
    int64_t records = 0;          // all records; each was carried by an export (checked)
    int64_t last_export_seq = 0;
    crypto::PublicKey old_device_key{};  // signed the backup and the exports up to last_export_seq
    crypto::PublicKey new_device_key{};  // signs the exports from last_export_seq + 1 on
};

// `linli-kiosk --restore DIR`: checks backup_dir (a linli/backup/<kiosk id> folder): backup.toml's
// signature, its kiosk id against config's, the named copy's size and SHA-256, integrity_check,
// that it opens as the residents' database, and that every record in it was carried by an export
// in its log (a backup is written right after an export: a record no export carried was added by
// whoever held the stick, who can re-sign backup.toml with a key of their own, but cannot sign
// exports as the kiosk); refuses (Rejected) if DATA_DIR/residents.db already
// holds records or exports, or is in use. Then installs the copy atomically (temporary file,
// fsync, rename, directory fsync), raises kiosk.db's clock floor to the backup's day and makes the
// device key if there is none. A refusal leaves the data dir as it was (not even created).
Result<RestoreReport> restore_backup(const KioskConfig& config, const std::string& data_dir,
                                     const std::string& backup_dir);
// What was restored, for the command line (several lines).
std::string describe_restore(const RestoreReport& report);

}  // namespace linli::services
