// Small POSIX file-system helpers the sync layer shares (USB exports, downloaded bundles).
// A new or renamed directory entry is durable only once its parent directory is fsynced, and a
// stick can be pulled the moment the screen says "done".
#pragma once

#include "core/result.hpp"

#include <string>

namespace linli::sync {

// fsync()s the directory at path so entries created, renamed or removed in it survive a power cut
// or a pulled stick. A file system that cannot sync directories (EINVAL) counts as success.
Status sync_dir(const std::string& path);

}  // namespace linli::sync
