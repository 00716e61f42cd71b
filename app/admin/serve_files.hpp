// The file side of `linli-admin serve`, free of any HTTP library: which request paths name a file
// of the bundle, opening one without following symlinks or leaving the bundle, and the validators
// (strong ETag, Last-Modified) that let a kiosk's no-change poll end in a 304.
#pragma once

#include <sys/stat.h>

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace linli::admin {

// A file descriptor closed when it goes out of scope.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release();

private:
    int m_fd = -1;
};

// Why a request path does not lead to a servable file; each maps to one HTTP status.
enum class FileRefusal {
    Malformed,   // 400: not a plain relative path (`..`, `//`, `%`, backslash, control bytes, ...)
    NotServed,   // 403: hidden name, symlink, directory, device, FIFO: never served
    Missing,     // 404
    Unreadable,  // 500: exists but cannot be opened (permissions, I/O error)
};

struct OpenedFile {
    UniqueFd fd;
    struct stat info {};
};

struct FileOpenResult {
    std::optional<OpenedFile> file;
    FileRefusal refusal = FileRefusal::Missing;
};

// Splits and checks the raw request target ("/files/ab12...") and opens it below bundle_dir,
// component by component with O_NOFOLLOW, so neither `..` nor a symlink can lead outside.
// The bundle directory is opened afresh for each request: a bundle rebuilt (or replaced) while
// serving is always served as it is on disk now.
FileOpenResult open_bundle_file(const std::string& bundle_dir, std::string_view target);

// "text/plain; charset=utf-8" for .toml, "application/octet-stream" for everything else.
std::string_view content_type_for(std::string_view target);

// A strong validator from size, modification time (ns) and inode: the bundle's files are replaced
// by rename (new inode) or written once under their hash, so equal tags mean equal bytes.
std::string strong_etag(const struct stat& info);

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), independent of the process locale.
std::string http_date(std::time_t when);
std::optional<std::time_t> parse_http_date(std::string_view text);

// RFC 9110 §13.2.2: If-None-Match (weak comparison, "*" included) decides when present,
// otherwise If-Modified-Since against the file's mtime in whole seconds.
bool not_modified(std::string_view if_none_match, std::string_view if_modified_since,
                  const std::string& etag, std::time_t mtime);

}  // namespace linli::admin
