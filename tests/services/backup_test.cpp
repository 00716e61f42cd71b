// Backups of residents.db and restoring them onto a fresh SD card (services/backup.hpp): the
// backup is a signed, checked copy; a restore installs only an intact backup of this kiosk on a
// data dir without residents' data, changes nothing when it refuses, and the export chain goes on
// from where it stopped under a new device key, which collect accepts only with --accept-key.
#include "services/backup.hpp"

#include "../bundle/bundle_test_support.hpp"
#include "crypto/seal.hpp"
#include "services/exports.hpp"
#include "services/signed_text.hpp"
#include "store/residents_db.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <map>

using namespace linli;
using linli::test::k_script_now_s;
using namespace linli::services;
using linli::bundle::test::read_all;
using linli::bundle::test::write_all;
using linli::store::test::TempDir;
namespace fs = std::filesystem;

namespace {


KioskConfig config_of(const std::string& id = "lobby-1")
{
    KioskConfig config = default_kiosk_config();
    config.id = id;
    return config;
}

// Every file under dir (recursively) and its bytes: "nothing changed" is this map staying equal.
std::map<std::string, std::string> folder_bytes(const std::string& dir)
{
    std::map<std::string, std::string> files;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        files[fs::relative(entry.path(), dir).string()] = entry.is_regular_file() ? read_all(entry.path().string()) : "<dir>";
    return files;
}

// A kiosk with records, three exports and a backup of it all in stick/backup/lobby-1.
struct BackedUpKiosk {
    TempDir tmp;
    std::string data = tmp.file("data");
    std::string exports = tmp.file("stick/exports");
    std::string backup_root = tmp.file("stick/backup");
    std::string backup_dir = backup_root + "/lobby-1";
    crypto::KeyPair admins = crypto::generate_seal_key().value();
    std::vector<std::string> export_paths;

    explicit BackedUpKiosk(int records = 5)
    {
        fs::create_directories(data);
        fs::create_directories(exports);
        fs::create_directories(backup_root);
        auto db = store::ResidentsDb::open(data + "/residents.db");
        REQUIRE(db);
        for (int seq = 1; seq <= 3; ++seq) {
            for (int i = 0; i < records; ++i) add(*db, "feedback " + std::to_string(seq) + "." + std::to_string(i));
            auto written = write_export(*db, config_of(), data, exports, k_script_now_s);
            REQUIRE(written);
            export_paths.push_back(written->path);
        }
        add(*db, "after the last export");  // pending at backup time: the backup leaves it out
    }
    void add(store::ResidentsDb& db, const std::string& text)
    {
        auto sealed = crypto::seal(text, admins.public_key);
        REQUIRE(sealed);
        REQUIRE(db.add_sealed_record("feedback", "2026-11-25", *sealed));
    }
    // The copy backup.toml names (residents-<hash>.db).
    std::string db_path() const
    {
        auto info = parse_backup_info(read_all(backup_dir + "/backup.toml"));
        REQUIRE(info);
        return backup_dir + "/" + info->db_file;
    }
    // Puts bytes in place of the copy and signs backup.toml for them with signer (whoever holds
    // the stick can, with a key of their own); the new copy's path.
    std::string replace_copy(const std::string& bytes, const crypto::KeyPair& signer)
    {
        auto info = parse_backup_info(read_all(backup_dir + "/backup.toml"));
        REQUIRE(info);
        fs::remove(backup_dir + "/" + info->db_file);
        info->device_key = signer.public_key;
        info->db_sha256 = crypto::sha256(bytes);
        info->db_size = static_cast<int64_t>(bytes.size());
        info->db_file = backup_db_file_name(info->db_sha256);
        write_all(backup_dir + "/" + info->db_file, bytes);
        write_all(backup_dir + "/backup.toml", write_backup_info_text(*info, signer.secret_key));
        return backup_dir + "/" + info->db_file;
    }
    BackupResult backup()
    {
        auto written = write_backup(config_of(), data, backup_root, k_script_now_s);
        REQUIRE(written);
        return *written;
    }
    std::vector<ExportInput> inputs() const
    {
        std::vector<ExportInput> in;
        for (const std::string& p : export_paths) in.push_back({p, read_all(p)});
        return in;
    }
};

}  // namespace

TEST_CASE("a backup is a copy of residents.db with a backup.toml signed by the device key over its size and hash",
          "[services]")
{
    BackedUpKiosk k;
    BackupResult written = k.backup();
    CHECK(written.dir == k.backup_dir);
    CHECK(written.records == 15);  // not the one after the last export: only what exports carried
    CHECK(written.last_export_seq == 3);

    const std::string db_bytes = read_all(k.db_path());
    auto info = parse_backup_info(read_all(k.backup_dir + "/backup.toml"), "backup.toml");
    REQUIRE(info);
    CHECK(info->kiosk == "lobby-1");
    CHECK(info->device_key == *device_public_key(k.data));
    CHECK(info->day == "2026-11-25");
    CHECK(info->last_export_seq == 3);
    CHECK(info->db_file == "residents-" + crypto::to_hex(crypto::sha256(db_bytes)).substr(0, 16) + ".db");
    CHECK(info->db_size == static_cast<int64_t>(db_bytes.size()));
    CHECK(info->db_sha256 == crypto::sha256(db_bytes));
    CHECK(written.db_bytes == info->db_size);

    // The copy stands alone (no -wal needed) and holds what the kiosk held, ciphertext only.
    auto summary = store::summarize_residents_file(k.db_path());
    REQUIRE(summary);
    CHECK(summary->records == 15);
    CHECK(summary->exports == 3);
    // The kiosk's own database still holds the pending record, for the next export.
    CHECK(*pending_export_records(k.data) == 1);
    CHECK(db_bytes.find("feedback 1.0") == std::string::npos);
    CHECK(db_bytes.find("after the last export") == std::string::npos);
    // The device's secret key never goes into a backup: neither as a file nor inside one.
    const std::string secret_line = read_all(k.data + "/device.key");
    const std::string secret_hex = secret_line.substr(secret_line.rfind(' ') + 1, 64);
    for (const auto& [name, bytes] : folder_bytes(k.backup_root)) {
        INFO(name);
        CHECK(name.find("device") == std::string::npos);
        CHECK(bytes.find(secret_hex) == std::string::npos);
    }
    // Nothing hidden (temporary) is left behind, and a second backup replaces the first; it also
    // clears what a backup cut short (a pulled stick) left.
    write_all(k.backup_dir + "/.residents.db.tmp-1-2", "half a copy");
    write_all(k.backup_dir + "/.backup.toml.tmp-1-2", "half a file");
    const std::string first_db = k.db_path();
    {
        auto db = store::ResidentsDb::open(k.data + "/residents.db");
        REQUIRE(db);
        REQUIRE(write_export(*db, config_of(), k.data, k.exports, k_script_now_s));  // the copy changes
    }
    k.backup();
    CHECK(k.db_path() != first_db);
    CHECK_FALSE(fs::exists(first_db));  // the previous copy goes once backup.toml names the new one
    CHECK(folder_bytes(k.backup_root).size() == 3);  // lobby-1/, its residents-<hash>.db and backup.toml
    // The copy was made in the data dir (not page by page on the stick), and is gone from there.
    for (const auto& [name, bytes] : folder_bytes(k.data)) CHECK_FALSE(name.starts_with(".backup.db.tmp-"));

    SECTION("any changed byte of backup.toml fails its signature")
    {
        std::string text = read_all(k.backup_dir + "/backup.toml");
        for (size_t at : {size_t(0), text.find("last_export_seq = ") + 18, text.find("db_size"), text.size() - 3}) {
            std::string changed = text;
            changed[at] ^= 0x01;
            auto refused = parse_backup_info(changed, "backup.toml");
            INFO("byte " << at);
            REQUIRE_FALSE(refused);
            CHECK(refused.error().kind == ErrorKind::Rejected);
            CHECK_THAT(refused.error().message, Catch::StartsWith("backup: backup.toml"));
        }
        CHECK_FALSE(parse_backup_info(text.substr(0, text.size() - 2), "backup.toml"));
    }
    SECTION("backup.toml is parsed by the same signature check as exports")
    {
        // Re-signed by the device key, a body with an unknown key is refused by the field checks.
        auto device = load_or_create_device_key(k.data);
        REQUIRE(device);
        std::string text = read_all(k.backup_dir + "/backup.toml");
        std::string body = text.substr(0, text.rfind("# signature"));
        auto extra = parse_backup_info(sign_text(body + "records = 3\n", device->public_key, device->secret_key));
        REQUIRE_FALSE(extra);
        CHECK_THAT(extra.error().message, Catch::Contains("unknown key \"records\""));
        CHECK(parse_backup_info(sign_text(body, device->public_key, device->secret_key)));
        // db_file names a file next to backup.toml, derived from the hash: never a path.
        const size_t at = body.find("db_file = \"") + 11;
        for (std::string other : {"../../kiosk/residents.db", "residents-0000000000000000.db", "residents.db"}) {
            std::string changed = body;
            changed.replace(at, 29, other);
            auto refused = parse_backup_info(sign_text(changed, device->public_key, device->secret_key));
            INFO(changed);
            REQUIRE_FALSE(refused);
            CHECK_THAT(refused.error().message, Catch::Contains("\"db_file\" must be \"residents-"));
        }
    }
}

TEST_CASE("a restored kiosk goes on with export N+1, linked to export N, under a new device key", "[services]")
{
    BackedUpKiosk k;
    k.backup();
    const crypto::PublicKey old_key = *device_public_key(k.data);
    TempDir fresh;
    const std::string data = fresh.file("data");  // a new SD card: the folder does not exist yet

    auto restored = restore_backup(config_of(), data, k.backup_dir);
    REQUIRE(restored);
    CHECK(restored->records == 15);  // the record after the last export was only on the old card
    CHECK(restored->last_export_seq == 3);
    CHECK(restored->day == "2026-11-25");
    CHECK(restored->old_device_key == old_key);
    CHECK(restored->new_device_key != old_key);
    CHECK(restored->new_device_key == *device_public_key(data));
    CHECK_THAT(describe_restore(*restored), Catch::Contains("15 record(s)") && Catch::Contains("last export 000003") &&
                                                Catch::Contains(crypto::to_hex(restored->new_device_key)));
    // Whoever holds a stick can sign a backup: the administrator compares the key with collect's.
    CHECK_THAT(describe_restore(*restored), Catch::Contains("backup made by device key " + key_fingerprint(old_key) +
                                                            " (compare it with"));
    // Installed whole: residents.db, the new device.key and kiosk.db (the clock floor); nothing
    // temporary left.
    auto files = folder_bytes(data);
    CHECK(files.size() == 3);
    CHECK(files.count("residents.db") == 1);
    CHECK(files.count("device.key") == 1);
    CHECK(files.count("kiosk.db") == 1);

    {
        auto db = store::ResidentsDb::open(data + "/residents.db");
        REQUIRE(db);
        k.add(*db, "after the restore");
    }
    // The new card's clock starts in 1970 (no RTC): the export is still dated after the backup.
    ExportResult next = *export_to_folder(config_of(), data, k.exports, 0);
    CHECK(next.seq == 4);
    CHECK(next.records == 1);  // the record that came after the restore
    auto file = parse_export(read_all(next.path), next.path);
    REQUIRE(file);
    CHECK(file->previous_hex == crypto::to_hex(crypto::sha256(read_all(k.export_paths.back()))));
    CHECK(file->device_key == restored->new_device_key);
    CHECK(file->day == "2026-11-25");
    k.export_paths.push_back(next.path);

    const std::string new_hex = crypto::to_hex(restored->new_device_key);
    SECTION("collect refuses the new key without --accept-key, saying what happened and what to do")
    {
        auto collection = collect_exports(k.inputs(), k.admins.public_key, k.admins.secret_key);
        REQUIRE(collection);
        CHECK_FALSE(collection->ok());
        REQUIRE(collection->kiosks.size() == 1);
        REQUIRE(collection->kiosks[0].problems.size() == 1);
        const std::string& problem = collection->kiosks[0].problems[0];
        CHECK_THAT(problem, Catch::StartsWith("exports from 000004 on are signed by a new device key " +
                                              key_fingerprint(restored->new_device_key) + " (was " +
                                              key_fingerprint(old_key) + "): the kiosk was restored onto a new SD card"));
        CHECK_THAT(problem, Catch::EndsWith("run again with --accept-key " + new_hex.substr(0, 16)));
    }
    SECTION("collect accepts it with --accept-key (16 digits or all 64, or the fingerprint as the admin panel shows "
            "it, spaces and upper case too) and the report states the change")
    {
        std::string upper = key_fingerprint(restored->new_device_key);
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
        for (const std::string& accept : {new_hex.substr(0, 16), new_hex, key_fingerprint(restored->new_device_key), upper}) {
            INFO(accept);
            auto collection = collect_exports(k.inputs(), k.admins.public_key, k.admins.secret_key, {accept});
            REQUIRE(collection);
            CHECK(collection->ok());
            REQUIRE(collection->kiosks[0].key_changes.size() == 1);
            CHECK(collection->kiosks[0].key_changes[0].from_seq == 4);
            CHECK(collection->records.size() == 16);
            CHECK_THAT(collection_report(*collection),
                       Catch::Contains("device key changed: exports from 000004 on are signed by " + new_hex) &&
                           Catch::Contains("chain: ok"));
        }
    }
    SECTION("--accept-key must be at least 16 hex digits of one key that signed an export")
    {
        for (const std::string& bad : {new_hex.substr(0, 15), std::string(16, 'x'), std::string("0123456789abcdef")}) {
            auto refused = collect_exports(k.inputs(), k.admins.public_key, k.admins.secret_key, {bad});
            INFO(bad);
            REQUIRE_FALSE(refused);
            CHECK(refused.error().kind == ErrorKind::Rejected);
        }
    }
    SECTION("a new key whose first export does not link to the one before is never a restore, --accept-key or not")
    {
        // The restored kiosk's export 4, re-made with a "previous" that names another file.
        auto device = load_or_create_device_key(data);
        REQUIRE(device);
        ExportFile forged = *file;
        forged.previous_hex = std::string(64, 'a');
        std::vector<ExportInput> inputs = k.inputs();
        inputs.back().bytes = write_export_text(forged, device->secret_key);
        auto collection = collect_exports(inputs, k.admins.public_key, k.admins.secret_key, {new_hex.substr(0, 16)});
        REQUIRE(collection);
        CHECK_FALSE(collection->ok());
        // Not a restore: a second machine under the same id (a cloned card), kept apart.
        REQUIRE(collection->kiosks.size() == 2);
        for (const KioskChain& chain : collection->kiosks) {
            CHECK(chain.key_changes.empty());
            CHECK_FALSE(chain.device.empty());
            REQUIRE(chain.problems.size() == 1);
            CHECK_THAT(chain.problems[0], Catch::Contains("a cloned SD card"));
        }
        CHECK(collection->kiosks[0].exports.back().seq == 3);
        CHECK(collection->kiosks[1].exports.front().seq == 4);
    }
}

TEST_CASE("a restore refuses a damaged, foreign or misplaced backup and then changes nothing", "[services]")
{
    BackedUpKiosk k(2);
    k.backup();
    const std::string db = k.db_path(), info = k.backup_dir + "/backup.toml";
    const std::string good_db = read_all(db), good_info = read_all(info);
    TempDir fresh;
    std::string data = fresh.file("data");
    KioskConfig config = config_of();
    std::string expected;

    SECTION("a flipped byte in residents.db")
    {
        std::string bytes = good_db;
        bytes[bytes.size() / 2] ^= 0x10;
        write_all(db, bytes);
        expected = db + ": its SHA-256 is not the one backup.toml names";
    }
    SECTION("a flipped byte in backup.toml")
    {
        std::string bytes = good_info;
        bytes[bytes.find("db_size = ") + 10] ^= 0x01;
        write_all(info, bytes);
        expected = info + ": the signature does not verify";
    }
    SECTION("a truncated residents.db")
    {
        write_all(db, good_db.substr(0, good_db.size() - 4096));
        expected = db + ": " + std::to_string(good_db.size() - 4096) + " bytes, but backup.toml says";
    }
    SECTION("the backup of another kiosk")
    {
        config = config_of("lobby-2");
        expected = info + ": the backup of kiosk \"lobby-1\", but this kiosk is \"lobby-2\"";
    }
    SECTION("no backup.toml: the stick's linli/backup folder instead of the kiosk's folder in it")
    {
        expected = k.backup_root + "/backup.toml: missing";
        k.backup_dir = k.backup_root;
    }
    SECTION("a data dir that already holds residents' data (the kiosk's own)")
    {
        data = k.data;
        expected = k.data + "/residents.db already holds residents' data (7 records, 3 exports)";
    }
    SECTION("a data dir whose residents.db is in use")
    {
        fs::create_directories(data);
        auto open = store::ResidentsDb::open(data + "/residents.db");  // empty, but open (-wal present)
        REQUIRE(open);
        expected = data + "/residents.db is in use";
        auto before = folder_bytes(data);
        auto refused = restore_backup(config, data, k.backup_dir);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains(expected));
        CHECK(folder_bytes(data) == before);
        return;
    }
    SECTION("a damaged copy that backup.toml vouches for (the card failed while the backup was made)")
    {
        // Signed by the real device key over the damaged bytes: only integrity_check can tell.
        std::string bytes = good_db;
        for (size_t i = 4096; i < 8192; ++i) bytes[i] = char(0xA5 ^ (i * 37));  // page 2, header and all
        auto device = load_or_create_device_key(k.data);
        REQUIRE(device);
        expected = k.replace_copy(bytes, *device) + ": not a usable residents' database";
    }
    const auto before = folder_bytes(data);
    const bool existed = fs::exists(data);
    auto refused = restore_backup(config, data, k.backup_dir);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::Rejected);
    CHECK_THAT(refused.error().message, Catch::StartsWith("restore: ") || Catch::StartsWith("backup: "));
    CHECK_THAT(refused.error().message, Catch::Contains(expected));
    CHECK(refused.error().message.find('\n') == std::string::npos);
    CHECK(folder_bytes(data) == before);
    CHECK(fs::exists(data) == existed);
}

TEST_CASE("a data dir with an empty residents.db (the kiosk ran once on the new card) takes the restore", "[services]")
{
    BackedUpKiosk k(1);
    k.backup();
    TempDir fresh;
    const std::string data = fresh.file("data");
    fs::create_directories(data);
    { REQUIRE(store::ResidentsDb::open(data + "/residents.db")); }  // opened and closed: empty
    auto restored = restore_backup(config_of(), data, k.backup_dir);
    REQUIRE(restored);
    CHECK(restored->records == 3);  // the three exported; the pending one stays out of a backup
    auto db = store::ResidentsDb::open(data + "/residents.db");
    REQUIRE(db);
    CHECK(*db->record_count() == 3);
    CHECK(db->next_export()->seq == 4);
    store::test::require_intact(db->database());
}

TEST_CASE("a restore refuses a backup holding records no export carried: someone with the stick added them",
          "[services]")
{
    BackedUpKiosk k(2);
    k.backup();
    // The forger seals records with the administrators' public key, adds them to a copy and signs
    // backup.toml with a key of their own: everything else about the backup checks out.
    TempDir forge;
    const std::string copy = forge.file("residents.db");
    fs::copy_file(k.db_path(), copy);
    std::string expected;
    {
        auto db = store::Database::open(copy);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA foreign_keys=OFF"));  // the forger's own SQLite need not check them
        auto insert = db->prepare("INSERT INTO record (id, kind, day, sealed, exported_in, hold_until_s) "
                                  "VALUES (randomblob(16), 'feedback', '2026-11-25', ?1, ?2, 0)");
        REQUIRE(insert);
        auto sealed = crypto::seal("forged feedback", k.admins.public_key);
        REQUIRE(sealed);
        REQUIRE(insert->bind_blob(1, sealed->data(), sealed->size()));
        SECTION("records waiting for the next export, which the restored kiosk would sign")
        {
            REQUIRE(insert->bind_null(2));
            for (int i = 0; i < 2; ++i) {
                REQUIRE(insert->step());
                insert->reset();
            }
            expected = "the backup holds 2 record(s) that no export carried; backups are written right after an "
                       "export, so this one was changed";
        }
        SECTION("a record marked as carried by an export the log does not hold")
        {
            REQUIRE(insert->bind(2, int64_t{9}));
            REQUIRE(insert->step());
            expected = "the backup holds 1 record(s) marked as carried by an export its log does not hold";
        }
        SECTION("a record marked as carried by a logged export, which carried fewer")
        {
            REQUIRE(insert->bind(2, int64_t{2}));
            REQUIRE(insert->step());
            expected = "export 2 in the backup's log carried another number of records than are marked with it";
        }
        insert = db->prepare("SELECT 1");  // finalized before the journal mode can change
        REQUIRE(db->exec("PRAGMA journal_mode=DELETE"));
    }
    TempDir other;
    auto forger = load_or_create_device_key(other.file(""));
    REQUIRE(forger);
    k.replace_copy(read_all(copy), *forger);
    TempDir fresh;
    auto refused = restore_backup(config_of(), fresh.file("data"), k.backup_dir);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::Rejected);
    CHECK_THAT(refused.error().message, Catch::Contains(expected));
    CHECK_FALSE(fs::exists(fresh.file("data")));
}

TEST_CASE("a backup never replaces a newer one that another SD card made, a restored kiosk's does", "[services]")
{
    BackedUpKiosk k(2);  // the old card: exports 1 to 3, and its backup
    k.backup();
    const auto old_backup = folder_bytes(k.backup_root);
    // The replacement card ran before the restore (any reboot starts the service), a resident left
    // feedback, and the administrator brought the stick last used with the old card.
    TempDir card;
    const std::string data = card.file("data");
    fs::create_directories(data);
    {
        auto db = store::ResidentsDb::open(data + "/residents.db");
        REQUIRE(db);
        k.add(*db, "on the new card");
        REQUIRE(write_export(*db, config_of(), data, card.file(""), k_script_now_s));  // its own chain: export 1
    }
    CHECK(*backup_due(config_of(), data, k.backup_root));  // due: so the administrator hears of it
    auto kept = write_backup(config_of(), data, k.backup_root, k_script_now_s);
    REQUIRE_FALSE(kept);
    CHECK(kept.error().kind == ErrorKind::Rejected);
    CHECK(kept.error().message ==
          "backup not written: the stick holds a newer backup of lobby-1 from another SD card (export 3, this "
          "kiosk's last is 1); restore it first with linli-kiosk --restore, or remove " + k.backup_dir);
    CHECK(folder_bytes(k.backup_root) == old_backup);
    for (const auto& [name, bytes] : folder_bytes(data)) CHECK_FALSE(name.starts_with(".backup.db.tmp-"));

    SECTION("restored from it, the kiosk continues the old chain: its backup replaces the old card's")
    {
        TempDir fresh;
        const std::string restored_data = fresh.file("data");
        auto restored = restore_backup(config_of(), restored_data, k.backup_dir);
        REQUIRE(restored);
        REQUIRE(write_backup(config_of(), restored_data, k.backup_root, k_script_now_s));
        auto info = parse_backup_info(read_all(k.backup_dir + "/backup.toml"));
        REQUIRE(info);
        CHECK(info->device_key == restored->new_device_key);
        CHECK(info->last_export_seq == 3);
    }
    SECTION("a backup.toml that does not verify is replaced: it could not be restored anyway")
    {
        std::string text = read_all(k.backup_dir + "/backup.toml");
        text[text.find("last_export_seq = ") + 18] ^= 0x01;
        write_all(k.backup_dir + "/backup.toml", text);
        REQUIRE(write_backup(config_of(), data, k.backup_root, k_script_now_s));
        auto info = parse_backup_info(read_all(k.backup_dir + "/backup.toml"));
        REQUIRE(info);
        CHECK(info->device_key == *device_public_key(data));
    }
}

TEST_CASE("a stick pulled at any step of a backup leaves a whole pair, which restores", "[services]")
{
    BackedUpKiosk k(2);
    k.backup();
    const std::string old_name = fs::path(k.db_path()).filename().string();
    {
        auto db = store::ResidentsDb::open(k.data + "/residents.db");
        REQUIRE(db);
        REQUIRE(write_export(*db, config_of(), k.data, k.exports, k_script_now_s));  // export 4: a new copy
    }
    // The steps on the stick: the new copy under its own name, backup.toml, then the old copy goes.
    BackupStep pulled = BackupStep::None;
    int64_t restores_seq = 0;
    SECTION("pulled after the new copy was written, before backup.toml: the old pair")
    {
        pulled = BackupStep::CopyRenamed;
        restores_seq = 3;
    }
    SECTION("pulled after backup.toml, before the old copy was deleted: the new pair")
    {
        pulled = BackupStep::InfoRenamed;
        restores_seq = 4;
    }
    REQUIRE_FALSE(write_backup(config_of(), k.data, k.backup_root, k_script_now_s, pulled));
    CHECK(folder_bytes(k.backup_dir).size() == 3);  // both copies and one backup.toml
    CHECK(fs::exists(k.backup_dir + "/" + old_name));
    {
        TempDir fresh;
        auto restored = restore_backup(config_of(), fresh.file("data"), k.backup_dir);
        REQUIRE(restored);
        CHECK(restored->last_export_seq == restores_seq);
    }
    // The next backup leaves one pair: the copy that backup.toml does not name is removed.
    CHECK(*backup_due(config_of(), k.data, k.backup_root) == (restores_seq == 3));
    k.backup();
    auto files = folder_bytes(k.backup_dir);
    CHECK(files.size() == 2);
    CHECK(files.count(fs::path(k.db_path()).filename().string()) == 1);
    CHECK(files.count("backup.toml") == 1);
}

TEST_CASE("a backup that fails on the stick leaves no copy in the data dir and no hidden file on the stick",
          "[services]")
{
    BackedUpKiosk k(2);
    k.backup();
    // The same database makes the same copy: its name is taken by a folder, so the rename fails
    // after the copy was made and written.
    const std::string name = fs::path(k.db_path()).filename().string();
    fs::remove(k.db_path());
    fs::remove(k.backup_dir + "/backup.toml");
    fs::create_directory(k.backup_dir + "/" + name);
    auto failed = write_backup(config_of(), k.data, k.backup_root, k_script_now_s);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().kind == ErrorKind::Rejected);
    CHECK_THAT(failed.error().message, Catch::Contains("cannot rename"));
    for (const auto& [file, bytes] : folder_bytes(k.data)) CHECK_FALSE(file.starts_with(".backup.db.tmp-"));
    CHECK(folder_bytes(k.backup_dir) == std::map<std::string, std::string>{{name, "<dir>"}});
}

TEST_CASE("a backup of 10000 records: size and time", "[.][bench]")
{
    BackedUpKiosk k(0);
    // LINLI_BENCH_STICK: a folder on a file system mounted `sync`, as the kiosk mounts sticks.
    TempDir stick;
    if (const char* mount = std::getenv("LINLI_BENCH_STICK")) {
        k.backup_root = std::string(mount) + "/" + stick.path().filename().string();
        k.backup_dir = k.backup_root + "/lobby-1";
        fs::create_directories(k.backup_root);
    }
    struct RemoveStick {
        std::string root;
        ~RemoveStick() { fs::remove_all(root); }
    } remove_stick{k.backup_root};
    {
        auto db = store::ResidentsDb::open(k.data + "/residents.db");
        REQUIRE(db);
        auto sealed = crypto::seal(std::string(300, 'x'), k.admins.public_key);  // a typical feedback
        for (int i = 0; i < 10000; ++i) REQUIRE(db->add_sealed_record("feedback", "2026-11-25", *sealed));
        REQUIRE(write_export(*db, config_of(), k.data, k.exports, k_script_now_s));  // a backup holds exported records
    }
    auto t0 = std::chrono::steady_clock::now();
    BackupResult written = k.backup();
    auto t1 = std::chrono::steady_clock::now();
    TempDir fresh;
    REQUIRE(restore_backup(config_of(), fresh.file("data"), k.backup_dir));
    auto t2 = std::chrono::steady_clock::now();
    using ms = std::chrono::milliseconds;
    WARN("backup of " << written.records << " records: " << written.db_bytes << " bytes in "
                      << std::chrono::duration_cast<ms>(t1 - t0).count() << " ms; restore in "
                      << std::chrono::duration_cast<ms>(t2 - t1).count() << " ms");
}
