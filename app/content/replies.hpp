// feedback/replies.toml (the administrators' replies, with receipt codes: stays in the office) and
// feedback/replies.locked.toml (what bundles carry instead; no code in it). See replies.cpp.
#pragma once

#include "content/diagnostics.hpp"
#include "core/content_model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace linli::content {

inline constexpr std::string_view k_replies_path = "feedback/replies.toml";
inline constexpr std::string_view k_locked_replies_name = "replies.locked.toml";
inline constexpr std::string_view k_locked_replies_path = "feedback/replies.locked.toml";

// One replies file (either kind, told apart by rel's name), bytes as read: fills authored,
// public or locked replies of content and reports problems. Used by the loader and the fuzz target.
void parse_replies_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content);

// The text of feedback/replies.locked.toml for these replies.
std::string locked_replies_text(const std::vector<PublicReply>& public_replies, const std::vector<LockedReply>& locked);

}  // namespace linli::content
