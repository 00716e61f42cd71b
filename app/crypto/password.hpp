// PIN hashing for the kiosk's admin panel (SECURITY.md D5): Argon2id strings in the standard
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" form, made by `linli-admin hash-pin` and stored as
// pin_hash in kiosk.toml. Hashing is deliberately slow; never call it on the kiosk's start-up path.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace linli::crypto {

// Work factors for new hashes. OPSLIMIT_INTERACTIVE (t=2) with 32 MiB instead of libsodium's
// interactive 64 MiB: a 1 GB Raspberry Pi also holds the UI, the glyph atlas and SQLite, and
// 32 MiB still keeps a guess at well over 100 ms there (above OWASP's 19 MiB, t=2 floor).
inline constexpr uint64_t k_pin_hash_opslimit = 2;
inline constexpr size_t k_pin_hash_memlimit_bytes = 32u * 1024u * 1024u;

// Largest work factors verify_pin() will run. A hash is outside input (kiosk.toml), and a typo
// like m=4194304 would make the kiosk try to take 4 GiB on a 1 GB Pi and meet the OOM killer.
inline constexpr uint32_t k_pin_hash_max_memory_kib = 256u * 1024u;
inline constexpr uint32_t k_pin_hash_max_passes = 16;

// An Argon2id hash of the PIN with a fresh random salt; internal error only if libsodium fails.
Result<std::string> hash_pin(std::string_view pin);

// True only when stored_hash is a well-formed "$argon2id$" hash (within the limits above) of
// exactly this PIN. Malformed, truncated, foreign (argon2i, bcrypt...) hashes give false.
bool verify_pin(std::string_view stored_hash, std::string_view pin);

// Whether text has the complete shape of a hash verify_pin() would run (prefix, version,
// parameters within limits, salt and hash in base64), without running Argon2. For config checks.
bool is_pin_hash(std::string_view text);

}  // namespace linli::crypto
