// The console and USB sticks (INTERFACES.md §4: a stick's linli/ folder). 发布 writes the
// workspace's bundle to a stick's linli/bundle/ whole or not at all (a new folder beside it, every
// file synced, then swapped in and the folder synced: "可以拔出U盘" only after that); 收集 takes
// the exports from a stick's linli/exports/ into the inbox exactly as LAN uploads arrive (an
// export already there is skipped, one of the same name with other bytes is kept apart and said).
// Only sticks found under usb_roots are written or read: the page names one, never a path.
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/serve_inbox.hpp"
#include "sync/fs_util.hpp"
#include "sync/usb_watch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace linli::admin {

namespace {

std::mutex g_usb_mutex;

// Mounted sticks under the roots: those with a linli/ folder (as the kiosk finds them), and any
// other mount point right under a root or a root's user folder (a fresh stick, for 发布).
std::vector<std::string> sticks(const ConsoleRoutes& r)
{
    std::vector<std::string> found;
    for (const sync::UsbStick& s : sync::scan_usb_sticks(r.options.config.usb_roots)) found.push_back(s.mount_dir);
    std::ifstream mounts("/proc/self/mounts");
    std::string device, point, rest;
    while (mounts >> device >> point && std::getline(mounts, rest)) {
        for (const std::string& root : r.options.config.usb_roots) {
            const fs::path rel = fs::path(point).lexically_relative(root);
            if (rel.empty() || rel == "." || rel.native().starts_with("..") || std::distance(rel.begin(), rel.end()) > 2) continue;
            if (std::find(found.begin(), found.end(), point) == found.end()) found.push_back(point);
        }
    }
    return found;
}

bool is_listed(const ConsoleRoutes& r, const std::string& stick)
{
    const auto all = sticks(r);
    return std::find(all.begin(), all.end(), stick) != all.end();
}

void list_sticks(const ConsoleRoutes& r, Response& res)
{
    json out = json::array();
    for (const std::string& s : sticks(r)) {
        struct statvfs vfs {};
        const bool sized = ::statvfs(s.c_str(), &vfs) == 0;
        size_t exports = 0;
        std::error_code ec;
        for (auto it = fs::directory_iterator(fs::path(s) / "linli" / "exports", ec); !ec && it != fs::directory_iterator();
             it.increment(ec))
            exports += it->path().filename().string().ends_with(".linli-export");
        out.push_back({{"path", s},
                       {"label", fs::path(s).filename().string()},
                       {"free_mb", sized ? int64_t(vfs.f_bavail) * int64_t(vfs.f_frsize) / (1024 * 1024) : -1},
                       {"has_bundle", fs::exists(fs::path(s) / "linli" / "bundle" / "manifest.toml", ec)},
                       {"exports", exports}});
    }
    reply_json(res, 200, {{"sticks", out}, {"roots", r.options.config.usb_roots}});
}

// A file copied and synced (the stick may be pulled as soon as we say so).
Status copy_synced(const fs::path& from, const fs::path& to)
{
    std::ifstream in(from, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return Error::internal("cannot read " + from.string());
    int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return Error::internal("cannot write " + to.string() + ": " + std::strerror(errno));
    const bool ok = ::write(fd, bytes.data(), bytes.size()) == ssize_t(bytes.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Error::internal("cannot write " + to.string() + " (the stick is full?)");
    return {};
}

Status write_bundle(const fs::path& bundle, const fs::path& linli)
{
    const fs::path fresh = linli / ".bundle.new", old = linli / ".bundle.old", target = linli / "bundle";
    std::error_code ec;
    fs::remove_all(fresh, ec);
    fs::remove_all(old, ec);
    fs::create_directories(fresh / "files", ec);
    if (ec) return Error::internal("cannot make " + fresh.string() + ": " + ec.message());
    for (auto it = fs::recursive_directory_iterator(bundle, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path rel = fs::relative(it->path(), bundle, ec);
        if (it->is_directory()) fs::create_directories(fresh / rel, ec);
        else if (it->is_regular_file()) TRY_STATUS(copy_synced(it->path(), fresh / rel));
    }
    if (ec) return Error::internal("cannot copy the bundle: " + ec.message());
    TRY_STATUS(sync::sync_dir((fresh / "files").string()));
    TRY_STATUS(sync::sync_dir(fresh.string()));
    if (fs::exists(target, ec)) fs::rename(target, old, ec);
    if (ec) return Error::internal("cannot move the old bundle aside: " + ec.message());
    fs::rename(fresh, target, ec);
    if (ec) return Error::internal("cannot put the new bundle in place: " + ec.message());
    TRY_STATUS(sync::sync_dir(linli.string()));
    fs::remove_all(old, ec);
    return sync::sync_dir(linli.string());
}

void publish_to_stick(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    const json body = json::parse(req.body, nullptr, false);
    const std::string stick = body.is_object() ? body.value("stick", std::string()) : std::string();
    std::lock_guard lock(g_usb_mutex);
    if (!is_listed(r, stick)) return reply_error(res, 404, "没有找到这个U盘，请重新插入后刷新", "no such stick");
    const fs::path bundle = fs::path(r.options.workspace) / "bundle";
    std::error_code ec;
    if (!fs::exists(bundle / "manifest.toml", ec)) return reply_error(res, 409, "还没有发布：请先检查并发布", "nothing published yet");
    const fs::path linli = fs::path(stick) / "linli";
    fs::create_directories(linli, ec);
    if (Status written = write_bundle(bundle, linli); !written)
        return reply_error(res, 500, "写入U盘失败：" + written.error().message, written.error().message);
    r.actions.record(req, session, "wrote the bundle to the USB stick " + stick);
    reply_json(res, 200, {{"written", true}, {"folder", (linli / "bundle").string()}});
}

void collect_from_stick(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    const json body = json::parse(req.body, nullptr, false);
    const std::string stick = body.is_object() ? body.value("stick", std::string()) : std::string();
    std::lock_guard lock(g_usb_mutex);
    if (!is_listed(r, stick)) return reply_error(res, 404, "没有找到这个U盘，请重新插入后刷新", "no such stick");
    const std::string inbox = (fs::path(r.options.workspace) / "inbox").string();
    int stored = 0, already = 0;
    json conflicts = json::array();
    std::error_code ec;
    for (auto it = fs::directory_iterator(fs::path(stick) / "linli" / "exports", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.ends_with(".linli-export") || !is_inbox_name(name) || !it->is_regular_file()) continue;
        std::ifstream in(it->path(), std::ios::binary);
        const InboxResult got = receive_upload(inbox, name, [&](const BodySink& sink) {
            char buffer[65536];
            while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
                if (!sink(buffer, size_t(in.gcount()))) return false;
            return true;
        });
        if (got.outcome == InboxOutcome::Stored) ++stored;
        else if (got.outcome == InboxOutcome::Identical) ++already;
        else conflicts.push_back(name);
    }
    r.actions.record(req, session, "took " + std::to_string(stored) + " export(s) from the USB stick " + stick);
    reply_json(res, 200, {{"stored", stored}, {"already", already}, {"refused", conflicts}});
}

}  // namespace

void install_usb_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get("/api/usb", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) list_sticks(routes, res);
    });
    server.Post("/api/usb/publish", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) publish_to_stick(routes, req, *session, res);
    });
    server.Post("/api/usb/collect", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) collect_from_stick(routes, req, *session, res);
    });
}

}  // namespace linli::admin

#endif
