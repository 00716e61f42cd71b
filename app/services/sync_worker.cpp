#include "services/sync_worker.hpp"

#include "services/poll_status.hpp"

#include "bundle/manifest.hpp"
#include "services/backup.hpp"
#include "services/bundle_install.hpp"
#include "services/exports.hpp"
#include "sync/backoff.hpp"
#include "sync/http_source.hpp"
#include "sync/usb_watch.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace linli::services {

struct SyncWorker::LanState {
    sync::Validators validators;  // of the last manifest installed or found up to date
    std::unique_ptr<sync::Backoff> backoff;
    std::chrono::steady_clock::time_point next_poll = std::chrono::steady_clock::now();
};

struct SyncWorker::Usb {
    sync::UsbWatcher watcher;
};

SyncWorker::SyncWorker(KioskConfig config, std::string data_dir, const Clock& clock, std::function<void()> wake)
    : m_config(std::move(config)), m_data_dir(std::move(data_dir)), m_clock(clock), m_wake(std::move(wake)),
      m_lan(std::make_unique<LanState>()), m_usb(std::make_unique<Usb>())
{
    m_lan->backoff = std::make_unique<sync::Backoff>(std::chrono::seconds(std::max(1, m_config.interval_s)));
}

SyncWorker::~SyncWorker() { stop(); }

Status SyncWorker::start()
{
    if (m_thread.joinable()) return {};
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
    if (!m_config.usb_watch.empty()) {
        Status watching = m_usb->watcher.start(m_config.usb_watch, [this](const sync::UsbEvent& event) {
            if (event.change == sync::UsbChange::Appeared) {
                request_usb(event.stick.linli_dir);
            } else {
                std::lock_guard lock(m_mutex);
                std::erase(m_present_sticks, event.stick.linli_dir);
            }
        });
        if (!watching) return watching;
    }
    return {};
}

void SyncWorker::stop()
{
    m_usb->watcher.stop();
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cancel = true;
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
    m_cancel = false;
}

void SyncWorker::request_lan_sync()
{
    {
        std::lock_guard lock(m_mutex);
        m_lan_requested = true;
    }
    m_changed.notify_all();
}

void SyncWorker::request_usb(std::string linli_dir)
{
    {
        std::lock_guard lock(m_mutex);
        if (std::find(m_present_sticks.begin(), m_present_sticks.end(), linli_dir) == m_present_sticks.end())
            m_present_sticks.push_back(linli_dir);
        m_usb_jobs.push_back(std::move(linli_dir));
    }
    m_changed.notify_all();
}

void SyncWorker::request_usb_export()
{
    {
        std::lock_guard lock(m_mutex);
        m_export_requested = true;
    }
    m_changed.notify_all();
}

std::vector<SyncNotice> SyncWorker::take_notices()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_notices, {});
}

void SyncWorker::post(SyncNotice notice)
{
    notice.at_s = m_clock.now_s();
    {
        std::lock_guard lock(m_mutex);
        // Progress notices replace the previous one: the main thread only shows the latest.
        if (notice.kind == SyncNotice::Kind::Progress && !m_notices.empty() &&
            m_notices.back().kind == SyncNotice::Kind::Progress)
            m_notices.back() = std::move(notice);
        else
            m_notices.push_back(std::move(notice));
    }
    if (m_wake) m_wake();
}

void SyncWorker::run()
{
    const bool lan = !m_config.lan_url.empty();
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (!m_usb_jobs.empty()) {
            std::string dir = std::move(m_usb_jobs.front());
            m_usb_jobs.pop_front();
            lock.unlock();
            handle_usb(dir);
            lock.lock();
            continue;
        }
        if (m_export_requested) {
            m_export_requested = false;
            std::vector<std::string> sticks = m_present_sticks;
            lock.unlock();
            SyncNotice done{SyncNotice::Kind::Finished, "usb"};
            done.ok = true;
            done.stick_done = true;
            done.export_only = true;
            if (sticks.empty()) {
                done.ok = false;
                done.stick_done = false;
                done.text = "no USB stick with a linli folder is plugged in";
            }
            for (const std::string& stick : sticks) {
                auto written = export_to_stick(stick);
                done.ok = done.ok && written.has_value();
                done.text += (done.text.empty() ? "" : "; ") +
                             (written ? (written->empty() ? "nothing to export" : *written) : written.error().message);
            }
            post(std::move(done));
            lock.lock();
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        if (lan && (m_lan_requested || now >= m_lan->next_poll)) {
            m_lan_requested = false;
            lock.unlock();
            const bool polled = handle_lan();
            const bool worked = upload_exports() && polled;
            const auto wait = worked ? m_lan->backoff->after_success() : m_lan->backoff->after_failure();
            lock.lock();
            m_lan->next_poll = std::chrono::steady_clock::now() + wait;
            continue;
        }
        if (lan)
            m_changed.wait_until(lock, m_lan->next_poll);
        else
            m_changed.wait(lock);
    }
}

void SyncWorker::handle_usb(const std::string& linli_dir)
{
    const std::string bundle_dir = linli_dir + "/bundle";
    struct stat st {};
    SyncNotice done{SyncNotice::Kind::Finished, "usb"};
    done.stick_done = true;
    if (::lstat(bundle_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        // A stick that only collects exports: nothing to install. It is quiet when there is
        // nothing to write either, so a stick left in does not flash a panel; otherwise the
        // screen says it is saving (a backup onto a slow stick takes a while) until it may go.
        auto started = [this] {
            SyncNotice notice{SyncNotice::Kind::Started, "usb"};
            notice.export_only = true;
            post(std::move(notice));
        };
        auto written = export_to_stick(linli_dir, started);
        if (written && written->empty()) return;
        done.export_only = true;
        done.ok = written.has_value();
        done.text = written ? *written : written.error().message;
        post(std::move(done));
        return;
    }
    post({SyncNotice::Kind::Started, "usb"});
    bundle::DirectorySource source(bundle_dir);
    auto report = install_for_kiosk(source, m_config, m_data_dir, m_clock.now_s(), "usb",
                                    [this](const bundle::InstallProgress& p) {
                                        SyncNotice progress{SyncNotice::Kind::Progress, "usb"};
                                        progress.percent = p.total > 0 ? int(p.done * 100 / p.total) : -1;
                                        post(std::move(progress));
                                    });
    done.ok = report.has_value();
    done.installed = report && !report->up_to_date;
    done.text = report ? describe_install(*report) : report.error().message;
    // Residents' data goes onto the stick whatever happened to the bundle.
    auto written = export_to_stick(linli_dir);
    if (!written) {
        done.ok = false;
        done.text += "; " + written.error().message;
    } else if (!written->empty()) {
        done.text += "; " + *written;
    }
    post(std::move(done));
}

Result<std::string> SyncWorker::export_to_stick(const std::string& linli_dir, const std::function<void()>& writing)
{
    const bool exporting = TRY(pending_export_records(m_data_dir)) > 0;
    struct stat st {};
    if (::lstat(linli_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (!exporting) return std::string();
        return Error::rejected("usb: " + linli_dir + ": the stick's linli folder is gone");
    }
    // A stick without a (current) backup of this kiosk gets one even when nothing is pending, so
    // the first stick an administrator brings carries a copy at once.
    const bool backing_up = exporting || TRY(backup_due(m_config, m_data_dir, linli_dir + "/backup"));
    if (!backing_up) return std::string();
    if (writing) writing();
    sync::UsbStick stick{linli_dir.substr(0, linli_dir.rfind('/')), linli_dir, st.st_dev, st.st_ino};
    std::string text;
    if (exporting) {
        const std::string exports = TRY(sync::prepare_exports_dir(stick));
        ExportResult result = TRY(export_to_folder(m_config, m_data_dir, exports, m_clock.now_s()));
        // store_export_file synced the file and the exports folder: the stick may go now.
        text = "exported " + std::to_string(result.records) + " record(s) to " + result.path;
    }
    // A failed backup neither undoes nor hides the export before it: it is reported after it.
    auto backed_up = [&]() -> Result<BackupResult> {
        const std::string root = TRY(sync::prepare_stick_folder(stick, "backup"));
        return write_backup(m_config, m_data_dir, root, m_clock.now_s());
    }();
    if (!backed_up && !exporting) return backed_up.release_error();
    // A backup kept on purpose says so itself ("backup not written: ..."): it is no failure.
    const bool kept = !backed_up && backed_up.error().message.starts_with(k_backup_not_written);
    text += (text.empty() ? "" : "; ") + (backed_up ? "backup written to " + backed_up->dir
                                          : kept    ? backed_up.error().message
                                                    : "backup failed: " + backed_up.error().message);
    return text;
}

bool SyncWorker::upload_exports()
{
    if (m_config.upload_url.empty()) return true;
    auto pending = pending_export_records(m_data_dir);
    if (!pending || *pending == 0) return pending.has_value();
    SyncNotice done{SyncNotice::Kind::Finished, "lan"};
    auto uploaded = [&]() -> Result<std::string> {
        store::ResidentsDb db = TRY(store::ResidentsDb::open(m_data_dir + "/residents.db"));
        // The outbox keeps the export until the server confirmed it: a retry after a lost answer
        // or a power cut sends the very same bytes (the inbox accepts a repeat, refuses a change).
        const std::string outbox = m_data_dir + "/outbox";
        std::error_code ec;
        std::filesystem::create_directories(outbox, ec);
        PreparedExport prepared = TRY(prepare_export_in(db, m_config, m_data_dir, outbox, m_clock.now_s()));
        sync::HttpOptions options;
        options.kiosk_id = m_config.id;
        options.cancel = &m_cancel;
        sync::HttpClient client = TRY(sync::HttpClient::create(options));
        std::string url = m_config.upload_url;
        if (url.back() != '/') url += '/';
        TRY_STATUS(client.put_file(url + prepared.name, outbox + "/" + prepared.name));
        TRY_STATUS(commit_export(db, prepared));
        std::filesystem::remove(outbox + "/" + prepared.name, ec);
        return "uploaded " + prepared.name + " (" + std::to_string(prepared.record_ids.size()) + " record(s))";
    }();
    const bool ok = uploaded.has_value();
    done.ok = ok;
    done.text = uploaded ? *uploaded : uploaded.error().message;
    post(std::move(done));
    return ok;
}

bool SyncWorker::handle_lan()
{
    sync::HttpOptions options;
    options.kiosk_id = m_config.id;
    options.cancel = &m_cancel;
    // The office console's 概览 reads who polls, and what it shows, from this; a poll goes ahead
    // without it when it cannot be made (the status is a courtesy, the bundle is the point).
    if (auto status = current_status_header({m_config.id, m_config.name, m_data_dir, m_config.interval_s}, m_clock.now_s()))
        options.status = std::move(*status);
    auto client = sync::HttpClient::create(options);
    SyncNotice done{SyncNotice::Kind::Finished, "lan"};
    if (!client) {
        done.text = client.error().message;
        post(std::move(done));
        return false;
    }
    std::string base = m_config.lan_url;
    if (base.back() != '/') base += '/';
    // The poll itself: one conditional request; an unchanged bundle costs a 304 and nothing more.
    auto manifest = client->get(base + std::string(bundle::k_manifest_name), bundle::k_max_manifest_bytes,
                                m_lan->validators);
    if (!manifest) {
        done.text = manifest.error().message;
        post(std::move(done));
        return false;
    }
    if (manifest->not_modified) {
        done.ok = true;
        done.text = "up to date";
        post(std::move(done));
        return true;
    }
    post({SyncNotice::Kind::Started, "lan"});
    sync::HttpSource source(*client, base);
    source.prime(std::string(bundle::k_manifest_name), std::move(manifest->body));
    auto report = install_for_kiosk(source, m_config, m_data_dir, m_clock.now_s(), "lan",
                                    [this](const bundle::InstallProgress& p) {
                                        SyncNotice progress{SyncNotice::Kind::Progress, "lan"};
                                        progress.percent = p.total > 0 ? int(p.done * 100 / p.total) : -1;
                                        post(std::move(progress));
                                    });
    done.ok = report.has_value();
    done.installed = report && !report->up_to_date;
    done.text = report ? describe_install(*report) + ", " + std::to_string(source.requests() + 1) + " requests"
                       : report.error().message;
    if (report) m_lan->validators = manifest->validators;
    post(std::move(done));
    return report.has_value();
}

}  // namespace linli::services
