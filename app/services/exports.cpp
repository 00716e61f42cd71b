// Residents' data exports (exports.hpp; the format is EXPORTS.md). Index:
//   [SECTION] Device key                              DATA_DIR/device.key, made once, never replaced
//   [SECTION] The export file format                  write_export_text, parse_export
//   [SECTION] Making, storing and committing exports  prepare / store / commit, --export, --status
//   [SECTION] Collecting                              chain checks and reports for linli-admin collect
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
#include <map>
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

// [SECTION] Collecting

bool Collection::ok() const
{
    return unopened == 0 && std::all_of(kiosks.begin(), kiosks.end(), [](const KioskChain& k) { return k.problems.empty(); });
}

namespace {

// The device keys --accept-key names: each must be the prefix of exactly one key that signed an input.
Result<std::set<crypto::PublicKey>> accepted_keys(const std::vector<std::string>& accept_keys,
                                                  const std::set<crypto::PublicKey>& signers)
{
    std::set<crypto::PublicKey> accepted;
    for (std::string prefix : accept_keys) {
        // As the admin panel and collect's own message show it: "3F2A 9C01 77B0 E4D2" is fine too.
        std::erase_if(prefix, [](unsigned char c) { return std::isspace(c); });
        std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (prefix.size() < k_min_accept_key_digits || prefix.size() > 64 || !is_lower_hex(prefix, prefix.size()))
            return Error::rejected("collect: --accept-key " + prefix + ": give " + std::to_string(k_min_accept_key_digits) +
                                   " to 64 hex digits of the new device key");
        std::vector<crypto::PublicKey> matches;
        for (const crypto::PublicKey& key : signers)
            if (crypto::to_hex(key).starts_with(prefix)) matches.push_back(key);
        if (matches.empty())
            return Error::rejected("collect: --accept-key " + prefix + ": no export given is signed by such a key");
        if (matches.size() > 1)
            return Error::rejected("collect: --accept-key " + prefix + ": the start of " + std::to_string(matches.size()) +
                                   " device keys; give more digits");
        accepted.insert(matches.front());
    }
    return accepted;
}

std::string seq_text(int64_t seq)
{
    char digits[32];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(seq));
    return digits;
}

}  // namespace

Result<Collection> collect_exports(const std::vector<ExportInput>& inputs, const crypto::PublicKey& seal_pub,
                                   const crypto::SecretKey& seal_secret, const std::vector<std::string>& accept_keys)
{
    struct Verified {
        const ExportInput* input;
        ExportFile file;
        std::string hash;
    };
    std::vector<Verified> verified;
    std::string failures;
    size_t failed = 0;
    for (const ExportInput& input : inputs) {
        auto file = parse_export(input.bytes, input.source);
        if (!file) {
            failures += (failed++ ? "\n" : "") + file.error().message;
            continue;
        }
        verified.push_back({&input, std::move(file).value(), crypto::to_hex(crypto::sha256(input.bytes))});
    }
    if (failed)
        return Error::rejected(failures + "\ncollect: " + std::to_string(failed) + " of " + std::to_string(inputs.size()) +
                               " export files failed verification; nothing was written");

    std::set<crypto::PublicKey> signers;
    for (const Verified& v : verified) signers.insert(v.file.device_key);
    const std::set<crypto::PublicKey> accepted = TRY(accepted_keys(accept_keys, signers));

    std::map<std::string, std::vector<const Verified*>> by_kiosk;
    for (const Verified& v : verified) by_kiosk[v.file.kiosk].push_back(&v);
    // A cloned card: one kiosk id, exports signed by device keys that do not follow one another
    // (a restored kiosk's new key goes on from the old key's last export; a clone's starts its
    // own chain). Each clone's exports form a chain of their own, counted apart and reported.
    std::vector<std::pair<std::string, std::vector<const Verified*>>> lines;
    for (auto& [kiosk, given] : by_kiosk) {
        std::vector<const Verified*> by_seq = given;
        std::stable_sort(by_seq.begin(), by_seq.end(), [](auto* a, auto* b) { return a->file.seq < b->file.seq; });
        std::map<crypto::PublicKey, size_t> line_of_key;  // index into this kiosk's lines
        std::vector<std::vector<const Verified*>> own;
        for (const Verified* v : by_seq) {
            auto known = line_of_key.find(v->file.device_key);
            if (known == line_of_key.end()) {
                // A key's first export: does it go on from an export under another key?
                size_t line = own.size();
                for (size_t l = 0; l < own.size(); ++l)
                    for (const Verified* before : own[l])
                        if (before->file.seq + 1 == v->file.seq && before->hash == v->file.previous_hex) line = l;
                if (line == own.size()) own.emplace_back();
                known = line_of_key.emplace(v->file.device_key, line).first;
            }
            own[known->second].push_back(v);
        }
        // Each line in the order given, so "out of order" still means what the caller did.
        for (auto& line : own) {
            std::vector<const Verified*> in_given_order;
            for (const Verified* v : given)
                if (std::find(line.begin(), line.end(), v) != line.end()) in_given_order.push_back(v);
            lines.emplace_back(kiosk, std::move(in_given_order));
        }
    }
    std::map<std::string, size_t> lines_per_kiosk;
    for (const auto& [kiosk, given] : lines) ++lines_per_kiosk[kiosk];
    Collection collection;
    std::map<store::RecordId, std::string> seen_records;  // where each record was first found
    for (auto& [kiosk, given] : lines) {
        KioskChain chain;
        chain.kiosk = kiosk;
        if (lines_per_kiosk[kiosk] > 1) {
            chain.device = key_fingerprint(given.front()->file.device_key);
            chain.problems.push_back("two or more device keys export as kiosk " + kiosk +
                                     " without one following the other: a cloned SD card (or two kiosks given the same "
                                     "id). The exports signed by device key " + chain.device +
                                     " are checked and counted apart; find the second machine before trusting the count");
        }
        std::vector<const Verified*> sorted = given;
        std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->file.seq < b->file.seq; });
        if (sorted != given) chain.notes.push_back("the files were given out of order; they are checked by seq number");
        chain.device_key = sorted.front()->file.device_key;
        crypto::PublicKey current_key = chain.device_key;  // the key the chain is under by now
        for (const Verified* v : sorted) {
            const ExportFile& f = v->file;
            const std::string here = "export " + std::to_string(f.seq) + " (" + v->input->source + ")";
            if (f.device_key != current_key) {
                // A kiosk restored from a backup goes on with a new key, and its first export under it
                // names the hash of the last one under the old key. Anyone can do the latter, so the
                // administrator has to vouch for the new key; without the link it is never accepted.
                const bool links = !chain.exports.empty() && f.seq == chain.exports.back().seq + 1 &&
                                   f.previous_hex == chain.hashes.back();
                if (links && accepted.contains(f.device_key)) {
                    chain.key_changes.push_back({f.seq, current_key, f.device_key});
                    current_key = f.device_key;
                } else if (links) {
                    chain.problems.push_back(
                        "exports from " + seq_text(f.seq) + " on are signed by a new device key " + key_fingerprint(f.device_key) +
                        " (was " + key_fingerprint(current_key) +
                        "): the kiosk was restored onto a new SD card, or someone else signed them. Check the key on the "
                        "kiosk's admin panel and run again with --accept-key " + crypto::to_hex(f.device_key).substr(0, 16));
                    current_key = f.device_key;  // said once, not for every export after it
                } else {
                    chain.problems.push_back(here + " is signed by another device key than export " +
                                             std::to_string(chain.exports.empty() ? sorted.front()->file.seq
                                                                                  : chain.exports.back().seq) +
                                             ": another machine using this kiosk id, or a reinstalled kiosk");
                }
            }
            if (!chain.exports.empty() && chain.exports.back().seq == f.seq) {
                if (chain.hashes.back() == v->hash)
                    chain.notes.push_back(here + " is the same file as " + chain.sources.back() + "; counted once");
                else
                    chain.problems.push_back("two different exports numbered " + std::to_string(f.seq) + ": " +
                                             chain.sources.back() + " and " + v->input->source +
                                             " (one is a replayed or forged export)");
                continue;
            }
            if (chain.exports.empty()) {
                if (f.seq > 1)
                    chain.notes.push_back("starts at export " + std::to_string(f.seq) + ": exports 1 to " +
                                          std::to_string(f.seq - 1) + " were not given (collected before?)");
            } else {
                const int64_t expected = chain.exports.back().seq + 1;
                if (f.seq != expected)
                    chain.problems.push_back("export" + std::string(f.seq - expected > 1 ? "s " : " ") +
                                             std::to_string(expected) +
                                             (f.seq - expected > 1 ? " to " + std::to_string(f.seq - 1) : "") +
                                             " missing (dropped?) before " + here);
                else if (f.previous_hex != chain.hashes.back())
                    chain.problems.push_back(here + " does not follow export " + std::to_string(expected - 1) + " (" +
                                             chain.sources.back() +
                                             "): its \"previous\" names another file (a replaced or replayed export)");
            }
            chain.exports.push_back(f);
            chain.sources.push_back(v->input->source);
            chain.hashes.push_back(v->hash);
            for (const ExportRecord& r : f.records) {
                auto [at, inserted] = seen_records.emplace(r.id, here);
                if (!inserted) {
                    chain.problems.push_back("record " + crypto::to_hex(r.id) + " is in " + at->second + " and in " +
                                             here + " (replayed); counted once");
                    continue;
                }
                CollectedRecord collected{kiosk, f.seq, r, false, {}, chain.device};
                if (auto text = crypto::open_sealed(r.sealed, seal_pub, seal_secret)) {
                    collected.opened = true;
                    collected.plaintext = std::move(text).value();
                } else {
                    ++collection.unopened;
                }
                // Kept only while needed: a ballot's bytes give its tracker (ballot_count.cpp).
                if (collected.record.kind != "ballot") collected.record.sealed.clear();
                collection.records.push_back(std::move(collected));
            }
        }
        collection.kiosks.push_back(std::move(chain));
    }
    return collection;
}

namespace {

// "12 (ballot 5, feedback 7)"
std::string kind_counts(const std::map<std::string, int64_t>& counts)
{
    int64_t total = 0;
    std::string parts;
    for (const auto& [kind, n] : counts) {
        total += n;
        parts += (parts.empty() ? "" : ", ") + kind + " " + std::to_string(n);
    }
    return std::to_string(total) + (parts.empty() ? "" : " (" + parts + ")");
}

}  // namespace

std::string collection_report(const Collection& c)
{
    std::map<std::string, int64_t> all;
    for (const CollectedRecord& r : c.records) ++all[r.record.kind];
    size_t exports = 0;
    for (const KioskChain& k : c.kiosks) exports += k.exports.size();
    std::string out = "Linli residents' data: collect report\n\n";
    out += "status: " + std::string(c.ok() ? "ok" : "PROBLEMS FOUND (see below)") + "\n";
    out += "kiosks: " + std::to_string(c.kiosks.size()) + ", exports: " + std::to_string(exports) +
           ", records: " + kind_counts(all) + "\n";
    if (c.unopened)
        out += "records that did not open with this seal.key: " + std::to_string(c.unopened) +
               " (sealed to another key, or damaged)\n";
    for (const KioskChain& k : c.kiosks) {
        std::map<std::string, int64_t> kinds;
        int64_t unopened = 0;
        for (const CollectedRecord& r : c.records)
            if (r.kiosk == k.kiosk && r.device == k.device) {
                ++kinds[r.record.kind];
                unopened += r.opened ? 0 : 1;
            }
        out += "\nkiosk " + k.kiosk + (k.device.empty() ? "" : " (one of two machines under this id)") + "\n";
        out += "  device key: " + crypto::to_hex(k.device_key) + "\n";
        for (const KeyChange& change : k.key_changes)
            out += "  device key changed: exports from " + seq_text(change.from_seq) + " on are signed by " +
                   crypto::to_hex(change.new_key) + " (was " + key_fingerprint(change.old_key) +
                   "), accepted with --accept-key: the kiosk was restored from a backup onto a new SD card\n";
        out += "  exports: " + std::to_string(k.exports.size()) + " (seq " + std::to_string(k.exports.front().seq) +
               " to " + std::to_string(k.exports.back().seq) + ")\n";
        for (size_t i = 0; i < k.exports.size(); ++i) {
            const ExportFile& e = k.exports[i];
            out += "    " + std::to_string(e.seq) + "  " + e.day + "  content " + std::to_string(e.content_version) +
                   "  records " + std::to_string(e.records.size()) + "  " + k.sources[i] + "  sha256 " + k.hashes[i] + "\n";
        }
        out += "  records: " + kind_counts(kinds) + (unopened ? ", not opened: " + std::to_string(unopened) : "") + "\n";
        out += "  chain: " + std::string(k.problems.empty() ? "ok" : "BROKEN") + "\n";
        for (const std::string& p : k.problems) out += "    problem: " + p + "\n";
        for (const std::string& n : k.notes) out += "    note: " + n + "\n";
    }
    return out;
}

namespace {

// A message as the administrators read it: the fields of a 意见箱 payload (feedback_box.cpp), or
// the text itself for a record sealed as plain text.
std::string readable_feedback(const std::string& plaintext)
{
    toml::table payload;
    try {
        payload = toml::parse(plaintext);
    } catch (const toml::parse_error&) {
        return plaintext;
    }
    if (payload["format"].value<int64_t>() != 1 || !payload["text"].is_string()) return plaintext;
    static const char* k_ratings[] = {"", "很不满意", "不满意", "满意", "很满意"};
    const int64_t rating = payload["rating"].value_or<int64_t>(0);
    std::string out = "主题: " + payload["topic"].value_or<std::string>("") + "\n";
    if (rating >= 1 && rating <= 4) out += std::string("评价: ") + k_ratings[rating] + "\n";
    if (auto about = payload["about_title"].value<std::string>(); about && !about->empty()) out += "关于: " + *about + "\n";
    out += "回执码: " + payload["receipt"].value_or<std::string>("") + "\n";
    out += payload["text"].value_or<std::string>("");
    return out;
}

}  // namespace

std::string collection_feedback(const Collection& c)
{
    std::string out = "# Linli residents' feedback, opened by linli-admin collect. In the order the kiosks exported\n"
                      "# it, which they shuffle: nothing here tells who wrote what, or when within the day.\n";
    for (const CollectedRecord& r : c.records) {
        if (r.record.kind != "feedback" || !r.opened) continue;
        const std::string text = readable_feedback(r.plaintext);
        out += "\n--- " + r.kiosk + ", export " + std::to_string(r.seq) + ", " + r.record.day + "\n" + text;
        if (text.empty() || text.back() != '\n') out += "\n";
    }
    return out;
}

}  // namespace linli::services
