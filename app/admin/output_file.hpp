// Files linli-admin writes for people (reports, codes files): replaced whole or not at all, synced,
// with the mode given (0600 for anything residents' data or codes are in).
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <sys/types.h>

namespace linli::admin {

// Writes text to path through a temporary file beside it and a rename. what names the command in
// errors ("collect", "codes").
Status replace_file(const std::string& path, std::string_view text, mode_t mode, std::string_view what);

}  // namespace linli::admin
