// The shape of one-time voting codes and feedback receipt codes (INTERFACES.md §4): characters of
// an alphabet without look-alikes (no 0, 1, I or O), printed in dashed groups, read back without
// the dash and in any case. Making and hashing codes is crypto/codes.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace linli {

inline constexpr std::string_view k_code_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32: 5 bits each
inline constexpr size_t k_receipt_code_length = 8;   // 40 bits, "XXXX-XXXX"
inline constexpr size_t k_voting_code_length = 10;   // 50 bits, "XXXXX-XXXXX"

// The code in two dashed halves, as slips and screens print it ("ABCD-EF23").
std::string format_code(std::string_view code);
// What a resident typed, as the code: dashes and spaces dropped, letters upper-cased; nothing if
// any other character is left or the length is not length.
std::optional<std::string> normalize_code(std::string_view typed, size_t length);

}  // namespace linli
