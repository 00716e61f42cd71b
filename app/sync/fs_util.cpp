#include "sync/fs_util.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace linli::sync {

Status sync_dir(const std::string& path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Error::internal("sync: " + path + ": cannot open directory: " + std::strerror(errno));
    int rc = ::fsync(fd);
    int saved_errno = errno;
    ::close(fd);
    // EINVAL means the file system has nothing to sync for directories; there is nothing to wait for.
    if (rc != 0 && saved_errno != EINVAL)
        return Error::internal("sync: " + path + ": fsync: " + std::strerror(saved_errno));
    return {};
}

}  // namespace linli::sync
