#include "admin/console/console_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace linli::admin {

namespace {

constexpr int64_t k_max_content_file_bytes = 1024 * 1024;

}  // namespace

std::optional<std::string> read_content_file(const std::string& path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<std::string> out;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= k_max_content_file_bytes) {
        std::string bytes(size_t(st.st_size), '\0');
        if (::read(fd, bytes.data(), bytes.size()) == ssize_t(bytes.size())) out = std::move(bytes);
    }
    ::close(fd);
    return out;
}

bool is_item_id(const std::string& id)
{
    static const std::regex k_id(R"([A-Za-z0-9][A-Za-z0-9_-]{0,63})");
    return std::regex_match(id, k_id);
}

std::string new_item_id(const std::string& dir, std::string_view prefix, std::string_view extension, int64_t now_s)
{
    const std::time_t now = std::time_t(now_s);
    struct tm t {};
    ::localtime_r(&now, &t);
    char day[16];
    std::strftime(day, sizeof day, "%Y%m%d", &t);
    for (int n = 1;; ++n) {
        const std::string id = std::string(prefix) + "-" + day + "-" + std::to_string(n);
        if (!std::filesystem::exists(std::filesystem::path(dir) / (id + std::string(extension)))) return id;
    }
}

std::string read_whole_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

RemovedAtEnd::~RemovedAtEnd()
{
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

}  // namespace linli::admin
