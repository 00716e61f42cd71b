// The check of codes/ that needs a hash: every codes file's fingerprint must still be its
// ballot's (crypto::ballot_fingerprint). Codes issued for a ballot whose options, kind or rules
// changed since would count votes for choices residents never saw. Run by `check` and `build`.
#pragma once

#include "content/content_folder.hpp"

namespace linli::bundle {

// Adds a problem to load.problems for each codes file whose ballot changed, in load's order.
void check_ballot_codes(content::ContentLoad& load, Language language);

}  // namespace linli::bundle
