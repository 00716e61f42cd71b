// Small file helpers the console's route files share (free of any HTTP library).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli::admin {

// A file's whole bytes; empty when it cannot be read (absent is the common case: a file not
// written yet).
std::string read_whole_file(const std::string& path);

// A content file's bytes (at most 1 MiB), never through a symlink or from anything but a
// regular file (U10); nothing when it cannot be read.
std::optional<std::string> read_content_file(const std::string& path);

// An item's file name without extension: 1-64 of [A-Za-z0-9_-], not starting with - or _.
bool is_item_id(const std::string& id);

// A new item's id in dir: PREFIX-YYYYMMDD-N (notice-20261125-1, the day of now_s on this PC),
// the first N with no file of that name and extension.
std::string new_item_id(const std::string& dir, std::string_view prefix, std::string_view extension, int64_t now_s);

// A temporary folder removed, with all in it, when this goes out of scope (a staging copy, a
// slips PDF that must never be kept).
struct RemovedAtEnd {
    std::string dir;
    ~RemovedAtEnd();
};

}  // namespace linli::admin
