// The console's 概览 (overview) as JSON: the workspace's board, what its content holds and what
// `check` finds in it (each problem as FILE:LINE and words, for the page and for file editors),
// the bundle published now (version, when made, until when kiosks take it), and the exports
// waiting in the inbox. Read from the workspace's files on each request; the content's check is
// kept only while no file of the folder changed (name, size, time), so no edit is missed.
#pragma once

#include "content/content_folder.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace linli::admin {

std::string overview_json(const std::string& workspace, Language language, int64_t now_s);

// The workspace's content as check reads it (ballot codes checked too), kept while no file of the
// folder changed; an error when the folder cannot be read at all.
Result<std::shared_ptr<const content::ContentLoad>> workspace_content(const std::string& workspace, Language language);

// The workspace's content as check would read it with rel ("finance/ledger.csv") holding bytes
// instead: checked in a staging folder of hard links beside content/ (same file system, no
// copies), removed afterwards. Nothing of content/ is touched.
Result<content::ContentLoad> content_with_file(const std::string& workspace, const std::string& rel, std::string_view bytes,
                                               Language language);

}  // namespace linli::admin
