// Wording shared by every message that quotes what an administrator wrote (config, content,
// scripts): one way to show a value, so all of Linli's errors read alike.
#pragma once

#include <string>
#include <string_view>

namespace linli {

// text in double quotes, with quotes, backslashes and control characters escaped, cut after 60
// bytes at a character boundary ("...") so one bad value cannot make a message pages long.
std::string shown_value(std::string_view text);

}  // namespace linli
