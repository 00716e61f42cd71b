// codes/<ballot-id>/<kiosk-id>.toml: the hashes of a ballot's voting codes valid at one kiosk, as
// `linli-admin codes` writes them (core/voting_codes.hpp). See ballot_codes.cpp for the checks.
#pragma once

#include "content/diagnostics.hpp"
#include "core/content_model.hpp"

#include <string>
#include <string_view>

namespace linli::content {

inline constexpr std::string_view k_codes_dir = "codes";

// "codes/<ballot>/<kiosk>.toml".
std::string ballot_codes_path(std::string_view ballot, std::string_view kiosk);

// One codes file, bytes as read (rel names the ballot and the kiosk); content.ballots must be
// loaded. Fills content.ballot_codes and reports problems. Used by the loader and the fuzz target.
void parse_ballot_codes_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content);

// The file's text for these codes.
std::string ballot_codes_text(const BallotCodes& codes);

// 1-64 of A-Z a-z 0-9 . _ - (the kiosk ids of kiosk.toml and of exports).
bool is_kiosk_id(std::string_view id);

}  // namespace linli::content
