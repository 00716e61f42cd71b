// Small file helpers the console's route files share (free of any HTTP library).
#pragma once

#include <string>

namespace linli::admin {

// A file's whole bytes; empty when it cannot be read (absent is the common case: a file not
// written yet).
std::string read_whole_file(const std::string& path);

// A temporary folder removed, with all in it, when this goes out of scope (a staging copy, a
// slips PDF that must never be kept).
struct RemovedAtEnd {
    std::string dir;
    ~RemovedAtEnd();
};

}  // namespace linli::admin
