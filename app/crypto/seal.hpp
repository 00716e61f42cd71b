// Sealing residents' data (SECURITY.md "Residents' data"): a feedback text or ballot is sealed to
// the administrators' X25519 public key the moment it is stored (crypto_box_seal), so the kiosk
// keeps only ciphertext it cannot open itself. Also the small helpers exports need around sealed
// records: base64 for text files, and unbiased random indices for shuffling (B4, F3).
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace linli::crypto {

// Bytes a sealed box adds to its plaintext (ephemeral public key + MAC).
inline constexpr size_t k_seal_overhead = 48;

// The plaintext sealed to seal_pub: only the holder of the matching secret key can open it, and
// nobody (the kiosk included) can tell who sealed it. Internal error only if libsodium fails.
Result<std::string> seal(std::string_view plaintext, const PublicKey& seal_pub);

// The plaintext of a sealed box; Rejected when it is not a box sealed to this key pair or was
// changed (a short, truncated or tampered ciphertext, or the wrong key).
Result<std::string> open_sealed(std::string_view ciphertext, const PublicKey& seal_pub, const SecretKey& seal_secret);

// Standard base64 with padding (RFC 4648 §4), and back: nothing for anything else (no
// whitespace, no missing padding), so one byte string has exactly one text.
std::string to_base64(std::string_view bytes);
bool from_base64(std::string_view text, std::string& out);

// A uniformly random number in [0, upper) from libsodium's CSPRNG (upper > 0).
uint32_t random_below(uint32_t upper);

}  // namespace linli::crypto
