// Backups of residents.db and restoring them (backup.hpp; EXPORTS.md, "Backups and restoring a
// kiosk"). Index:
//   [SECTION] backup.toml      write_backup_info_text, parse_backup_info
//   [SECTION] Writing a backup write_backup, backup_due
//   [SECTION] Restoring        restore_backup, describe_restore
#include "services/backup.hpp"

#include "bundle/manifest.hpp"
#include "content/dates.hpp"
#include "core/i18n.hpp"
#include "services/exports.hpp"
#include "services/file_writes.hpp"
#include "services/signed_text.hpp"
#include "store/kiosk_state.hpp"
#include "store/residents_db.hpp"
#include "store/snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <tuple>

namespace linli::services {

namespace fs = std::filesystem;

// [SECTION] backup.toml

namespace {

Error backup_problem(std::string_view source, int line, const std::string& what)
{
    return text_problem("backup", source, line, what);
}

int backup_line(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

}  // namespace

std::string backup_db_file_name(const crypto::Sha256& sha256)
{
    return "residents-" + crypto::to_hex(sha256).substr(0, 16) + ".db";
}

std::string write_backup_info_text(const BackupInfo& info, const crypto::SecretKey& device_secret)
{
    std::string body = "# Linli backup of a kiosk's residents' database (format: app/services/EXPORTS.md, \"Backups\n"
                       "# and restoring a kiosk\"). Signed by the kiosk's device key on the last line.\n";
    body += "format = " + std::to_string(info.format) + "\n";
    body += "kiosk = \"" + info.kiosk + "\"\n";
    body += "device_key = \"" + crypto::to_hex(info.device_key) + "\"\n";
    body += "day = " + info.day + "\n";
    body += "last_export_seq = " + std::to_string(info.last_export_seq) + "\n";
    body += "db_file = \"" + info.db_file + "\"\n";
    body += "db_size = " + std::to_string(info.db_size) + "\n";
    body += "db_sha256 = \"" + crypto::to_hex(info.db_sha256) + "\"\n";
    return sign_text(std::move(body), info.device_key, device_secret);
}

Result<BackupInfo> parse_backup_info(std::string_view text, std::string_view source)
{
    const SignedText signed_text = TRY(verify_signed_text(text, k_max_backup_info_bytes, "backup", source));
    toml::table root;
    try {
        root = toml::parse(signed_text.body, source);
    } catch (const toml::parse_error& e) {
        return backup_problem(source, static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
    }
    static const std::set<std::string_view> k_keys = {"format",          "kiosk",   "device_key", "day",
                                                      "last_export_seq", "db_file", "db_size", "db_sha256"};
    for (const auto& [key, node] : root)
        if (!k_keys.contains(key.str())) return backup_problem(source, backup_line(node), "unknown key \"" + std::string(key.str()) + "\"");
    for (std::string_view key : k_keys)
        if (!root.get(key)) return backup_problem(source, 0, "missing \"" + std::string(key) + "\"");
    auto line = [&](std::string_view key) { return backup_line(*root.get(key)); };
    auto integer = [&](std::string_view key, int64_t min) -> Result<int64_t> {
        const toml::node* node = root.get(key);
        if (!node->is_integer() || node->as_integer()->get() < min)
            return backup_problem(source, line(key), "\"" + std::string(key) + "\" must be a whole number of at least " +
                                                  std::to_string(min));
        return node->as_integer()->get();
    };
    auto hex = [&](std::string_view key, uint8_t* out) -> Status {
        const toml::node* node = root.get(key);
        if (!node->is_string() || !is_lower_hex(node->as_string()->get(), 64) ||
            !crypto::from_hex(node->as_string()->get(), out, 32))
            return backup_problem(source, line(key), "\"" + std::string(key) + "\" must be 64 lower-case hex digits");
        return {};
    };

    BackupInfo info;
    info.format = TRY(integer("format", 1));
    if (info.format != k_backup_format)
        return backup_problem(source, line("format"), "backup format " + std::to_string(info.format) +
                                                   " is not known here (this kiosk reads format 1)");
    const toml::node* kiosk = root.get("kiosk");
    if (!kiosk->is_string() || !bundle::is_kiosk_id(kiosk->as_string()->get()))
        return backup_problem(source, line("kiosk"), "\"kiosk\" must be a kiosk id (1-64 letters, digits, '.', '_' or '-')");
    info.kiosk = kiosk->as_string()->get();
    TRY_STATUS(hex("device_key", info.device_key.data()));
    if (info.device_key != signed_text.signer)
        return backup_problem(source, line("device_key"), "signed by another key than its \"device_key\"");
    const toml::node* day = root.get("day");
    if (day->is_date()) {
        const toml::date d = day->as_date()->get();
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", unsigned(d.year), unsigned(d.month), unsigned(d.day));
        info.day = buf;
    }
    if (!store::is_record_day(info.day)) return backup_problem(source, line("day"), "\"day\" must be a date (YYYY-MM-DD)");
    info.last_export_seq = TRY(integer("last_export_seq", 0));
    if (info.last_export_seq > k_max_export_seq)
        return backup_problem(source, line("last_export_seq"), "\"last_export_seq\" must be 0 to " + std::to_string(k_max_export_seq));
    info.db_size = TRY(integer("db_size", 1));
    TRY_STATUS(hex("db_sha256", info.db_sha256.data()));
    // The name is derived from the hash: a plain file name, never a path, whatever else it says.
    const toml::node* db_file = root.get("db_file");
    if (!db_file->is_string() || db_file->as_string()->get() != backup_db_file_name(info.db_sha256))
        return backup_problem(source, line("db_file"), "\"db_file\" must be \"" + backup_db_file_name(info.db_sha256) +
                                                    "\" (residents- and the first 16 hex digits of db_sha256, .db)");
    info.db_file = db_file->as_string()->get();
    return info;
}

// [SECTION] Writing a backup

namespace {

// dir as a real folder (created if missing, its entry made durable): never a symlink, which on
// a stick could send the backup anywhere.
Status ensure_folder(const std::string& dir)
{
    bool created = ::mkdir(dir.c_str(), 0755) == 0;
    if (!created && errno != EEXIST)
        return Error::rejected("backup: " + dir + ": cannot create the folder (" + errno_text(errno) + ")");
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) return Error::rejected("backup: " + dir + ": " + errno_text(errno));
    if (!S_ISDIR(st.st_mode)) return Error::rejected("backup: " + dir + ": not a folder (a symbolic link?); not written");
    if (created && !fsync_dir(fs::path(dir).parent_path().string()))
        return Error::rejected("backup: " + dir + ": cannot sync the folder above it");
    return {};
}

// Size and SHA-256 of a file, read in pieces (a database of 200000 records is a few hundred MB).
struct FileDigest {
    int64_t size = 0;
    crypto::Sha256 sha256{};
};

// Reads path (no symlink) and, when copy_fd >= 0, writes every byte there too.
Result<FileDigest> digest_file(std::string_view component, const std::string& path, int copy_fd = -1)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return Error::rejected(std::string(component) + ": " + path + ": cannot read (" + errno_text(errno) + ")");
    crypto::Sha256Stream hash;
    FileDigest digest;
    std::vector<char> buf(1 << 20);
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int error = errno;
            ::close(fd);
            return Error::rejected(std::string(component) + ": " + path + ": read failed (" + errno_text(error) + ")");
        }
        if (n == 0) break;
        hash.update(buf.data(), static_cast<size_t>(n));
        digest.size += n;
        for (ssize_t done = 0; copy_fd >= 0 && done < n;) {
            ssize_t w = ::write(copy_fd, buf.data() + done, static_cast<size_t>(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                int error = errno;
                ::close(fd);
                return Error::internal(std::string(component) + ": cannot write the copy of " + path + " (" +
                                       errno_text(error) + ")");
            }
            done += w;
        }
    }
    ::close(fd);
    digest.sha256 = hash.finish();
    return digest;
}

// Removes a temporary database and what SQLite may have put next to it.
void remove_database_files(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

// backup_dir's backup.toml when it is there and verifies; nothing otherwise (a damaged one cannot
// be restored, so a new backup may replace it).
std::optional<BackupInfo> existing_backup_info(const std::string& dir)
{
    const std::string path = dir + "/" + std::string(k_backup_info_name);
    auto text = read_if_exists("backup", path, k_max_backup_info_bytes);
    if (!text || !*text) return std::nullopt;
    auto info = parse_backup_info(**text, path);
    if (!info) return std::nullopt;
    return *info;
}

bool is_backup_db_file(const std::string& name)
{
    return name.size() == 29 && name.starts_with("residents-") && name.ends_with(".db") &&
           is_lower_hex(std::string_view(name).substr(10, 16), 16);
}

}  // namespace

Result<BackupResult> write_backup(const KioskConfig& config, const std::string& data_dir, const std::string& backup_root,
                                  int64_t now_s, BackupStep stop_after)
{
    if (!bundle::is_kiosk_id(config.id))
        return Error::rejected("backup: the kiosk id \"" + config.id + "\" cannot name a backup folder");
    const crypto::KeyPair device = TRY(load_or_create_device_key(data_dir));
    {
        store::KioskState state = TRY(store::KioskState::open(data_dir + "/kiosk.db"));
        now_s = std::max(now_s, TRY(state.clock_floor_s()));  // no RTC: the day by the trusted time
    }
    store::ResidentsDb db = TRY(store::ResidentsDb::open(data_dir + "/residents.db"));
    const int64_t our_last_export = TRY(db.next_export()).seq - 1;
    TRY_STATUS(ensure_folder(backup_root));
    const std::string dir = backup_root + "/" + config.id;
    TRY_STATUS(ensure_folder(dir));

    // A new SD card that ran before its restore (any reboot starts the service) has a chain of its
    // own, under another key; the stick may hold the old card's backup, the only copy of its data.
    // Replaced only when our chain continues it (a restored kiosk), or when it does not verify.
    if (auto previous = existing_backup_info(dir);
        previous && previous->device_key != device.public_key && previous->last_export_seq > our_last_export)
        return Error::rejected(std::string(k_backup_not_written) + "the stick holds a newer backup of " + config.id +
                               " from another SD card (export " + std::to_string(previous->last_export_seq) +
                               ", this kiosk's last is " + std::to_string(our_last_export) +
                               "); restore it first with linli-kiosk --restore, or remove " + dir);

    // Temporary files of a backup cut short (a stick pulled mid-copy, a power cut) would pile up.
    std::error_code ec;
    for (const auto& [folder, prefixes] :
         {std::pair{dir, std::vector<std::string>{".residents.db.tmp-", ".backup.toml.tmp-"}},
          std::pair{data_dir, std::vector<std::string>{".backup.db.tmp-"}}})
        for (const auto& entry : fs::directory_iterator(folder, ec))
            for (const std::string& prefix : prefixes)
                if (entry.path().filename().string().starts_with(prefix)) fs::remove(entry.path(), ec);

    // 1. The consistent copy on the SD card: VACUUM INTO writes page by page, which on a stick
    // mounted `sync` is one slow write each. Gone in every case (a crash: the next backup).
    struct Cleanup {
        std::vector<std::string> paths;
        ~Cleanup()
        {
            for (const std::string& p : paths) remove_database_files(p);
        }
    } cleanup{{temp_name(data_dir, "backup.db")}};
    const std::string local = cleanup.paths[0];
    if (Status copied = store::snapshot_database(db.database(), local); !copied)
        return Error::internal("backup: cannot make the copy of residents.db in " + data_dir + " (" +
                               copied.error().message + ")");
    // Records that came after the last export (or while the copy was made: the UI thread does not
    // wait for us) stay out: a backup holds only what exports carried, which is what a restore
    // checks. They go in the next export, and into the backup written with it.
    TRY(store::drop_pending_from_copy(local));
    const store::ResidentsSummary summary = TRY(store::summarize_residents_file(local));

    // 2. Onto the stick in 1 MiB writes, hashed on the way. The hash is of the bytes written (the
    // page cache would answer a read-back, not the stick); a garbled write shows at the restore.
    const std::string db_tmp = temp_name(dir, "residents.db");
    FileDigest digest;
    {
        int fd = ::open(db_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) return Error::rejected("backup: " + db_tmp + ": cannot create (" + errno_text(errno) + ")");
        cleanup.paths.push_back(db_tmp);
        auto copied = digest_file("backup", local, fd);
        const bool synced = copied && ::fsync(fd) == 0;
        ::close(fd);
        // Most often the stick is full or read-only: the administrator can act on that.
        if (!copied) return Error::rejected(copied.error().message);
        if (!synced) return Error::rejected("backup: " + db_tmp + ": fsync failed");
        digest = *copied;
    }
    BackupInfo info;
    info.kiosk = config.id;
    info.device_key = device.public_key;
    info.day = format_iso_date(now_s);
    info.last_export_seq = summary.last_export_seq;
    info.db_file = backup_db_file_name(digest.sha256);
    info.db_size = digest.size;
    info.db_sha256 = digest.sha256;
    const std::string info_tmp = temp_name(dir, k_backup_info_name);
    if (Status written = write_new_file("backup", info_tmp, write_backup_info_text(info, device.secret_key), 0644);
        !written)
        return Error::rejected(written.error().message);
    cleanup.paths.push_back(info_tmp);

    // 3. The copy under its own name (the previous backup.toml still names the previous copy),
    // then backup.toml over the previous one: a cut anywhere leaves one whole pair.
    for (const auto& [from, name, step] : {std::tuple{db_tmp, info.db_file, BackupStep::CopyRenamed},
                                           std::tuple{info_tmp, std::string(k_backup_info_name), BackupStep::InfoRenamed}}) {
        const std::string to = dir + "/" + name;
        if (::rename(from.c_str(), to.c_str()) != 0)
            return Error::rejected("backup: cannot rename " + from + " to " + to + " (" + errno_text(errno) + ")");
        if (!fsync_dir(dir)) return Error::rejected("backup: " + dir + ": cannot sync the folder");
        if (step == stop_after) return Error::internal("backup: stopped after a step, as a test asked");
    }
    cleanup.paths.resize(1);  // the local copy only

    // 4. Only now the copies no backup.toml names (the previous one; one a pulled stick left).
    bool removed = false;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if ((is_backup_db_file(name) || name == "residents.db") && name != info.db_file) removed |= fs::remove(entry.path(), ec);
    }
    if (removed) (void)fsync_dir(dir);  // a leftover copy is harmless: the next backup removes it
    return BackupResult{dir, summary.records, digest.size, summary.last_export_seq};
}

Result<bool> backup_due(const KioskConfig& config, const std::string& data_dir, const std::string& backup_root)
{
    std::error_code ec;
    if (!fs::exists(data_dir + "/residents.db", ec)) return false;
    store::ResidentsDb db = TRY(store::ResidentsDb::open(data_dir + "/residents.db"));
    const int64_t last_export = TRY(db.next_export()).seq - 1;
    if (last_export == 0 && TRY(db.record_count()) == 0) return false;  // nothing to lose yet
    const std::string dir = backup_root + "/" + config.id;
    const std::optional<BackupInfo> info = existing_backup_info(dir);
    if (!info || info->kiosk != config.id || info->last_export_seq < last_export) return true;
    // Another card's: replaced, or write_backup says why it is not (the administrator must know).
    const auto own_key = TRY(existing_device_public_key(data_dir));
    if (!own_key || *own_key != info->device_key) return true;
    // A copy lost or cut short mostly shows in the size (the hash would mean reading the whole
    // copy back at every insertion).
    struct stat st {};
    const std::string db_path = dir + "/" + info->db_file;
    return ::lstat(db_path.c_str(), &st) != 0 || st.st_size != info->db_size;
}

// [SECTION] Restoring

Result<RestoreReport> restore_backup(const KioskConfig& config, const std::string& data_dir, const std::string& backup_dir)
{
    std::string dir = backup_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    const std::string info_path = dir + "/" + std::string(k_backup_info_name);

    // 1. The backup vouches for itself: signature, kiosk, then the copy's size and hash.
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return Error::rejected("restore: " + dir + ": no such folder (give the stick's linli/backup/<kiosk id> folder)");
    auto text = read_if_exists("restore", info_path, k_max_backup_info_bytes);
    if (!text) return Error::rejected(text.error().message);
    if (!*text) return Error::rejected("restore: " + info_path + ": missing (give the stick's linli/backup/<kiosk id> folder)");
    const BackupInfo info = TRY(parse_backup_info(**text, info_path));
    if (info.kiosk != config.id)
        return Error::rejected("restore: " + info_path + ": the backup of kiosk \"" + info.kiosk + "\", but this kiosk is \"" +
                               config.id + "\" ([kiosk] id in its config)");
    const std::string db_path = dir + "/" + info.db_file;  // a plain name (parse_backup_info)
    const FileDigest found = TRY(digest_file("restore", db_path));
    if (found.size != info.db_size)
        return Error::rejected("restore: " + db_path + ": " + std::to_string(found.size) + " bytes, but backup.toml says " +
                               std::to_string(info.db_size) + " (truncated, or not the copy backup.toml describes)");
    if (found.sha256 != info.db_sha256)
        return Error::rejected("restore: " + db_path + ": its SHA-256 is not the one backup.toml names (changed or damaged)");

    // 2. Never over residents' data: only a fresh data dir, or a database that never held any.
    const std::string target = data_dir + "/residents.db";
    if (fs::exists(fs::symlink_status(target, ec))) {
        if (fs::exists(fs::symlink_status(target + "-wal", ec)))
            return Error::rejected("restore: " + target + " is in use (is linli-kiosk running? stop it first)");
        auto existing = store::summarize_residents_file(target);
        if (!existing)
            return Error::rejected("restore: " + target + " cannot be read (" + existing.error().message +
                                   "); restore only onto a fresh SD card");
        if (existing->records > 0 || existing->exports > 0)
            return Error::rejected("restore: " + target + " already holds residents' data (" +
                                   std::to_string(existing->records) + " records, " + std::to_string(existing->exports) +
                                   " exports); restore only onto a fresh SD card");
    }

    // 3. A copy in the data dir, checked there before it takes the real name.
    const bool created_dir = fs::create_directories(data_dir, ec);
    if (ec) return Error::internal("restore: " + data_dir + ": cannot create the folder (" + ec.message() + ")");
    const std::string tmp = temp_name(data_dir, "residents.db");
    // A refusal leaves the data dir as it found it: no temporary copy, and no folder it made.
    struct Cleanup {
        std::string path, created_dir;
        ~Cleanup()
        {
            if (path.empty()) return;
            remove_database_files(path);
            if (!created_dir.empty()) ::rmdir(created_dir.c_str());
        }
    } cleanup{tmp, created_dir ? data_dir : std::string()};
    {
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0) return Error::internal("restore: " + tmp + ": cannot create (" + errno_text(errno) + ")");
        auto copied = digest_file("restore", db_path, fd);
        const bool synced = copied && ::fsync(fd) == 0;
        ::close(fd);
        if (!copied) return copied.error();
        if (!synced) return Error::internal("restore: " + tmp + ": fsync failed");
        // The stick could have changed between the two reads.
        if (copied->size != info.db_size || copied->sha256 != info.db_sha256)
            return Error::rejected("restore: " + db_path + ": changed while it was being copied");
    }
    RestoreReport report;
    store::ResidentsDb::Audit audit;
    {
        auto checked = [&]() -> Result<RestoreReport> {
            store::Database db = TRY(store::Database::open(tmp));
            const std::string check = TRY(db.integrity_check());
            if (check != "ok") return Error::rejected("integrity_check failed: " + check);
            store::ResidentsDb residents = TRY(store::ResidentsDb::open(std::move(db)));
            RestoreReport r;
            r.records = TRY(residents.record_count());
            const store::NextExport next = TRY(residents.next_export());
            r.last_export_seq = next.seq - 1;
            audit = TRY(residents.audit());
            return r;
        }();
        if (!checked)
            return Error::rejected("restore: " + db_path + ": not a usable residents' database (" +
                                   checked.error().message + ")");
        report = *checked;
    }
    // Whoever holds the stick can seal records (the administrators' key is public) and re-sign
    // backup.toml with a key of their own; the restored kiosk would export such records under its
    // genuine new key. A genuine backup holds only what exports carried (write_backup).
    constexpr std::string_view k_changed = "; backups are written right after an export, so this one was changed";
    if (audit.pending > 0)
        return Error::rejected("restore: " + db_path + ": the backup holds " + std::to_string(audit.pending) +
                               " record(s) that no export carried" + std::string(k_changed));
    if (audit.unlogged > 0)
        return Error::rejected("restore: " + db_path + ": the backup holds " + std::to_string(audit.unlogged) +
                               " record(s) marked as carried by an export its log does not hold" + std::string(k_changed));
    if (audit.miscounted_seq > 0)
        return Error::rejected("restore: " + db_path + ": export " + std::to_string(audit.miscounted_seq) +
                               " in the backup's log carried another number of records than are marked with it" +
                               std::string(k_changed));
    if (report.last_export_seq != info.last_export_seq)
        return Error::rejected("restore: " + db_path + ": holds exports up to " + std::to_string(report.last_export_seq) +
                               ", but backup.toml says " + std::to_string(info.last_export_seq));
    // The checks opened the copy in WAL mode; closing it folded everything back into the file.
    for (const char* suffix : {"-wal", "-shm"})
        if (fs::exists(tmp + suffix, ec))
            return Error::internal("restore: " + tmp + suffix + ": still there after the check (the copy is in use?)");

    // 4. Install: the rename replaces at most an empty database (checked above).
    if (fs::exists(fs::symlink_status(target + "-wal", ec)))
        return Error::rejected("restore: " + target + " is in use (is linli-kiosk running? stop it first)");
    ::unlink((target + "-shm").c_str());  // an empty database's index of a WAL that is gone
    if (::rename(tmp.c_str(), target.c_str()) != 0)
        return Error::internal("restore: cannot rename " + tmp + " to " + target + " (" + errno_text(errno) + ")");
    cleanup.path.clear();
    if (!fsync_dir(data_dir)) return Error::internal("restore: " + data_dir + ": cannot sync the folder");

    // A Pi has no battery clock: a new card may start in 1970. The backup's day is a time the
    // kiosk trusted, so the next export is dated no earlier than the backup (best effort: the
    // residents' data is in place whatever happens to kiosk.db).
    if (auto midnight = content::parse_date_time(info.day))
        if (auto state = store::KioskState::open(data_dir + "/kiosk.db")) (void)state->raise_clock_floor_s(*midnight);

    report.db_path = target;
    report.day = info.day;
    report.old_device_key = info.device_key;
    // The device key that signed the backup stayed on the broken card: exports go on under this one.
    report.new_device_key = TRY(device_public_key(data_dir));
    return report;
}

std::string describe_restore(const RestoreReport& r)
{
    char seq[32], next[32];
    std::snprintf(seq, sizeof seq, "%06lld", static_cast<long long>(r.last_export_seq));
    std::snprintf(next, sizeof next, "%06lld", static_cast<long long>(r.last_export_seq + 1));
    std::string out = "restored " + r.db_path + " from the backup of " + r.day + ": " + std::to_string(r.records) +
                      " record(s), " +
                      (r.last_export_seq > 0 ? "last export " + std::string(seq) : std::string("no export yet")) + "\n";
    // Anyone can sign a backup.toml; only the administrator can tell whether this key is the
    // kiosk's: collect's report.txt names the key that signed its exports.
    out += "backup made by device key " + key_fingerprint(r.old_device_key) +
           " (compare it with this kiosk's device key in the last report.txt of linli-admin collect)\n";
    if (r.new_device_key == r.old_device_key) {
        out += "the next export (" + std::string(next) + ") is signed by the same device key " +
               crypto::to_hex(r.new_device_key) + "\n";
    } else {
        out += "the next export (" + std::string(next) + ") continues the chain, signed by this kiosk's new device key\n";
        out += "  " + crypto::to_hex(r.new_device_key) + "  (admin panel: " + key_fingerprint(r.new_device_key) + ")\n";
        out += "  (was " + crypto::to_hex(r.old_device_key) + ")\n";
        out += "collect it with: linli-admin collect ... --accept-key " + crypto::to_hex(r.new_device_key).substr(0, 16) +
               "\n";
    }
    return out;
}

}  // namespace linli::services
