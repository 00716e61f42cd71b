// Loading a whole content authoring folder (INTERFACES.md §3) into a ContentSet, with every
// problem found reported at once (as `linli-admin check` prints them). Nothing is half-applied:
// callers use the ContentSet only when problems is empty.
#pragma once

#include "content/diagnostics.hpp"
#include "core/content_model.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"

#include <string>
#include <vector>

namespace linli::content {

struct ContentLoad {
    ContentSet content;
    std::vector<Diagnostic> problems;  // errors, sorted by file, then line; empty = the folder is valid
    std::vector<Diagnostic> warnings;  // sorted the same way; never make the folder invalid

    // Warnings about declared balances that do not reconcile: build refuses them unless told to
    // publish the mismatch (the kiosk then shows it to residents in red).
    size_t mismatches() const;
};

// Parses every file of the folder. An error (Rejected) only when dir is not a readable folder;
// every problem inside it is a Diagnostic, worded in the given language.
Result<ContentLoad> load_content_folder(const std::string& dir, Language messages);

}  // namespace linli::content
