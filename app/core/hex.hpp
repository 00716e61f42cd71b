// Lower-case hex of raw bytes, and back: how content files (replies.locked.toml, codes/) and
// reports write salts, hashes and sealed boxes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace linli {

std::string hex(std::string_view bytes);
// Nothing unless text is lower-case hex of min_size to max_size bytes.
std::optional<std::string> unhex(std::string_view text, size_t min_size, size_t max_size);

}  // namespace linli
