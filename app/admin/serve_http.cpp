// The HTTP side of `linli-admin serve`: cpp-httplib handlers for GET/HEAD of bundle files and
// PUT of exports, the request log, the start-up message with the kiosk.toml lines, and a clean
// stop on SIGINT/SIGTERM.
//
// [SECTION] request log  one stdout line per request, and a note for each new kiosk id
// [SECTION] screening    refusals decided from the request line and headers, before any body
// [SECTION] handlers     bundle files, inbox uploads
// [SECTION] running      listening, start-up message, signals (shared with the console)
#include "admin/serve_http.hpp"

// Debian's cpp-httplib is a compiled library (libcpp-httplib.so), not header-only, and the layout
// of its Request depends on the -D flags of its pkg-config file (CPPHTTPLIB_OPENSSL_SUPPORT adds a
// member). Those flags are the sign that the build links it the right way; without them serve
// only says what is missing, instead of failing to link or corrupting memory.
#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/serve_files.hpp"
#include "admin/serve_inbox.hpp"

#include <httplib.h>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace linli::admin {

namespace {

using httplib::Request;
using httplib::Response;

constexpr size_t k_stream_chunk = 64 * 1024;
// Kiosk ids come from a header anyone on the LAN can set: remember only so many.
constexpr size_t k_max_known_kiosks = 4096;
constexpr std::string_view k_kiosk_header = "X-Linli-Kiosk";

// ---------------------------------------------------------------------------------------------
// [SECTION] request log
// ---------------------------------------------------------------------------------------------

// Request bytes received by the PUT handler on this worker thread, for the log line that
// cpp-httplib writes afterwards on the same thread (its logger sees only the response).
thread_local std::optional<uint64_t> t_received_bytes;

// Header values and paths come from the network: printable ASCII only, bounded, so that a
// request cannot forge or break log lines.
std::string loggable(std::string_view text, size_t limit)
{
    if (text.empty()) return "-";
    std::string out;
    for (char c : text.substr(0, limit)) out += (c > 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > limit) out += "...";
    return out;
}

std::string local_time_iso8601()
{
    std::time_t now = std::time(nullptr);
    struct tm t {};
    ::localtime_r(&now, &t);
    char text[64];
    long offset = t.tm_gmtoff / 60;
    char sign = offset < 0 ? '-' : '+';
    if (offset < 0) offset = -offset;
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", t.tm_year + 1900, t.tm_mon + 1,
                  t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, sign, offset / 60, offset % 60);
    return text;
}

class RequestLog {
public:
    void request(const Request& req, const Response& res)
    {
        std::string kiosk = loggable(req.get_header_value(std::string(k_kiosk_header)), 64);
        uint64_t bytes = 0;
        if (t_received_bytes) bytes = *t_received_bytes;  // PUT: what was received
        else if (req.method != "HEAD") bytes = res.body.empty() ? res.content_length_ : res.body.size();
        t_received_bytes.reset();
        std::string line = local_time_iso8601() + " " + loggable(req.remote_addr, 64) + " " + kiosk + " " +
                           loggable(req.method, 16) + " " + loggable(req.target, 300) + " " +
                           std::to_string(res.status) + " " + std::to_string(bytes);
        std::lock_guard lock(m_mutex);
        if (kiosk != "-" && m_kiosks.size() < k_max_known_kiosks && m_kiosks.insert(kiosk).second)
            write_locked("serve: new kiosk " + kiosk + " from " + loggable(req.remote_addr, 64));
        write_locked(line);
    }

    void note(const std::string& line)
    {
        std::lock_guard lock(m_mutex);
        write_locked(line);
    }

private:
    // Flushed per line: the log is usually a pipe or a file, and must be current when read.
    void write_locked(const std::string& line)
    {
        std::fprintf(stdout, "%s\n", line.c_str());
        std::fflush(stdout);
    }

    std::mutex m_mutex;
    std::set<std::string> m_kiosks;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] screening
// ---------------------------------------------------------------------------------------------

void reply(Response& res, int status, std::string_view message)
{
    res.status = status;
    res.set_content(std::string(message) + "\n", "text/plain; charset=utf-8");
}

std::optional<uint64_t> parse_length(const std::string& text)
{
    if (text.empty() || text.size() > 19) return std::nullopt;
    uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    return value;
}

// Everything that can be decided from the request line and headers, decided before cpp-httplib
// reads a body: an oversized upload is refused without being received. Returns whether res now
// holds the answer.
bool screen_request(const ServeOptions& options, const Request& req, Response& res)
{
    t_received_bytes.reset();
    const bool has_body = req.has_header("Transfer-Encoding") ||
                          (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
    if (req.method == "GET" || req.method == "HEAD") {
        // cpp-httplib would read a GET's body into memory; no kiosk sends one.
        if (has_body) reply(res, 400, "serve: a GET or HEAD request carries no body");
        return has_body;
    }
    if (req.method != "PUT" || !req.target.starts_with("/inbox/")) {
        res.set_header("Allow", req.target.starts_with("/inbox/") ? "PUT" : "GET, HEAD");
        reply(res, 405, "serve: only GET and HEAD of bundle files, and PUT /inbox/NAME");
        return true;
    }
    if (!options.inbox) {
        reply(res, 403, "serve: this server has no inbox (start it with --inbox DIR to receive exports)");
        return true;
    }
    if (!is_inbox_name(std::string_view(req.target).substr(7))) {
        reply(res, 400, "serve: bad export name (wanted [A-Za-z0-9][A-Za-z0-9._-]{0,127})");
        return true;
    }
    // Compressed bodies could expand far beyond the limit checked on the wire; kiosks never send them.
    std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") {
        reply(res, 415, "serve: compressed uploads are not accepted");
        return true;
    }
    if (req.has_header("Transfer-Encoding")) {
        if (::strcasecmp(req.get_header_value("Transfer-Encoding").c_str(), "chunked") != 0) {
            reply(res, 501, "serve: only chunked transfer encoding is understood");
            return true;
        }
        return false;  // bounded while reading, by receive_upload
    }
    if (!req.has_header("Content-Length")) {
        reply(res, 411, "serve: an upload needs a Content-Length");
        return true;
    }
    std::optional<uint64_t> length = parse_length(req.get_header_value("Content-Length"));
    // Two lengths are a request-smuggling pattern, never a kiosk.
    if (!length || req.get_header_value_count("Content-Length") != 1) {
        reply(res, 400, "serve: bad Content-Length");
        return true;
    }
    if (*length > k_inbox_max_bytes) {
        reply(res, 413, "serve: an export is at most 64 MiB");
        return true;
    }
    if (*length == 0) {
        reply(res, 400, "serve: an empty upload is not an export");
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] handlers
// ---------------------------------------------------------------------------------------------

void serve_root(const ServeOptions& options, Response& res)
{
    // For an administrator checking the address in a browser; kiosks never ask for it.
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    res.set_content("Linli (邻里) bundle server: kiosks fetch manifest.toml from here" +
                        std::string(options.inbox ? " and upload exports to inbox/" : "") + ".\n",
                    "text/plain; charset=utf-8");
}

void serve_file(const ServeOptions& options, const Request& req, Response& res)
{
    if (options.on_status && req.has_header("X-Linli-Status"))
        options.on_status(req.remote_addr, req.get_header_value("X-Linli-Status"));
    if (req.target == "/" || req.target.starts_with("/?")) return serve_root(options, res);
    FileOpenResult opened = open_bundle_file(options.bundle_dir, req.target);
    if (!opened.file) {
        switch (opened.refusal) {
        case FileRefusal::Malformed: return reply(res, 400, "serve: not a bundle path");
        case FileRefusal::NotServed: return reply(res, 403, "serve: not served");
        case FileRefusal::Missing: return reply(res, 404, "serve: no such file in the bundle");
        case FileRefusal::Unreadable: return reply(res, 500, "serve: cannot read this file");
        }
    }
    const struct stat& info = opened.file->info;
    const std::string etag = strong_etag(info);
    res.set_header("ETag", etag);
    res.set_header("Last-Modified", http_date(info.st_mtim.tv_sec));
    // Caches may keep a copy but must ask again each time: the bundle changes under the same names.
    res.set_header("Cache-Control", "no-cache");
    if (not_modified(req.get_header_value("If-None-Match"), req.get_header_value("If-Modified-Since"), etag,
                     info.st_mtim.tv_sec)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    const std::string type(content_type_for(req.target));
    const size_t size = static_cast<size_t>(info.st_size);
    if (size == 0) return res.set_content("", type);
    // Streamed from the descriptor opened above: a large image is never held in memory, and a
    // manifest replaced mid-response does not mix two versions (the old inode stays readable).
    auto fd = std::make_shared<UniqueFd>(std::move(opened.file->fd));
    res.set_content_provider(size, type, [fd](size_t offset, size_t length, httplib::DataSink& sink) {
        thread_local std::vector<char> buffer(k_stream_chunk);
        ssize_t n;
        do n = ::pread(fd->get(), buffer.data(), std::min(length, buffer.size()), static_cast<off_t>(offset));
        while (n < 0 && errno == EINTR);
        // A file that shrank under us: cut the response short rather than send invented bytes;
        // the kiosk sees a short body and checks every file's length and hash anyway.
        if (n <= 0) return false;
        return sink.write(buffer.data(), static_cast<size_t>(n));
    });
}

void receive_export(const ServeOptions& options, RequestLog& log, const Request& req, Response& res,
                    const httplib::ContentReader& content_reader)
{
    // screen_request has checked the name and that there is an inbox.
    const std::string name = req.target.substr(7);
    InboxResult result =
        receive_upload(*options.inbox, name, [&](const BodySink& sink) { return content_reader(sink); });
    t_received_bytes = result.bytes;
    const std::string who = name + " from " + loggable(req.remote_addr, 64);
    switch (result.outcome) {
    case InboxOutcome::Stored:
        return reply(res, 201, "serve: stored");
    case InboxOutcome::Identical:
        return reply(res, 200, "serve: already stored, identical");
    case InboxOutcome::Conflict:
        log.note("serve: inbox: " + who + " differs from the file already stored; kept the stored one");
        return reply(res, 409, "serve: an export of this name with other contents is already stored");
    case InboxOutcome::TooLarge:
        return reply(res, 413, "serve: an export is at most 64 MiB");
    case InboxOutcome::Empty:
        return reply(res, 400, "serve: an empty upload is not an export");
    case InboxOutcome::Incomplete:
        return reply(res, 400, "serve: the upload ended before its end");
    case InboxOutcome::StorageFailed:
        log.note("serve: inbox: " + who + ": " + result.detail);
        return reply(res, result.disk_full ? 507 : 500, result.disk_full ? "serve: the inbox disk is full"
                                                                           : "serve: cannot store the upload");
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] running
// ---------------------------------------------------------------------------------------------

void print_start(const ServeOptions& options)
{
    std::printf("serve: bundle %s\n", options.bundle_dir.c_str());
    if (options.inbox)
        std::printf("serve: inbox %s (%sPUT /inbox/NAME, at most 64 MiB each)\n", options.inbox->c_str(),
                    options.inbox_created ? "created; " : "");
    else
        std::printf("serve: no inbox: kiosks' uploads are refused (start with --inbox DIR to receive exports)\n");
    const auto addresses = reachable_addresses(options.bind);
    const std::string port = std::to_string(options.port);
    std::printf("serve: listening on %s port %s; in each kiosk's kiosk.toml, under [sync]%s:\n",
                options.bind.c_str(), port.c_str(), addresses.size() > 1 ? ", with the address the kiosks reach" : "");
    for (const auto& [address, interface] : addresses) {
        const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
        if (!interface.empty()) std::printf("  # %s (%s)\n", address.c_str(), interface.c_str());
        std::printf("  lan_url = \"http://%s:%s/\"\n", host.c_str(), port.c_str());
        std::printf("  %supload_url = \"http://%s:%s/inbox/\"\n", options.inbox ? "" : "# ", host.c_str(),
                    port.c_str());
    }
    std::printf("serve: Ctrl-C stops\n");
    std::fflush(stdout);
}

std::string bind_error(const std::string& who, const std::string& address, int port, int error)
{
    std::string where = address + " port " + std::to_string(port);
    switch (error) {
    case EADDRINUSE: return who + ": cannot listen on " + where + ": the port is in use (another server?)";
    case EACCES: return who + ": cannot listen on " + where + ": permission denied (ports below 1024 need root)";
    case EADDRNOTAVAIL: return who + ": cannot listen on " + where + ": not an address of this machine";
    default:
        return who + ": cannot listen on " + where + (error ? ": " + std::string(std::strerror(error)) : std::string());
    }
}

}  // namespace

// The machine's IPv4 addresses a kiosk could reach (not loopback), with interface names.
std::vector<std::pair<std::string, std::string>> lan_addresses()
{
    std::vector<std::pair<std::string, std::string>> found;
    struct ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return found;
    for (struct ifaddrs* i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK) ||
            !(i->ifa_flags & IFF_UP))
            continue;
        char text[INET_ADDRSTRLEN];
        auto* in = reinterpret_cast<struct sockaddr_in*>(i->ifa_addr);
        if (::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) found.emplace_back(text, i->ifa_name);
    }
    ::freeifaddrs(list);
    return found;
}

std::vector<std::pair<std::string, std::string>> reachable_addresses(const std::string& bind)
{
    const bool any = bind == "0.0.0.0" || bind == "::";
    std::vector<std::pair<std::string, std::string>> addresses;
    if (any) addresses = lan_addresses();
    if (addresses.empty()) addresses.emplace_back(bind == "::" ? "::1" : any ? "127.0.0.1" : bind, "");
    return addresses;
}

class KioskSide {
public:
    RequestLog log;
};

void KioskSideDeleter::operator()(KioskSide* side) const { delete side; }

KioskSidePtr install_kiosk_side(httplib::Server& server, const ServeOptions& options)
{
    KioskSidePtr side(new KioskSide);
    RequestLog& log = side->log;
    // Only SO_REUSEADDR: cpp-httplib's default adds SO_REUSEPORT, which would let a second serve
    // share the port silently instead of saying it is in use.
    server.set_socket_options([](int sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server.set_payload_max_length(k_inbox_max_bytes);
    // One request per connection ("Connection: close" on every answer). cpp-httplib would keep a
    // connection open after a refusal sent before the body was read, then parse that body as the
    // next request; a kiosk polls once every few minutes, and on a LAN a connection costs nothing.
    server.set_keep_alive_max_count(1);
    server.set_pre_routing_handler([options](const Request& req, Response& res) {
        return screen_request(options, req, res) ? httplib::Server::HandlerResponse::Handled
                                                 : httplib::Server::HandlerResponse::Unhandled;
    });
    // curl and libcurl ask before sending a large body: answer a refusal then, not "go ahead".
    // cpp-httplib writes that early answer without a Content-Length, so it is added here.
    server.set_expect_100_continue_handler([options](const Request& req, Response& res) {
        if (!screen_request(options, req, res)) return 100;
        res.set_header("Content-Length", std::to_string(res.body.size()));
        return res.status;
    });
    // Every path reaches serve_file, which alone decides what is refused ("." stops at a newline).
    server.Get(R"([\s\S]*)", [options](const Request& req, Response& res) { serve_file(options, req, res); });
    server.Put("/inbox/.*", [options, &log](const Request& req, Response& res, const httplib::ContentReader& reader) {
        receive_export(options, log, req, res, reader);
    });
    server.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
        reply(res, 500, "serve: internal error");
    });
    server.set_logger([&log](const Request& req, const Response& res) { log.request(req, res); });
    return side;
}

Status bind_server(httplib::Server& server, const std::string& address, int port, std::string_view who)
{
    errno = 0;
    if (server.bind_to_port(address, port)) return {};
    return Error::rejected(bind_error(std::string(who), address, port, errno));
}

Status run_until_stopped(std::span<httplib::Server* const> servers, std::string_view who)
{
    // Signals are taken by one thread with sigwait, never by a handler: stopping a server is
    // not async-signal-safe. The mask is set before any server thread exists, so all inherit it.
    sigset_t stop_signals, old_mask;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &stop_signals, &old_mask);
    ::signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-download is not our end
    struct RestoreMask {
        sigset_t mask;
        ~RestoreMask() { ::pthread_sigmask(SIG_SETMASK, &mask, nullptr); }
    } restore{old_mask};

    // stopped_by: the signal, or -1 when a server ended by itself first (then the others stop).
    std::atomic<int> stopped_by = 0;
    std::deque<std::atomic<bool>> ended(servers.size());
    auto stop_all = [&] {
        for (size_t i = 0; i < servers.size(); ++i) {
            // A stop right at start may come before listening began; stop() only acts once it has.
            while (!servers[i]->is_running() && !ended[i]) std::this_thread::sleep_for(std::chrono::milliseconds(10));
            servers[i]->stop();
        }
    };
    std::thread waiter([&] {
        int signal_number = 0;
        ::sigwait(&stop_signals, &signal_number);
        int none = 0;
        stopped_by.compare_exchange_strong(none, signal_number);  // unless a server ended first
        stop_all();
    });
    std::atomic<bool> all_listened = true;
    std::vector<std::thread> listeners;
    for (size_t i = 0; i < servers.size(); ++i)
        listeners.emplace_back([&, i] {
            if (!servers[i]->listen_after_bind()) all_listened = false;
            ended[i] = true;
            int none = 0;
            if (stopped_by.compare_exchange_strong(none, -1)) ::pthread_kill(waiter.native_handle(), SIGTERM);
        });
    for (auto& t : listeners) t.join();
    waiter.join();
    const int by = stopped_by;
    if (by == SIGINT || by == SIGTERM) {
        std::printf("%.*s: stopped (%s)\n", int(who.size()), who.data(), by == SIGINT ? "SIGINT" : "SIGTERM");
        std::fflush(stdout);
        return {};
    }
    if (!all_listened) return Error::internal(std::string(who) + ": the server stopped unexpectedly");
    return {};
}

Status serve_forever(const ServeOptions& options)
{
    httplib::Server server;
    KioskSidePtr side = install_kiosk_side(server, options);
    TRY_STATUS(bind_server(server, options.bind, options.port, "serve"));
    print_start(options);
    httplib::Server* const servers[] = {&server};
    return run_until_stopped(servers, "serve");
}

}  // namespace linli::admin

#else  // no cpp-httplib in this build

namespace linli::admin {

Status serve_forever(const ServeOptions&)
{
    return Error::internal("serve: this linli-admin was built without cpp-httplib (app/admin/CMakeLists.txt "
                           "must link the pkg-config module cpp-httplib)");
}

}  // namespace linli::admin

#endif
