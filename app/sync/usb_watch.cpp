// Index
//   [SECTION] Scanning: the sticks under the roots, and the directories worth watching
//   [SECTION] Worker: inotify + mountinfo + stop eventfd, settle, rescan, report the difference
//   [SECTION] UsbWatcher
//   [SECTION] Folders on the stick: exports/, backup/
#include "sync/usb_watch.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string_view>
#include <system_error>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace linli::sync {

namespace {

// Owns one file descriptor.
class Fd {
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd& operator=(Fd&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }
    int release() { return std::exchange(m_fd, -1); }
    void reset()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
};

// =================================================================================================
// [SECTION] Scanning
// =================================================================================================

// A directory the watcher should hold an inotify watch on. only_name is set for the nearest
// existing ancestor of a missing root: only that child appearing matters there.
struct WatchDir {
    std::string path;
    std::string only_name;
    dev_t device = 0;
    ino_t inode = 0;
    bool follow_symlink = false;  // roots come from the config and may be symlinks; nothing else
};

std::string trim_trailing_slashes(std::string path)
{
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    return path;
}

std::string join(const std::string& dir, std::string_view name)
{
    std::string path = dir;
    if (path.empty() || path.back() != '/')
        path += '/';
    path += name;
    return path;
}

// Names of the entries of the open directory dir_fd that may be directories (symlinks and files
// are left out), reading at most budget entries and counting them off it.
std::vector<std::string> read_dir_names(int dir_fd, std::size_t& budget)
{
    std::vector<std::string> names;
    // A fresh descriptor: closedir() closes what fdopendir() was given, and the offset is ours.
    int fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return names;
    DIR* dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        return names;
    }
    while (budget > 0) {
        errno = 0;
        const dirent* entry = ::readdir(dir);
        if (!entry)
            break;
        std::string_view name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        --budget;
        if (entry->d_type == DT_DIR || entry->d_type == DT_UNKNOWN)
            names.emplace_back(name);
    }
    ::closedir(dir);
    return names;
}

enum class Kind { NotDirectory, Stick, Directory };

struct Inspected {
    Kind kind = Kind::NotDirectory;
    Fd dir;  // O_PATH descriptor of the directory itself (never a symlink)
    struct stat dir_stat = {};
    struct stat linli_stat = {};
};

// Looks at parent/name without following a symlink at name or at name/linli.
Inspected inspect(int parent_fd, const std::string& name)
{
    Inspected result;
    result.dir = Fd(::openat(parent_fd, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!result.dir || ::fstat(result.dir.get(), &result.dir_stat) != 0 || !S_ISDIR(result.dir_stat.st_mode))
        return result;
    result.kind = Kind::Directory;
    if (::fstatat(result.dir.get(), "linli", &result.linli_stat, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISDIR(result.linli_stat.st_mode))
        result.kind = Kind::Stick;
    return result;
}

UsbStick make_stick(const std::string& mount_dir, const struct stat& linli_stat)
{
    return UsbStick{mount_dir, join(mount_dir, "linli"), linli_stat.st_dev, linli_stat.st_ino};
}

// The nearest ancestor of a missing root that is a directory, watched for the next path component
// (so /run/media is noticed when the first stick creates it).
void add_ancestor_watch(const std::string& root, std::vector<WatchDir>& dirs)
{
    std::filesystem::path missing = root;
    for (std::filesystem::path parent = missing.parent_path(); !parent.empty() && parent != missing;
         missing = parent, parent = parent.parent_path()) {
        struct stat st;
        if (::stat(parent.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            dirs.push_back({parent.string(), missing.filename().string(), st.st_dev, st.st_ino, true});
            return;
        }
    }
}

void scan_root(const std::string& root, std::vector<UsbStick>& sticks, std::vector<WatchDir>* dirs)
{
    Fd root_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat root_stat;
    if (!root_fd || ::fstat(root_fd.get(), &root_stat) != 0) {
        if (dirs)
            add_ancestor_watch(root, *dirs);
        return;
    }
    if (dirs)
        dirs->push_back({root, "", root_stat.st_dev, root_stat.st_ino, true});

    std::size_t budget = k_max_scan_entries_per_root;
    struct Descend {
        std::string path;
        Fd dir;
    };
    std::vector<Descend> descend;
    for (const std::string& name : read_dir_names(root_fd.get(), budget)) {
        Inspected child = inspect(root_fd.get(), name);
        if (child.kind == Kind::NotDirectory)
            continue;
        std::string path = join(root, name);
        if (dirs)
            dirs->push_back({path, "", child.dir_stat.st_dev, child.dir_stat.st_ino, false});
        if (child.kind == Kind::Stick)
            sticks.push_back(make_stick(path, child.linli_stat));
        // Only a plain folder on the root's own file system (udisks2's /media/USER) can hold
        // sticks; a mounted stick without linli/ is not searched, whatever it contains.
        else if (child.dir_stat.st_dev == root_stat.st_dev)
            descend.push_back({std::move(path), std::move(child.dir)});
    }

    for (Descend& folder : descend) {
        if (budget == 0)
            break;
        // Reopened through the O_PATH descriptor: the same directory that was inspected.
        Fd folder_fd(::openat(folder.dir.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!folder_fd)
            continue;
        for (const std::string& name : read_dir_names(folder_fd.get(), budget)) {
            Inspected child = inspect(folder_fd.get(), name);
            if (child.kind == Kind::NotDirectory)
                continue;
            std::string path = join(folder.path, name);
            if (dirs)
                dirs->push_back({path, "", child.dir_stat.st_dev, child.dir_stat.st_ino, false});
            if (child.kind == Kind::Stick)
                sticks.push_back(make_stick(path, child.linli_stat));
        }
    }
}

std::vector<UsbStick> scan_all(const std::vector<std::string>& roots, std::vector<WatchDir>* dirs)
{
    std::vector<UsbStick> sticks;
    for (const std::string& root : roots) {
        if (!root.empty())
            scan_root(trim_trailing_slashes(root), sticks, dirs);
    }
    std::stable_sort(sticks.begin(), sticks.end(),
                     [](const UsbStick& a, const UsbStick& b) { return a.mount_dir < b.mount_dir; });
    // Overlapping roots (/media and /media/pi, or a symlink to one) find the same stick twice.
    std::vector<UsbStick> unique;
    for (UsbStick& stick : sticks) {
        bool seen = std::any_of(unique.begin(), unique.end(), [&](const UsbStick& other) {
            return other.device == stick.device && other.inode == stick.inode;
        });
        if (!seen)
            unique.push_back(std::move(stick));
    }
    return unique;
}

// =================================================================================================
// [SECTION] Worker
// =================================================================================================

constexpr uint32_t k_watch_mask = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |
                                  IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
// Rescans in a row when each one adds watches on new directories: something may have changed in
// a directory between scanning it and watching it.
constexpr int k_max_watch_rounds = 3;

// Everything the worker thread touches; owned by the thread, shared with nobody. The stop eventfd
// belongs to UsbWatcher and is only polled here.
class Worker {
public:
    Worker(std::vector<std::string> roots, UsbWatcher::Callback callback, std::chrono::milliseconds settle,
           Fd inotify, Fd mountinfo, int stop_fd)
        : m_roots(std::move(roots)), m_callback(std::move(callback)), m_settle(settle),
          m_inotify(std::move(inotify)), m_mountinfo(std::move(mountinfo)), m_stop_fd(stop_fd)
    {
    }

    void run()
    {
        rescan_and_report();
        for (;;) {
            Wake wake = wait(-1);
            if (wake == Wake::Stop)
                return;
            if (wake == Wake::Nothing)
                continue;
            // Let the burst finish (directory created, then mounted; several partitions) so one
            // rescan sees the end state.
            auto deadline = std::chrono::steady_clock::now() + m_settle;
            for (;;) {
                auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0)
                    break;
                if (wait(static_cast<int>(left.count())) == Wake::Stop)
                    return;
            }
            rescan_and_report();
        }
    }

private:
    struct Watch {
        int wd;
        std::string only_name;
        dev_t device;
        ino_t inode;
    };

    enum class Wake { Stop, Change, Nothing };

    Wake wait(int timeout_ms)
    {
        pollfd fds[3] = {
            {m_stop_fd, POLLIN, 0},
            {m_inotify.get(), POLLIN, 0},
            // The kernel flags a mount table change as POLLPRI|POLLERR; POLLIN is always set there.
            {m_mountinfo ? m_mountinfo.get() : -1, POLLPRI, 0},
        };
        int ready = ::poll(fds, 3, timeout_ms);
        if (ready <= 0)
            return Wake::Nothing;  // timeout or EINTR
        if (fds[0].revents)
            return Wake::Stop;
        bool change = false;
        if (fds[1].revents & POLLIN)
            change = drain_inotify() || change;
        if (fds[2].revents & (POLLPRI | POLLERR))
            change = true;
        return change ? Wake::Change : Wake::Nothing;
    }

    // Reads every queued inotify event; true if one of them may change what a scan finds.
    bool drain_inotify()
    {
        alignas(inotify_event) char buffer[4096];
        bool change = false;
        for (;;) {
            ssize_t size = ::read(m_inotify.get(), buffer, sizeof buffer);
            if (size < 0 && errno == EINTR)
                continue;
            if (size <= 0)
                break;  // EAGAIN: drained
            for (ssize_t at = 0; at + static_cast<ssize_t>(sizeof(inotify_event)) <= size;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
                if (event->mask & IN_Q_OVERFLOW)
                    change = true;
                else if (event->mask & IN_IGNORED)
                    change = forget(event->wd) || change;  // a watched directory went away
                else if (matters(event->wd, event->len ? std::string_view(event->name) : std::string_view()))
                    change = true;
            }
        }
        return change;
    }

    bool matters(int wd, std::string_view name) const
    {
        for (const auto& [path, watch] : m_watches) {
            if (watch.wd == wd && (watch.only_name.empty() || name.empty() || name == watch.only_name))
                return true;
        }
        return false;
    }

    // Drops the kernel-removed watch wd; false if it was not ours any more (we removed it).
    bool forget(int wd)
    {
        return std::erase_if(m_watches, [wd](const auto& entry) { return entry.second.wd == wd; }) > 0;
    }

    // Makes the watches match dirs; true if a directory is watched that was not before.
    bool update_watches(const std::vector<WatchDir>& dirs)
    {
        std::map<std::string, Watch> next;
        bool added = false;
        for (const WatchDir& dir : dirs) {
            if (next.count(dir.path))
                continue;
            auto old = m_watches.find(dir.path);
            if (old != m_watches.end() && old->second.device == dir.device && old->second.inode == dir.inode &&
                old->second.only_name == dir.only_name) {
                next.emplace(dir.path, old->second);
                continue;
            }
            uint32_t mask = k_watch_mask | (dir.follow_symlink ? 0 : IN_DONT_FOLLOW);
            // Failure (a watch limit, a directory gone since the scan) leaves mountinfo and the
            // other watches to notice changes; nothing better to do from here.
            int wd = ::inotify_add_watch(m_inotify.get(), dir.path.c_str(), mask);
            if (wd < 0)
                continue;
            next.emplace(dir.path, Watch{wd, dir.only_name, dir.device, dir.inode});
            added = true;
        }
        for (const auto& old : m_watches) {
            // (Not a structured binding: clang 14, used for fuzzing, cannot capture one.)
            const int old_wd = old.second.wd;
            bool still_used = std::any_of(next.begin(), next.end(),
                                          [&](const auto& entry) { return entry.second.wd == old_wd; });
            if (!still_used)
                ::inotify_rm_watch(m_inotify.get(), old_wd);
        }
        m_watches = std::move(next);
        return added;
    }

    void rescan_and_report()
    {
        std::vector<UsbStick> sticks;
        for (int round = 0; round < k_max_watch_rounds; ++round) {
            std::vector<WatchDir> dirs;
            sticks = scan_all(m_roots, &dirs);
            if (!update_watches(dirs))
                break;
        }
        // Removals first: a different stick at the same mount point reads as gone, then new.
        for (const UsbStick& old : m_known) {
            if (std::find(sticks.begin(), sticks.end(), old) == sticks.end())
                m_callback(UsbEvent{UsbChange::Removed, old});
        }
        for (const UsbStick& stick : sticks) {
            if (std::find(m_known.begin(), m_known.end(), stick) == m_known.end())
                m_callback(UsbEvent{UsbChange::Appeared, stick});
        }
        m_known = std::move(sticks);
    }

    std::vector<std::string> m_roots;
    UsbWatcher::Callback m_callback;
    std::chrono::milliseconds m_settle;
    Fd m_inotify;
    Fd m_mountinfo;
    int m_stop_fd;
    std::map<std::string, Watch> m_watches;  // by path
    std::vector<UsbStick> m_known;           // reported as present
};

}  // namespace

std::vector<UsbStick> scan_usb_sticks(const std::vector<std::string>& roots)
{
    return scan_all(roots, nullptr);
}

// =================================================================================================
// [SECTION] UsbWatcher
// =================================================================================================

Status UsbWatcher::start(std::vector<std::string> roots, Callback callback)
{
    assert(!running() && "UsbWatcher::start: already running");
    assert(callback);
    Fd inotify(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
    if (!inotify)
        return Error::internal(std::string("usb: inotify_init1: ") + std::strerror(errno));
    Fd stop(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!stop)
        return Error::internal(std::string("usb: eventfd: ") + std::strerror(errno));
    // Without /proc (a chroot, a test jail) mounts over existing directories go unnoticed, but
    // directories appearing still are: degrade rather than refuse.
    Fd mountinfo(::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC));

    auto worker = std::make_unique<Worker>(std::move(roots), std::move(callback), m_settle, std::move(inotify),
                                           std::move(mountinfo), stop.get());
    try {
        m_thread = std::thread([worker = std::move(worker)] { worker->run(); });
    } catch (const std::system_error& error) {
        return Error::internal(std::string("usb: cannot start the watcher thread: ") + error.what());
    }
    m_stop_fd = stop.release();
    return {};
}

void UsbWatcher::stop()
{
    if (!m_thread.joinable())
        return;
    assert(std::this_thread::get_id() != m_thread.get_id() && "UsbWatcher::stop called from its callback");
    uint64_t one = 1;
    while (::write(m_stop_fd, &one, sizeof one) < 0 && errno == EINTR) {
    }
    m_thread.join();
    ::close(m_stop_fd);
    m_stop_fd = -1;
}

// =================================================================================================
// [SECTION] Folders on the stick
// =================================================================================================

Result<std::string> prepare_exports_dir(const UsbStick& stick) { return prepare_stick_folder(stick, "exports"); }

Result<std::string> prepare_stick_folder(const UsbStick& stick, const std::string& name)
{
    const std::string folder = join(stick.linli_dir, name);
    Fd linli(::open(stick.linli_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!linli)
        return Error::rejected("usb: " + stick.linli_dir + ": " + std::strerror(errno));
    struct stat linli_stat;
    if (::fstat(linli.get(), &linli_stat) != 0)
        return Error::internal("usb: " + stick.linli_dir + ": " + std::strerror(errno));
    if (linli_stat.st_dev != stick.device || linli_stat.st_ino != stick.inode)
        return Error::rejected("usb: " + stick.linli_dir + ": not the folder found when the stick was inserted");

    bool created = ::mkdirat(linli.get(), name.c_str(), 0755) == 0;
    if (!created && errno != EEXIST) {
        int error = errno;
        if (error == EROFS)
            return Error::rejected("usb: " + folder + ": the stick is read-only");
        return Error::internal("usb: " + folder + ": cannot create: " + std::strerror(error));
    }
    struct stat folder_stat;
    if (::fstatat(linli.get(), name.c_str(), &folder_stat, AT_SYMLINK_NOFOLLOW) != 0)
        return Error::internal("usb: " + folder + ": " + std::strerror(errno));
    if (S_ISLNK(folder_stat.st_mode))
        return Error::rejected("usb: " + folder + ": is a symbolic link; refusing to write there");
    if (!S_ISDIR(folder_stat.st_mode))
        return Error::rejected("usb: " + folder + ": exists and is not a directory");
    // A stick is pulled as soon as the screen allows: make the new folder's entry durable now.
    if (created && ::fsync(linli.get()) != 0 && errno != EINVAL)
        return Error::internal("usb: " + stick.linli_dir + ": fsync: " + std::strerror(errno));
    return folder;
}

}  // namespace linli::sync
