// Fuzz target for what a bundle brings besides content: manifest.toml, keys.toml, the signature
// files and key files. Invariants: nothing throws or crashes; a manifest that parses obeys every
// rule the installer relies on (plain paths listed once, sizes within limits), and writing it
// back and parsing again gives the same manifest.
#include "bundle/manifest.hpp"
#include "bundle/trust.hpp"
#include "content/paths.hpp"
#include "crypto/keys.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    auto manifest = bundle::parse_manifest(bytes);
    if (manifest) {
        FUZZ_CHECK(manifest->version > 0 && manifest->expires_s > manifest->created_s);
        std::set<std::string> paths;
        for (const bundle::ManifestFile& f : manifest->files) {
            FUZZ_CHECK(content::is_plain_relative_path(f.path));
            // "a../c" is an ordinary name; only a whole ".." component climbs out.
            FUZZ_CHECK(("/" + f.path + "/").find("/../") == std::string::npos);
            FUZZ_CHECK(f.size >= 0 && f.size <= bundle::k_max_file_bytes);
            FUZZ_CHECK(paths.insert(f.path).second);
        }
        auto again = bundle::parse_manifest(bundle::write_manifest(*manifest));
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(again->version == manifest->version && again->files.size() == manifest->files.size());
        FUZZ_CHECK(again->scope == manifest->scope && again->board == manifest->board);
    } else {
        FUZZ_CHECK(manifest.error().message.starts_with("bundle: manifest.toml"));
    }

    (void)bundle::parse_key_rotation(bytes);
    bundle::TrustedKeys nobody{0, {crypto::PublicKey{}}};
    auto signature = bundle::check_signature("message", bytes, "manifest.sig", nobody);
    FUZZ_CHECK(!signature.has_value());  // no input signs "message" with the all-zero key
    for (auto kind : {crypto::KeyKind::SignPublic, crypto::KeyKind::SealSecret})
        (void)crypto::parse_key_text(bytes, kind, "fuzz.key");
    return 0;
}
