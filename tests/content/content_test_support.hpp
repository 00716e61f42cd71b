// Helpers for the content tests: a scratch folder removed afterwards, writing files into it, and
// running a test in the board's time zone (Asia/Shanghai) whatever the machine's TZ is.
#pragma once

#include "../scoped_time_zone.hpp"
#include "content/content_folder.hpp"
#include "content/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace linli::content::testing {

class ScratchFolder {
public:
    ScratchFolder()
    {
        std::random_device random;
        m_path = std::filesystem::temp_directory_path() / ("linli-content-" + std::to_string(random()));
        std::filesystem::create_directories(m_path);
    }
    ~ScratchFolder()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

    // Writes bytes to rel, creating folders on the way.
    void write(const std::string& rel, std::string_view bytes) const
    {
        std::filesystem::path p = m_path / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }

private:
    std::filesystem::path m_path;
};

// Times without an offset are Beijing time in these tests.
using linli::test::ScopedTimeZone;


// Problems or warnings as `check` prints them ("FILE:LINE: what is wrong").
inline std::vector<std::string> formatted(const std::vector<Diagnostic>& items)
{
    std::vector<std::string> out;
    for (const Diagnostic& d : items) out.push_back(format_diagnostic(d));
    return out;
}

// The folder as `check` reads it (it must be readable at all).
inline ContentLoad load(const ScratchFolder& folder, Language language = Language::English)
{
    auto loaded = load_content_folder(folder.str(), language);
    REQUIRE(loaded.has_value());
    return std::move(loaded).value();
}

inline constexpr std::string_view k_board_toml = "[board]\nname = \"幸福里社区居民自管会\"\n";

}  // namespace linli::content::testing
