#include "bundle/source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace linli::bundle {

namespace {

// Closes an fd when it goes out of scope.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() { if (fd >= 0) ::close(fd); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

std::string os_error() { return std::strerror(errno); }

}  // namespace

Result<int> DirectorySource::open_file(std::string_view name)
{
    const std::string where = "bundle: " + m_dir + "/" + std::string(name);
    // Walk the path one component at a time with O_NOFOLLOW, so neither the bundle directory's
    // own entries nor files/ can be a link to somewhere else.
    int dir = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return Error::rejected("bundle: " + m_dir + ": cannot open the bundle folder (" + os_error() + ")");
    std::string_view rest = name;
    while (true) {
        size_t slash = rest.find('/');
        std::string part(rest.substr(0, slash));
        if (part.empty() || part == "." || part == "..") {
            ::close(dir);
            return Error::rejected(where + ": not a plain name inside the bundle");
        }
        const bool last = slash == std::string_view::npos;
        int fd = ::openat(dir, part.c_str(),
                          (last ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
        int saved = errno;
        ::close(dir);
        if (fd < 0) {
            if (saved == ENOENT) {
                errno = ENOENT;
                return -1;
            }
            if (saved == ELOOP || saved == ENOTDIR)
                return Error::rejected(where + ": a symbolic link or not a folder; refused");
            errno = saved;
            return Error::rejected(where + ": cannot open (" + os_error() + ")");
        }
        if (last) {
            struct stat st {};
            if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
                ::close(fd);
                return Error::rejected(where + ": not a regular file (a device, pipe or folder); refused");
            }
            // O_NONBLOCK was only there so opening a FIFO could not hang; plain reads from here.
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            return fd;
        }
        dir = fd;
        rest.remove_prefix(slash + 1);
    }
}

Result<std::optional<std::string>> DirectorySource::read_small(std::string_view name, size_t limit)
{
    int raw = TRY(open_file(name));
    if (raw < 0) return std::optional<std::string>();
    Fd fd(raw);
    std::string data;
    std::vector<char> buffer(64 * 1024);
    while (true) {
        ssize_t n = ::read(fd.fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error::rejected("bundle: " + m_dir + "/" + std::string(name) + ": read failed (" + os_error() +
                                   "); was the stick pulled out?");
        }
        if (n == 0) break;
        if (data.size() + static_cast<size_t>(n) > limit)
            return Error::rejected("bundle: " + m_dir + "/" + std::string(name) + ": larger than " +
                                   std::to_string(limit) + " bytes");
        data.append(buffer.data(), static_cast<size_t>(n));
    }
    return std::optional<std::string>(std::move(data));
}

Status DirectorySource::fetch(std::string_view name, int64_t size, const std::string& dest_path,
                              const std::function<void(int64_t)>& on_bytes)
{
    const std::string where = "bundle: " + m_dir + "/" + std::string(name);
    int raw = TRY(open_file(name));
    if (raw < 0) return Error::rejected(where + ": missing (the manifest lists it)");
    Fd in(raw);
    Fd out(::open(dest_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (out.fd < 0) return Error::internal("bundle: " + dest_path + ": cannot create (" + os_error() + ")");
    std::vector<char> buffer(256 * 1024);
    int64_t copied = 0;
    while (true) {
        // Read at most one byte past the declared length: enough to tell "longer", never more.
        size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(buffer.size()), size + 1 - copied));
        if (want == 0) break;
        ssize_t n = ::read(in.fd, buffer.data(), want);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error::rejected(where + ": read failed (" + os_error() + "); was the stick pulled out?");
        }
        if (n == 0) break;
        copied += n;
        if (copied > size) return Error::rejected(where + ": longer than the " + std::to_string(size) + " bytes the manifest lists");
        for (ssize_t done = 0; done < n;) {
            ssize_t w = ::write(out.fd, buffer.data() + done, static_cast<size_t>(n - done));
            if (w < 0) {
                if (errno == EINTR) continue;
                return Error::internal("bundle: " + dest_path + ": write failed (" + os_error() + ")");
            }
            done += w;
        }
        if (on_bytes) on_bytes(n);
    }
    if (copied < size)
        return Error::rejected(where + ": truncated: " + std::to_string(copied) + " of " + std::to_string(size) + " bytes");
    return {};
}

Status sync_dir(const std::string& dir)
{
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.fd < 0) return Error::internal("bundle: " + dir + ": cannot open to sync (" + os_error() + ")");
    if (::fsync(fd.fd) != 0) return Error::internal("bundle: " + dir + ": fsync failed (" + os_error() + ")");
    return {};
}

Status write_new_file(const std::string& path, std::string_view data, mode_t mode)
{
    Fd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (out.fd < 0) return Error::internal("bundle: " + path + ": cannot create (" + os_error() + ")");
    if (mode != 0600 && ::fchmod(out.fd, mode) != 0)
        return Error::internal("bundle: " + path + ": cannot set its mode (" + os_error() + ")");
    for (size_t done = 0; done < data.size();) {
        ssize_t w = ::write(out.fd, data.data() + done, data.size() - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            return Error::internal("bundle: " + path + ": write failed (" + os_error() + ")");
        }
        done += static_cast<size_t>(w);
    }
    if (::fsync(out.fd) != 0) return Error::internal("bundle: " + path + ": fsync failed (" + os_error() + ")");
    return {};
}

}  // namespace linli::bundle
