// A fresh, empty directory under $TMPDIR for one test, removed with everything in it when the
// test ends. One helper for every test file (copies of it clashed in unity builds).
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace linli::test {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name = "test")
        : path(std::filesystem::temp_directory_path() / ("linli-" + name + "-" + std::to_string(std::random_device{}())))
    {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string str() const { return path.string(); }
};

}  // namespace linli::test
