// Residents' data exports (exports.hpp; the format is EXPORTS.md). Index:
//   [SECTION] Device key                              DATA_DIR/device.key, made once, never replaced
//   [SECTION] The export file format                  write_export_text, parse_export
//   [SECTION] Making, storing and committing exports  prepare / store / commit, --export, --status
// Collecting them at the office (chain checks and reports) is collect_exports.cpp.
#include "services/exports.hpp"

#include "services/file_writes.hpp"
#include "services/signed_text.hpp"

#include "core/i18n.hpp"

#include "bundle/manifest.hpp"
#include "crypto/seal.hpp"
#include "store/kiosk_state.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

namespace linli::services {

namespace fs = std::filesystem;

// [SECTION] Device key

namespace {

constexpr std::string_view k_device_key_name = "device.key";
}  // namespace

Result<crypto::KeyPair> load_or_create_device_key(const std::string& data_dir)
{
    const std::string path = data_dir + "/" + std::string(k_device_key_name);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno != ENOENT) return Error::internal("exports: " + path + ": " + errno_text(errno));
        crypto::KeyPair pair = TRY(crypto::generate_sign_key());
        std::string text = crypto::key_file_text(crypto::KeyKind::SignSecret, pair.secret_key.bytes().data(),
                                                 pair.secret_key.bytes().size());
        // key_file_text's comment is the admins' one; this key is the kiosk's own.
        text = "# Linli kiosk device key: signs this kiosk's residents' data exports. Never copy it off the kiosk.\n" +
               text.substr(text.find('\n') + 1);
        const std::string tmp = temp_name(data_dir, k_device_key_name);
        Status written = write_new_file("exports", tmp, text, 0600);
        std::fill(text.begin(), text.end(), '\0');
        TRY_STATUS(written);
        // link() never replaces: if another process created the key meanwhile, theirs stands.
        int linked = ::link(tmp.c_str(), path.c_str());
        int error = errno;
        ::unlink(tmp.c_str());
        if (linked != 0 && error != EEXIST)
            return Error::internal("exports: " + path + ": cannot create (" + errno_text(error) + ")");
        if (!fsync_dir(data_dir)) return Error::internal("exports: " + data_dir + ": cannot sync the directory");
        if (linked == 0) return pair;
    }
    crypto::SecretKey secret = TRY(crypto::read_secret_key_file(path, crypto::KeyKind::SignSecret));
    crypto::KeyPair pair;
    pair.public_key = crypto::sign_public_key_of(secret);
    pair.secret_key = std::move(secret);
    return pair;
}

Result<crypto::PublicKey> device_public_key(const std::string& data_dir)
{
    return TRY(load_or_create_device_key(data_dir)).public_key;
}

Result<std::optional<crypto::PublicKey>> existing_device_public_key(const std::string& data_dir)
{
    struct stat st {};
    if (::lstat((data_dir + "/" + std::string(k_device_key_name)).c_str(), &st) != 0)
        return std::optional<crypto::PublicKey>();
    return std::optional<crypto::PublicKey>(TRY(device_public_key(data_dir)));
}

std::string key_fingerprint(const crypto::PublicKey& key)
{
    const std::string hex = crypto::to_hex(key);
    return hex.substr(0, 4) + " " + hex.substr(4, 4) + " " + hex.substr(8, 4) + " " + hex.substr(12, 4);
}

// [SECTION] The export file format (EXPORTS.md)

namespace {

Error export_problem(std::string_view source, int line, const std::string& what)
{
    return text_problem("export", source, line, what);
}

int export_line(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string date_text(const toml::date& d)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", unsigned(d.year), unsigned(d.month), unsigned(d.day));
    return buf;
}

// A TOML local date field: "2026-11-25" as YYYY-MM-DD text, or nothing.
std::optional<std::string> date_field(const toml::node* node)
{
    if (!node || !node->is_date()) return std::nullopt;
    std::string text = date_text(node->as_date()->get());
    if (!store::is_record_day(text)) return std::nullopt;
    return text;
}

std::string body_text(const ExportFile& file)
{
    std::string out = "# Linli residents' data export (format: app/services/EXPORTS.md). Signed by the kiosk's\n"
                      "# device key on the last line; records are sealed to the administrators' key.\n";
    out += "format = " + std::to_string(file.format) + "\n";
    out += "kiosk = \"" + file.kiosk + "\"\n";
    out += "device_key = \"" + crypto::to_hex(file.device_key) + "\"\n";
    out += "seq = " + std::to_string(file.seq) + "\n";
    out += "previous = \"" + file.previous_hex + "\"\n";
    out += "day = " + file.day + "\n";
    out += "content_version = " + std::to_string(file.content_version) + "\n";
    out += "records = " + std::to_string(file.records.size()) + "\n";
    for (const ExportRecord& r : file.records) {
        out += "\n[[record]]\nid = \"" + crypto::to_hex(r.id) + "\"\nkind = \"" + r.kind + "\"\nday = " + r.day +
               "\nsealed = \"" + crypto::to_base64(r.sealed) + "\"\n";
    }
    return out;
}

}  // namespace

std::string export_file_name(std::string_view kiosk, int64_t seq)
{
    char digits[32];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(seq));
    return std::string(kiosk) + "-" + digits + std::string(k_export_suffix);
}

std::string write_export_text(const ExportFile& file, const crypto::SecretKey& device_secret)
{
    return sign_text(body_text(file), file.device_key, device_secret);
}

Result<ExportFile> parse_export(std::string_view text, std::string_view source)
{
    const SignedText signed_text = TRY(verify_signed_text(text, k_max_export_bytes, "export", source));
    const std::string_view body = signed_text.body;
    const crypto::PublicKey& signer = signed_text.signer;

    toml::table root;
    try {
        root = toml::parse(body, source);
    } catch (const toml::parse_error& e) {
        return export_problem(source, static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
    }
    static const std::set<std::string_view> k_keys = {"format", "kiosk", "device_key", "seq", "previous",
                                                      "day", "content_version", "records", "record"};
    for (const auto& [key, node] : root)
        if (!k_keys.contains(key.str())) return export_problem(source, export_line(node), "unknown key \"" + std::string(key.str()) + "\"");
    auto integer = [&](std::string_view key) -> Result<int64_t> {
        const toml::node* node = root.get(key);
        if (!node) return export_problem(source, 0, "missing \"" + std::string(key) + "\"");
        if (!node->is_integer()) return export_problem(source, export_line(*node), "\"" + std::string(key) + "\" must be a whole number");
        return node->as_integer()->get();
    };
    auto string = [&](std::string_view key) -> Result<std::string> {
        const toml::node* node = root.get(key);
        if (!node) return export_problem(source, 0, "missing \"" + std::string(key) + "\"");
        if (!node->is_string()) return export_problem(source, export_line(*node), "\"" + std::string(key) + "\" must be text");
        return node->as_string()->get();
    };
    auto line = [&](std::string_view key) { return export_line(*root.get(key)); };

    ExportFile file;
    file.format = TRY(integer("format"));
    if (file.format != k_export_format)
        return export_problem(source, line("format"), "export format " + std::to_string(file.format) +
                                                   " is not known here (this tool reads format 1); update linli-admin");
    file.kiosk = TRY(string("kiosk"));
    if (!bundle::is_kiosk_id(file.kiosk))
        return export_problem(source, line("kiosk"), "\"kiosk\" must be a kiosk id (1-64 letters, digits, '.', '_' or '-')");
    const std::string key_hex = TRY(string("device_key"));
    if (!is_lower_hex(key_hex, 64) || !crypto::from_hex(key_hex, file.device_key.data(), file.device_key.size()))
        return export_problem(source, line("device_key"), "\"device_key\" must be 64 lower-case hex digits");
    if (file.device_key != signer)
        return export_problem(source, line("device_key"), "signed by another key than its \"device_key\"");
    file.seq = TRY(integer("seq"));
    if (file.seq < 1 || file.seq > k_max_export_seq)
        return export_problem(source, line("seq"), "\"seq\" must be 1 to " + std::to_string(k_max_export_seq));
    file.previous_hex = TRY(string("previous"));
    if (file.seq == 1 ? !file.previous_hex.empty() : !is_lower_hex(file.previous_hex, 64))
        return export_problem(source, line("previous"), file.seq == 1 ? "the first export (seq 1) has no \"previous\" (\"\")"
                                                               : "\"previous\" must be 64 lower-case hex digits");
    auto day = date_field(root.get("day"));
    if (!day) return export_problem(source, root.get("day") ? line("day") : 0, "\"day\" must be a date (YYYY-MM-DD)");
    file.day = *day;
    file.content_version = TRY(integer("content_version"));
    if (file.content_version < 0) return export_problem(source, line("content_version"), "\"content_version\" must not be negative");
    const int64_t count = TRY(integer("records"));
    if (count < 0 || count > static_cast<int64_t>(k_max_export_records))
        return export_problem(source, line("records"), "\"records\" must be 0 to " + std::to_string(k_max_export_records));

    if (const toml::node* records = root.get("record")) {
        const toml::array* list = records->as_array();
        if (!list || !list->is_array_of_tables()) return export_problem(source, export_line(*records), "\"record\" must be [[record]] tables");
        if (list->size() > k_max_export_records)
            return export_problem(source, export_line(*records), "more than " + std::to_string(k_max_export_records) + " records");
        std::set<store::RecordId> seen;
        file.records.reserve(list->size());
        for (const toml::node& node : *list) {
            const toml::table& entry = *node.as_table();
            const int at = export_line(node);
            for (const auto& [key, value] : entry)
                if (key != "id" && key != "kind" && key != "day" && key != "sealed")
                    return export_problem(source, export_line(value), "unknown key \"" + std::string(key.str()) + "\" in [[record]]");
            ExportRecord r;
            auto id = entry["id"].value<std::string>();
            if (!entry["id"].is_string() || !id || !is_lower_hex(*id, 32) || !crypto::from_hex(*id, r.id.data(), r.id.size()))
                return export_problem(source, at, "[[record]] \"id\" must be 32 lower-case hex digits");
            if (!seen.insert(r.id).second) return export_problem(source, at, "record " + *id + " is listed twice");
            auto kind = entry["kind"].value<std::string>();
            if (!entry["kind"].is_string() || !kind || !store::is_record_kind(*kind))
                return export_problem(source, at, "record " + *id + ": \"kind\" must be 1-32 of a-z, 0-9 and '-'");
            r.kind = *kind;
            auto record_day = date_field(entry.get("day"));
            if (!record_day) return export_problem(source, at, "record " + *id + ": \"day\" must be a date (YYYY-MM-DD)");
            r.day = *record_day;
            auto sealed = entry["sealed"].value<std::string>();
            if (!entry["sealed"].is_string() || !sealed || sealed->size() > (k_max_sealed_bytes + 2) / 3 * 4 ||
                !crypto::from_base64(*sealed, r.sealed) || r.sealed.size() < crypto::k_seal_overhead)
                return export_problem(source, at, "record " + *id + ": \"sealed\" must be a sealed box in base64 (at most " +
                                               std::to_string(k_max_sealed_bytes) + " bytes)");
            file.records.push_back(std::move(r));
        }
    }
    if (static_cast<int64_t>(file.records.size()) != count)
        return export_problem(source, line("records"), "\"records\" says " + std::to_string(count) + " but the file holds " +
                                                    std::to_string(file.records.size()));
    return file;
}

// [SECTION] Making, storing and committing exports

namespace {

// Unbiased Fisher-Yates from the CSPRNG: the export order says nothing about arrival (B4, F3).
template <typename T>
void shuffle(std::vector<T>& items)
{
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[crypto::random_below(static_cast<uint32_t>(i))]);
}

}  // namespace

Result<PreparedExport> prepare_export(store::ResidentsDb& db, const KioskConfig& config, const std::string& data_dir,
                                      int64_t now_s)
{
    if (!bundle::is_kiosk_id(config.id))
        return Error::rejected("exports: the kiosk id \"" + config.id + "\" cannot name an export file");
    const crypto::KeyPair device = TRY(load_or_create_device_key(data_dir));
    int64_t content_version = 0;
    {
        // The kiosk's clock may be back in 1970 (no RTC): the day is judged by the trusted time.
        store::KioskState state = TRY(store::KioskState::open(data_dir + "/kiosk.db"));
        now_s = std::max(now_s, TRY(state.clock_floor_s()));
        if (auto installed = TRY(state.installed_content())) content_version = installed->version;
    }
    const store::NextExport next = TRY(db.next_export());
    std::vector<store::SealedRecord> pending = TRY(db.pending_records(now_s));
    if (pending.size() > k_max_export_records)
        pending.resize(k_max_export_records);  // the rest go in the next export
    shuffle(pending);

    ExportFile file;
    file.kiosk = config.id;
    file.device_key = device.public_key;
    file.seq = next.seq;
    file.previous_hex = next.previous_hex;
    file.day = format_iso_date(now_s);  // the kiosk's local date: records carry the day only (F1)
    file.content_version = content_version;
    PreparedExport prepared;
    for (store::SealedRecord& r : pending) {
        prepared.record_ids.push_back(r.id);
        file.records.push_back({r.id, std::move(r.kind), std::move(r.day), std::move(r.sealed)});
    }
    prepared.name = export_file_name(file.kiosk, file.seq);
    prepared.bytes = write_export_text(file, device.secret_key);
    if (prepared.bytes.size() > k_max_export_bytes)
        return Error::internal("exports: export " + prepared.name + " would exceed " + std::to_string(k_max_export_bytes) +
                               " bytes");
    prepared.sha256 = crypto::sha256(prepared.bytes);
    prepared.seq = file.seq;
    prepared.day = file.day;
    return prepared;
}

Status commit_export(store::ResidentsDb& db, const PreparedExport& prepared)
{
    return db.mark_exported({prepared.seq, prepared.name, crypto::to_hex(prepared.sha256),
                             static_cast<int64_t>(prepared.record_ids.size()), prepared.day},
                            prepared.record_ids);
}

Status store_export_file(const std::string& out_dir, const PreparedExport& prepared)
{
    std::error_code ec;
    if (!fs::is_directory(out_dir, ec)) return Error::rejected("exports: " + out_dir + ": no such folder");
    if (::access(out_dir.c_str(), W_OK) != 0)
        return Error::rejected("exports: " + out_dir + ": cannot write into this folder (" + errno_text(errno) + ")");
    const std::string path = out_dir + "/" + prepared.name;
    if (auto existing = TRY(read_if_exists("exports", path, k_max_export_bytes))) {
        if (*existing == prepared.bytes) return {};
        return Error::rejected("exports: " + path + ": a different file of this name is already there; not replaced");
    }
    const std::string tmp = temp_name(out_dir, prepared.name);
    if (Status written = write_new_file("exports", tmp, prepared.bytes, 0644); !written) {
        // A full or read-only stick is the stick's problem, not ours: the admin can act on it.
        return Error::rejected(written.error().message);
    }
    int error = rename_no_replace(tmp, path);
    if (error != 0) {
        ::unlink(tmp.c_str());
        if (error == EEXIST)
            return Error::rejected("exports: " + path + ": a file of this name appeared meanwhile; not replaced");
        return Error::rejected("exports: cannot rename " + tmp + " to " + path + " (" + errno_text(error) + ")");
    }
    if (!fsync_dir(out_dir)) return Error::rejected("exports: " + out_dir + ": cannot sync the folder");
    return {};
}

namespace {

// path holds this kiosk's export of the next seq, written but never committed (a power cut after
// the rename, or an upload whose answer was lost): that file, as a PreparedExport of its own bytes.
// Nothing when path is missing or holds anything else.
Result<std::optional<PreparedExport>> own_uncommitted_export(store::ResidentsDb& db, const KioskConfig& config,
                                                             const std::string& data_dir, const std::string& path)
{
    auto existing = TRY(read_if_exists("exports", path, k_max_export_bytes));
    if (!existing) return std::optional<PreparedExport>();
    auto file = parse_export(*existing, path);
    const store::NextExport next = TRY(db.next_export());
    if (!file || file->kiosk != config.id || file->seq != next.seq || file->previous_hex != next.previous_hex ||
        file->device_key != TRY(device_public_key(data_dir)))
        return std::optional<PreparedExport>();
    std::set<store::RecordId> pending;
    for (const store::SealedRecord& r : TRY(db.pending_records())) pending.insert(r.id);
    PreparedExport adopted;
    for (const ExportRecord& r : file->records) {
        if (!pending.contains(r.id)) return std::optional<PreparedExport>();  // not from this database's state
        adopted.record_ids.push_back(r.id);
    }
    adopted.name = path.substr(path.rfind('/') + 1);
    adopted.sha256 = crypto::sha256(*existing);
    adopted.seq = file->seq;
    adopted.day = file->day;
    adopted.bytes = std::move(*existing);
    return std::optional<PreparedExport>(std::move(adopted));
}

}  // namespace

Result<PreparedExport> prepare_export_in(store::ResidentsDb& db, const KioskConfig& config, const std::string& data_dir,
                                         const std::string& dir, int64_t now_s)
{
    const store::NextExport next = TRY(db.next_export());
    if (auto adopted = TRY(own_uncommitted_export(db, config, data_dir, dir + "/" + export_file_name(config.id, next.seq))))
        return std::move(*adopted);
    PreparedExport prepared = TRY(prepare_export(db, config, data_dir, now_s));
    TRY_STATUS(store_export_file(dir, prepared));
    return prepared;
}

Result<ExportResult> write_export(store::ResidentsDb& db, const KioskConfig& config, const std::string& data_dir,
                                  const std::string& out_dir, int64_t now_s)
{
    PreparedExport prepared = TRY(prepare_export(db, config, data_dir, now_s));
    const std::string path = out_dir + "/" + prepared.name;
    Status stored = store_export_file(out_dir, prepared);
    if (!stored) {
        // The file of this name may be our own from a run that stopped before its commit: then it
        // is the export (its records are on the stick), and replacing it would fork the chain.
        auto adopted = own_uncommitted_export(db, config, data_dir, path);
        if (!adopted || !*adopted) return stored.release_error();
        TRY_STATUS(commit_export(db, **adopted));
        return ExportResult{path, (*adopted)->seq, static_cast<int64_t>((*adopted)->record_ids.size()), true};
    }
    TRY_STATUS(commit_export(db, prepared));
    return ExportResult{path, prepared.seq, static_cast<int64_t>(prepared.record_ids.size()), false};
}

Result<ExportResult> export_to_folder(const KioskConfig& config, const std::string& data_dir,
                                      const std::string& out_dir, int64_t now_s)
{
    std::error_code ec;
    if (!fs::is_directory(out_dir, ec)) return Error::rejected("linli-kiosk: --export " + out_dir + ": no such folder");
    if (::access(out_dir.c_str(), W_OK) != 0)
        return Error::rejected("linli-kiosk: --export " + out_dir + ": cannot write into this folder (" +
                               errno_text(errno) + ")");
    std::string dir = out_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    fs::create_directories(data_dir, ec);
    store::ResidentsDb db = TRY(store::ResidentsDb::open(data_dir + "/residents.db"));
    return write_export(db, config, data_dir, dir, now_s);
}

Result<int64_t> pending_export_records(const std::string& data_dir)
{
    std::error_code ec;
    if (!fs::exists(data_dir + "/residents.db", ec)) return int64_t(0);
    store::ResidentsDb db = TRY(store::ResidentsDb::open(data_dir + "/residents.db"));
    return db.pending_count();
}

}  // namespace linli::services
