// Shared by the store tests: a throwaway directory per test, a Catch2 printer for Result (so a
// failed REQUIRE shows the error message), and the integrity check every store test ends with.
#pragma once

#include "core/result.hpp"
#include "store/database.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace Catch {
template <typename T>
struct StringMaker<linli::Result<T>> {
    static std::string convert(const linli::Result<T>& result)
    {
        return result ? "ok" : "error: " + result.error().message;
    }
};
}  // namespace Catch

namespace linli::store::test {

// A fresh directory under the system temp dir, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir()
    {
        std::random_device random;
        for (;;) {
            m_path = std::filesystem::temp_directory_path() /
                     ("linli-store-test-" + std::to_string(random()) + std::to_string(random()));
            if (std::filesystem::create_directory(m_path))
                break;
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

private:
    std::filesystem::path m_path;
};

// Overwrites bytes of a closed database file in place, as a failing SD card might.
inline void write_garbage(const std::string& path, std::streamoff offset, size_t size)
{
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(file);
    file.seekp(offset);
    std::string garbage(size, '\0');
    for (size_t i = 0; i < size; ++i)
        garbage[i] = char(0xA5 ^ (i * 37));
    file.write(garbage.data(), std::streamsize(size));
    REQUIRE(file);
}

// What SQLite plans for sql (EXPLAIN QUERY PLAN), one step per line: tests check that queries
// keep using their indexes.
inline std::string query_plan(Database& db, const std::string& sql)
{
    auto s = db.prepare("EXPLAIN QUERY PLAN " + sql);
    REQUIRE(s);
    std::string text;
    while (*s->step())
        text += s->column_text(3) + "\n";
    return text;
}

// Every store test ends here while a database is still open (ARCHITECTURE.md, "Tests").
inline void require_intact(Database& db)
{
    Result<std::string> check = db.integrity_check();
    REQUIRE(check);
    CHECK(*check == "ok");
}

}  // namespace linli::store::test
