// Shared by the store tests: a throwaway directory per test, a Catch2 printer for Result (so a
// failed REQUIRE shows the error message), and the integrity check every store test ends with.
#pragma once

#include "core/result.hpp"
#include "store/database.hpp"
#include "../support/temp_dir.hpp"

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

using linli::test::TempDir;

// 2026-10-01 00:00 in Shanghai: "now" for the content tests' visibility queries.
inline constexpr int64_t k_october_s = 1790784000;

// Rows in a table.
inline int64_t count_rows(Database& db, std::string_view table)
{
    auto stmt = db.prepare("SELECT count(*) FROM " + std::string(table));
    REQUIRE(stmt);
    REQUIRE(*stmt->step());
    return stmt->column_int64(0);
}

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
