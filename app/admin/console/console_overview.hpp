// The console's 概览 (overview) as JSON: the workspace's board, what its content holds and what
// `check` finds in it (each problem as FILE:LINE and words, for the page and for file editors),
// the bundle published now (version, when made, until when kiosks take it), and the exports
// waiting in the inbox. Read from the workspace's files on each request; the content's check is
// kept only while no file of the folder changed (name, size, time), so no edit is missed.
#pragma once

#include "core/i18n.hpp"

#include <cstdint>
#include <string>

namespace linli::admin {

std::string overview_json(const std::string& workspace, Language language, int64_t now_s);

}  // namespace linli::admin
