// Crash consistency of the store (SECURITY.md D2, U7; SQLite's *fault tests): every operation in a
// table is stopped at each I/O point it makes, the power is cut (unsynced writes lost, or a seeded
// random part of them kept, whole or by sector), and the database reopened by the normal code must
// pass integrity_check and hold one of the outcomes its row allows; an acknowledged change is never
// lost. The fault VFS's own model (tests/support/fault_vfs.hpp) is checked first, with raw calls.
//
// Index
//   [SECTION] The fault VFS itself
//   [SECTION] Crash harness
//   [SECTION] Kiosk state
//   [SECTION] Content

#include "store/content_db.hpp"
#include "store/database.hpp"
#include "store/kiosk_state.hpp"

#include "../support/fault_vfs.hpp"
#include "store_test_support.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace linli;
using linli::test::k_day_s;
using linli::store::test::k_october_s;
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

TEST_CASE("fault VFS: a sector-torn power cut can keep half of one write", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("page.bin");
    ScopedFaultVfs vfs;
    const std::string old_page(1024, '.');
    const std::string new_page(1024, '#');
    std::set<std::string> seen;
    for (uint64_t seed = 0; seed < 32; ++seed) {
        {
            put_file(path, old_page);
            RawFile file(path);
            REQUIRE(file.write(new_page, 0) == SQLITE_OK);  // two sectors in one write
        }
        vfs.power_cut(Mode::TornSectors, seed);
        std::string after = read_all(path);
        REQUIRE(after.size() == 1024);
        for (size_t sector : {0, 512}) {
            std::string part = after.substr(sector, 512);
            CHECK((part == old_page.substr(0, 512) || part == new_page.substr(0, 512)));
        }
        seen.insert(after.substr(0, 1) + after.substr(512, 1));
    }
    CHECK(seen == std::set<std::string>{"..", ".#", "#.", "##"});
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

// [SECTION] Crash harness

namespace {

// Every crash point is followed by each of these power cuts: one that drops every unsynced write,
// and torn ones (whole writes, and 512-byte sectors) whose seed is mixed with the crash point, so
// each point tears differently. One seed of each per point keeps the ASan run within its budget;
// LINLI_CRASH_SEEDS=n runs n of each per point for a deeper search (a failure prints the seed).
struct Cut {
    Mode mode;
    uint64_t seed;
};

std::vector<Cut> cuts()
{
    int torn_seeds = 1;
    if (const char* env = std::getenv("LINLI_CRASH_SEEDS"))
        torn_seeds = std::max(0, std::atoi(env));
    std::vector<Cut> all = {{Mode::DropUnsynced, 0}};
    for (int seed = 1; seed <= torn_seeds; ++seed) {
        all.push_back({Mode::TornRandom, uint64_t(seed)});
        all.push_back({Mode::TornSectors, uint64_t(seed)});
    }
    return all;
}

uint64_t torn_seed(const Cut& cut, int64_t crash_point) { return cut.seed * 1000003 + uint64_t(crash_point); }

const char* mode_name(Mode mode)
{
    switch (mode) {
    case Mode::DropUnsynced: return "drop-unsynced";
    case Mode::TornRandom: return "torn (whole writes)";
    case Mode::TornSectors: return "torn (512-byte sectors)";
    }
    return "?";
}

// What the reopened database may hold after a crash.
enum class Outcome {
    Absent,  // no file (a new file whose creation never became durable)
    Empty,   // a database without content (a new file created, its content never committed)
    Old,     // exactly the state before the operation
    New,     // exactly the state the operation (run to the end without a crash) leaves
    Partial, // the one in-between state a row names (CrashRow::make_partial)
};

const char* outcome_name(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Absent: return "absent";
    case Outcome::Empty: return "empty";
    case Outcome::Old: return "old";
    case Outcome::New: return "new";
    case Outcome::Partial: return "partial";
    }
    return "?";
}

// A row of a fault table: an operation and the outcomes a crash anywhere inside it may leave.
// An acknowledged operation (it returned success before the machine died) must leave New.
struct CrashRow {
    std::string name;
    std::set<Outcome> acceptable;
    // Builds the state before the operation in a file at path (no crash armed). Nothing: the
    // operation starts without a file.
    std::function<void(const std::string& path)> make_old;
    // Opens, runs the operation, closes: all of it is inside the crash window, the checkpoint a
    // closing connection makes included.
    std::function<Status(const std::string& path)> run;
    // Reopens with the normal code and describes what is there ("absent" if there is no file,
    // "empty" if it holds no content); fails the test if the open or the integrity_check fails.
    std::function<std::string(const std::string& path)> describe;
    // For operations that make a file another component then takes on its own (an installer
    // renames only the main file): checks what an acknowledged run left in that file alone.
    std::function<void(const std::string& path, const std::string& new_state)> check_acknowledged;
    // Builds the in-between state Outcome::Partial stands for, if the row allows one.
    std::function<void(const std::string& path)> make_partial = nullptr;
    // The operation's first I/O points are those make_partial makes, and another row crashes
    // them already: start crashing after them.
    bool skip_points_of_partial = false;
};

void remove_database(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix);
}

// A reboot without losing anything: forgets the VFS's view of files a test is about to replace.
void settle(ScopedFaultVfs& vfs) { vfs.power_cut(Mode::DropUnsynced); }

// Runs row.run once to count its I/O points, then again stopped after each count 0 .. points
// (points: no crash), each followed by every cut in cuts(), and checks each outcome.
void run_crash_row(const CrashRow& row)
{
    TempDir dir;
    ScopedFaultVfs vfs;
    const std::string baseline = dir.file("baseline.db");
    const std::string path = dir.file("work.db");
    if (row.make_old) {
        row.make_old(baseline);
        settle(vfs);
    }
    // Puts the state before the operation in place (the baseline has no -wal: closed cleanly).
    auto reset = [&] {
        settle(vfs);  // first, or a power cut would bring back the files the last check opened
        remove_database(path);
        if (row.make_old)
            std::filesystem::copy_file(baseline, path);
        settle(vfs);
    };

    reset();
    const std::string old_state = row.describe(path);
    reset();
    const int64_t before = vfs.io_points();
    Status clean = row.run(path);
    INFO(row.name);
    REQUIRE(clean);
    const int64_t points = vfs.io_points() - before;
    REQUIRE(points > 0);
    vfs.power_cut(Mode::DropUnsynced);
    const std::string new_state = row.describe(path);
    REQUIRE(new_state != old_state);
    if (row.check_acknowledged) {
        // Again: describe's clean close folded any -wal into the main file, which would hide what
        // the main file alone held.
        reset();
        REQUIRE(row.run(path));
        vfs.power_cut(Mode::DropUnsynced);
        row.check_acknowledged(path, new_state);
    }

    std::optional<std::string> partial_state;
    int64_t first_point = 0;
    if (row.make_partial) {
        reset();
        int64_t partial_before = vfs.io_points();
        row.make_partial(path);
        if (row.skip_points_of_partial)
            first_point = vfs.io_points() - partial_before;
        settle(vfs);
        partial_state = row.describe(path);
    }

    auto classify = [&](const std::string& state) -> std::optional<Outcome> {
        if (state == old_state)
            return row.make_old ? Outcome::Old : Outcome::Absent;
        if (state == new_state)
            return Outcome::New;
        if (state == partial_state)
            return Outcome::Partial;
        if (state == "absent")
            return Outcome::Absent;
        if (state == "empty")
            return Outcome::Empty;
        return std::nullopt;
    };

    int64_t acknowledged = 0;
    std::map<Outcome, int64_t> seen;
    for (int64_t n = first_point; n <= points; ++n) {
        for (const Cut& cut : cuts()) {
            reset();
            vfs.arm_crash_after(n);
            Status status = row.run(path);
            bool died = vfs.crashed();
            uint64_t seed = torn_seed(cut, n);
            vfs.power_cut(cut.mode, seed);

            INFO("crash after " << n << " of " << points << " I/O points, then a "
                                << mode_name(cut.mode) << " power cut (seed " << seed << "); "
                                << (status ? "the operation had returned OK"
                                           : "the operation had failed: " + status.error().message));
            CHECK(died == (n < points));
            // Before describe, whose clean close folds any -wal into the main file.
            if (status && row.check_acknowledged)
                row.check_acknowledged(path, new_state);
            std::string state = row.describe(path);
            std::optional<Outcome> outcome = classify(state);
            INFO("found: " << state.substr(0, 400));
            REQUIRE(outcome.has_value());
            CHECK(row.acceptable.contains(*outcome));
            if (status) {
                ++acknowledged;
                CHECK(*outcome == Outcome::New);
            }
            ++seen[*outcome];
            settle(vfs);
        }
    }
    // LINLI_CRASH_SUMMARY=1: how many points each row has and where its crashes landed.
    if (std::getenv("LINLI_CRASH_SUMMARY")) {
        std::string line = row.name + ": " + std::to_string(points) + " I/O points, " +
                           std::to_string(acknowledged) + " acknowledged runs;";
        for (const auto& [outcome, count] : seen)
            line += std::string(" ") + outcome_name(outcome) + " " + std::to_string(count);
        std::fprintf(stderr, "%s\n", line.c_str());
    }
    // The table must reach both ends, or it tests less than it claims.
    CHECK(seen.contains(Outcome::New));
    CHECK(seen.size() >= 2);
    CHECK(first_point < points);
    CHECK(acknowledged >= int64_t(cuts().size()));  // at least the run without a crash
}

// [SECTION] Kiosk state

std::string describe_kiosk(const std::string& path)
{
    if (!std::filesystem::exists(path))
        return "absent";
    auto state = KioskState::open(path);
    INFO("reopening " << path);
    REQUIRE(state);
    require_intact(state->database());
    std::string out = "floor " + std::to_string(*state->clock_floor_s()) + "\n";
    for (const char* key : {"language", "building"}) {
        auto value = state->setting(key);
        REQUIRE(value);
        out += std::string(key) + "=" + value->value_or("(unset)") + "\n";
    }
    auto events = state->recent_events(KioskState::k_max_events + 10);
    REQUIRE(events);
    for (const LogEvent& e : *events)
        out += std::to_string(e.at_s) + " " + e.component + " " + e.message + "\n";
    return out;
}

// A kiosk.db with a floor, two settings and `events` logged events.
std::function<void(const std::string&)> kiosk_with(int events)
{
    return [events](const std::string& path) {
        auto state = KioskState::open(path);
        REQUIRE(state);
        REQUIRE(state->raise_clock_floor_s(1767225600));
        REQUIRE(state->set_setting("language", "zh-CN"));
        REQUIRE(state->set_setting("building", "3号楼"));
        for (int i = 1; i <= events; ++i)
            REQUIRE(state->log_event(1767225600 + i, "sync", "pull " + std::to_string(i)));
    };
}

std::function<Status(const std::string&)> on_kiosk(std::function<Status(KioskState&)> op)
{
    return [op](const std::string& path) -> Status {
        Result<KioskState> state = KioskState::open(path);
        if (!state)
            return state.release_error();
        return op(*state);
    };
}

}  // namespace

TEST_CASE("kiosk state: a crash at any I/O point leaves the old or the new state", "[store]")
{
    const std::set<Outcome> old_or_new = {Outcome::Old, Outcome::New};
    const std::vector<CrashRow> rows = {
        {"raise_clock_floor_s", old_or_new, kiosk_with(3),
         on_kiosk([](KioskState& s) { return s.raise_clock_floor_s(1767225600 + 86400); }),
         describe_kiosk, nullptr},
        {"log_event", old_or_new, kiosk_with(3),
         on_kiosk([](KioskState& s) { return s.log_event(1767300000, "bundle", "installed v7"); }),
         describe_kiosk, nullptr},
        // A full log: the same transaction also deletes the oldest event.
        {"log_event into a full log", old_or_new, kiosk_with(KioskState::k_max_events),
         on_kiosk([](KioskState& s) { return s.log_event(1767300000, "bundle", "installed v7"); }),
         describe_kiosk, nullptr},
        {"set_setting", old_or_new, kiosk_with(3),
         on_kiosk([](KioskState& s) { return s.set_setting("language", "en"); }), describe_kiosk,
         nullptr},
    };
    for (const CrashRow& row : rows) {
        DYNAMIC_SECTION(row.name) { run_crash_row(row); }
    }
}

// A kiosk's first start: the file is created and migrated (one transaction), then the first
// floor is stored. A crash leaves no file, a fresh kiosk.db, or both steps; never half a schema.
TEST_CASE("kiosk state: a crash during the first start leaves no file, a fresh one, or all of it",
          "[store]")
{
    const CrashRow row = {
        "first open and raise_clock_floor_s",
        {Outcome::Absent, Outcome::Partial, Outcome::New},
        nullptr,
        on_kiosk([](KioskState& s) { return s.raise_clock_floor_s(1767225600); }),
        describe_kiosk,
        nullptr,
        [](const std::string& path) { REQUIRE(KioskState::open(path)); }};
    run_crash_row(row);
}

// [SECTION] Content

namespace {


Notice crash_notice(std::string id, std::string title)
{
    Notice n;
    n.id = std::move(id);
    n.title = std::move(title);
    n.category = "通知";
    n.body = "正文：" + n.title + "\n\n第二段。\n";
    return n;
}

LedgerEntry crash_entry(int line, int64_t fen, std::string category)
{
    LedgerEntry e;
    e.date_s = k_october_s - (10 - line) * k_day_s;
    e.type = line % 2 ? EntryType::Income : EntryType::Expense;
    e.category = std::move(category);
    e.description = "摘要 " + std::to_string(line);
    e.amount = Money::from_fen(fen);
    e.line = line;
    return e;
}

// Content set A, or B (every part differs), or B with A's ledger and picture ("kept" variant:
// replace_content then leaves the ledger and the image rows alone).
enum class Set { A, B, BKeepsLedgerAndImage };

ContentSet crash_content(Set set)
{
    ContentSet c;
    bool a = set == Set::A;
    c.board.board = {a ? "幸福里自管会" : "幸福里自管会（新）", "幸福里社区", "周二 19:00"};
    if (a) {
        c.announcements = {{crash_notice("water", "停水通知"), {"", "", {"media/pic.png"}}},
                           {crash_notice("rules", "文明公约"), {}},
                           {crash_notice("party", "中秋晚会"), {}}};
        c.tasks = {{"t1", "清理楼道", "环境组", "张三", TaskStatus::Doing, 40, 0, 0}};
    } else {
        c.announcements = {{crash_notice("water", "停水通知（更新）"), {"", "", {"media/pic.png"}}},
                           {crash_notice("lift", "电梯检修"), {}}};
        c.tasks = {{"t1", "清理楼道", "环境组", "张三", TaskStatus::Done, 100, 0, 0},
                   {"t2", "更换路灯", "维修组", "李四", TaskStatus::Planned, 0, 0, 0}};
    }
    if (set == Set::B)
        c.ledger = {crash_entry(1, 500000, "物业费"), crash_entry(2, 12345, "保洁"),
                    crash_entry(3, 800, "保洁"), crash_entry(4, 1, "广告收入")};
    else
        c.ledger = {crash_entry(1, 400000, "物业费"), crash_entry(2, 9900, "保洁"),
                    crash_entry(3, 700, "维修")};
    c.periods = {{"2026-09", false, Money(), true, Money::from_fen(a ? 100 : 200)}};
    c.media = {{"media/pic.png", 4242}};
    return c;
}

// One small picture (40x30: its row spans two pages, so a torn write can split it).
std::vector<StoredImage> crash_images(Set set)
{
    StoredImage image{"media/pic.png", 40, 30, {}};
    image.rgba.resize(40 * 30 * 4);
    uint8_t seed = set == Set::B ? 7 : 1;
    for (size_t i = 0; i < image.rgba.size(); ++i)
        image.rgba[i] = uint8_t(i * 31 + seed);
    return {image};
}

ContentMeta crash_meta(Set set) { return {set == Set::A ? 6 : 7, k_october_s, "bundle"}; }

// Everything the screens would read, as text: equal descriptions mean equal content.
std::string describe_content(const std::string& path)
{
    if (!std::filesystem::exists(path))
        return "absent";
    INFO("reopening " << path);
    auto db = open_content_db(path);
    REQUIRE(db);
    require_intact(*db);
    auto info = content_info(*db);
    REQUIRE(info);
    if (!info->has_value())
        return "empty";
    const ContentInfo& i = **info;
    std::string out = "v" + std::to_string(i.meta.version) + " " + i.meta.source + " " +
                      i.board.board.name + " ledger " + std::to_string(i.ledger_entries) + "\n";
    auto announcements = visible_announcements(*db, k_october_s);
    auto task_list = tasks(*db);
    auto count = ledger_count(*db, {});
    auto entries = ledger_entries(*db);
    auto periods = declared_periods(*db);
    auto media = media_files(*db);
    REQUIRE((announcements && task_list && count && entries && periods && media));
    for (const Announcement& a : *announcements)
        out += "announcement " + a.notice.id + " " + a.notice.title + " " + a.notice.body + "\n";
    for (const Task& t : *task_list)
        out += "task " + t.id + " " + std::to_string(int(t.status)) + " " +
               std::to_string(t.progress) + "\n";
    out += "ledger count " + std::to_string(*count) + "\n";
    for (const LedgerEntry& e : *entries)
        out += "entry " + e.description + " " + e.category + " " + std::to_string(e.amount.fen()) +
               "\n";
    for (const DeclaredPeriod& p : *periods)
        out += "period " + p.period + " " + std::to_string(p.closing.fen()) + "\n";
    for (const MediaFile& m : *media) {
        out += "media " + m.path + " " + std::to_string(m.bytes);
        auto picture = image(*db, m.path);
        REQUIRE(picture);
        if (picture->has_value()) {
            uint64_t hash = 1469598103934665603ULL;  // FNV-1a over the pixels
            for (uint8_t b : (*picture)->rgba)
                hash = (hash ^ b) * 1099511628211ULL;
            out += " image " + std::to_string((*picture)->width) + "x" +
                   std::to_string((*picture)->height) + " " + std::to_string(hash);
        }
        out += "\n";
    }
    return out;
}

std::function<void(const std::string&)> content_db_with(std::optional<Set> set)
{
    return [set](const std::string& path) {
        auto db = open_content_db(path);
        REQUIRE(db);
        if (set) {
            std::vector<StoredImage> images = crash_images(*set);
            REQUIRE(replace_content(*db, crash_content(*set), &images, crash_meta(*set)));
        }
    };
}

std::function<Status(const std::string&)> replace_with(Set set)
{
    return [set](const std::string& path) -> Status {
        Result<Database> db = open_content_db(path);
        if (!db)
            return db.release_error();
        std::vector<StoredImage> images = crash_images(set);
        return replace_content(*db, crash_content(set), &images, crash_meta(set));
    };
}

// Decodes nothing: hands out crash_images(Set::B) by path.
ImageLoader crash_loader()
{
    return [](const MediaFile& media) -> std::optional<StoredImage> {
        for (StoredImage& image : crash_images(Set::B))
            if (image.path == media.path)
                return image;
        return std::nullopt;
    };
}

// What an installer relies on after build_content_db returned: the main file alone (it renames
// only that one over content.db) holds the complete content.
void main_file_alone_holds(const std::string& path, const std::string& new_state)
{
    const std::string renamed = path + ".renamed";
    remove_database(renamed);
    std::filesystem::copy_file(path, renamed);
    CHECK(describe_content(renamed) == new_state);
}

}  // namespace

TEST_CASE("content: a crash during replace_content leaves exactly the old or the new content",
          "[store]")
{
    const std::set<Outcome> old_or_new = {Outcome::Old, Outcome::New};
    const std::vector<CrashRow> rows = {
        {"A by B", old_or_new, content_db_with(Set::A), replace_with(Set::B), describe_content,
         nullptr},
        {"A by B with A's ledger and picture", old_or_new, content_db_with(Set::A),
         replace_with(Set::BKeepsLedgerAndImage), describe_content, nullptr},
        {"the first content into an empty content.db", old_or_new, content_db_with(std::nullopt),
         replace_with(Set::B), describe_content, nullptr},
    };
    for (const CrashRow& row : rows) {
        DYNAMIC_SECTION(row.name) { run_crash_row(row); }
    }
}

// The contract found: after a crash the new file is absent, or a database without content, or
// the complete content; never part of it. build_content_db cannot remove a partial file when the
// machine dies, so an installer must build under a temporary name, delete whatever is there before
// building (a leftover makes build_content_db refuse), and rename only after it returned OK.
TEST_CASE("content: a crash during build_content_db leaves no file, an empty one, or all of it",
          "[store]")
{
    const std::set<Outcome> absent_empty_or_new = {Outcome::Absent, Outcome::Empty, Outcome::New};
    const std::vector<CrashRow> rows = {
        {"build_content_db with images", absent_empty_or_new, nullptr,
         [](const std::string& path) {
             std::vector<StoredImage> images = crash_images(Set::B);
             return build_content_db(path, crash_content(Set::B), &images, crash_meta(Set::B));
         },
         describe_content, main_file_alone_holds},
    };
    for (const CrashRow& row : rows) {
        DYNAMIC_SECTION(row.name) { run_crash_row(row); }
    }
}

// The loader variant builds the content first (the same I/O as the vector variant without
// pictures, crashed in the case above, so this row crashes only what follows) and adds the pictures
// afterwards, one transaction each: a leftover file may also hold the complete content without
// (some of) its pictures.
TEST_CASE("content: a crash during build_content_db with an image loader leaves no file, an "
          "empty one, the content without pictures, or all of it",
          "[store]")
{
    const CrashRow row = {
        "build_content_db with an image loader",
        {Outcome::Absent, Outcome::Empty, Outcome::Partial, Outcome::New},
        nullptr,
        [](const std::string& path) {
            return build_content_db(path, crash_content(Set::B), crash_loader(), crash_meta(Set::B));
        },
        describe_content,
        nullptr,  // the case below checks "returned OK, so complete"
        [](const std::string& path) {
            REQUIRE(build_content_db(path, crash_content(Set::B), nullptr, crash_meta(Set::B)));
        },
        true};
    run_crash_row(row);
}

// Found by this table (the pictures were once added through a WAL connection whose close could
// fail its checkpoint unnoticed): an OK must mean the main file alone holds every picture, since
// an installer may rename or copy that file without its -wal.
TEST_CASE("content: build_content_db with an image loader returned OK, so its main file alone "
          "holds every picture",
          "[store]")
{
    TempDir dir;
    ScopedFaultVfs vfs;
    const std::string path = dir.file("content.db.new");
    const std::string renamed = dir.file("content.db");
    auto build = [&] {
        return build_content_db(path, crash_content(Set::B), crash_loader(), crash_meta(Set::B));
    };
    const int64_t before = vfs.io_points();
    REQUIRE(build());
    const int64_t points = vfs.io_points() - before;
    settle(vfs);
    const std::string complete = describe_content(path);
    // From the end backwards: only the last points (the checkpoint at close) let build_content_db
    // return OK, so the loop stops at the first crash point that makes it fail.
    for (int64_t n = points; n >= 0; --n) {
        bool returned_ok = true;
        for (const Cut& cut : cuts()) {
            settle(vfs);
            remove_database(path);
            remove_database(renamed);
            vfs.arm_crash_after(n);
            if (!build()) {
                returned_ok = false;
                break;
            }
            // The installer renames the main file only. A rename moves the inode, whose unsynced
            // bytes a power cut loses all the same: so the copy is taken after the cut.
            vfs.power_cut(cut.mode, torn_seed(cut, n));
            std::filesystem::copy_file(path, renamed);
            INFO("crash after " << n << " of " << points << " I/O points, then a "
                                << mode_name(cut.mode) << " power cut (seed " << torn_seed(cut, n)
                                << "); build_content_db returned OK");
            // Soft checks only (describe_content REQUIREs), so every failing point is listed.
            std::string check = "cannot open";
            if (Result<Database> db = open_content_db(renamed); db) {
                Result<std::string> integrity = db->integrity_check();
                check = integrity ? *integrity : integrity.error().message;
            }
            CHECK(check == "ok");
            if (check == "ok")
                CHECK(describe_content(renamed) == complete);
        }
        if (!returned_ok)
            break;
    }
    settle(vfs);
}

// content_db.hpp promises the partial file is removed on failure, for the loader variant too:
// otherwise a retry into the same path is refused and a file without pictures lies about.
TEST_CASE("content: build_content_db with an image loader removes its file when adding a "
          "picture fails",
          "[store]")
{
    TempDir dir;
    ScopedFaultVfs vfs;
    const std::string without_pictures = dir.file("measure.db");
    const std::string path = dir.file("content.db.new");
    int64_t before = vfs.io_points();
    REQUIRE(build_content_db(without_pictures, crash_content(Set::B), nullptr, crash_meta(Set::B)));
    const int64_t content_points = vfs.io_points() - before;

    vfs.arm_crash_after(content_points + 2);  // past the content, into the pictures
    Status built = build_content_db(path, crash_content(Set::B), crash_loader(), crash_meta(Set::B));
    REQUIRE_FALSE(built);
    INFO(built.error().message);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    vfs.power_cut(Mode::DropUnsynced);
}
