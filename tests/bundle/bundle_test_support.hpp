// Shared by the bundle tests: a signing key written as `linli-admin keygen` writes it, a copy of
// the shipped demo folder to author bundles from, building and re-signing bundles, and a
// fingerprint of what a kiosk has installed so a test can prove "nothing changed".
#pragma once

#include "../store/store_test_support.hpp"
#include "bundle/build.hpp"
#include "bundle/install.hpp"
#include "bundle/trust.hpp"
#include "crypto/keys.hpp"
#include "store/kiosk_state.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace linli::bundle::test {

using store::test::TempDir;

inline std::string read_all(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_all(const std::string& path, std::string_view data)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    REQUIRE(out);
}

// A key folder with sign.key (0600) and sign.pub.
struct TestKey {
    std::string dir;
    crypto::PublicKey public_key{};
    crypto::SecretKey secret;

    explicit TestKey(std::string key_dir) : dir(std::move(key_dir))
    {
        auto pair = crypto::generate_sign_key();
        REQUIRE(pair);
        public_key = pair->public_key;
        secret = std::move(pair->secret_key);
        std::filesystem::create_directories(dir);
        write_all(dir + "/sign.key", crypto::key_file_text(crypto::KeyKind::SignSecret, secret.bytes().data(),
                                                          secret.bytes().size()));
        ::chmod((dir + "/sign.key").c_str(), 0600);
        write_all(dir + "/sign.pub", crypto::key_file_text(crypto::KeyKind::SignPublic, public_key.data(), 32));
    }
    TrustedKeys trusted() const { return {0, {public_key}}; }
};

inline std::string demo_folder() { return std::string(LINLI_SOURCE_DIR) + "/assets/demo"; }

// 2026-11-25 10:00:30 +08:00, the tests' "now".
inline constexpr int64_t k_now = 1795572030;

inline BuildResult build(const std::string& content, const TestKey& key, const std::string& out, int64_t version,
                         int64_t now_s = k_now, std::vector<std::string> scope = {}, int expires_days = 60)
{
    BuildOptions options;
    options.content_dir = content;
    options.key_dir = key.dir;
    options.out_dir = out;
    options.version = version;
    options.now_s = now_s;
    options.scope = std::move(scope);
    options.expires_days = expires_days;
    auto result = build_bundle(options);
    REQUIRE(result);
    REQUIRE(result->problems.empty());
    REQUIRE_FALSE(result->refused_mismatch);
    return std::move(*result);
}

// Signs the bundle's manifest.toml as it now is (for tests that forge a well-signed bad manifest).
inline void resign(const std::string& bundle_dir, const TestKey& key)
{
    write_all(bundle_dir + "/manifest.sig",
              signature_line(read_all(bundle_dir + "/manifest.toml"), key.public_key, key.secret));
}

inline InstallTarget target_for(const std::string& data_dir, const TestKey& key, int64_t now_s = k_now,
                                std::string kiosk_id = "lobby-1")
{
    InstallTarget target;
    target.data_dir = data_dir;
    target.kiosk_id = std::move(kiosk_id);
    target.pinned = key.trusted();
    target.now_s = now_s;
    target.source_kind = "import";
    target.messages = Language::English;
    return target;
}

// What the kiosk has installed, down to the bytes: the kiosk.db record and the content file.
struct InstalledFingerprint {
    int64_t version = 0;
    std::string file;
    std::string content_bytes_hash;
    std::string key_set;
    bool operator==(const InstalledFingerprint&) const = default;
};

inline InstalledFingerprint fingerprint(const std::string& data_dir)
{
    InstalledFingerprint f;
    auto state = store::KioskState::open(data_dir + "/kiosk.db");
    REQUIRE(state);
    auto installed = state->installed_content();
    REQUIRE(installed);
    if (*installed) {
        f.version = (*installed)->version;
        f.file = (*installed)->file;
        f.content_bytes_hash = crypto::to_hex(crypto::sha256(read_all(data_dir + "/" + f.file)));
    }
    auto rotated = state->rotated_keys();
    REQUIRE(rotated);
    if (*rotated)
        for (const auto& k : (*rotated)->keys_hex) f.key_set += k + ";";
    return f;
}

}  // namespace linli::bundle::test

namespace Catch {
template <>
struct StringMaker<linli::bundle::test::InstalledFingerprint> {
    static std::string convert(const linli::bundle::test::InstalledFingerprint& f)
    {
        return "{version " + std::to_string(f.version) + ", " + f.file + ", " + f.content_bytes_hash.substr(0, 12) + "}";
    }
};
}  // namespace Catch
