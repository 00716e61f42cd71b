// Crash tests of bundle install (SECURITY.md U7, U2, D2): version 2 is installed over version 1 and
// stopped at SQLite's I/O points (fault VFS, then a power cut) and, in a child process, by SIGKILL at
// many instants, at each stage and at each commit. The restarted kiosk must show exactly the old or
// exactly the new content and say which; it must then install the new bundle (and, once the new one
// won, refuse the old one). Each case prints where its crashes landed; both outcomes must occur.
//
// Index
//   [SECTION] Bundles and the restarted kiosk
//   [SECTION] SQLite I/O points and power cuts
//   [SECTION] Process kills

#include "bundle_test_support.hpp"

#include "../support/fault_vfs.hpp"
#include "bundle/source.hpp"
#include "store/content_db.hpp"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace linli;
using namespace linli::bundle;
using namespace linli::bundle::test;
using linli::store::test::require_intact;
using linli::test::ScopedFaultVfs;
using Mode = ScopedFaultVfs::Mode;
namespace fs = std::filesystem;

namespace {

// [SECTION] Bundles and the restarted kiosk

// An install is about ten times slower under the sanitizers: they try fewer points and kills.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_sanitized = true;
#else
constexpr bool k_sanitized = false;
#endif
#else
constexpr bool k_sanitized = false;
#endif

constexpr int64_t k_old_version = 100;
constexpr int64_t k_new_version = 200;

// The fault table, one operation (install version 2 over version 1) stopped anywhere:
//   the install had not returned OK when it died        -> Old or New
//   the install had returned OK (it died later, or not)  -> New
//   killed at a progress stage (before the switch)       -> Old
//   killed before the first commit                       -> Old
//   killed after the last commit                         -> New
// Anything else fails: no installed content, a pointer to a missing or unreadable file, content of
// neither version (a mix), a failed integrity_check, a restart that errors out.
enum class Outcome { Old, New };

const char* outcome_name(Outcome outcome) { return outcome == Outcome::Old ? "old" : "new"; }

// Stands in for the screen's picture decoder (ui/ is not linked here): a 40x30 picture whose pixels
// follow from the file's bytes, so a changed file is a changed picture and image rows (two pages
// each) take part in every install.
std::optional<store::StoredImage> fake_decode(const std::string& media_root, const MediaFile& media)
{
    const std::string bytes = read_all(media_root + "/" + media.path);
    if (bytes.empty()) return std::nullopt;
    uint64_t hash = 1469598103934665603ULL;
    for (char c : bytes) hash = (hash ^ uint8_t(c)) * 1099511628211ULL;
    store::StoredImage image{media.path, 40, 30, {}};
    image.rgba.resize(40 * 30 * 4);
    for (size_t i = 0; i < image.rgba.size(); ++i) image.rgba[i] = uint8_t((hash >> (i % 8 * 8)) ^ i);
    return image;
}

InstallTarget crash_target(const std::string& data_dir, const TestKey& key)
{
    InstallTarget target = target_for(data_dir, key, k_now + 120);
    target.decode_image = fake_decode;
    return target;
}

// What the kiosk does at start (KioskService::open_installed): tidy the data dir, follow the pointer
// in kiosk.db, open that content database and load what the screens show. Returns it as text, the
// pointer first ("reports which"); equal text means equal content. Fails the test wherever the
// kiosk would fail to start or show nothing. Without tidy: what an install started before the
// kiosk (`--import` right after boot) finds, leftovers and all.
std::string restart(const std::string& data_dir, bool tidy = true)
{
    INFO("restarting on " << data_dir);
    auto state = store::KioskState::open(data_dir + "/kiosk.db");
    REQUIRE(state);
    require_intact(state->database());
    if (tidy) REQUIRE(tidy_data_dir(data_dir, *state));
    auto installed = state->installed_content();
    REQUIRE(installed);
    REQUIRE(installed->has_value());  // a lost pointer: the kiosk would fall back to the demo
    const store::InstalledContent& pointer = **installed;
    CHECK(pointer.file == "content/content-" + std::to_string(pointer.version) + ".db");
    auto floor = state->clock_floor_s();
    REQUIRE(floor);
    CHECK(*floor >= pointer.created_s);

    std::string out = "kiosk.db: version " + std::to_string(pointer.version) + " in " + pointer.file + ", created " +
                      std::to_string(pointer.created_s) + "\n";
    const std::string path = data_dir + "/" + pointer.file;
    REQUIRE(fs::exists(path));
    auto db = store::open_content_db(path);
    REQUIRE(db);
    require_intact(*db);
    auto info = store::content_info(*db);
    REQUIRE(info);
    REQUIRE(info->has_value());
    CHECK((*info)->meta.version == pointer.version);
    CHECK((*info)->meta.created_s == pointer.created_s);
    auto content = store::load_content_set(*db);
    REQUIRE(content);
    auto ledger = store::ledger_entries(*db);
    REQUIRE(ledger);
    out += "content: version " + std::to_string((*info)->meta.version) + " " + (*info)->meta.source + ", board " +
           content->board.board.name + " / " + content->board.board.contact + "\n";
    out += std::to_string(content->announcements.size()) + " announcements:";
    for (const Announcement& a : content->announcements) out += " [" + a.notice.id + " " + a.notice.title + " " + std::to_string(a.notice.body.size()) + "]";
    out += "\n" + std::to_string(content->meetings.size()) + " meetings, " + std::to_string(content->documents.size()) +
           " documents, " + std::to_string(content->recruitment.size()) + " recruitment, " +
           std::to_string(content->tasks.size()) + " tasks, " + std::to_string(content->goals.size()) + " goals, " +
           std::to_string(content->ballots.size()) + " ballots, " + std::to_string(content->periods.size()) + " periods\n";
    out += "ledger " + std::to_string((*info)->ledger_entries) + " entries:";
    int64_t sum = 0;
    for (const LedgerEntry& e : *ledger) sum += e.amount.fen();
    out += " " + std::to_string(ledger->size()) + " read, sum " + std::to_string(sum) + " fen\n";
    for (const MediaFile& m : content->media) {
        out += "media " + m.path + " " + std::to_string(m.bytes);
        auto picture = store::image(*db, m.path);
        REQUIRE(picture);
        if (picture->has_value()) {
            uint64_t hash = 1469598103934665603ULL;
            for (uint8_t b : (*picture)->rgba) hash = (hash ^ b) * 1099511628211ULL;
            out += " picture " + std::to_string(hash);
        }
        out += "\n";
    }

    // Tidied: no work in progress, no other content database.
    if (!tidy) return out;
    CHECK_FALSE(fs::exists(data_dir + "/staging"));
    const std::string stem = fs::path(pointer.file).stem().string();
    for (const auto& entry : fs::directory_iterator(data_dir + "/content"))
        CHECK(entry.path().filename().string().starts_with(stem + "."));
    return out;
}

// The two bundles, a data dir with version 1 installed (never changed; each crash starts from a
// copy), and what the restarted kiosk shows for each version.
struct Bundles {
    TempDir tmp;
    TestKey key{tmp.file("keys")};
    std::string v1 = tmp.file("bundle-v1");
    std::string v2 = tmp.file("bundle-v2");
    std::string baseline = tmp.file("baseline");
    std::string old_state;
    std::string new_state;

    Bundles()
    {
        // Version 1: the demo with another board contact, one announcement more, a longer ledger
        // (and no declared balances) and another picture, so the two versions differ in every part a screen shows and the
        // install of version 2 copies some files and reuses the rest.
        TempDir older;
        fs::copy(demo_folder(), older.path(), fs::copy_options::recursive);
        std::string board = read_all(older.file("board.toml"));
        board.replace(board.find("contact = \""), 11, "contact = \"旧版 ");
        write_all(older.file("board.toml"), board);
        write_all(older.file("announcements/old-notice.md"),
                  "+++\ntitle = \"旧版通知\"\npublish = 2026-11-01\ncategory = \"通知\"\n+++\n只在第一版里。\n");
        std::string ledger = read_all(older.file("finance/ledger.csv"));
        write_all(older.file("finance/ledger.csv"), ledger + ledger.substr(ledger.rfind('\n', ledger.size() - 2) + 1));
        fs::remove(older.file("finance/periods.toml"));  // the extra entry would not reconcile
        write_all(older.file("media/voucher-sample.png"), read_all(older.file("media/voucher-sample.png")) + "v1");
        build(older.path().string(), key, v1, k_old_version);
        build(demo_folder(), key, v2, k_new_version, k_now + 60);

        DirectorySource source(v1);
        REQUIRE(install_bundle(source, crash_target(baseline, key)));
        old_state = restart(baseline);
        const std::string scratch = tmp.file("scratch");
        fresh_copy(scratch);
        DirectorySource next(v2);
        REQUIRE(install_bundle(next, crash_target(scratch, key)));
        new_state = restart(scratch);
        fs::remove_all(scratch);
        REQUIRE(old_state.find("version 100") != std::string::npos);
        REQUIRE(new_state.find("version 200") != std::string::npos);
        REQUIRE(old_state != new_state);
        if (std::getenv("LINLI_CRASH_VERBOSE")) std::printf("version 1:\n%sversion 2:\n%s", old_state.c_str(), new_state.c_str());
    }

    // A data dir as the baseline is: version 1 installed, nothing else.
    void fresh_copy(const std::string& data_dir) const
    {
        fs::remove_all(data_dir);
        fs::copy(baseline, data_dir, fs::copy_options::recursive);
    }

    Result<InstallReport> install(const std::string& bundle_dir, const std::string& data_dir) const
    {
        DirectorySource source(bundle_dir);
        return install_bundle(source, crash_target(data_dir, key));
    }

    // Old or New for what restart() found; fails the test for anything else.
    Outcome classify(const std::string& state) const
    {
        if (state == old_state) return Outcome::Old;
        INFO("restarted kiosk shows:\n" << state << "version 1 is:\n" << old_state << "version 2 is:\n" << new_state);
        REQUIRE(state == new_state);
        return Outcome::New;
    }

    // After the restart: the kiosk takes version 2 (again, or at last) and then refuses version 1
    // (U2: versions only go up, also right after a power cut during install).
    void check_recovers(const std::string& data_dir, Outcome outcome) const
    {
        if (outcome == Outcome::New) check_refuses_old(data_dir);
        auto again = install(v2, data_dir);
        INFO("installing version 2 after the restart");
        REQUIRE(again);
        CHECK(again->up_to_date == (outcome == Outcome::New));
        CHECK(restart(data_dir) == new_state);
        if (outcome == Outcome::Old) check_refuses_old(data_dir);
    }

    void check_refuses_old(const std::string& data_dir) const
    {
        auto refused = install(v1, data_dir);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == ErrorKind::Rejected);
        CHECK_THAT(refused.error().message, Catch::Contains("older than the installed version 200"));
    }
};

// "0-41 old, 42-57 new": where a run of crashes landed, compactly.
class OutcomeRuns {
public:
    void add(int64_t at, Outcome outcome)
    {
        ++m_count[outcome];
        if (!m_runs.empty() && m_runs.back().outcome == outcome) {
            m_runs.back().last = at;
            m_runs.back().n += 1;
            return;
        }
        m_runs.push_back({at, at, 1, outcome});
    }
    int64_t count(Outcome outcome) const { return m_count.contains(outcome) ? m_count.at(outcome) : 0; }
    std::string text() const
    {
        std::string out;
        for (const Run& r : m_runs) {
            if (!out.empty()) out += ", ";
            out += std::to_string(r.first) + (r.last != r.first ? "-" + std::to_string(r.last) : "") + " " +
                   outcome_name(r.outcome) + (r.n > 1 ? " (" + std::to_string(r.n) + ")" : "");
        }
        return out;
    }

private:
    struct Run {
        int64_t first, last, n;
        Outcome outcome;
    };
    std::vector<Run> m_runs;
    std::map<Outcome, int64_t> m_count;
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// [SECTION] SQLite I/O points and power cuts
//
// The fault VFS sees SQLite's file I/O only. The installer's own files (objects, the manifest copy)
// go through POSIX: they are content-addressed, fsynced and hash-checked again before reuse, and
// the process kills below stop the installer in the middle of them too.

struct Cut {
    Mode mode;
    uint64_t seed;
    const char* name;
};

// A power cut that loses every unsynced write, and torn ones that keep a seeded random subset of
// them (the seed mixed with the crash point, so each point tears differently).
const Cut k_drop = {Mode::DropUnsynced, 0, "drop-unsynced"};
const Cut k_torn[] = {{Mode::TornRandom, 1, "torn (seed 1)"},
                      {Mode::TornRandom, 2, "torn (seed 2)"},
                      {Mode::TornSectors, 1, "torn sectors (seed 1)"}};

// The crash points to try among 0..points (points itself: the run that does not crash). Every one
// in the normal build; every stride-th under the sanitizers (LINLI_CRASH_STRIDE overrides); the
// last 30, where the switch and the clean-up happen, always.
std::vector<int64_t> crash_points(int64_t points, int64_t stride)
{
    std::vector<int64_t> out;
    for (int64_t n = 0; n <= points; ++n)
        if (n % stride == 0 || n >= points - 30) out.push_back(n);
    return out;
}

// The cuts after crash point n (the i-th tried): every one gets the drop and one torn cut, the
// torn ones taking turns; the last 30 points get all of them.
std::vector<Cut> cuts_at(size_t i, int64_t n, int64_t points)
{
    std::vector<Cut> out = {k_drop};
    if (n >= points - 30) out.insert(out.end(), std::begin(k_torn), std::end(k_torn));
    else out.push_back(k_torn[i % std::size(k_torn)]);
    return out;
}

// A reboot without losing anything: the VFS forgets the files a test is about to replace.
void settle(ScopedFaultVfs& vfs) { vfs.power_cut(Mode::DropUnsynced); }

// [SECTION] Process kills

// Set in the child only, before the install: which commit to die at, counting every transaction
// any connection commits. The commit hook runs just before a transaction commits; the statement
// that committed it reports its end to the trace hook just after. 0: none.
int g_kill_before_commit = 0;
int g_kill_after_commit = 0;
int g_commits = 0;
bool g_die_after_statement = false;

int on_commit(void*)
{
    ++g_commits;
    if (g_commits == g_kill_before_commit) ::raise(SIGKILL);
    if (g_commits == g_kill_after_commit) g_die_after_statement = true;
    return 0;
}

int on_statement_end(unsigned, void*, void*, void*)
{
    if (g_die_after_statement) ::raise(SIGKILL);
    return 0;
}

// Registered with sqlite3_auto_extension: hooks every connection opened from then on.
int hook_connection(sqlite3* db, char**, const sqlite3_api_routines*)
{
    sqlite3_commit_hook(db, on_commit, nullptr);
    sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, on_statement_end, nullptr);
    return SQLITE_OK;
}

using AutoExtension = void (*)();

// Where a child dies. Exactly one of the kinds applies.
struct KillPlan {
    std::string name;
    double delay_s = -1;             // SIGKILL from the parent after this long (>= 0)
    const char* stage = nullptr;     // raise(SIGKILL) at this progress stage...
    double copied_fraction = 0;      // ...for "copying": once this part of the bytes is done
    int before_commit = 0;           // raise(SIGKILL) just before the n-th commit
    int after_commit = 0;            // ... just after it
    std::optional<Outcome> expected; // nothing: either
};

// The child: installs version 2 once, dies as planned (or finishes), and leaves by _exit so that
// nothing of the parent's runs twice (Catch2's teardown, TempDir's destructor, stdio buffers).
[[noreturn]] void child_install(const Bundles& bundles, const std::string& data_dir, const KillPlan& plan)
{
    g_kill_before_commit = plan.before_commit;
    g_kill_after_commit = plan.after_commit;
    g_commits = 0;  // the parent's count came along with the fork
    if (plan.before_commit || plan.after_commit)
        sqlite3_auto_extension(reinterpret_cast<AutoExtension>(hook_connection));
    InstallTarget target = crash_target(data_dir, bundles.key);
    if (plan.stage) {
        target.on_progress = [&plan](const InstallProgress& p) {
            if (std::string_view(p.stage) != plan.stage) return;
            if (std::string_view(p.stage) == "copying" && double(p.done) < plan.copied_fraction * double(p.total)) return;
            ::raise(SIGKILL);
        };
    }
    int code = 4;
    try {
        DirectorySource source(bundles.v2);
        code = install_bundle(source, target) ? 0 : 3;
    } catch (...) {
        // Reported by the exit code: the child must not unwind into Catch2.
    }
    ::_exit(code);
}

struct ChildEnd {
    bool killed = false;
    int exit_code = -1;
};

ChildEnd run_child(const Bundles& bundles, const std::string& data_dir, const KillPlan& plan)
{
    std::fflush(nullptr);  // nothing buffered is inherited and written twice
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) child_install(bundles, data_dir, plan);
    if (plan.delay_s >= 0) {
        timespec delay{time_t(plan.delay_s), long((plan.delay_s - double(time_t(plan.delay_s))) * 1e9)};
        ::nanosleep(&delay, nullptr);
        ::kill(pid, SIGKILL);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    ChildEnd end;
    end.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    end.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    REQUIRE((end.killed || WIFEXITED(status)));
    return end;
}

}  // namespace

TEST_CASE("install crash: stopped at any SQLite I/O point and the power cut, the kiosk restarts with "
          "the complete old or the complete new content",
          "[bundle]")
{
    const auto started = std::chrono::steady_clock::now();
    Bundles bundles;
    const std::string data = bundles.tmp.file("data");
    ScopedFaultVfs vfs;

    // A clean run counts the install's I/O points.
    bundles.fresh_copy(data);
    settle(vfs);
    const int64_t before = vfs.io_points();
    REQUIRE(bundles.install(bundles.v2, data));
    const int64_t points = vfs.io_points() - before;
    REQUIRE(points > 30);
    settle(vfs);
    CHECK(restart(data) == bundles.new_state);
    settle(vfs);

    int64_t stride = k_sanitized ? 5 : 1;
    if (const char* env = std::getenv("LINLI_CRASH_STRIDE")) stride = std::max(1, std::atoi(env));
    const std::vector<int64_t> to_crash = crash_points(points, stride);
    std::map<std::string, OutcomeRuns> runs;  // by cut
    OutcomeRuns all;
    int64_t acknowledged = 0;
    int64_t scenarios = 0;
    for (size_t i = 0; i < to_crash.size(); ++i) {
        const int64_t n = to_crash[i];
        for (const Cut& cut : cuts_at(i, n, points)) {
            bundles.fresh_copy(data);
            vfs.arm_crash_after(n);
            auto result = bundles.install(bundles.v2, data);
            const bool died = vfs.crashed();
            const uint64_t seed = cut.seed * 1000003 + uint64_t(n);
            vfs.power_cut(cut.mode, seed);

            INFO("crash after " << n << " of " << points << " I/O points, then a " << cut.name << " power cut (seed "
                                << seed << "); install_bundle "
                                << (result ? "had returned OK" : "had failed: " + result.error().message));
            CHECK(died == (n < points));
            // Every other point: the next install runs over the leftovers, before any tidying.
            const Outcome outcome = bundles.classify(restart(data, i % 2 == 0));
            if (result) {
                ++acknowledged;
                CHECK(outcome == Outcome::New);  // a reported install is never lost
            }
            runs[cut.name].add(n, outcome);
            all.add(n, outcome);
            ++scenarios;
            settle(vfs);
            bundles.check_recovers(data, outcome);
            settle(vfs);
        }
    }
    std::string report;
    for (const auto& [name, by_cut] : runs) report += "  " + name + ": " + by_cut.text() + "\n";
    std::printf("install crash (fault VFS): %lld I/O points, %zu crash points (stride %lld, the last 30 all), %lld "
                "crashes with a power cut: %lld old, %lld new (%lld acknowledged) in %.1f s\n%s",
                (long long)points, to_crash.size(), (long long)stride, (long long)scenarios,
                (long long)all.count(Outcome::Old), (long long)all.count(Outcome::New), (long long)acknowledged,
                seconds_since(started), report.c_str());
    // Both ends must be reached, or the crash points missed the switch.
    CHECK(all.count(Outcome::Old) > 0);
    CHECK(all.count(Outcome::New) > 0);
    CHECK(acknowledged >= 1 + int64_t(std::size(k_torn)));
}

TEST_CASE("install crash: a kiosk process killed at any instant of the install restarts with the "
          "complete old or the complete new content",
          "[bundle]")
{
    const auto started = std::chrono::steady_clock::now();
    Bundles bundles;
    const std::string data = bundles.tmp.file("data");

    // Clean runs in a child: how long an install takes (the fastest of three, so the kills below
    // spread over the install rather than over a slow first start), and how many commits it makes.
    double duration_s = 1e9;
    ChildEnd clean;
    for (int i = 0; i < 3; ++i) {
        bundles.fresh_copy(data);
        const auto clean_start = std::chrono::steady_clock::now();
        clean = run_child(bundles, data, {"clean"});
        duration_s = std::min(duration_s, seconds_since(clean_start));
        REQUIRE(clean.exit_code == 0);
    }
    REQUIRE(clean.exit_code == 0);
    CHECK(restart(data) == bundles.new_state);
    bundles.fresh_copy(data);
    int commits = 0;
    {
        // Counted here, with the hooks on for this one install only (a child inherits nothing).
        struct Hooked {
            Hooked() { sqlite3_auto_extension(reinterpret_cast<AutoExtension>(hook_connection)); }
            ~Hooked() { sqlite3_cancel_auto_extension(reinterpret_cast<AutoExtension>(hook_connection)); }
        } hooked;
        g_commits = 0;
        REQUIRE(bundles.install(bundles.v2, data));
        commits = g_commits;
    }
    REQUIRE(commits > 2);

    std::vector<KillPlan> plans;
    const int timed = k_sanitized ? 20 : 32;
    for (int i = 0; i < timed; ++i) {
        KillPlan plan;
        plan.delay_s = duration_s * i / (timed - 4);  // the last few land after the end
        plan.name = "after " + std::to_string(int(plan.delay_s * 1e6)) + " us";
        plans.push_back(plan);
    }
    for (const char* stage : {"verifying", "preparing", "switching"}) {
        KillPlan plan;
        plan.name = std::string("at stage ") + stage;
        plan.stage = stage;
        plan.expected = Outcome::Old;
        plans.push_back(plan);
    }
    for (double fraction : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        KillPlan plan;
        plan.name = "copying, " + std::to_string(int(fraction * 100)) + "% of the bytes done";
        plan.stage = "copying";
        plan.copied_fraction = fraction;
        plan.expected = Outcome::Old;
        plans.push_back(plan);
    }
    for (int k = 1; k <= commits; ++k) {
        KillPlan plan;
        plan.name = "just before commit " + std::to_string(k) + " of " + std::to_string(commits);
        plan.before_commit = k;
        if (k == 1) plan.expected = Outcome::Old;
        plans.push_back(plan);
    }
    for (int k = 1; k <= commits; ++k) {
        KillPlan plan;
        plan.name = "just after commit " + std::to_string(k) + " of " + std::to_string(commits);
        plan.after_commit = k;
        if (k == commits) plan.expected = Outcome::New;
        plans.push_back(plan);
    }

    std::map<Outcome, int> count;
    int killed = 0;
    for (size_t i = 0; i < plans.size(); ++i) {
        const KillPlan& plan = plans[i];
        bundles.fresh_copy(data);
        ChildEnd end = run_child(bundles, data, plan);
        INFO("killed " << plan.name << (end.killed ? "" : " (the child had finished first, exit code " +
                                                            std::to_string(end.exit_code) + ")"));
        if (!end.killed) CHECK(end.exit_code == 0);
        if (plan.delay_s < 0) CHECK(end.killed);  // a planned stage or commit was reached
        killed += end.killed;
        const Outcome outcome = bundles.classify(restart(data, i % 2 == 0));
        if (!end.killed) CHECK(outcome == Outcome::New);
        if (plan.expected) CHECK(outcome == *plan.expected);
        ++count[outcome];
        std::printf("  kill %s: %s%s\n", plan.name.c_str(), end.killed ? "" : "(finished first) ",
                    outcome == Outcome::Old ? "old (version 100)" : "new (version 200)");
        bundles.check_recovers(data, outcome);
    }
    std::printf("install crash (SIGKILL): clean install %.1f ms, %d commits; %zu kills (%d landed): %d old, "
                "%d new in %.1f s\n",
                duration_s * 1e3, commits, plans.size(), killed, count[Outcome::Old],
                count[Outcome::New], seconds_since(started));
    CHECK(count[Outcome::Old] > 0);
    CHECK(count[Outcome::New] > 0);
}
