#include "admin/console/console_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace linli::admin {

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
