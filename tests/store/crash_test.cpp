// Crash consistency of the store (SECURITY.md D2, U7; SQLite's *fault tests): every operation in a
// table is stopped at each I/O point it makes, the power is cut (unsynced writes lost, or a seeded
// random part of them kept), and the database reopened by the normal code must pass integrity_check
// and hold one of the outcomes its row allows; an acknowledged change is never lost. The fault VFS's
// own model (tests/support/fault_vfs.hpp) is checked first, with raw VFS calls.
//
// Index
//   [SECTION] The fault VFS itself

#include "store/database.hpp"

#include "../support/fault_vfs.hpp"
#include "store_test_support.hpp"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace linli;
using namespace linli::store;
using linli::store::test::require_intact;
using linli::store::test::TempDir;
using linli::test::ScopedFaultVfs;
using Mode = ScopedFaultVfs::Mode;

namespace {

// [SECTION] The fault VFS itself

std::string read_all(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Sets a file's bytes without truncating it to zero first (see write_file in fault_vfs.cpp).
void put_file(const std::string& path, const std::string& bytes)
{
    {
        std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
        if (!out.is_open())
            out.open(path, std::ios::binary | std::ios::out);
        out << bytes;
    }
    std::filesystem::resize_file(path, bytes.size());
}

// One file opened through whatever VFS is the default now, as SQLite would open a database.
class RawFile {
public:
    explicit RawFile(const std::string& path) : m_vfs(sqlite3_vfs_find(nullptr)), m_path(path)
    {
        m_file = static_cast<sqlite3_file*>(::operator new(size_t(m_vfs->szOsFile)));
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MAIN_DB;
        int rc = m_vfs->xOpen(m_vfs, m_path.c_str(), m_file, flags, nullptr);
        m_open = rc == SQLITE_OK;
        REQUIRE(rc == SQLITE_OK);
    }
    ~RawFile() { close(); ::operator delete(m_file); }
    RawFile(const RawFile&) = delete;
    RawFile& operator=(const RawFile&) = delete;

    int write(const std::string& bytes, int64_t offset)
    {
        return m_file->pMethods->xWrite(m_file, bytes.data(), int(bytes.size()), offset);
    }
    int sync() { return m_file->pMethods->xSync(m_file, SQLITE_SYNC_FULL); }
    int truncate(int64_t size) { return m_file->pMethods->xTruncate(m_file, size); }
    void close()
    {
        if (m_open)
            m_file->pMethods->xClose(m_file);
        m_open = false;
    }

private:
    sqlite3_vfs* m_vfs;
    std::string m_path;
    sqlite3_file* m_file = nullptr;
    bool m_open = false;
};

}  // namespace

TEST_CASE("fault VFS: a synced write survives a power cut, an unsynced one is lost", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("data.bin");
    ScopedFaultVfs vfs;
    {
        RawFile file(path);
        REQUIRE(file.write("durable.", 0) == SQLITE_OK);
        REQUIRE(file.sync() == SQLITE_OK);
        REQUIRE(file.write("CACHED", 0) == SQLITE_OK);
        REQUIRE(file.write("-tail", 8) == SQLITE_OK);
        CHECK(read_all(path) == "CACHEDe.-tail");  // before the cut, reads see the page cache
    }
    CHECK(vfs.stats().writes == 3);
    CHECK(vfs.stats().syncs == 1);
    vfs.power_cut(Mode::DropUnsynced);
    CHECK(read_all(path) == "durable.");

    // After the reboot the file is durable as found; a truncate not synced is undone too.
    {
        RawFile file(path);
        REQUIRE(file.truncate(3) == SQLITE_OK);
        CHECK(read_all(path) == "dur");
    }
    vfs.power_cut(Mode::DropUnsynced);
    CHECK(read_all(path) == "durable.");
}

TEST_CASE("fault VFS: a file created and never synced vanishes at a power cut", "[store]")
{
    TempDir dir;
    const std::string never_synced = dir.file("new.bin");
    const std::string synced = dir.file("synced.bin");
    ScopedFaultVfs vfs;
    {
        RawFile a(never_synced);
        REQUIRE(a.write("lost", 0) == SQLITE_OK);
        RawFile b(synced);
        REQUIRE(b.write("kept", 0) == SQLITE_OK);
        REQUIRE(b.sync() == SQLITE_OK);
        // A -shm file is memory: it never survives.
        std::ofstream(never_synced + "-shm") << "index";
    }
    CHECK(std::filesystem::exists(never_synced));
    vfs.power_cut(Mode::DropUnsynced);
    CHECK_FALSE(std::filesystem::exists(never_synced));
    CHECK_FALSE(std::filesystem::exists(never_synced + "-shm"));
    CHECK(read_all(synced) == "kept");
}

TEST_CASE("fault VFS: after the crash point every I/O fails until the power cut", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("data.bin");
    ScopedFaultVfs vfs;
    {
        RawFile file(path);
        REQUIRE(file.write("0123", 0) == SQLITE_OK);
        REQUIRE(file.sync() == SQLITE_OK);
        vfs.arm_crash_after(2);  // points 3 and 4 succeed, 5 is the crash
        CHECK(file.write("a", 0) == SQLITE_OK);
        CHECK(file.sync() == SQLITE_OK);
        CHECK_FALSE(vfs.crashed());
        CHECK(file.write("b", 1) == SQLITE_IOERR_WRITE);
        CHECK(vfs.crashed());
        CHECK(file.sync() == SQLITE_IOERR_FSYNC);
        CHECK(file.truncate(0) == SQLITE_IOERR_TRUNCATE);
        CHECK(sqlite3_vfs_find(nullptr)->xDelete(sqlite3_vfs_find(nullptr), path.c_str(), 0) ==
              SQLITE_IOERR_DELETE);
        CHECK(read_all(path) == "a123");  // a failed write changed nothing
    }
    ScopedFaultVfs::Stats stats = vfs.stats();
    CHECK(stats.io_points == 8);
    CHECK(stats.failed == 4);
    CHECK(stats.deletes == 1);
    vfs.power_cut(Mode::DropUnsynced);
    CHECK_FALSE(vfs.crashed());
    {
        RawFile file(path);
        CHECK(file.write("z", 3) == SQLITE_OK);  // the machine is back
    }
    CHECK(read_all(path) == "a12z");
}

TEST_CASE("fault VFS: a torn power cut keeps a seeded subset of the unsynced writes", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("data.bin");
    ScopedFaultVfs vfs;
    std::set<std::string> seen;
    for (uint64_t seed = 0; seed < 32; ++seed) {
        {
            put_file(path, "....");
            RawFile file(path);  // durable as found: "...."
            REQUIRE(file.write("A", 0) == SQLITE_OK);
            REQUIRE(file.write("B", 2) == SQLITE_OK);
        }
        vfs.power_cut(Mode::TornRandom, seed);
        std::string after = read_all(path);
        CHECK((after == "...." || after == "A..." || after == "..B." || after == "A.B."));
        seen.insert(after);
    }
    CHECK(seen.size() == 4);  // 32 seeds reach every subset of two writes

    // The same seed tears the same way: a failing crash test can be replayed.
    std::string first;
    for (int round = 0; round < 2; ++round) {
        {
            put_file(path, "....");
            RawFile file(path);
            for (int i = 0; i < 4; ++i)
                REQUIRE(file.write(std::string(1, char('a' + i)), i) == SQLITE_OK);
        }
        vfs.power_cut(Mode::TornRandom, 7);
        if (round == 0)
            first = read_all(path);
        else
            CHECK(read_all(path) == first);
    }
}

TEST_CASE("fault VFS: a commit survives a power cut with synchronous=FULL, not with OFF",
          "[store]")
{
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    ScopedFaultVfs vfs;
    auto count_rows = [&]() -> int64_t {
        auto db = Database::open(path);
        REQUIRE(db);
        require_intact(*db);
        auto s = db->prepare("SELECT count(*) FROM t");
        REQUIRE(s);
        REQUIRE(*s->step());
        return s->column_int64(0);
    };
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"));
    }
    vfs.power_cut(Mode::DropUnsynced);
    CHECK(count_rows() == 1);
    vfs.power_cut(Mode::DropUnsynced);

    // Without fsync, SQLite's commit sits in the page cache: the crash keeps the database intact
    // but takes the commit with it. This is what synchronous=FULL (D1) is for.
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA synchronous=OFF"));
        REQUIRE(db->exec("INSERT INTO t VALUES (2)"));
        vfs.arm_crash_after(0);  // dies before the checkpoint at close
    }
    vfs.power_cut(Mode::DropUnsynced);
    CHECK(count_rows() == 1);
    vfs.power_cut(Mode::DropUnsynced);
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("INSERT INTO t VALUES (2)"));
        vfs.arm_crash_after(0);
    }
    vfs.power_cut(Mode::DropUnsynced);
    CHECK(count_rows() == 2);
}
