// Text files signed by the kiosk's device key on their last line, as exports (EXPORTS.md) and
// backups (backup.hpp) are: `# signature: ed25519 <key hex> <signature hex>` over every byte before
// that line. A TOML comment, so the whole file still reads as TOML. One writer and one checker
// for both formats, so they cannot drift apart.
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"

#include <string>
#include <string_view>

namespace linli::services {

inline constexpr std::string_view k_signature_prefix = "# signature: ed25519 ";

// body (which must end in a newline), then its signature line.
std::string sign_text(std::string body, const crypto::PublicKey& key, const crypto::SecretKey& secret);

// What verify_signed_text found: the signed body (a view into the text) and its signer.
struct SignedText {
    std::string_view body;
    crypto::PublicKey signer{};
};

// Checks that text is at most max_bytes, ends with a well-formed signature line, and that the
// signature verifies with the key that line names. Rejected otherwise, as
// "<component>: <source>[:line]: what is wrong".
Result<SignedText> verify_signed_text(std::string_view text, size_t max_bytes, std::string_view component,
                                      std::string_view source);

// The error format both formats use: "<component>: <source>:<line>: what" (no line when 0).
Error text_problem(std::string_view component, std::string_view source, int line, const std::string& what);

// Exactly digits lower-case hex digits (the only spelling of keys and hashes these files allow).
bool is_lower_hex(std::string_view text, size_t digits);

}  // namespace linli::services
