#include "store/snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace linli::store {

Status snapshot_database(Database& db, const std::string& to_path)
{
    struct stat st {};
    if (::lstat(to_path.c_str(), &st) == 0)
        return Error::internal("store: " + to_path + ": already exists; a snapshot goes into a new file");
    // VACUUM INTO reads inside one read transaction: writers may go on, the copy is one state.
    Status copied = [&]() -> Status {
        Statement vacuum = TRY(db.prepare("VACUUM INTO ?1"));
        TRY_STATUS(vacuum.bind(1, std::string_view(to_path)));
        TRY(vacuum.step());
        return {};
    }();
    if (!copied) {
        ::unlink(to_path.c_str());
        return copied;
    }
    // VACUUM INTO does not sync its output (SQLite leaves that to the caller).
    int fd = ::open(to_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return Error::internal("store: " + to_path + ": cannot open the copy (" + std::strerror(errno) + ")");
    bool synced = ::fsync(fd) == 0;
    int error = errno;
    ::close(fd);
    if (!synced) {
        ::unlink(to_path.c_str());
        return Error::internal("store: " + to_path + ": fsync failed (" + std::strerror(error) + ")");
    }
    return {};
}

}  // namespace linli::store
