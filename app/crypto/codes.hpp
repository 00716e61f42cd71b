// One-time voting codes and feedback receipt codes (INTERFACES.md §4): random characters of an
// alphabet without look-alikes (no 0, 1, I or O), printed in dashed groups, read back without the
// dash and in any case; and their Argon2id hashes, so a kiosk keeps no code in clear.
#pragma once

#include "core/codes.hpp"
#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli::crypto {

using linli::format_code;
using linli::k_code_alphabet;
using linli::k_receipt_code_length;
using linli::k_voting_code_length;
using linli::normalize_code;

// length characters of k_code_alphabet from libsodium's generator.
std::string random_code(size_t length);

using CodeHash = std::array<uint8_t, 32>;
// Argon2id (t=2, 8 MiB: about 20 ms here) of the code under salt. Trying all 2^40 receipt codes
// against a stolen database takes centuries; a submission waits a few tens of ms.
Result<CodeHash> hash_code(std::string_view code, const std::array<uint8_t, 16>& salt);

}  // namespace linli::crypto
