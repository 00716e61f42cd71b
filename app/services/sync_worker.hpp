// SyncWorker: the kiosk's one background thread for content updates. It runs one job at a time:
// a USB stick with linli/ appeared (install linli/bundle/), the LAN poll is due (conditional GET
// of the manifest, then only the files the kiosk lacks), or an administrator pressed "sync now".
// It never touches the UI or the service: it posts SyncNotices to a queue that the main thread
// drains (take_notices) after wake() has woken its loop (ARCHITECTURE.md, "Threads").
#pragma once

#include "core/clock.hpp"
#include "services/kiosk_config.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace linli::services {

struct SyncNotice {
    enum class Kind { Started, Progress, Finished };
    Kind kind = Kind::Started;
    std::string source;     // "usb", "lan"
    int percent = -1;       // Progress: 0-100, -1 when unknown
    bool ok = false;        // Finished: true when installed or already up to date
    bool installed = false; // Finished: new content was installed (the service reloads it)
    bool stick_done = false;  // Finished for a stick: everything is synced, it may be removed
    bool export_only = false; // Started, Finished: a stick without a bundle: only residents' data is written
    std::string text;       // Finished: one line for the admin panel ("installed version N", or why not)
    int64_t at_s = 0;
};

class SyncWorker {
public:
    // wake is called (from the worker thread) after each notice is queued.
    SyncWorker(KioskConfig config, std::string data_dir, const Clock& clock, std::function<void()> wake);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Starts the worker thread and the USB watcher. The first LAN poll is due at once.
    Status start();
    void stop();

    // Queues a LAN poll now ("sync now" on the admin panel); ignored without [sync] lan_url.
    void request_lan_sync();
    // For tests and `linli-kiosk`: a USB stick (or a folder standing in for one) to handle.
    void request_usb(std::string linli_dir);
    // "Export to USB" on the admin panel: writes pending exports to every stick now present.
    void request_usb_export();

    // Main thread: the notices posted since the last call, oldest first.
    std::vector<SyncNotice> take_notices();

private:
    struct Job;
    void run();
    void post(SyncNotice notice);
    void handle_usb(const std::string& linli_dir);
    // Writes the pending residents' data to the stick's linli/exports/ (synced), then a backup of
    // residents.db to linli/backup/<kiosk id>/ (also when nothing is pending but the stick has no
    // current backup of this kiosk); a line for the result panel, empty when nothing was written.
    // writing, if given, is called once before the first write (the screen says it is busy).
    Result<std::string> export_to_stick(const std::string& linli_dir, const std::function<void()>& writing = {});
    // Uploads the pending residents' data to [sync] upload_url; false when it failed.
    bool upload_exports();
    // One LAN poll; true when it worked (installed or up to date).
    bool handle_lan();

    KioskConfig m_config;
    std::string m_data_dir;
    const Clock& m_clock;
    std::function<void()> m_wake;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_usb_jobs;  // linli/ folders of sticks to handle
    bool m_lan_requested = false;
    bool m_export_requested = false;
    std::vector<std::string> m_present_sticks;  // linli/ folders of the sticks now plugged in
    bool m_stopping = false;
    std::vector<SyncNotice> m_notices;

    std::atomic<bool> m_cancel{false};  // aborts a transfer in flight when stopping
    struct LanState;
    std::unique_ptr<LanState> m_lan;    // worker thread only
    struct Usb;
    std::unique_ptr<Usb> m_usb;
    std::thread m_thread;
};

}  // namespace linli::services
