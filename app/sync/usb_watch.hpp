// The USB stick watcher: notices a stick carrying a `linli/` folder at its root (INTERFACES.md §4)
// being mounted under one of the configured roots ([sync] usb_watch) and notices it going away.
// scan_usb_sticks() is a pure look at the file system; UsbWatcher runs it again on a worker thread
// whenever a root's directories or the mount table change. Sticks are outside input (SECURITY.md):
// symlinks are never followed and every directory listing is bounded.
#pragma once

#include "core/result.hpp"

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace linli::sync {

struct UsbStick {
    std::string mount_dir;  // the stick's root as mounted, e.g. /media/pi/LABEL
    std::string linli_dir;  // mount_dir + "/linli"
    // st_dev and st_ino of linli_dir: a different stick mounted at the same place differs here.
    dev_t device = 0;
    ino_t inode = 0;

    bool operator==(const UsbStick&) const = default;
};

// A hostile or cluttered file system cannot stall the kiosk: at most this many directory entries
// are read under each watch root per scan, depth 1 and depth 2 together.
inline constexpr std::size_t k_max_scan_entries_per_root = 256;

// The sticks under roots, in scan order. A stick is a directory at depth 1 (/media/LABEL) or 2
// (/media/USER/LABEL) holding a real directory `linli` (lstat; a symlink or file is ignored).
// Depth 2 is searched only under depth-1 directories on the root's own file system (udisks2's
// per-user folders), never inside a mounted stick. Missing or unreadable roots are skipped.
std::vector<UsbStick> scan_usb_sticks(const std::vector<std::string>& roots);

enum class UsbChange { Appeared, Removed };

struct UsbEvent {
    UsbChange change;
    UsbStick stick;
};

// Watches roots on a worker thread and reports each stick once when it appears and once when it
// goes. Blocks in poll() on inotify (directories created, deleted, renamed under the roots),
// /proc/self/mountinfo (mounts: a stick mounted over an existing empty directory makes no inotify
// event) and a stop eventfd; never polls on a timer.
class UsbWatcher {
public:
    // Automounters create the directory first and mount a moment later: wait this long after the
    // first event of a burst before rescanning.
    static constexpr std::chrono::milliseconds k_default_settle{300};

    using Callback = std::function<void(const UsbEvent&)>;

    explicit UsbWatcher(std::chrono::milliseconds settle = k_default_settle) : m_settle(settle) {}
    ~UsbWatcher() { stop(); }
    UsbWatcher(const UsbWatcher&) = delete;
    UsbWatcher& operator=(const UsbWatcher&) = delete;

    // Starts the worker, which scans once at once (a stick inserted before boot is reported) and
    // then after every change. Roots that do not exist yet are watched for until they appear.
    // callback runs on the worker thread; it must not throw or call stop() (forward the event
    // to the main thread instead).
    // Fails only if the kernel refuses an inotify instance or an eventfd.
    Status start(std::vector<std::string> roots, Callback callback);

    // Wakes the worker and joins it; returns promptly unless a scan is stuck in the kernel on a
    // failing device. Safe to call when not running. No callback runs after stop() returns.
    void stop();

    bool running() const { return m_thread.joinable(); }

private:
    std::chrono::milliseconds m_settle;
    int m_stop_fd = -1;  // eventfd written by stop(); the worker only reads it
    std::thread m_thread;
};

// The exports folder on stick, `linli/exports/`, created if missing and the creation made durable.
// Refused (ErrorKind::Rejected) if `linli` is no longer the directory that was scanned or
// `linli/exports` exists as a symlink or a non-directory; writers should still open files in it
// with O_NOFOLLOW.
Result<std::string> prepare_exports_dir(const UsbStick& stick);
// The same for any folder directly under linli/ ("exports", "backup").
Result<std::string> prepare_stick_folder(const UsbStick& stick, const std::string& name);

}  // namespace linli::sync
