// The inbox side of `linli-admin serve`, free of any HTTP library: kiosks PUT their residents'
// data exports, which land in the inbox directory whole or not at all (temp file, fsync, rename
// without replacing, directory fsync). A retried upload of the same bytes is a success; an upload
// that would change an export already received is refused, and the stored one stays as it was.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace linli::admin {

// Exports are irreplaceable residents' data but small; 64 MiB is far above any real one.
constexpr uint64_t k_inbox_max_bytes = 64ull * 1024 * 1024;

// [A-Za-z0-9][A-Za-z0-9._-]{0,127}: no path separators, no hidden names, no `..`.
bool is_inbox_name(std::string_view name);

// Creates DIR (0700) if it is missing, and checks that it is a directory we may write into.
// Returns whether it was created, for the start-up message.
Result<bool> prepare_inbox(const std::string& dir);

enum class InboxOutcome {
    Stored,         // 201: new file DIR/NAME
    Identical,      // 200: DIR/NAME already held exactly these bytes (a retry)
    Conflict,       // 409: DIR/NAME holds other bytes; left untouched, the upload dropped
    TooLarge,       // 413: the body passed k_inbox_max_bytes; reading stopped, nothing kept
    Incomplete,     // 400: the body ended early (client gone, bad chunking); nothing kept
    Empty,          // 400: no bytes at all; stored, it would block the real export's name
    StorageFailed,  // 507 when the disk is full, 500 otherwise; nothing kept
};

struct InboxResult {
    InboxOutcome outcome = InboxOutcome::StorageFailed;
    uint64_t bytes = 0;  // body bytes received
    std::string detail;  // for StorageFailed: what failed, for the log
    bool disk_full = false;
};

// Feeds the request body to the sink chunk by chunk; returns false when the body could not be
// read to its end, or when the sink returned false (which stops reading).
using BodySink = std::function<bool(const char* data, size_t size)>;
using BodyReader = std::function<bool(const BodySink& sink)>;

// Receives one upload into DIR/NAME (NAME already checked with is_inbox_name).
InboxResult receive_upload(const std::string& dir, const std::string& name, const BodyReader& read_body,
                           uint64_t max_bytes = k_inbox_max_bytes);

}  // namespace linli::admin
