// The bundle manifest (app/bundle/README.md is the format): what a signed bundle holds (every
// file's path, length and SHA-256), which content version it is, when it was made, until when it
// may be installed, and for which kiosks. Written canonically by linli-admin build; parsed only
// after its signature verified, and then checked field by field as outside input all the same.
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace linli::bundle {

inline constexpr int64_t k_format_version = 1;
// Read limits (SECURITY.md U5). A manifest lists ~150 bytes per file: 4 MiB is ~25,000 files.
inline constexpr size_t k_max_manifest_bytes = 4u * 1024u * 1024u;
inline constexpr size_t k_max_signature_bytes = 16u * 1024u;
inline constexpr size_t k_max_files = 20000;
// The largest single file: images are refused above 20 MB by the content check, a 100,000-row
// ledger is ~7 MB; 64 MiB leaves room without letting one entry claim the disk.
inline constexpr int64_t k_max_file_bytes = 64ll * 1024 * 1024;
inline constexpr int64_t k_max_total_bytes = 2ll * 1024 * 1024 * 1024;

// File names inside the bundle directory.
inline constexpr std::string_view k_manifest_name = "manifest.toml";
inline constexpr std::string_view k_manifest_sig_name = "manifest.sig";
inline constexpr std::string_view k_keys_name = "keys.toml";
inline constexpr std::string_view k_keys_sig_name = "keys.sig";
inline constexpr std::string_view k_files_dir = "files";

struct ManifestFile {
    std::string path;  // in the authoring folder: "announcements/water-outage.md"
    int64_t size = 0;
    crypto::Sha256 sha256{};
};

struct Manifest {
    int64_t format = k_format_version;
    int64_t version = 0;     // content version; only goes up
    int64_t created_s = 0;   // Unix seconds
    int64_t expires_s = 0;   // Unix seconds; not installed at or after this time
    std::vector<std::string> scope;  // kiosk ids; empty = every kiosk
    std::string board;       // the board's name, for people reading the manifest
    std::vector<ManifestFile> files;  // sorted by path
};

// Where a file is stored in the bundle: "files/<sha256 hex>".
std::string stored_name(const crypto::Sha256& hash);

// The canonical manifest text (what is signed).
std::string write_manifest(const Manifest& manifest);

// Parses and checks manifest text: format known, version > 0, times valid and expires after
// created, scope ids well formed, every path a plain relative path (U10) listed once, sizes
// within the limits, hashes 64 hex digits. Errors (Rejected) start "bundle: manifest.toml:LINE:".
Result<Manifest> parse_manifest(std::string_view text);

// Whether a kiosk id may appear in a scope (and in kiosk.toml): 1-64 of [A-Za-z0-9._-].
bool is_kiosk_id(std::string_view id);

// RFC 3339 in UTC ("2026-11-25T02:00:30Z"), as manifests carry times.
std::string format_utc(int64_t unix_s);

}  // namespace linli::bundle
