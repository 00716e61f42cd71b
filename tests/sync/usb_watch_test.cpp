// The USB stick watcher (app/sync/usb_watch.cpp): a temp directory stands in for /media. The one
// test that needs real mounts runs in a forked child inside its own mount namespace.
#include "sync/fs_util.hpp"
#include "sync/usb_watch.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace linli;
using namespace linli::sync;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A fresh directory under base (the system temp dir unless given), removed when the test ends.
class TempDir {
public:
    explicit TempDir(fs::path base = fs::temp_directory_path())
    {
        std::random_device random;
        for (;;) {
            m_path = base /
                     ("linli-usb-test-" + std::to_string(random()) + std::to_string(random()));
            if (fs::create_directory(m_path))
                break;
        }
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string sub(const std::string& relative) const { return (m_path / relative).string(); }

private:
    fs::path m_path;
};

// A stick is a directory holding linli/; the stick's root is created too.
void make_stick(const std::string& mount_dir)
{
    fs::create_directories(fs::path(mount_dir) / "linli");
}

std::vector<std::string> mount_dirs(const std::vector<UsbStick>& sticks)
{
    std::vector<std::string> dirs;
    for (const UsbStick& stick : sticks)
        dirs.push_back(stick.mount_dir);
    return dirs;
}

// Collects the watcher's events (they arrive on its worker thread) and lets a test wait for one.
class Recorder {
public:
    UsbWatcher::Callback callback()
    {
        return [this](const UsbEvent& event) {
            std::lock_guard lock(m_mutex);
            m_events.push_back(event);
            m_changed.notify_all();
        };
    }

    // True once count events of this change for mount_dir have been recorded, false after timeout.
    bool wait_for(UsbChange change, const std::string& mount_dir, std::chrono::milliseconds timeout = 2s,
                  int count = 1)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return count_locked(change, mount_dir) >= count; });
    }

    int count(UsbChange change, const std::string& mount_dir)
    {
        std::lock_guard lock(m_mutex);
        return count_locked(change, mount_dir);
    }

    std::vector<UsbEvent> events()
    {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

private:
    int count_locked(UsbChange change, const std::string& mount_dir) const
    {
        int n = 0;
        for (const UsbEvent& event : m_events)
            n += event.change == change && event.stick.mount_dir == mount_dir;
        return n;
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<UsbEvent> m_events;
};

// Short enough to keep the tests quick, long enough to exercise the settle path.
constexpr auto k_test_settle = 50ms;

}  // namespace

// =================================================================================================
// scan_usb_sticks
// =================================================================================================

TEST_CASE("scan finds sticks at depth 1 and 2 and nothing else", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(media + "/LABEL");           // /media/LABEL
    make_stick(media + "/pi/OTHER");        // /media/pi/OTHER
    fs::create_directories(media + "/PLAIN/data");  // a stick without linli/
    fs::create_directories(media + "/pi/EMPTY");
    make_stick(media + "/pi/deep/er/TOO");  // depth 3: not a stick root
    std::ofstream(media + "/file.txt") << "x";

    std::vector<UsbStick> sticks = scan_usb_sticks({media});
    REQUIRE(mount_dirs(sticks) == std::vector<std::string>{media + "/LABEL", media + "/pi/OTHER"});
    CHECK(sticks[0].linli_dir == media + "/LABEL/linli");
    struct stat st;
    REQUIRE(::stat(sticks[0].linli_dir.c_str(), &st) == 0);
    CHECK(sticks[0].device == st.st_dev);
    CHECK(sticks[0].inode == st.st_ino);
    CHECK(sticks[0].inode != sticks[1].inode);
}

TEST_CASE("scan does not search inside a folder that is a stick", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(media + "/LABEL");
    make_stick(media + "/LABEL/inner");  // a folder on the stick that happens to hold linli/
    CHECK(mount_dirs(scan_usb_sticks({media})) == std::vector<std::string>{media + "/LABEL"});
}

TEST_CASE("scan ignores linli as a symlink or a file, and symlinked stick folders", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(tmp.sub("elsewhere/REAL"));
    fs::create_directories(media + "/LINKED");
    fs::create_directory_symlink(tmp.sub("elsewhere/REAL/linli"), media + "/LINKED/linli");
    fs::create_directories(media + "/FILE");
    std::ofstream(media + "/FILE/linli") << "not a folder";
    fs::create_directory_symlink(tmp.sub("elsewhere/REAL"), media + "/ALIAS");          // depth 1
    fs::create_directories(media + "/pi");
    fs::create_directory_symlink(tmp.sub("elsewhere/REAL"), media + "/pi/ALIAS");       // depth 2
    fs::create_directory_symlink(tmp.sub("elsewhere"), media + "/user-link");           // descend?

    CHECK(scan_usb_sticks({media}).empty());
    // The control: the stick behind the links is found when scanned directly.
    CHECK(scan_usb_sticks({tmp.sub("elsewhere")}).size() == 1);
}

TEST_CASE("scan skips missing roots and accepts trailing slashes and overlapping roots", "[sync]")
{
    TempDir tmp;
    make_stick(tmp.sub("media/pi/A"));
    std::vector<UsbStick> sticks =
        scan_usb_sticks({tmp.sub("absent"), "", tmp.sub("media") + "//", tmp.sub("media/pi")});
    REQUIRE(sticks.size() == 1);  // found via both roots, reported once
    CHECK(sticks[0].mount_dir == tmp.sub("media/pi/A"));
    CHECK(scan_usb_sticks({}).empty());
}

TEST_CASE("scan reads a bounded number of entries per root", "[sync]")
{
    // Hundreds of folders are slow to delete on some disks; tmpfs keeps this test quick.
    std::error_code no_shm;
    TempDir tmp(fs::is_directory("/dev/shm", no_shm) && ::access("/dev/shm", W_OK) == 0 ? fs::path("/dev/shm")
                                                                                       : fs::temp_directory_path());
    const std::size_t many = k_max_scan_entries_per_root + 44;
    fs::create_directories(tmp.sub("flat"));
    fs::create_directories(tmp.sub("nested/pi"));
    for (std::size_t i = 0; i < many; ++i) {
        for (const std::string& root : {tmp.sub("flat/s"), tmp.sub("nested/pi/s")}) {
            std::string stick = root + std::to_string(i);
            REQUIRE(::mkdir(stick.c_str(), 0755) == 0);
            REQUIRE(::mkdir((stick + "/linli").c_str(), 0755) == 0);
        }
    }
    CHECK(scan_usb_sticks({tmp.sub("flat")}).size() == k_max_scan_entries_per_root);
    // One entry ("pi") spent at depth 1, the rest at depth 2.
    CHECK(scan_usb_sticks({tmp.sub("nested")}).size() == k_max_scan_entries_per_root - 1);
    // Each root has its own budget.
    CHECK(scan_usb_sticks({tmp.sub("flat"), tmp.sub("nested")}).size() == 2 * k_max_scan_entries_per_root - 1);
}

// =================================================================================================
// UsbWatcher
// =================================================================================================

TEST_CASE("watcher reports a stick present at start, and its removal", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(media + "/pi/BOOT");
    Recorder recorder;
    UsbWatcher watcher(k_test_settle);
    REQUIRE(watcher.start({media}, recorder.callback()));
    REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/pi/BOOT"));

    fs::remove_all(media + "/pi/BOOT");
    REQUIRE(recorder.wait_for(UsbChange::Removed, media + "/pi/BOOT"));
    watcher.stop();
    std::vector<UsbEvent> events = recorder.events();
    REQUIRE(events.size() == 2);
    CHECK(events[1].stick == events[0].stick);
}

TEST_CASE("watcher reports sticks inserted after start, once each, and ignores folders without linli", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    fs::create_directories(media);
    Recorder recorder;
    UsbWatcher watcher(k_test_settle);
    REQUIRE(watcher.start({media}, recorder.callback()));

    make_stick(media + "/A");
    REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/A"));
    // Step by step, as an automounter would: the user folder, then the mount point, then (here,
    // without a real mount) its contents, each in its own inotify burst.
    fs::create_directories(media + "/pi");
    fs::create_directories(media + "/PLAIN/data");
    make_stick(media + "/PLAIN/data/nested");  // inside a stick-less folder at depth 2: still no stick root
    // (These waits only let each step be scanned on its own; nothing can appear yet.)
    REQUIRE(!recorder.wait_for(UsbChange::Appeared, media + "/pi/B", 3 * k_test_settle));
    fs::create_directories(media + "/pi/B");
    REQUIRE(!recorder.wait_for(UsbChange::Appeared, media + "/pi/B", 3 * k_test_settle));
    fs::create_directories(media + "/pi/B/linli");
    REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/pi/B"));
    watcher.stop();

    CHECK(recorder.count(UsbChange::Appeared, media + "/A") == 1);
    CHECK(recorder.count(UsbChange::Appeared, media + "/pi/B") == 1);
    for (const UsbEvent& event : recorder.events()) {
        CHECK(event.change == UsbChange::Appeared);
        CHECK(event.stick.mount_dir.find("PLAIN") == std::string::npos);
    }
}

TEST_CASE("watcher reports a different stick at the same place as removed then appeared", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(media + "/LABEL");
    Recorder recorder;
    UsbWatcher watcher(k_test_settle);
    REQUIRE(watcher.start({media}, recorder.callback()));
    REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/LABEL"));

    // The old linli/ keeps its inode alive elsewhere, so the new one is surely a new inode.
    fs::rename(media + "/LABEL/linli", tmp.sub("old-linli"));
    fs::create_directory(media + "/LABEL/linli");
    REQUIRE(recorder.wait_for(UsbChange::Removed, media + "/LABEL"));
    REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/LABEL", 2s, 2));
    std::vector<UsbEvent> events = recorder.events();
    REQUIRE(events.size() == 3);
    CHECK(events[1].change == UsbChange::Removed);
    CHECK(events[2].stick.inode != events[0].stick.inode);
}

TEST_CASE("watcher picks up roots that appear after start", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("run/media");  // neither run/ nor run/media exists yet
    Recorder recorder;
    UsbWatcher watcher(k_test_settle);
    REQUIRE(watcher.start({media, tmp.sub("media")}, recorder.callback()));

    fs::create_directory(tmp.sub("run"));
    REQUIRE(!recorder.wait_for(UsbChange::Appeared, media + "/pi/X", 3 * k_test_settle));
    fs::create_directory(media);
    REQUIRE(!recorder.wait_for(UsbChange::Appeared, media + "/pi/X", 3 * k_test_settle));
    make_stick(media + "/pi/X");
    REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/pi/X"));
    // A root renamed into place also counts.
    make_stick(tmp.sub("staging/Y"));
    fs::rename(tmp.sub("staging"), tmp.sub("media"));
    REQUIRE(recorder.wait_for(UsbChange::Appeared, tmp.sub("media/Y")));
}

TEST_CASE("watcher stop is prompt, also in the middle of a settle delay, and idempotent", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    fs::create_directories(media);
    make_stick(media + "/SENTINEL");
    Recorder recorder;
    {
        UsbWatcher watcher;  // the default settle delay: longer than the allowed stop time
        REQUIRE(watcher.start({media, "/run/media"}, recorder.callback()));
        CHECK(watcher.running());
        REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/SENTINEL"));  // the initial scan is done
        make_stick(media + "/A");  // starts a settle period
        std::this_thread::sleep_for(20ms);
        auto before = std::chrono::steady_clock::now();
        watcher.stop();
        auto took = std::chrono::steady_clock::now() - before;
        CHECK(took < 200ms);
        CHECK(!watcher.running());
        watcher.stop();
    }
    CHECK(recorder.count(UsbChange::Appeared, media + "/A") == 0);
    {
        UsbWatcher watcher(k_test_settle);
        REQUIRE(watcher.start({media}, recorder.callback()));
        REQUIRE(recorder.wait_for(UsbChange::Appeared, media + "/A"));
        // Restartable after stop; the destructor stops the second run.
        watcher.stop();
        REQUIRE(watcher.start({media}, recorder.callback()));
        auto before = std::chrono::steady_clock::now();
        watcher.stop();
        CHECK(std::chrono::steady_clock::now() - before < 200ms);
        REQUIRE(watcher.start({media}, recorder.callback()));
    }
}

// A real mount over an existing empty directory makes no inotify event: only the mount table
// tells. Needs a private mount namespace (root, or unprivileged user namespaces); skipped without.
TEST_CASE("watcher notices sticks mounted over existing folders, and unmounted", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(media + "/SENTINEL");
    fs::create_directories(media + "/STICK");
    fs::create_directories(media + "/NOLINLI");
    fs::create_directories(tmp.sub("staging"));
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();

    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::alarm(10);  // a hung watcher fails the test rather than hanging it
        auto fail = [](const char* what) {
            std::fprintf(stderr, "mount test (child): %s\n", what);
            std::fflush(stderr);
            ::_exit(1);
        };
        if (::unshare(CLONE_NEWNS) != 0) {
            if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
                ::_exit(77);
            std::ofstream("/proc/self/setgroups") << "deny";
            std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
            std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
        }
        // Private, so nothing done here reaches the host's mount table.
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            ::_exit(77);
        const std::string staging = tmp.sub("staging");
        auto stage = [&](const std::string& inside) {
            if (::mount("linli-test", staging.c_str(), "tmpfs", 0, "size=1m") != 0)
                fail("mount tmpfs");
            fs::create_directories(staging + "/" + inside);
        };

        Recorder recorder;
        UsbWatcher watcher(k_test_settle);
        if (!watcher.start({media}, recorder.callback()))
            fail("start");
        if (!recorder.wait_for(UsbChange::Appeared, media + "/SENTINEL"))
            fail("no initial scan");

        // A stick without linli/ but with a folder holding one: not a stick, not searched.
        stage("sub/linli");
        if (::mount(staging.c_str(), (media + "/NOLINLI").c_str(), nullptr, MS_MOVE, nullptr) != 0)
            fail("move mount NOLINLI");
        stage("linli");
        if (::mount(staging.c_str(), (media + "/STICK").c_str(), nullptr, MS_MOVE, nullptr) != 0)
            fail("move mount STICK");
        if (!recorder.wait_for(UsbChange::Appeared, media + "/STICK"))
            fail("mounted stick not reported");
        // A plain unmount, as udisks2 does: the watcher's inotify watch on the stick must not
        // keep it busy.
        if (::umount((media + "/STICK").c_str()) != 0)
            fail("umount: busy?");
        if (!recorder.wait_for(UsbChange::Removed, media + "/STICK"))
            fail("unmounted stick not reported");
        watcher.stop();
        for (const UsbEvent& event : recorder.events()) {
            if (event.stick.mount_dir.find("NOLINLI") != std::string::npos)
                fail("a folder inside a stick without linli/ was reported");
        }
        if (recorder.events().size() != 3)
            fail("unexpected events");
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        WARN("skipped: no private mount namespace here");
        return;
    }
    CHECK(WEXITSTATUS(status) == 0);
}

// =================================================================================================
// prepare_exports_dir, sync_dir
// =================================================================================================

TEST_CASE("prepare_exports_dir creates linli/exports once and reuses it", "[sync]")
{
    TempDir tmp;
    make_stick(tmp.sub("media/A"));
    std::vector<UsbStick> sticks = scan_usb_sticks({tmp.sub("media")});
    REQUIRE(sticks.size() == 1);

    Result<std::string> exports = prepare_exports_dir(sticks[0]);
    REQUIRE(exports.has_value());
    CHECK(*exports == tmp.sub("media/A/linli/exports"));
    CHECK(fs::is_directory(*exports));
    std::ofstream(*exports + "/keep") << "x";
    Result<std::string> again = prepare_exports_dir(sticks[0]);
    REQUIRE(again.has_value());
    CHECK(*again == *exports);
    CHECK(fs::exists(*exports + "/keep"));
}

TEST_CASE("prepare_exports_dir refuses symlinks, files and a changed or missing stick", "[sync]")
{
    TempDir tmp;
    const std::string media = tmp.sub("media");
    make_stick(media + "/LINK");
    make_stick(media + "/FILE");
    make_stick(media + "/SWAP");
    make_stick(media + "/GONE");
    std::vector<UsbStick> sticks = scan_usb_sticks({media});
    REQUIRE(sticks.size() == 4);
    auto stick = [&](const std::string& name) {
        for (const UsbStick& s : sticks)
            if (s.mount_dir == media + "/" + name)
                return s;
        FAIL("no stick " << name);
        return UsbStick{};
    };

    fs::create_directories(tmp.sub("target"));
    fs::create_directory_symlink(tmp.sub("target"), media + "/LINK/linli/exports");
    std::ofstream(media + "/FILE/linli/exports") << "x";
    fs::rename(media + "/SWAP/linli", tmp.sub("old"));
    fs::create_directory(media + "/SWAP/linli");
    fs::remove_all(media + "/GONE");

    struct Row {
        const char* name;
        const char* expected;
    };
    for (Row row : {Row{"LINK", "symbolic link"}, Row{"FILE", "not a directory"},
                    Row{"SWAP", "not the folder found"}, Row{"GONE", "No such file"}}) {
        INFO(row.name);
        Result<std::string> exports = prepare_exports_dir(stick(row.name));
        REQUIRE(!exports.has_value());
        CHECK(exports.error().kind == ErrorKind::Rejected);
        CHECK_THAT(exports.error().message, Catch::Contains(row.expected));
    }
    CHECK(fs::is_empty(tmp.sub("target")));
    // linli itself turned into a symlink to a real folder: refused too.
    fs::remove_all(media + "/SWAP/linli");
    fs::create_directory_symlink(tmp.sub("old"), media + "/SWAP/linli");
    Result<std::string> through_link = prepare_exports_dir(stick("SWAP"));
    CHECK(!through_link.has_value());
    CHECK(!fs::exists(tmp.sub("old/exports")));
}

TEST_CASE("sync_dir syncs a directory and reports a missing one", "[sync]")
{
    TempDir tmp;
    CHECK(sync_dir(tmp.sub("")).has_value());
    Status missing = sync_dir(tmp.sub("absent"));
    REQUIRE(!missing.has_value());
    CHECK_THAT(missing.error().message, Catch::Contains("absent"));
}
