#include "bundle/build.hpp"

#include "bundle/ballot_codes_check.hpp"
#include "bundle/source.hpp"
#include "bundle/trust.hpp"
#include "content/content_folder.hpp"
#include "content/paths.hpp"
#include "content/replies.hpp"
#include "crypto/keys.hpp"
#include "crypto/reply_lock.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <set>

namespace linli::bundle {

namespace fs = std::filesystem;

namespace {

// The parts of an authoring folder (INTERFACES.md §3) a bundle carries; anything else in the
// folder (notes, backups) stays on the administrator's PC.
constexpr const char* k_flat_dirs[] = {"announcements", "recruitment", "documents", "meetings",
                                       "progress", "finance", "ballots"};

// A bundle is public content, shown in a lobby, served by any web server as its own user (nginx's
// workers run as www-data) and copied to sticks: world-readable whatever the umask. The keys that
// sign it stay 0600 in their own folder.
constexpr mode_t k_public_file = 0644;
constexpr mode_t k_public_dir = 0755;

Status make_public(const std::string& path, mode_t mode)
{
    std::error_code ec;
    fs::permissions(path, static_cast<fs::perms>(mode), fs::perm_options::replace, ec);
    if (ec) return Error::internal("build: cannot make " + path + " readable by everyone: " + ec.message());
    return {};
}

Status rename_into_place(const std::string& from, const std::string& to)
{
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) return Error::internal("bundle: cannot rename " + from + " to " + to + ": " + ec.message());
    return {};
}

std::vector<std::string> bundled_paths(const std::string& content_dir)
{
    content::Diagnostics ignored(Language::English);  // load_content_folder has reported everything already
    content::ContentFolder folder(content_dir, ignored);
    std::vector<std::string> paths;
    if (folder.exists("board.toml")) paths.push_back("board.toml");
    for (const char* dir : k_flat_dirs)
        for (std::string& rel : folder.list_files(dir)) paths.push_back(std::move(rel));
    for (std::string& rel : folder.list_tree("media")) paths.push_back(std::move(rel));
    // Voting codes' hashes (codes/<ballot>/<kiosk>.toml): every kiosk gets all of them, so it can
    // tell a resident that a code belongs to another kiosk or ballot.
    for (std::string& rel : folder.list_tree("codes")) paths.push_back(std::move(rel));
    for (std::string& rel : folder.list_tree("results")) paths.push_back(std::move(rel));
    return paths;
}

// The version of the bundle already in out_dir, if there is one; an error if out_dir holds
// something else (we never overwrite a folder that is not a bundle).
Result<int64_t> previous_version(const std::string& out_dir)
{
    if (!fs::exists(out_dir)) return int64_t(0);
    if (!fs::is_directory(out_dir)) return Error::rejected("build: --out " + out_dir + ": exists and is not a folder");
    const std::string manifest_path = out_dir + "/" + std::string(k_manifest_name);
    if (!fs::exists(manifest_path)) {
        if (!fs::is_empty(out_dir))
            return Error::rejected("build: --out " + out_dir + ": a folder that is neither empty nor a bundle; refusing to write into it");
        return int64_t(0);
    }
    DirectorySource source(out_dir);
    auto text = TRY(source.read_small(k_manifest_name, k_max_manifest_bytes));
    if (!text) return int64_t(0);
    auto manifest = parse_manifest(*text);
    return manifest ? manifest->version : 0;
}

}  // namespace

Result<BuildResult> build_bundle(const BuildOptions& options)
{
    BuildResult result;
    content::ContentLoad load = TRY(content::load_content_folder(options.content_dir, options.messages));
    check_ballot_codes(load, options.messages);
    result.warnings = load.warnings;
    if (!load.problems.empty()) {
        result.problems = std::move(load.problems);
        return result;
    }
    if (load.mismatches() > 0 && !options.publish_mismatch) {
        result.refused_mismatch = true;
        return result;
    }
    for (const std::string& id : options.scope)
        if (!is_kiosk_id(id)) return Error::rejected("build: --scope \"" + id + "\": a kiosk id is 1-64 letters, digits, '.', '_' or '-'");
    if (options.expires_days < 1 || options.expires_days > 3650)
        return Error::rejected("build: --expires must be 1 to 3650 days");

    crypto::SecretKey secret = TRY(crypto::read_secret_key_file(options.key_dir + "/sign.key", crypto::KeyKind::SignSecret));
    const crypto::PublicKey public_key = crypto::sign_public_key_of(secret);
    DirectorySource key_source(options.key_dir);
    auto keys_text = TRY(key_source.read_small(k_keys_name, k_max_signature_bytes));
    auto keys_sig = TRY(key_source.read_small(k_keys_sig_name, k_max_signature_bytes));
    if (keys_text.has_value() != keys_sig.has_value())
        return Error::rejected("build: " + options.key_dir + ": keys.toml and keys.sig must both be there or neither");
    if (keys_text) {
        KeyRotation rotation = TRY(parse_key_rotation(*keys_text));
        if (std::find(rotation.keys.begin(), rotation.keys.end(), public_key) == rotation.keys.end())
            return Error::rejected("build: " + options.key_dir + "/keys.toml does not list this folder's sign.key");
    }

    const int64_t previous = TRY(previous_version(options.out_dir));
    Manifest& m = result.manifest;
    m.version = options.version ? *options.version : std::max(options.now_s, previous + 1);
    if (m.version <= previous)
        return Error::rejected("build: --version " + std::to_string(m.version) + " is not above the bundle already in " +
                               options.out_dir + " (version " + std::to_string(previous) + "); versions only go up");
    m.created_s = options.now_s;
    m.expires_s = options.now_s + int64_t(options.expires_days) * 86400;
    m.scope = options.scope;
    m.board = load.content.board.board.name;

    std::error_code ec;
    const std::string files_dir = options.out_dir + "/" + std::string(k_files_dir);
    fs::create_directories(files_dir, ec);
    if (ec) return Error::internal("build: cannot create " + files_dir + ": " + ec.message());
    TRY_STATUS(make_public(options.out_dir, k_public_dir));
    TRY_STATUS(make_public(files_dir, k_public_dir));

    content::Diagnostics read_problems(options.messages);
    content::ContentFolder folder(options.content_dir, read_problems);
    std::set<std::string> stored;
    // The folder's files as they are, and the files build makes: feedback/replies.toml stays in
    // the office (it holds receipt codes); the bundle carries its replies locked, no code in clear.
    std::vector<std::pair<std::string, std::string>> files;
    for (const std::string& rel : bundled_paths(options.content_dir)) {
        auto data = folder.read(rel, k_max_file_bytes);
        if (!data) return Error::rejected("build: " + options.content_dir + "/" + rel + ": cannot be read into the bundle");
        files.emplace_back(rel, std::move(*data));
    }
    const crypto::ReplySaltKey salt_key = crypto::reply_salt_key(secret);
    TRY_STATUS(crypto::lock_replies(load.content, &salt_key));
    result.locked_replies = load.content.locked_replies.size();
    result.public_replies = load.content.public_replies.size();
    if (result.locked_replies || result.public_replies)
        files.emplace_back(std::string(content::k_locked_replies_path),
                           content::locked_replies_text(load.content.public_replies, load.content.locked_replies));
    for (auto& [rel, bytes] : files) {
        const std::string* data = &bytes;
        ManifestFile file{rel, static_cast<int64_t>(data->size()), crypto::sha256(*data)};
        const std::string name = stored_name(file.sha256);
        const std::string target = options.out_dir + "/" + name;
        if (stored.insert(name).second) {
            if (fs::is_regular_file(target) && fs::file_size(target) == data->size()) {
                TRY_STATUS(make_public(target, k_public_file));  // kept from an earlier build
            } else {
                TRY_STATUS(write_new_file(target + ".tmp", *data, k_public_file));
                TRY_STATUS(rename_into_place(target + ".tmp", target));
                ++result.files_written;
            }
        }
        result.bytes += file.size;
        m.files.push_back(std::move(file));
    }
    std::sort(m.files.begin(), m.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    TRY_STATUS(sync_dir(files_dir));

    for (std::string_view name : {k_keys_name, k_keys_sig_name}) {
        const std::string target = options.out_dir + "/" + std::string(name);
        if (keys_text) {
            TRY_STATUS(write_new_file(target + ".tmp", name == k_keys_name ? *keys_text : *keys_sig, k_public_file));
            TRY_STATUS(rename_into_place(target + ".tmp", target));
        } else {
            fs::remove(target, ec);
        }
    }

    const std::string text = write_manifest(m);
    const std::string manifest_path = options.out_dir + "/" + std::string(k_manifest_name);
    const std::string sig_path = options.out_dir + "/" + std::string(k_manifest_sig_name);
    TRY_STATUS(write_new_file(manifest_path + ".tmp", text, k_public_file));
    // Web servers validate caches by modification time in whole seconds (nginx's ETag is
    // mtime-size): a rebuild within the same second as the last one, with a manifest of the same
    // length, would look unchanged to every kiosk. Move the new manifest's time past the old one.
    struct stat old_manifest {};
    if (::stat(manifest_path.c_str(), &old_manifest) == 0) {
        struct stat fresh {};
        if (::stat((manifest_path + ".tmp").c_str(), &fresh) == 0 && fresh.st_mtim.tv_sec <= old_manifest.st_mtim.tv_sec) {
            const timespec times[2] = {{old_manifest.st_mtim.tv_sec + 1, 0}, {old_manifest.st_mtim.tv_sec + 1, 0}};
            ::utimensat(AT_FDCWD, (manifest_path + ".tmp").c_str(), times, 0);
        }
    }
    TRY_STATUS(write_new_file(sig_path + ".tmp", signature_line(text, public_key, secret), k_public_file));
    TRY_STATUS(rename_into_place(manifest_path + ".tmp", manifest_path));
    TRY_STATUS(rename_into_place(sig_path + ".tmp", sig_path));
    TRY_STATUS(sync_dir(options.out_dir));

    // Files of earlier builds that the new manifest no longer lists.
    for (const auto& entry : fs::directory_iterator(files_dir, ec)) {
        const std::string name = std::string(k_files_dir) + "/" + entry.path().filename().string();
        if (!stored.contains(name)) fs::remove(entry.path(), ec);
    }
    return result;
}

}  // namespace linli::bundle
