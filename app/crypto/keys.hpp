// Ed25519 signing keys (bundles, exports) and X25519 sealing keys (residents' data), SHA-256,
// and the one-line text key files `linli-admin keygen` writes. Secret keys live in SecretKey,
// which wipes its bytes when it goes away, and are never printed or put into messages.
#pragma once

#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace linli::crypto {

using PublicKey = std::array<uint8_t, 32>;   // Ed25519 or X25519 public key
using Signature = std::array<uint8_t, 64>;   // Ed25519 detached signature
using Sha256 = std::array<uint8_t, 32>;

// Secret key bytes, wiped (sodium_memzero) on destruction and never copied implicitly.
class SecretKey {
public:
    SecretKey() = default;
    explicit SecretKey(std::vector<uint8_t> bytes) : m_bytes(std::move(bytes)) {}
    SecretKey(SecretKey&&) noexcept = default;
    SecretKey& operator=(SecretKey&&) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    ~SecretKey();
    const std::vector<uint8_t>& bytes() const { return m_bytes; }

private:
    std::vector<uint8_t> m_bytes;
};

enum class KeyKind { SignPublic, SignSecret, SealPublic, SealSecret };

struct KeyPair {
    PublicKey public_key{};
    SecretKey secret_key;
};

// A fresh Ed25519 pair for signing bundles.
Result<KeyPair> generate_sign_key();
// A fresh X25519 pair for sealing residents' data (crypto_box_seal).
Result<KeyPair> generate_seal_key();

// The public half of an Ed25519 secret key (libsodium keeps it in the secret key's last 32 bytes).
PublicKey sign_public_key_of(const SecretKey& secret);

// The detached signature of message by an Ed25519 secret key (64 bytes).
Signature sign_detached(std::string_view message, const SecretKey& secret);
// Whether signature is public_key's signature of exactly these bytes.
bool verify_detached(std::string_view message, const Signature& signature, const PublicKey& public_key);

// Lower-case hex, and back (nothing for odd length or a non-hex character).
std::string to_hex(const uint8_t* data, size_t size);
template <size_t N>
std::string to_hex(const std::array<uint8_t, N>& bytes) { return to_hex(bytes.data(), N); }
bool from_hex(std::string_view hex, uint8_t* out, size_t out_size);

// SHA-256 of bytes in memory, and incrementally (for files read in pieces).
Sha256 sha256(std::string_view data);
class Sha256Stream {
public:
    Sha256Stream();
    void update(const void* data, size_t size);
    Sha256 finish();

private:
    alignas(16) unsigned char m_state[128];  // crypto_hash_sha256_state (104 bytes) with room
};

// Key files: "# comment" lines, then one line "<tag> <hex>", where tag names the kind
// (LINLI-ED25519-PUBLIC, LINLI-ED25519-SECRET, LINLI-X25519-PUBLIC, LINLI-X25519-SECRET).
std::string key_file_text(KeyKind kind, const uint8_t* key, size_t size);
// Reads a public key file of the given kind; errors name the file and what is wrong.
Result<PublicKey> read_public_key_file(const std::string& path, KeyKind kind);
// Reads a secret key file; refused when others may read it (mode wider than 0600).
Result<SecretKey> read_secret_key_file(const std::string& path, KeyKind kind);
// Parses key file text (for tests and fuzzing); source names it in errors.
Result<std::vector<uint8_t>> parse_key_text(std::string_view text, KeyKind kind, std::string_view source);

}  // namespace linli::crypto
