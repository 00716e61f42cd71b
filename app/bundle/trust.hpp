// Who may sign a bundle: the signature file format (manifest.sig, keys.sig) and the trusted key
// set, including key rotation (U6): keys.toml names a new key set with a higher serial and is
// accepted only when keys.sig holds a valid signature by a key of the set in force.
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::bundle {

struct TrustedKeys {
    int64_t serial = 0;  // 0: the keys pinned in kiosk.toml; each rotation adds one or more
    std::vector<crypto::PublicKey> keys;
};

// One line of a signature file: "ed25519 <public key hex> <signature hex>".
std::string signature_line(std::string_view message, const crypto::PublicKey& public_key,
                           const crypto::SecretKey& secret_key);

// Whether sig_text (file_name names it in errors) holds a valid signature of message by one of
// trusted's keys. The errors tell apart a signature that does not verify (tampering) from one by
// a key this kiosk does not trust.
Status check_signature(std::string_view message, std::string_view sig_text, std::string_view file_name,
                       const TrustedKeys& trusted);

// keys.toml: format = 1, serial = N, created = date-time, keys = ["hex", ...].
struct KeyRotation {
    int64_t serial = 0;
    int64_t created_s = 0;
    std::vector<crypto::PublicKey> keys;
};
std::string write_key_rotation(const KeyRotation& rotation);
Result<KeyRotation> parse_key_rotation(std::string_view text);

// The key set in force after a bundle that carries keys_text/keys_sig_text (both or neither):
// current when there is no rotation or it is not newer than current; the rotation's keys when it
// is newer and signed by current's keys; an error when it is newer but not so signed.
Result<TrustedKeys> apply_rotation(const TrustedKeys& current, const std::optional<std::string>& keys_text,
                                   const std::optional<std::string>& keys_sig_text);

}  // namespace linli::bundle
