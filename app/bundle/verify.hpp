// The checks every bundle passes before anything of it is used, whatever its source: signature
// by a trusted key (U1, with rotation U6), then the manifest's own checks, then the kiosk's
// policy: newer than what is installed (U2), not expired by max(clock, clock floor) (U3), meant
// for this kiosk (U8). File lengths and hashes (U4) are checked as each file arrives.
#pragma once

#include "bundle/manifest.hpp"
#include "bundle/source.hpp"
#include "bundle/trust.hpp"
#include "core/result.hpp"

#include <string>

namespace linli::bundle {

struct SignedManifest {
    Manifest manifest;
    std::string text;       // exactly the bytes that were signed
    TrustedKeys trust;      // the key set in force after this bundle
    bool rotated = false;   // the bundle carries a newer key set, signed by the old one
};

// Reads manifest.toml and manifest.sig (and keys.toml/keys.sig when present) with bounded reads,
// applies a key rotation signed by current, verifies the manifest's signature, then parses it.
Result<SignedManifest> read_signed_manifest(BundleSource& source, const TrustedKeys& current);

struct InstallPolicy {
    std::string kiosk_id;
    int64_t installed_version = 0;  // 0: nothing installed yet
    int64_t trusted_now_s = 0;      // max(clock, clock floor)
};

Status check_policy(const Manifest& manifest, const InstallPolicy& policy);

// SHA-256 of a local file, read in pieces; Internal error when it cannot be read.
Result<crypto::Sha256> sha256_of_file(const std::string& path);

// Whether the local file at path is exactly the manifest's file (length, then hash).
bool file_matches(const std::string& path, const ManifestFile& file);

}  // namespace linli::bundle
