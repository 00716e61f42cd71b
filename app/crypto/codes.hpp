// One-time voting codes and feedback receipt codes (INTERFACES.md §4): random characters of an
// alphabet without look-alikes (no 0/O, 1/I/L), printed in dashed groups, read back without the
// dash and in any case; and their Argon2id hashes, so a kiosk keeps no code in clear.
#pragma once

#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli::crypto {

inline constexpr std::string_view k_code_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32: 5 bits each
inline constexpr size_t k_receipt_code_length = 8;   // 40 bits, "XXXX-XXXX"
inline constexpr size_t k_voting_code_length = 10;   // 50 bits, "XXXXX-XXXXX"

// length characters of k_code_alphabet from libsodium's generator.
std::string random_code(size_t length);
// The code in two dashed halves, as slips and screens print it ("ABCD-EF23").
std::string format_code(std::string_view code);
// What a resident typed, as the code: dashes and spaces dropped, letters upper-cased; nothing if
// any other character is left or the length is not length.
std::optional<std::string> normalize_code(std::string_view typed, size_t length);

using CodeHash = std::array<uint8_t, 32>;
// Argon2id (t=2, 8 MiB: about 20 ms here) of the code under salt. Trying all 2^40 receipt codes
// against a stolen database takes centuries; a submission waits a few tens of ms.
Result<CodeHash> hash_code(std::string_view code, const std::array<uint8_t, 16>& salt);

}  // namespace linli::crypto
