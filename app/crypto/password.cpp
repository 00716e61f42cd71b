#include "crypto/password.hpp"

#include "crypto/sodium.hpp"

#include <sodium.h>

#include <charconv>

namespace linli::crypto {

namespace {

// Reads an unsigned decimal from the front of text and drops it; nothing if there is none.
bool take_number(std::string_view& text, uint32_t& out)
{
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || end == text.data())
        return false;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    return true;
}

bool take(std::string_view& text, std::string_view prefix)
{
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

// Unpadded standard base64, as the PHC string format (and libsodium) writes salt and hash. A
// length of 4k+1 can never come out of an encoder: the tell-tale of a hash cut short.
bool is_base64_field(std::string_view text)
{
    if (text.empty() || text.size() % 4 == 1)
        return false;
    for (char c : text) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '+' || c == '/';
        if (!ok)
            return false;
    }
    return true;
}

}  // namespace

bool is_pin_hash(std::string_view text)
{
    // libsodium reads the hash as a C string of fewer than STRBYTES characters.
    if (text.size() >= crypto_pwhash_argon2id_STRBYTES)
        return false;
    uint32_t version = 0, memory_kib = 0, passes = 0, lanes = 0;
    if (!take(text, crypto_pwhash_argon2id_STRPREFIX) || !take(text, "v=") ||
        !take_number(text, version) || version != 19 || !take(text, "$m=") ||
        !take_number(text, memory_kib) || !take(text, ",t=") || !take_number(text, passes) ||
        !take(text, ",p=") || !take_number(text, lanes) || !take(text, "$"))
        return false;
    // libsodium computes with one lane only, so p must be 1; a hash from another tool with
    // p=4 could never verify and would lock the administrator out.
    if (memory_kib < 8 || memory_kib > k_pin_hash_max_memory_kib || passes < 1 ||
        passes > k_pin_hash_max_passes || lanes != 1)
        return false;
    size_t dollar = text.find('$');
    if (dollar == std::string_view::npos)
        return false;
    std::string_view salt = text.substr(0, dollar), hash = text.substr(dollar + 1);
    // Salts of 8 to 48 bytes; the hash itself exactly 32 bytes (43 characters) as libsodium and
    // the common Argon2 tools write it, so a hash shortened while pasting is caught here.
    return is_base64_field(salt) && salt.size() >= 11 && salt.size() <= 64 &&
           is_base64_field(hash) && hash.size() == 43;
}

Result<std::string> hash_pin(std::string_view pin)
{
    TRY_STATUS(init_sodium());
    char out[crypto_pwhash_STRBYTES] = {};
    // An empty string_view may carry a null pointer; libsodium wants a real one.
    const char* data = pin.empty() ? "" : pin.data();
    if (crypto_pwhash_str_alg(out, data, pin.size(), k_pin_hash_opslimit,
                              k_pin_hash_memlimit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::internal("crypto: cannot hash the PIN (out of memory?)");
    return std::string(out);
}

bool verify_pin(std::string_view stored_hash, std::string_view pin)
{
    if (!init_sodium() || !is_pin_hash(stored_hash))
        return false;
    // The checks above bound the length and forbid NUL, so this copy is the exact C string.
    std::string hash(stored_hash);
    const char* data = pin.empty() ? "" : pin.data();
    return crypto_pwhash_argon2id_str_verify(hash.c_str(), data, pin.size()) == 0;
}

}  // namespace linli::crypto
