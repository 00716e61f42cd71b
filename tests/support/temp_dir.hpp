// A fresh, empty directory under $TMPDIR for one test, removed with everything in it when the
// test ends. The one helper of its kind for every test file (copies clashed in unity builds).
#pragma once

#include <filesystem>
#include <random>
#include <string>
#include <string_view>

namespace linli::test {

class TempDir {
public:
    explicit TempDir(std::string_view name = "test")
    {
        std::random_device random;
        for (;;) {
            m_path = std::filesystem::temp_directory_path() /
                     ("linli-" + std::string(name) + "-" + std::to_string(random()) + std::to_string(random()));
            if (std::filesystem::create_directories(m_path)) break;
        }
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(std::string_view name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

}  // namespace linli::test
