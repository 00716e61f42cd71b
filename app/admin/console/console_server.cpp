// The console's HTTP side: who may come in (a one-time login URL becomes a session cookie), what
// every answer carries (a strict Content-Security-Policy and its companions), the pages and the
// API, and the kiosks' listener beside it.
//
// [SECTION] answers    security headers, plain replies, the request log
// [SECTION] screening  Host (DNS rebinding), methods, sessions and CSRF tokens
// [SECTION] routes     login, pages, static files, the API
// [SECTION] running    both listeners, the start-up lines, the browser
#include "admin/console/console_server.hpp"

// As serve_http.cpp: Debian's cpp-httplib is a compiled library whose Request layout depends on
// its pkg-config flags; without them the console only says what is missing.
#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/console/console_http.hpp"
#include "admin/console/console_kiosks.hpp"
#include "admin/console/console_overview.hpp"
#include "admin/console/console_sessions.hpp"
#include "admin/serve_http.hpp"
#include "crypto/password.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

extern char** environ;

namespace linli::admin {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body)
{
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

Language request_language(const httplib::Request& req, Language fallback)
{
    const std::string asked = req.get_header_value("X-Linli-Language");
    return asked == "en" ? Language::English : asked == "zh" ? Language::Chinese : fallback;
}

void reply_error(httplib::Response& res, int status, const std::string& zh, const std::string& en)
{
    reply_json(res, status, {{"error", zh}, {"error_en", en}});
}

int64_t console_now_s()
{
    if (const char* fixed = std::getenv("LINLI_NOW")) return std::atoll(fixed);
    return int64_t(std::time(nullptr));
}

void ActionLog::record(const httplib::Request& req, int session, const std::string& what)
{
    std::time_t now = std::time(nullptr);
    struct tm t {};
    ::localtime_r(&now, &t);
    char when[40];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &t);
    std::lock_guard lock(m_mutex);
    std::ofstream out(m_path, std::ios::app);
    out << when << " " << req.remote_addr << " session " << session << ": " << what << "\n";
}

namespace {

using httplib::Request;
using httplib::Response;
namespace fs = std::filesystem;

constexpr const char* k_cookie = "linli_console";
// The largest request: a ledger upload (its route allows 32 MiB); every JSON form is held to
// k_max_form_body before it is parsed.
constexpr size_t k_max_body = 32u * 1024 * 1024;
constexpr size_t k_max_form_body = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// [SECTION] answers
// ---------------------------------------------------------------------------------------------

// On every answer: no script but our own files, nothing inline, no framing, no referrer (the
// login URL carries a token), nothing kept in caches (pages show residents' data later).
void add_security_headers(Response& res)
{
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                   "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
}

// A page of its own for what a browser opens directly (no session, a used link): Chinese first.
void reply_page(Response& res, int status, const std::string& zh, const std::string& en)
{
    res.status = status;
    const auto escape = [](const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c == '<') out += "&lt;";
            else if (c == '>') out += "&gt;";
            else if (c == '&') out += "&amp;";
            else if (c == '"') out += "&quot;";
            else out += c;
        }
        return out;
    };
    res.set_content("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>邻里 管理后台</title>"
                    "<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body><main class=\"notice\"><h1>邻里 管理后台</h1><p>" +
                        escape(zh) + "</p><p lang=\"en\">" + escape(en) + "</p></main></body></html>\n",
                    "text/html; charset=utf-8");
}

// One line per request; the path only (a login token in the query is never written down).
void log_request(const Request& req, const Response& res)
{
    std::time_t now = std::time(nullptr);
    struct tm t {};
    ::localtime_r(&now, &t);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &t);
    std::string path;
    for (char c : req.path.substr(0, 200)) path += (c > 0x20 && c < 0x7f) ? c : '?';
    std::printf("%s %s %s %s %d\n", when, req.remote_addr.c_str(), req.method.c_str(), path.c_str(), res.status);
    std::fflush(stdout);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] screening
// ---------------------------------------------------------------------------------------------

class Console {
public:
    explicit Console(const ConsoleOptions& options)
        : m_options(options), m_actions((fs::path(options.workspace) / "actions.log").string())
    {
    }

    std::string login_url()
    {
        const std::string host = m_options.config.bind == "::1" ? "[::1]" : m_options.config.bind;
        return "http://" + host + ":" + std::to_string(m_options.config.port) + "/login?token=" +
               m_sessions.issue_login_token();
    }

    // A page behind a link that cannot be used (no session, a used or old token): print a
    // fresh link on the console's terminal, where only whoever started it reads it.
    void print_fresh_link()
    {
        std::printf("console: %s\n", login_url().c_str());
        std::fflush(stdout);
    }

    // Refusals decided before any route: a Host that is not this console (a web page using
    // DNS rebinding to reach a loopback port), a method the console never takes.
    bool screen(const Request& req, Response& res)
    {
        if (m_options.config.loopback()) {
            const std::string port = ":" + std::to_string(m_options.config.port);
            const std::string host = req.get_header_value("Host");
            if (host != "127.0.0.1" + port && host != "localhost" + port && host != "[::1]" + port) {
                reply_error(res, 421, "请求的主机名不是本控制台", "the request's Host is not this console");
                return true;
            }
        }
        // A body larger than its route takes is refused before it is read.
        const size_t limit = req.path == "/api/finance/ledger" || req.path == "/api/media" ? k_max_body : k_max_form_body;
        if (req.has_header("Content-Length") && std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > limit) {
            reply_error(res, 413, "提交的内容太大", "the request is too large");
            return true;
        }
        if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
            res.set_header("Allow", "GET, HEAD, POST");
            reply_error(res, 405, "不支持的请求方法", "method not allowed");
            return true;
        }
        return false;
    }

    // The session of the request's cookie, or nothing.
    std::optional<std::string> session_of(const Request& req)
    {
        std::string id = cookie_value(req.get_header_value("Cookie"), k_cookie);
        if (id.empty() || !m_sessions.csrf_of(id)) return std::nullopt;
        return id;
    }

    // For the API: a session, and for a change its CSRF token; else res holds the refusal.
    // Returns the session's number.
    std::optional<int> authorise(const Request& req, Response& res)
    {
        auto session = session_of(req);
        if (!session) {
            reply_error(res, 401, "未登录：请使用控制台启动时打印的链接", "not signed in: open the link the console printed");
            return std::nullopt;
        }
        if (req.method == "POST" && !m_sessions.csrf_matches(*session, req.get_header_value("X-CSRF-Token"))) {
            reply_error(res, 403, "请求缺少有效的 CSRF 令牌，请刷新页面后重试", "missing or wrong CSRF token: reload the page");
            return std::nullopt;
        }
        if (req.body.size() > k_max_form_body && req.path != "/api/finance/ledger" && req.path != "/api/media") {
            reply_error(res, 413, "提交的内容太大", "the request is too large");
            return std::nullopt;
        }
        return m_sessions.number_of(*session);
    }

    // -----------------------------------------------------------------------------------------
    // [SECTION] routes
    // -----------------------------------------------------------------------------------------

    void install(httplib::Server& server)
    {
        server.set_payload_max_length(k_max_body);
        server.set_pre_routing_handler([this](const Request& req, Response& res) {
            return screen(req, res) ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
        });
        server.set_post_routing_handler([](const Request&, Response& res) { add_security_headers(res); });
        server.Get("/login", [this](const Request& req, Response& res) { login(req, res); });
        // The password form posts here; it has no session to carry a CSRF token yet, and
        // SameSite=Strict keeps other sites' forms from logging a browser in (login CSRF).
        server.Post("/login", [this](const Request& req, Response& res) {
            if (m_options.config.loopback()) return reply_error(res, 404, "没有这个页面", "no such page");
            password_login(req, res);
        });
        server.Get("/", [this](const Request& req, Response& res) { page(req, res); });
        server.Get(R"(/static/([a-z0-9-]+\.(css|js)))", [this](const Request& req, Response& res) { static_file(req, res); });
        server.Get("/api/session", [this](const Request& req, Response& res) {
            if (!authorise(req, res)) return;
            reply_json(res, 200, {{"csrf", *m_sessions.csrf_of(*session_of(req))}, {"workspace", m_options.workspace}});
        });
        server.Get("/api/overview", [this](const Request& req, Response& res) {
            if (!authorise(req, res)) return;
            res.status = 200;
            res.set_content(overview_json(m_options.workspace, request_language(req, m_options.language), console_now_s()),
                            "application/json; charset=utf-8");
        });
        const ConsoleRoutes routes{m_options, [this](const Request& req, Response& res) { return authorise(req, res); },
                                   m_actions};
        install_item_routes(server, routes);
        install_publish_routes(server, routes);
        install_tool_routes(server, routes);
        install_feedback_routes(server, routes);
        install_ballot_routes(server, routes);
        install_ballot_settings_routes(server, routes);
        install_finance_routes(server, routes);
        install_progress_routes(server, routes);
        install_usb_routes(server, routes);
        server.Post("/api/logout", [this](const Request& req, Response& res) {
            if (authorise(req, res)) {
                m_sessions.end(*session_of(req));
                res.set_header("Set-Cookie", std::string(k_cookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
                reply_json(res, 200, {{"ok", true}});
            }
        });
        // cpp-httplib's own refusals (a malformed request, a body past the limit) and unknown paths.
        server.set_error_handler([](const Request&, Response& res) {
            if (!res.body.empty()) return;
            if (res.status == 404) reply_error(res, 404, "没有这个页面", "no such page");
            else if (res.status == 413) reply_error(res, 413, "提交的内容太大", "the request is too large");
            else reply_error(res, res.status, "请求的格式不对", "malformed request");
        });
        server.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
            reply_error(res, 500, "控制台内部错误", "internal error");
        });
        server.set_logger([](const Request& req, const Response& res) { log_request(req, res); });
    }

    std::string cookie_for(const std::string& session) const
    {
        return std::string(k_cookie) + "=" + session + "; Path=/; HttpOnly; SameSite=Strict" +
               (m_options.config.loopback() ? "" : "; Secure");
    }

    // Off this PC: a password form instead of a one-time link.
    void login_page(Response& res, int status, const std::string& zh_note)
    {
        res.status = status;
        res.set_content("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>邻里 管理后台</title>"
                        "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/console.css\"></head>"
                        "<body><main class=\"notice\"><h1>邻里 管理后台</h1>" +
                            (zh_note.empty() ? std::string() : "<p class=\"check bad\" role=\"alert\">" + zh_note + "</p>") +
                            "<form method=\"post\" action=\"/login\"><div class=\"field\"><label for=\"password\">控制台密码</label>"
                            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" autofocus>"
                            "</div><button type=\"submit\" class=\"primary\">登录</button></form></main></body></html>\n",
                        "text/html; charset=utf-8");
    }

    void password_login(const Request& req, Response& res)
    {
        if (const int wait = m_throttle.wait_s(req.remote_addr); wait > 0)
            return login_page(res, 429, "密码输错次数太多，请 " + std::to_string(wait) + " 秒后再试。");
        if (!crypto::verify_pin(m_options.config.password_hash, req.get_param_value("password"))) {
            const int left = m_throttle.failed(req.remote_addr);
            return login_page(res, 403, left > 0 ? "密码不对。还可以再试 " + std::to_string(left) + " 次。"
                                                 : "密码不对。请 " + std::to_string(LoginThrottle::k_pause.count()) + " 秒后再试。");
        }
        m_throttle.succeeded(req.remote_addr);
        res.set_header("Set-Cookie", cookie_for(m_sessions.start_session()));
        res.set_redirect("/", 303);
    }

    void login(const Request& req, Response& res)
    {
        if (!m_options.config.loopback()) return login_page(res, 200, "");
        auto session = m_sessions.redeem(req.get_param_value("token"));
        if (!session) {
            print_fresh_link();
            return reply_page(res, 403,
                              "这个登录链接已经用过或已过期。请使用运行 linli-admin console 的窗口里最新打印的 console: 链接。",
                              "This sign-in link was used already or is too old. Open the newest console: link printed "
                              "where linli-admin console runs.");
        }
        res.set_header("Set-Cookie", cookie_for(*session));
        res.set_redirect("/", 303);
    }

    void page(const Request& req, Response& res)
    {
        if (!session_of(req) && !m_options.config.loopback()) return res.set_redirect("/login", 303);
        if (!session_of(req)) {
            print_fresh_link();
            return reply_page(res, 401, "未登录。请使用运行 linli-admin console 的窗口里打印的 console: 链接打开控制台。",
                              "Not signed in. Open the console: link printed where linli-admin console runs.");
        }
        serve_asset("index.html", "text/html; charset=utf-8", res);
    }

    // The page's own CSS and JS, needed before signing in too (the refusal pages use the CSS).
    void static_file(const Request& req, Response& res)
    {
        const std::string name = req.matches[1];
        serve_asset(name, name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", res);
    }

    void serve_asset(const std::string& name, const char* type, Response& res)
    {
        std::ifstream in(fs::path(m_options.assets_dir) / name, std::ios::binary);
        if (!in) return reply_error(res, 404, "没有这个文件", "no such file");
        std::stringstream bytes;
        bytes << in.rdbuf();
        res.status = 200;
        res.set_content(bytes.str(), type);
    }

private:
    const ConsoleOptions& m_options;
    ConsoleSessions m_sessions;
    LoginThrottle m_throttle;
    ActionLog m_actions;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] running
// ---------------------------------------------------------------------------------------------

bool has_desktop()
{
    return std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
}

// xdg-open in the background, its output away from the console's log; a failure only means
// the administrator opens the printed URL by hand.
void open_in_browser(const std::string& url)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const char* argv[] = {"xdg-open", url.c_str(), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, const_cast<char* const*>(argv), environ) == 0) {
        // Reaped on a thread of its own so no zombie is left while the console runs.
        std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
    }
    posix_spawn_file_actions_destroy(&actions);
}

}  // namespace

Status run_console_servers(const ConsoleOptions& options)
{
    Console console(options);
    // Off this PC only over TLS (console.cpp has checked the files are there and readable).
    std::unique_ptr<httplib::Server> pages_server;
    if (options.config.loopback()) {
        pages_server = std::make_unique<httplib::Server>();
    } else {
        auto tls = std::make_unique<httplib::SSLServer>(options.config.tls_cert.c_str(), options.config.tls_key.c_str());
        if (!tls->is_valid())
            return Error::rejected("console: " + options.config.tls_cert + " and " + options.config.tls_key +
                                   ": not a PEM certificate and its private key");
        pages_server = std::move(tls);
    }
    httplib::Server& pages = *pages_server;
    console.install(pages);
    // The kiosks' side, exactly as `serve` (the bundle answers 404 until the first publish).
    ServeOptions kiosk;
    kiosk.bundle_dir = (fs::path(options.workspace) / "bundle").string();
    kiosk.inbox = (fs::path(options.workspace) / "inbox").string();
    kiosk.port = options.config.kiosk_port;
    kiosk.on_status = [&options](const std::string& address, const std::string& status) {
        record_kiosk_status(options.workspace, address, status, console_now_s());
    };
    httplib::Server kiosks;
    KioskSidePtr kiosk_side = install_kiosk_side(kiosks, kiosk);
    pages.set_socket_options([](int sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    TRY_STATUS(bind_server(pages, options.config.bind, options.config.port, "console"));
    TRY_STATUS(bind_server(kiosks, kiosk.bind, kiosk.port, "console: kiosks' listener"));

    std::printf("console: workspace %s\n", options.workspace.c_str());
    std::printf("console: kiosks sync from port %d: in each kiosk.toml [sync], lan_url = \"http://THIS-PC:%d/\" and "
                "upload_url = \"http://THIS-PC:%d/inbox/\"\n",
                kiosk.port, kiosk.port, kiosk.port);
    if (options.config.loopback()) {
        const std::string url = console.login_url();
        std::printf("console: %s\n", url.c_str());
        std::printf("console: open the link above in a browser on this PC (it works once); Ctrl-C stops\n");
        std::fflush(stdout);
        if (options.open_browser && has_desktop()) open_in_browser(url);
    } else {
        for (const auto& [address, interface] : reachable_addresses(options.config.bind))
            std::printf("console: https://%s:%d/%s\n", address.c_str(), options.config.port,
                        interface.empty() ? "" : ("  (" + interface + ")").c_str());
        std::printf("console: open the address above in a browser on the office LAN and log in with the console's "
                    "password; Ctrl-C stops\n");
        std::fflush(stdout);
    }
    httplib::Server* const servers[] = {&pages, &kiosks};
    return run_until_stopped(servers, "console");
}

}  // namespace linli::admin

#else  // no cpp-httplib in this build

namespace linli::admin {

Status run_console_servers(const ConsoleOptions&)
{
    return Error::internal("console: this linli-admin was built without cpp-httplib (app/admin/CMakeLists.txt "
                           "must link the pkg-config module cpp-httplib)");
}

}  // namespace linli::admin

#endif
