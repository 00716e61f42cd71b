// Bundle files for `linli-admin serve`: path checks, symlink-proof opening, ETag and
// Last-Modified. SECURITY.md U10: a path from the network never escapes the bundle directory.
#include "admin/serve_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <vector>

namespace linli::admin {

namespace {

// Deep enough for files/<hash>, with room for a layout change; a bound keeps the walk cheap.
constexpr size_t k_max_components = 8;
constexpr size_t k_max_component_length = 255;

constexpr const char* k_day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* k_month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The bundle's own names are hex hashes, manifest.toml, manifest.sig, keys.toml, keys.sig: a
// narrow alphabet refuses every encoding trick at once instead of decoding and re-checking.
bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

FileOpenResult refused(FileRefusal why) { return {std::nullopt, why}; }

FileRefusal refusal_for_errno(int error)
{
    switch (error) {
    case ENOENT:
    case ENOTDIR: return FileRefusal::Missing;
    case ELOOP:   // O_NOFOLLOW met a symlink
    case ENXIO:   // a socket
        return FileRefusal::NotServed;
    default: return FileRefusal::Unreadable;
    }
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd()
{
    if (m_fd >= 0) ::close(m_fd);
}

int UniqueFd::release()
{
    int fd = m_fd;
    m_fd = -1;
    return fd;
}

FileOpenResult open_bundle_file(const std::string& bundle_dir, std::string_view target)
{
    std::string_view path = target.substr(0, target.find('?'));
    if (!path.starts_with('/')) return refused(FileRefusal::Malformed);  // absolute-form, "*", ...
    path.remove_prefix(1);

    std::vector<std::string> names;
    while (true) {
        size_t slash = path.find('/');
        std::string_view name = path.substr(0, slash);
        if (name.empty() || name.size() > k_max_component_length || names.size() == k_max_components)
            return refused(FileRefusal::Malformed);
        for (char c : name)
            if (!is_name_char(c)) return refused(FileRefusal::Malformed);
        if (name == "." || name == "..") return refused(FileRefusal::Malformed);
        if (name.front() == '.') return refused(FileRefusal::NotServed);  // .git, .tmp files, ...
        names.emplace_back(name);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }

    UniqueFd dir(::open(bundle_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) return refused(FileRefusal::Unreadable);
    for (size_t i = 0; i + 1 < names.size(); ++i) {
        UniqueFd sub(::openat(dir.get(), names[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!sub.valid()) {
            int error = errno;
            struct stat st {};
            // O_DIRECTORY may report a symlink as ENOTDIR: ask the entry itself.
            if (::fstatat(dir.get(), names[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
                return refused(FileRefusal::NotServed);
            return refused(refusal_for_errno(error));
        }
        dir = std::move(sub);
    }

    // Look before opening: opening a device or a FIFO can have effects or block.
    const std::string& leaf = names.back();
    struct stat before {};
    if (::fstatat(dir.get(), leaf.c_str(), &before, AT_SYMLINK_NOFOLLOW) != 0)
        return refused(refusal_for_errno(errno));
    if (!S_ISREG(before.st_mode)) return refused(FileRefusal::NotServed);

    OpenedFile opened;
    opened.fd = UniqueFd(::openat(dir.get(), leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (!opened.fd.valid()) return refused(refusal_for_errno(errno));
    if (::fstat(opened.fd.get(), &opened.info) != 0) return refused(FileRefusal::Unreadable);
    // Replaced between the look and the open: judge what was opened, which is what gets sent.
    if (!S_ISREG(opened.info.st_mode)) return refused(FileRefusal::NotServed);
    return {std::move(opened), FileRefusal::Missing};
}

std::string_view content_type_for(std::string_view target)
{
    std::string_view path = target.substr(0, target.find('?'));
    if (path.ends_with(".toml")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::string strong_etag(const struct stat& info)
{
    const uint64_t mtime_ns =
        static_cast<uint64_t>(info.st_mtim.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(info.st_mtim.tv_nsec);
    char tag[80];
    std::snprintf(tag, sizeof tag, "\"%" PRIx64 "-%" PRIx64 "-%" PRIx64 "\"", static_cast<uint64_t>(info.st_size),
                  mtime_ns, static_cast<uint64_t>(info.st_ino));
    return tag;
}

std::string http_date(std::time_t when)
{
    struct tm t {};
    if (!::gmtime_r(&when, &t)) return {};
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", k_day_names[t.tm_wday], t.tm_mday,
                  k_month_names[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    return text;
}

std::optional<std::time_t> parse_http_date(std::string_view text)
{
    // Only IMF-fixdate: it is what this server sends and what curl and browsers send back.
    text = trim(text);
    if (text.size() != 29 || text.substr(3, 2) != ", " || !text.ends_with(" GMT")) return std::nullopt;
    auto number = [&](size_t at, size_t digits) -> int {
        int value = 0;
        for (size_t i = at; i < at + digits; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    struct tm t {};
    t.tm_mday = number(5, 2);
    t.tm_mon = -1;
    for (int m = 0; m < 12; ++m)
        if (text.substr(8, 3) == k_month_names[m]) t.tm_mon = m;
    t.tm_year = number(12, 4) - 1900;
    t.tm_hour = number(17, 2);
    t.tm_min = number(20, 2);
    t.tm_sec = number(23, 2);
    if (t.tm_mday < 1 || t.tm_mday > 31 || t.tm_mon < 0 || t.tm_year < 70 || t.tm_hour < 0 || t.tm_hour > 23 ||
        t.tm_min < 0 || t.tm_min > 59 || t.tm_sec < 0 || t.tm_sec > 60 || text[7] != ' ' || text[11] != ' ' ||
        text[16] != ' ' || text[19] != ':' || text[22] != ':')
        return std::nullopt;
    return ::timegm(&t);
}

bool not_modified(std::string_view if_none_match, std::string_view if_modified_since, const std::string& etag,
                  std::time_t mtime)
{
    if_none_match = trim(if_none_match);
    if (!if_none_match.empty()) {
        if (if_none_match == "*") return true;
        while (!if_none_match.empty()) {
            size_t comma = if_none_match.find(',');
            std::string_view tag = trim(if_none_match.substr(0, comma));
            if (tag.starts_with("W/")) tag.remove_prefix(2);  // If-None-Match compares weakly
            if (tag == etag) return true;
            if (comma == std::string_view::npos) break;
            if_none_match.remove_prefix(comma + 1);
        }
        return false;  // If-None-Match present: If-Modified-Since is ignored
    }
    if (if_modified_since.empty()) return false;
    std::optional<std::time_t> since = parse_http_date(if_modified_since);
    return since && mtime <= *since;
}

}  // namespace linli::admin
