#include "admin/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace linli::admin {

Status replace_file(const std::string& path, std::string_view text, mode_t mode, std::string_view what)
{
    const std::filesystem::path p(path);
    const std::string tmp = (p.parent_path() / ("." + p.filename().string() + ".tmp")).string();
    const std::string w(what);
    ::unlink(tmp.c_str());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return Error::internal(w + ": " + tmp + ": cannot create (" + std::strerror(errno) + ")");
    bool ok = ::fchmod(fd, mode) == 0 &&  // exactly mode, whatever the umask
              ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(tmp.c_str());
        return Error::internal(w + ": " + path + ": cannot write (" + std::strerror(saved) + ")");
    }
    return {};
}

}  // namespace linli::admin
