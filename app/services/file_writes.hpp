// Writing files that must be whole or absent after a power cut or a pulled stick: a hidden
// temporary file, fsync, a rename into place, a directory fsync. Shared by exports (a rename that
// never replaces: a chain must not fork) and backups (a rename over the previous backup: only the
// newest matters). Errors are Internal, "<component>: <file>: what"; callers decide what a failure
// means.
#pragma once

#include "core/result.hpp"

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace linli::services {

std::string errno_text(int error);
// fsync of a directory, so a rename or a new entry in it survives a power cut.
bool fsync_dir(const std::string& dir);
// Creates path (which must not exist; a symlink there is refused) with exactly these bytes,
// fsynced, mode regardless of the umask. Callers write under a temporary name and publish with
// a rename or link, so no half-written file ever has the real name.
Status write_new_file(std::string_view component, const std::string& path, std::string_view bytes, mode_t mode);
// 0 or errno. RENAME_NOREPLACE where the file system has it; elsewhere a check just before.
int rename_no_replace(const std::string& from, const std::string& to);
// "dir/.name.tmp-<pid>-<random>": hidden, so readers of the folder skip it, and unguessable.
std::string temp_name(const std::string& dir, std::string_view name);
// The whole file (at most max_bytes + 1 bytes are read, so the caller can tell "too large"), or
// nothing when path does not exist.
Result<std::optional<std::string>> read_if_exists(std::string_view component, const std::string& path, size_t max_bytes);

// Free bytes on the disk holding path's folder (D3), or -1 when it cannot be told.
int64_t free_bytes_beside(const std::string& path);

}  // namespace linli::services
