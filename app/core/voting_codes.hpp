// The hashes of one-time voting codes, as `linli-admin codes` writes them into the content folder
// (codes/<ballot-id>/<kiosk-id>.toml) and bundles carry them to the kiosks: one file per ballot
// and kiosk, one batch per run of the command (a second run adds codes to the first). The codes
// themselves exist only on the printed slips.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace linli {

inline constexpr size_t k_code_hash_bytes = 16;
inline constexpr size_t k_code_salt_bytes = 16;
inline constexpr size_t k_max_codes_per_file = 100000;

struct CodeBatch {
    std::string salt;    // k_code_salt_bytes, one per batch: a kiosk hashes a typed code once per batch
    int ops = 0;         // Argon2id passes
    int mem_kib = 0;     // Argon2id memory
    std::string hashes;  // k_code_hash_bytes per code, concatenated; sorted once read (see below)
    size_t count() const { return hashes.size() / k_code_hash_bytes; }
};

struct BallotCodes {
    std::string ballot;       // the ballot's id
    std::string kiosk;        // the one kiosk where these codes are valid
    std::string fingerprint;  // the ballot as it was when the codes were issued (hex SHA-256)
    std::vector<CodeBatch> batches;
    std::string file;          // "codes/<ballot>/<kiosk>.toml", for check's messages
    int fingerprint_line = 0;
    size_t count() const
    {
        size_t n = 0;
        for (const auto& b : batches) n += b.count();
        return n;
    }
};

// The hashes (k_code_hash_bytes each, concatenated) in ascending byte order.
std::string sorted_code_hashes(std::string_view hashes);
// Whether hash is among sorted hashes (a binary search: 100,000 codes take 17 comparisons).
bool code_hash_listed(std::string_view sorted_hashes, std::string_view hash);

}  // namespace linli
