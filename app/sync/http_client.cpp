// HttpClient over the libcurl easy interface. Index:
//   [SECTION] Library start-up and small helpers
//   [SECTION] One transfer: what the callbacks collect
//   [SECTION] Turning a finished transfer into a Result
//   [SECTION] HttpClient
#include "sync/http_client.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>
#include <string_view>
#include <utility>

// The top-level CMakeLists.txt knows the version (project(linli VERSION ...)); until it passes it
// down, keep this in step with it and with linli-kiosk --version.
#ifndef LINLI_VERSION
#define LINLI_VERSION "0.1.0"
#endif

namespace linli::sync {

// [SECTION] Library start-up and small helpers ==================================================
namespace {

// Headers are outside input too: without a cap an endless header section would keep a worker
// busy until the total timeout. Real servers send a few hundred bytes.
constexpr std::size_t k_max_header_bytes = 64 * 1024;
// What a PUT's reply body may hold; we only read its status, the body is dropped.
constexpr std::size_t k_max_reply_bytes = 64 * 1024;

// curl_global_init is not thread-safe in every libcurl build, and workers may create clients
// concurrently; once per process, never cleaned up (the process ends first).
Status init_curl_once()
{
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK)
        return Error::internal(std::string("sync: libcurl does not start: ") +
                               curl_easy_strerror(result));
    return {};
}

bool has_control_char(std::string_view s)
{
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f)
            return true;
    return false;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

// The URL as messages show it: a password in "http://user:pass@host/" must not reach a log or
// the admin panel.
std::string shown_url(const std::string& url)
{
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
        return url;
    auto authority = scheme_end + 3;
    auto authority_end = url.find_first_of("/?#", authority);
    auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
    if (at == std::string::npos || at < authority)
        return url;
    return url.substr(0, authority) + "***@" + url.substr(at + 1);
}

std::string trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return std::string(s);
}

std::string errno_text(int error) { return std::strerror(error); }

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// Appends to a header list; false only when libcurl is out of memory.
bool append(Slist& list, const std::string& line)
{
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown)
        return false;
    list.release();
    list.reset(grown);
    return true;
}

// [SECTION] One transfer: what the callbacks collect ============================================

enum class SinkKind { Memory, File, Discard };

struct Transfer {
    // Response, as the header callback sees it. A new status line (after a 100 Continue, say)
    // starts over.
    long status = 0;
    Validators validators;
    std::size_t header_bytes = 0;
    bool headers_too_long = false;

    // Body: kept only for a 2xx status, and never more than `limit` bytes.
    SinkKind sink = SinkKind::Discard;
    std::string* memory = nullptr;
    int fd = -1;
    std::uint64_t limit = 0;
    std::uint64_t received = 0;
    bool over_limit = false;
    bool body_of_error_status = false;  // stopped reading a non-2xx body on purpose
    int write_errno = 0;
    bool out_of_memory = false;

    // Upload source for PUT.
    int upload_fd = -1;
    int read_errno = 0;

    const std::atomic<bool>* cancel = nullptr;
    bool cancelled = false;

    // libcurl's own words for a failure; owned by the client, since the handle keeps the pointer.
    const char* curl_error = "";
};

bool is_success(long status) { return status >= 200 && status < 300; }

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& t = *static_cast<Transfer*>(user);
    std::size_t n = size * count;
    t.header_bytes += n;
    if (t.header_bytes > k_max_header_bytes) {
        t.headers_too_long = true;
        return 0;
    }
    std::string_view line(data, n);
    if (line.substr(0, 5) == "HTTP/") {
        t.status = 0;
        t.validators = {};
        auto space = line.find(' ');
        if (space != std::string_view::npos) {
            long status = 0;
            std::size_t digits = 0;
            for (std::size_t i = space + 1; i < line.size() && line[i] >= '0' && line[i] <= '9' && digits < 3;
                 ++i, ++digits)
                status = status * 10 + (line[i] - '0');
            if (digits == 3)
                t.status = status;
        }
        return n;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return n;
    std::string_view name = line.substr(0, colon);
    std::string value = trimmed(line.substr(colon + 1));
    // Validators go back to the server in the next request's headers: only clean ones.
    if (has_control_char(value))
        return n;
    if (name.size() == 4 && starts_with_nocase(name, "etag"))
        t.validators.etag = std::move(value);
    else if (name.size() == 13 && starts_with_nocase(name, "last-modified"))
        t.validators.last_modified = std::move(value);
    return n;
}

bool write_all(int fd, const char* data, std::size_t n, int& error)
{
    while (n > 0) {
        ssize_t written = ::write(fd, data, n);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return false;
        }
        data += written;
        n -= static_cast<std::size_t>(written);
    }
    return true;
}

// Returning anything but n makes libcurl stop the transfer at once (CURLE_WRITE_ERROR): that is
// how an oversized or endless body is cut off with nothing more read or buffered.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& t = *static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (!is_success(t.status) && t.sink != SinkKind::Discard) {
        // An error page is not the file we asked for, and we do not need to read it.
        t.body_of_error_status = true;
        return 0;
    }
    if (n > t.limit - t.received) {
        t.over_limit = true;
        return 0;
    }
    t.received += n;
    switch (t.sink) {
    case SinkKind::Memory:
        // An exception must not unwind through libcurl's C frames.
        try {
            t.memory->append(data, n);
        } catch (const std::bad_alloc&) {
            t.out_of_memory = true;
            return 0;
        }
        break;
    case SinkKind::File:
        if (!write_all(t.fd, data, n, t.write_errno))
            return 0;
        break;
    case SinkKind::Discard:
        break;
    }
    return n;
}

std::size_t on_upload_read(char* buffer, std::size_t size, std::size_t count, void* user)
{
    auto& t = *static_cast<Transfer*>(user);
    for (;;) {
        ssize_t got = ::read(t.upload_fd, buffer, size * count);
        if (got >= 0)
            return static_cast<std::size_t>(got);
        if (errno != EINTR) {
            t.read_errno = errno;
            return CURL_READFUNC_ABORT;
        }
    }
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto& t = *static_cast<Transfer*>(user);
    if (t.cancel && t.cancel->load(std::memory_order_relaxed)) {
        t.cancelled = true;
        return 1;
    }
    return 0;
}

// [SECTION] Turning a finished transfer into a Result ===========================================

// A failure below HTTP (no answer, or the answer broke off): the network's or the server's
// failure, not bad input, hence internal.
Error network_error(CURL* curl, CURLcode code, const Transfer& t, const HttpOptions& options,
                    const std::string& url)
{
    std::string prefix = "sync: " + shown_url(url) + ": ";
    std::string detail = t.curl_error[0] ? std::string(" (") + t.curl_error + ")" : std::string();
    curl_off_t elapsed_us = 0, connect_us = 0;
    curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &elapsed_us);
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connect_us);
    double elapsed = static_cast<double>(elapsed_us) / 1e6;
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return Error::rejected(prefix + "not a valid http:// or https:// URL" + detail);
    case CURLE_COULDNT_RESOLVE_HOST:
        return Error::internal(prefix + "could not resolve the host name" + detail);
    case CURLE_COULDNT_CONNECT:
        return Error::internal(prefix + "could not connect" + detail);
    case CURLE_OPERATION_TIMEDOUT:
        // The message names the limit that was hit, not the time measured, so that the same
        // failure reads the same every time.
        if (connect_us == 0)
            return Error::internal(prefix + "could not connect within " +
                                   std::to_string(std::min(options.connect_timeout_s, options.total_timeout_s)) + " s");
        // libcurl gives the same code for both limits; the elapsed time tells them apart.
        if (elapsed + 0.5 >= static_cast<double>(options.total_timeout_s))
            return Error::internal(prefix + "timed out after " + std::to_string(options.total_timeout_s) + " s");
        return Error::internal(prefix + "too slow: under " +
                               std::to_string(options.low_speed_limit_bytes_s) + " bytes/s for " +
                               std::to_string(options.low_speed_time_s) + " s");
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        return Error::internal(prefix + "the connection broke off after " +
                               std::to_string(t.received) + " bytes" + detail);
    case CURLE_ABORTED_BY_CALLBACK:
        return Error::internal(prefix + "cancelled");
    default:
        return Error::internal(prefix + curl_easy_strerror(code) + detail);
    }
}

Error status_error(long status, const std::string& url)
{
    std::string message = "sync: " + shown_url(url) + ": the server answered HTTP " + std::to_string(status);
    if (status >= 300 && status < 400)
        message += " (redirects are not followed: configure the final address)";
    return Error::internal(std::move(message));
}

// What every finished transfer checks first, in the order that names the real cause: our own
// limits and local I/O, then the HTTP status (if one arrived), then the network.
enum class Outcome { Body, Status };

Result<Outcome> classify(CURL* curl, CURLcode code, const Transfer& t, const HttpOptions& options,
                         const std::string& url, std::string_view limit_text)
{
    std::string prefix = "sync: " + shown_url(url) + ": ";
    if (t.cancelled)
        return Error::internal(prefix + "cancelled");
    if (t.headers_too_long)
        return Error::rejected(prefix + "the response headers are longer than " +
                               std::to_string(k_max_header_bytes) + " bytes");
    if (t.out_of_memory)
        return Error::internal(prefix + "out of memory");
    if (t.write_errno)
        return Error::internal(prefix + "could not write the file: " + errno_text(t.write_errno));
    if (t.read_errno)
        return Error::internal(prefix + "could not read the file to upload: " + errno_text(t.read_errno));
    bool final_status = t.status >= 200;
    if (final_status && !is_success(t.status))
        return Outcome::Status;  // whatever happened to its body
    if (t.over_limit || code == CURLE_FILESIZE_EXCEEDED)
        return Error::rejected(prefix + std::string(limit_text));
    if (code != CURLE_OK)
        return network_error(curl, code, t, options, url);
    if (!final_status)
        return Error::internal(prefix + "no HTTP status in the response");
    return Outcome::Body;
}

}  // namespace

// [SECTION] HttpClient ==========================================================================

struct HttpClient::Impl {
    HttpOptions options;
    CURL* curl = nullptr;
    char curl_error[CURL_ERROR_SIZE] = {};

    ~Impl()
    {
        if (curl)
            curl_easy_cleanup(curl);
    }

    // The options every request shares; the caller adds its sink and method. Reset first so
    // nothing leaks from the previous request, while the connection cache survives.
    Status prepare(Transfer& t, const std::string& url, Slist& headers, const Validators& previous)
    {
        std::string prefix = "sync: " + shown_url(url) + ": ";
        if (!starts_with_nocase(url, "http://") && !starts_with_nocase(url, "https://"))
            return Error::rejected(prefix + "only http:// and https:// URLs are allowed");
        if (has_control_char(url) || url.find(' ') != std::string::npos)
            return Error::rejected(prefix + "the URL holds spaces or control characters");

        if (!append(headers, "X-Linli-Kiosk: " + options.kiosk_id) ||
            (!options.status.empty() && !append(headers, "X-Linli-Status: " + options.status)) ||
            (!previous.etag.empty() && !append(headers, "If-None-Match: " + previous.etag)) ||
            (!previous.last_modified.empty() &&
             !append(headers, "If-Modified-Since: " + previous.last_modified)))
            return Error::internal(prefix + "out of memory");

        curl_easy_reset(curl);
        t.cancel = options.cancel;
        bool ok = true;
        auto set = [&](CURLoption option, auto value) {
            ok = ok && curl_easy_setopt(curl, option, value) == CURLE_OK;
        };
        set(CURLOPT_URL, url.c_str());
        set(CURLOPT_PROTOCOLS_STR, "http,https");
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        set(CURLOPT_FOLLOWLOCATION, 0L);
        // An empty proxy overrides http_proxy and friends from the environment: a stray
        // variable in the kiosk's service unit must not route LAN traffic elsewhere.
        set(CURLOPT_PROXY, "");
        // No SIGALRM-based timeouts: this runs on worker threads.
        set(CURLOPT_NOSIGNAL, 1L);
        set(CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
        set(CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit_bytes_s);
        set(CURLOPT_LOW_SPEED_TIME, options.low_speed_time_s);
        set(CURLOPT_TIMEOUT, options.total_timeout_s);
        set(CURLOPT_USERAGENT, "linli-kiosk/" LINLI_VERSION);
        set(CURLOPT_HTTPHEADER, headers.get());
        curl_error[0] = '\0';
        t.curl_error = curl_error;
        set(CURLOPT_ERRORBUFFER, curl_error);
        set(CURLOPT_HEADERFUNCTION, &on_header);
        set(CURLOPT_HEADERDATA, &t);
        set(CURLOPT_WRITEFUNCTION, &on_body);
        set(CURLOPT_WRITEDATA, &t);
        if (options.cancel) {
            set(CURLOPT_XFERINFOFUNCTION, &on_progress);
            set(CURLOPT_XFERINFODATA, &t);
            set(CURLOPT_NOPROGRESS, 0L);
        }
        // A Content-Length above the limit fails before any body is read (0 would mean "none",
        // and a limit past curl_off_t needs no help).
        if (t.limit > 0 && t.limit <= static_cast<std::uint64_t>(INT64_MAX))
            set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.limit));
        if (!ok)
            return Error::internal(prefix + "libcurl refused an option (is it older than 7.85?)");
        return {};
    }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;
HttpClient::~HttpClient() = default;

Result<HttpClient> HttpClient::create(HttpOptions options)
{
    // libcurl reads 0 as "no limit": every read must stay bounded in time (SECURITY.md U5).
    assert(options.connect_timeout_s > 0 && options.total_timeout_s > 0);
    assert(options.low_speed_limit_bytes_s > 0 && options.low_speed_time_s > 0);
    if (options.kiosk_id.empty())
        return Error::rejected("sync: the kiosk has no id to send with its requests ([kiosk] id)");
    if (has_control_char(options.kiosk_id))
        return Error::rejected("sync: the kiosk id holds control characters and cannot be sent in a header");
    if (has_control_char(options.status))
        return Error::rejected("sync: the status holds control characters and cannot be sent in a header");
    TRY_STATUS(init_curl_once());
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    impl->curl = curl_easy_init();
    if (!impl->curl)
        return Error::internal("sync: libcurl could not create a handle");
    return HttpClient(std::move(impl));
}

Result<FetchedBytes> HttpClient::get(const std::string& url, std::size_t max_bytes,
                                     const Validators& previous, WhenMissing when_missing)
{
    FetchedBytes fetched;
    Transfer t;
    t.sink = SinkKind::Memory;
    t.memory = &fetched.body;
    t.limit = max_bytes;
    Slist headers;
    TRY_STATUS(m_impl->prepare(t, url, headers, previous));
    CURLcode code = curl_easy_perform(m_impl->curl);
    auto outcome = TRY(classify(m_impl->curl, code, t, m_impl->options, url,
                                "is longer than " + std::to_string(max_bytes) + " bytes"));
    if (outcome == Outcome::Status) {
        if (t.status == 304 && !previous.empty()) {
            fetched.not_modified = true;
            fetched.validators = t.validators.empty() ? previous : t.validators;
            return fetched;
        }
        if (t.status == 404 && when_missing == WhenMissing::ReportAbsent) {
            fetched.absent = true;
            return fetched;
        }
        return status_error(t.status, url);
    }
    fetched.validators = std::move(t.validators);
    return fetched;
}

Result<std::uint64_t> HttpClient::get_to_file(const std::string& url, const std::filesystem::path& path,
                                              std::uint64_t expected_length)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return Error::internal("sync: " + path.string() + ": cannot create: " + errno_text(errno));
    // A file that was already there keeps its mode through O_CREAT; downloads are ours alone.
    ::fchmod(fd, 0600);

    auto download = [&]() -> Result<std::uint64_t> {
        Transfer t;
        t.sink = SinkKind::File;
        t.fd = fd;
        // Read one byte past the declared length at most: enough to know it is too long.
        t.limit = expected_length;
        Slist headers;
        TRY_STATUS(m_impl->prepare(t, url, headers, {}));
        CURLcode code = curl_easy_perform(m_impl->curl);
        auto outcome = TRY(classify(m_impl->curl, code, t, m_impl->options, url,
                                    "is longer than the " + std::to_string(expected_length) +
                                        " bytes declared"));
        if (outcome == Outcome::Status)
            return status_error(t.status, url);
        if (t.received != expected_length)
            return Error::rejected("sync: " + shown_url(url) + ": is " + std::to_string(t.received) +
                                   " bytes, but " + std::to_string(expected_length) + " were declared");
        if (::fsync(fd) != 0)
            return Error::internal("sync: " + path.string() + ": fsync failed: " + errno_text(errno));
        return t.received;
    };
    auto result = download();
    int close_result = ::close(fd);
    if (result && close_result != 0)
        result = Error::internal("sync: " + path.string() + ": close failed: " + errno_text(errno));
    if (!result)
        ::unlink(path.c_str());
    return result;
}

Status HttpClient::put_file(const std::string& url, const std::filesystem::path& path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return Error::internal("sync: " + path.string() + ": cannot open: " + errno_text(errno));
    auto upload = [&]() -> Status {
        struct stat st {};
        if (::fstat(fd, &st) != 0)
            return Error::internal("sync: " + path.string() + ": cannot stat: " + errno_text(errno));
        if (!S_ISREG(st.st_mode))
            return Error::internal("sync: " + path.string() + ": not a regular file");
        Transfer t;
        t.sink = SinkKind::Discard;
        t.limit = k_max_reply_bytes;
        t.upload_fd = fd;
        Slist headers;
        TRY_STATUS(m_impl->prepare(t, url, headers, {}));
        CURL* curl = m_impl->curl;
        bool ok = curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L) == CURLE_OK &&
                  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &on_upload_read) == CURLE_OK &&
                  curl_easy_setopt(curl, CURLOPT_READDATA, &t) == CURLE_OK &&
                  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(st.st_size)) == CURLE_OK;
        if (!ok)
            return Error::internal("sync: " + shown_url(url) + ": libcurl refused an upload option");
        CURLcode code = curl_easy_perform(curl);
        auto outcome = TRY(classify(curl, code, t, m_impl->options, url,
                                    "the reply is longer than " + std::to_string(k_max_reply_bytes) + " bytes"));
        if (outcome == Outcome::Status || (t.status != 200 && t.status != 201 && t.status != 204))
            return status_error(t.status, url);
        return {};
    };
    Status result = upload();
    ::close(fd);
    return result;
}

}  // namespace linli::sync
