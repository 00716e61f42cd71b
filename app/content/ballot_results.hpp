// results/<ballot-id>.toml: a ballot's count as `linli-admin collect` wrote it (INTERFACES.md §4),
// copied into the content folder so the next bundle publishes it. Checked against the ballot:
// its questions and options must be those of ballots/<id>.toml, and the counts must add up.
// Kiosks show a result only once the ballot has closed by their clock.
#pragma once

#include "content/diagnostics.hpp"
#include "core/content_model.hpp"

#include <string>
#include <string_view>

namespace linli::content {

inline constexpr std::string_view k_results_dir = "results";

// One results file, bytes as read; content.ballots must be loaded. Fills content.ballot_results
// and reports problems. Used by the loader and the fuzz target.
void parse_ballot_results_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content);

}  // namespace linli::content
