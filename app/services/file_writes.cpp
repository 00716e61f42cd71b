#include "services/file_writes.hpp"

#include "crypto/seal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace linli::services {

namespace fs = std::filesystem;

std::string errno_text(int error) { return std::strerror(error); }

bool fsync_dir(const std::string& dir)
{
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

Status write_new_file(std::string_view component, const std::string& path, std::string_view bytes, mode_t mode)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return Error::internal(std::string(component) + ": " + path + ": cannot create (" + errno_text(errno) + ")");
    ::fchmod(fd, mode);  // whatever the umask says
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = errno;
            ::close(fd);
            ::unlink(path.c_str());
            return Error::internal(std::string(component) + ": " + path + ": write failed (" + errno_text(error) + ")");
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        int error = errno;
        ::close(fd);
        ::unlink(path.c_str());
        return Error::internal(std::string(component) + ": " + path + ": fsync failed (" + errno_text(error) + ")");
    }
    ::close(fd);
    return {};
}

// RENAME_NOREPLACE is one atomic step; where the file system lacks it (some FUSE mounts), a check
// just before the rename is the best we can do.
int rename_no_replace(const std::string& from, const std::string& to)
{
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return errno;
    struct stat st {};
    if (::lstat(to.c_str(), &st) == 0) return EEXIST;
    return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

std::string temp_name(const std::string& dir, std::string_view name)
{
    return dir + "/." + std::string(name) + ".tmp-" + std::to_string(::getpid()) + "-" +
           std::to_string(crypto::random_below(1000000000));
}

Result<std::optional<std::string>> read_if_exists(std::string_view component, const std::string& path, size_t max_bytes)
{
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) return std::optional<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::internal(std::string(component) + ": " + path + ": cannot read (" + errno_text(errno) + ")");
    std::string bytes(max_bytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return std::optional<std::string>(std::move(bytes));
}

int64_t free_bytes_beside(const std::string& path)
{
    const std::string dir = std::filesystem::path(path).parent_path().string();
    struct statvfs st {};
    if (::statvfs(dir.empty() ? "." : dir.c_str(), &st) != 0) return -1;
    return int64_t(st.f_bavail) * int64_t(st.f_frsize);
}

}  // namespace linli::services
