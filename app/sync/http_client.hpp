// HttpClient: the kiosk's side of LAN sync over HTTP (libcurl): fetch a bundle's manifest into
// memory, its content files onto disk, and upload exports by PUT. Everything a server sends is
// outside input (SECURITY.md U5): every read is bounded in bytes and in time, so a hostile or
// broken server can neither fill memory nor hold a worker forever.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace linli::sync {

struct HttpOptions {
    std::string kiosk_id;                  // sent as X-Linli-Kiosk so the server can log who polls
    std::string status;                    // if set, sent as X-Linli-Status (services/poll_status)
    long connect_timeout_s = 10;
    long low_speed_limit_bytes_s = 1024;   // slower than this for low_speed_time_s: give up
    long low_speed_time_s = 30;
    long total_timeout_s = 600;            // whole request, whatever the speed
    // Set by another thread to abandon a transfer (kiosk shutting down). libcurl looks at it
    // about once a second while a transfer is stalled, more often while data flows.
    const std::atomic<bool>* cancel = nullptr;
};

// A response's cache validators: kept from one poll to the next for a conditional GET.
struct Validators {
    std::string etag;           // as the server sent it, quotes and W/ included
    std::string last_modified;  // HTTP date, as the server sent it
    bool empty() const { return etag.empty() && last_modified.empty(); }
};

// Whether a 404 is a failure or an answer ("the bundle has no keys.toml").
enum class WhenMissing { Fail, ReportAbsent };

struct FetchedBytes {
    bool not_modified = false;  // 304: the validators still match; body is empty
    bool absent = false;        // 404 under WhenMissing::ReportAbsent; body is empty
    std::string body;
    Validators validators;      // from this response (on 304, the ones passed in if it had none)
};

// One handle, reused so that the files of a bundle share a connection. Not thread-safe: give
// each worker thread its own client. Redirects are not followed and no proxy is used (not even
// one named in http_proxy/https_proxy): the kiosk talks to the one LAN address in its config.
class HttpClient {
public:
    // Fails (rejected) if the kiosk id is empty or cannot be sent in a header; internal if libcurl
    // cannot start. The timeouts and the speed limit must be positive (libcurl reads 0 as "none").
    static Result<HttpClient> create(HttpOptions options);

    HttpClient(HttpClient&&) noexcept;
    HttpClient& operator=(HttpClient&&) noexcept;
    ~HttpClient();

    // GET into memory. A body longer than max_bytes is cut off as soon as it passes the limit
    // (rejected, "... is longer than N bytes"), whether announced by Content-Length or not.
    // Non-empty `previous` makes the request conditional (If-None-Match / If-Modified-Since).
    Result<FetchedBytes> get(const std::string& url, std::size_t max_bytes,
                             const Validators& previous = {},
                             WhenMissing when_missing = WhenMissing::Fail);

    // GET into `path` (created or truncated, mode 0600, symlinks not followed), for a file whose
    // exact length the signed manifest declares. A body of any other length is rejected; on any
    // failure the file is removed, so nothing at `path` is ever a partial download. The file is
    // fsynced (its directory is not: the caller renames it into place and syncs that).
    // Returns the number of bytes written, which equals expected_length.
    Result<std::uint64_t> get_to_file(const std::string& url, const std::filesystem::path& path,
                                      std::uint64_t expected_length);

    // PUT a local file. Success is 200, 201 or 204; any other status is an error naming it.
    Status put_file(const std::string& url, const std::filesystem::path& path);

private:
    struct Impl;
    explicit HttpClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace linli::sync
