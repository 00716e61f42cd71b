// Backups of the residents' database, so a kiosk whose SD card broke can be rebuilt without losing
// residents' data (EXPORTS.md, "Backups and restoring a kiosk"). With each export to a USB stick
// the kiosk writes linli/backup/<kiosk id>/residents.db (a consistent copy: sealed ciphertext,
// random ids and days only) and backup.toml (its size and SHA-256, signed by the device key as
// exports are). `linli-kiosk --restore DIR` checks such a folder and installs the copy on a fresh
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
inline constexpr std::string_view k_backup_db_name = "residents.db";
inline constexpr std::string_view k_backup_info_name = "backup.toml";
inline constexpr size_t k_max_backup_info_bytes = 64u * 1024u;

// backup.toml: what residents.db next to it must be.
struct BackupInfo {
    int64_t format = k_backup_format;
    std::string kiosk;               // [kiosk] id of the kiosk it came from
    crypto::PublicKey device_key{};  // that kiosk's device key, which signed this file
    std::string day;                 // YYYY-MM-DD, the kiosk's local date when it was made
    int64_t last_export_seq = 0;     // the export chain's last link in the copy; 0: none yet
    int64_t db_size = 0;             // residents.db's size in bytes
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
// needed; a symlink is refused): the copy first, then backup.toml, each as a hidden temporary
// file, fsynced, renamed over the previous backup, the folder fsynced. A power cut between the two
// renames leaves a pair whose hash does not match, which a restore refuses. now_s is raised to
// kiosk.db's clock floor for the day. Rejected when the folder cannot be written (a full or
// read-only stick), Internal when the database cannot be read.
Result<BackupResult> write_backup(const KioskConfig& config, const std::string& data_dir, const std::string& backup_root,
                                  int64_t now_s);

// Whether a stick should get a backup although nothing is exported: DATA_DIR/residents.db holds
// records or exports, and backup_root holds no backup of this kiosk, or one whose backup.toml does
// not verify, stops at an earlier export (the exports since went elsewhere: the LAN, another
// stick) or names another size than residents.db's (a pair torn by a pulled stick).
Result<bool> backup_due(const KioskConfig& config, const std::string& data_dir, const std::string& backup_root);

struct RestoreReport {
    std::string db_path;          // DATA_DIR/residents.db
    std::string day;              // when the backup was made
    int64_t records = 0;          // all records, exported or not
    int64_t pending = 0;          // of those, not exported yet: they go in the next export
    int64_t last_export_seq = 0;
    crypto::PublicKey old_device_key{};  // signed the backup and the exports up to last_export_seq
    crypto::PublicKey new_device_key{};  // signs the exports from last_export_seq + 1 on
};

// `linli-kiosk --restore DIR`: checks backup_dir (a linli/backup/<kiosk id> folder): backup.toml's
// signature, its kiosk id against config's, residents.db's size and SHA-256, integrity_check, and
// that it opens as the residents' database; refuses (Rejected) if DATA_DIR/residents.db already
// holds records or exports, or is in use. Then installs the copy atomically (temporary file,
// fsync, rename, directory fsync), raises kiosk.db's clock floor to the backup's day and makes the
// device key if there is none. A refusal leaves the data dir as it was (not even created).
Result<RestoreReport> restore_backup(const KioskConfig& config, const std::string& data_dir,
                                     const std::string& backup_dir);
// What was restored, for the command line (several lines).
std::string describe_restore(const RestoreReport& report);

}  // namespace linli::services
