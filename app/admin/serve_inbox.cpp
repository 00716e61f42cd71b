// Receiving kiosks' exports for `linli-admin serve`: bounded, durable, never overwriting.
// An export is the only copy of residents' ballots and feedback once the kiosk prunes it, so a
// file appears under its name only complete and synced, and an existing file is never replaced.
#include "admin/serve_inbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace linli::admin {

namespace {

constexpr size_t k_compare_chunk = 64 * 1024;

bool write_all(int fd, const char* data, size_t size)
{
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

// Reads up to size bytes at offset; short only at end of file.
ssize_t read_full(int fd, char* buffer, size_t size, off_t offset)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::pread(fd, buffer + done, size - done, offset + static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

// Whether the regular file at path holds exactly the bytes of fd. A symlink or anything but a
// regular file under the export's name counts as different: it is not ours to judge or replace.
bool same_bytes(const std::string& path, int fd)
{
    int other = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (other < 0) return false;
    struct stat a {}, b {};
    bool same = ::fstat(fd, &a) == 0 && ::fstat(other, &b) == 0 && S_ISREG(b.st_mode) && a.st_size == b.st_size;
    std::vector<char> mine(k_compare_chunk), theirs(k_compare_chunk);
    for (off_t at = 0; same && at < a.st_size; at += static_cast<off_t>(k_compare_chunk)) {
        ssize_t n = read_full(fd, mine.data(), mine.size(), at);
        ssize_t m = read_full(other, theirs.data(), theirs.size(), at);
        same = n >= 0 && n == m && std::memcmp(mine.data(), theirs.data(), static_cast<size_t>(n)) == 0;
        if (n == 0) break;
    }
    ::close(other);
    return same;
}

bool sync_directory(const std::string& dir)
{
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Publishes tmp as final unless final exists. RENAME_NOREPLACE makes that one atomic step even
// against other processes; on file systems without it, a lock keeps our own threads apart.
int rename_no_replace(const std::string& tmp, const std::string& final_path)
{
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, final_path.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return errno;
    static std::mutex fallback_lock;
    std::lock_guard lock(fallback_lock);
    struct stat st {};
    if (::lstat(final_path.c_str(), &st) == 0) return EEXIST;
    return ::rename(tmp.c_str(), final_path.c_str()) == 0 ? 0 : errno;
}

InboxResult failed(std::string what, int error, uint64_t bytes)
{
    InboxResult r;
    r.outcome = InboxOutcome::StorageFailed;
    r.bytes = bytes;
    r.detail = std::move(what) + " (" + std::strerror(error) + ")";
    r.disk_full = error == ENOSPC || error == EDQUOT;
    return r;
}

// The temporary files of uploads cut short by a crash or power cut (".NAME.tmp-XXXXXX", which no
// export name can be): nothing will ever finish them.
void remove_unfinished_uploads(const std::string& dir)
{
    DIR* listing = ::opendir(dir.c_str());
    if (!listing) return;
    while (struct dirent* entry = ::readdir(listing)) {
        std::string_view name = entry->d_name;
        size_t mark = name.rfind(".tmp-");
        if (name.size() < 2 || name[0] != '.' || mark == std::string_view::npos || mark < 2 ||
            name.size() - mark != 11 || !is_inbox_name(name.substr(1, mark - 1)))
            continue;
        struct stat st {};
        if (::fstatat(::dirfd(listing), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            ::unlinkat(::dirfd(listing), entry->d_name, 0);
    }
    ::closedir(listing);
}

}  // namespace

bool is_inbox_name(std::string_view name)
{
    if (name.empty() || name.size() > 128) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
    }
    return true;
}

Result<bool> prepare_inbox(const std::string& dir)
{
    bool created = ::mkdir(dir.c_str(), 0700) == 0;
    if (!created && errno != EEXIST)
        return Error::rejected("serve: --inbox: cannot create " + dir + " (" + std::strerror(errno) + ")");
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Error::rejected("serve: --inbox: " + dir + " is not a directory");
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return Error::rejected("serve: --inbox: cannot write into " + dir + " (" + std::strerror(errno) + ")");
    remove_unfinished_uploads(dir);
    return created;
}

InboxResult receive_upload(const std::string& dir, const std::string& name, const BodyReader& read_body,
                           uint64_t max_bytes)
{
    // Hidden and suffixed: never mistaken for an export by `collect`, nor served, nor a name a
    // kiosk can upload to (is_inbox_name refuses a leading dot).
    std::string tmp = dir + "/." + name + ".tmp-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) return failed("cannot create a temporary file in " + dir, errno, 0);
    struct Cleanup {
        int fd;
        const std::string& path;
        bool keep = false;
        ~Cleanup()
        {
            ::close(fd);
            if (!keep) ::unlink(path.c_str());
        }
    } cleanup{fd, tmp};

    uint64_t received = 0;
    bool too_large = false;
    int write_error = 0;
    bool complete = read_body([&](const char* data, size_t size) {
        if (size > max_bytes - received) {
            too_large = true;
            return false;  // stops reading: the rest of the body is never taken in
        }
        if (!write_all(fd, data, size)) {
            write_error = errno ? errno : EIO;
            return false;
        }
        received += size;
        return true;
    });
    InboxResult result;
    result.bytes = received;
    if (too_large) {
        result.outcome = InboxOutcome::TooLarge;
        return result;
    }
    if (write_error) return failed("cannot write " + tmp, write_error, received);
    if (!complete) {
        result.outcome = InboxOutcome::Incomplete;
        return result;
    }
    if (received == 0) {
        result.outcome = InboxOutcome::Empty;
        return result;
    }
    if (::fsync(fd) != 0) return failed("cannot sync " + tmp, errno, received);

    const std::string final_path = dir + "/" + name;
    int error = rename_no_replace(tmp, final_path);
    if (error == 0) {
        cleanup.keep = true;
        if (!sync_directory(dir)) return failed("cannot sync the directory " + dir, errno, received);
        result.outcome = InboxOutcome::Stored;
        return result;
    }
    if (error != EEXIST) return failed("cannot rename " + tmp + " to " + final_path, error, received);
    result.outcome = same_bytes(final_path, fd) ? InboxOutcome::Identical : InboxOutcome::Conflict;
    return result;
}

}  // namespace linli::admin
