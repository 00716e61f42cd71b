// The office console's replies to residents' messages: feedback/replies.toml with one reply set
// (added at the end, or the [[reply]] table of the same receipt code replaced), every other
// table, comment and byte of the file as it was.
#pragma once

#include "core/replies.hpp"

#include <string>
#include <string_view>

namespace linli::content {

// reply.code: a receipt code in any form a person types ("abcd2345", "ABCD-2345"); day_s 0: no
// date line. reply.message and topic are written only for a public reply.
std::string set_reply(std::string_view replies_text, const AuthoredReply& reply, const std::string& date);

}  // namespace linli::content
