// `linli-admin verify BUNDLE_DIR --pub KEYDIR_OR_FILE`: checks a bundle as a kiosk would before
// installing it (signature, key rotation, manifest, every file's length and SHA-256), without
// a kiosk's version, expiry and scope policy, and says what it holds.
#include "admin/command.hpp"

#include "bundle/verify.hpp"

#include <cstdio>
#include <filesystem>
#include <limits>

namespace linli::admin {

Status run_verify(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin verify BUNDLE_DIR --pub KEYDIR_OR_FILE\n\n"
                   "Checks the bundle's signature against the public key (KEYDIR/sign.pub or a .pub file),\n"
                   "and every file's length and SHA-256 against the manifest. A bundle carrying a key\n"
                   "rotation verifies with the old or the new key. Exit 2 with the reason if anything is wrong.\n",
                   stdout);
        return {};
    }
    std::string dir, pub;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--pub" && i + 1 < args.size()) pub = args[++i];
        else if (!args[i].starts_with("--") && dir.empty()) dir = args[i];
        else return Error::rejected("verify: unexpected argument \"" + std::string(args[i]) +
                                    "\" (usage: linli-admin verify BUNDLE_DIR --pub KEYDIR_OR_FILE)");
    }
    if (dir.empty() || pub.empty()) return Error::rejected("verify: BUNDLE_DIR and --pub are required");
    if (!std::filesystem::is_directory(dir)) return Error::rejected("verify: " + dir + ": no such bundle folder");
    if (std::filesystem::is_directory(pub)) pub += "/sign.pub";
    const crypto::PublicKey key = TRY(crypto::read_public_key_file(pub, crypto::KeyKind::SignPublic));

    bundle::DirectorySource source(dir);
    // As a kiosk that still trusts this key would see it (a rotation away from it applies); if
    // the key is the one a rotation introduced, as a kiosk that has already rotated.
    auto signed_manifest = bundle::read_signed_manifest(source, {0, {key}});
    if (!signed_manifest) {
        auto rotated = bundle::read_signed_manifest(source, {std::numeric_limits<int64_t>::max(), {key}});
        if (!rotated) return signed_manifest.release_error();
        signed_manifest = std::move(rotated);
    }
    const bundle::Manifest& m = signed_manifest->manifest;
    int64_t total = 0;
    for (const bundle::ManifestFile& f : m.files) {
        const std::string name = bundle::stored_name(f.sha256);
        // One byte more than listed is read, to tell "longer" from "larger than the limit".
        auto data = source.read_small(name, static_cast<size_t>(f.size) + 1);
        if (!data) return data.release_error();
        if (!*data) return Error::rejected("verify: " + dir + "/" + name + " (" + f.path + "): missing");
        if (static_cast<int64_t>((*data)->size()) > f.size)
            return Error::rejected("verify: " + dir + "/" + name + " (" + f.path + "): longer than the " +
                                   std::to_string(f.size) + " bytes the manifest lists");
        if (static_cast<int64_t>((*data)->size()) != f.size)
            return Error::rejected("verify: " + dir + "/" + name + " (" + f.path + "): truncated: " +
                                   std::to_string((*data)->size()) + " of " + std::to_string(f.size) + " bytes");
        if (crypto::sha256(**data) != f.sha256)
            return Error::rejected("verify: " + dir + "/" + name + " (" + f.path + "): does not match its SHA-256");
        total += f.size;
    }
    std::printf("verify: ok: %s: version %lld, created %s, expires %s, %zu files (%lld bytes), %s%s\n", dir.c_str(),
                static_cast<long long>(m.version), bundle::format_utc(m.created_s).c_str(),
                bundle::format_utc(m.expires_s).c_str(), m.files.size(), static_cast<long long>(total),
                m.scope.empty() ? "for every kiosk" : "scope:",
                [&] {
                    std::string ids;
                    for (const std::string& id : m.scope) ids += " " + id;
                    return ids;
                }().c_str());
    if (signed_manifest->rotated)
        std::printf("verify: carries signing key set %lld (a key rotation signed by this key)\n",
                    static_cast<long long>(signed_manifest->trust.serial));
    return {};
}

}  // namespace linli::admin
