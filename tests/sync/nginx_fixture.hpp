// NginxFixture: a real nginx (Debian's /usr/sbin/nginx) on a free 127.0.0.1 port, serving a
// temporary directory and accepting PUTs under /inbox/, so the HTTP client is tested against the
// kind of static server an administrator would really use. Everything it writes stays in its own
// temporary directory. Run as root (as CI runs), it is set up as the packaged nginx is: a root
// master with its workers as www-data, so what it serves must be readable by www-data, and the
// inbox is the README's recipe (owned by www-data:www-data, mode 0750; uploads dav_access
// user:rw group:r, so members of www-data can collect them). Run as another user, it runs as
// that user.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace linli::test {

inline constexpr const char* k_nginx = "/usr/sbin/nginx";

// A port nothing listens on right now. Another process could take it before nginx does; the
// fixture then retries with a new one.
inline int free_local_port()
{
    int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(s >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    ::close(s);
    return ntohs(addr.sin_port);
}

inline bool accepts_connections(int port)
{
    int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(s);
    return ok;
}

inline std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    REQUIRE(out.good());
}

class NginxFixture {
public:
    NginxFixture()
    {
        if (::access(k_nginx, X_OK) != 0)
            FAIL(k_nginx << " is missing: these tests need a real nginx (apt-get install nginx-core)");
        std::string pattern = (std::filesystem::temp_directory_path() / "linli-nginx-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_dir = pattern;
        std::filesystem::create_directories(root() / "inbox");
        if (as_packaged())
            set_up_as_packaged();
        for (int attempt = 0; attempt < 3 && m_pid <= 0; ++attempt)
            start(free_local_port());
        if (m_pid <= 0)
            FAIL("nginx did not start:\n" << read_text(m_dir / "stderr.log") << read_text(m_dir / "error.log"));
    }

    ~NginxFixture()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            if (!reaped_within(std::chrono::seconds(3))) {
                ::kill(m_pid, SIGKILL);
                ::waitpid(m_pid, nullptr, 0);
            }
        }
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }

    NginxFixture(const NginxFixture&) = delete;
    NginxFixture& operator=(const NginxFixture&) = delete;

    std::filesystem::path root() const { return m_dir / "root"; }
    // True when the workers run as www-data (the tests run as root), as a real install's do.
    static bool as_packaged() { return ::geteuid() == 0; }
    std::string url(const std::string& path) const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    // One line per request: method, URI, status, User-Agent, X-Linli-Kiosk. nginx writes the
    // line after it sent the response, so a client can be back before it is there: wait (up to
    // 2 s) for `expected` to appear, and return the log either way.
    std::string access_log(const std::string& expected = {}) const
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        std::string log = read_text(m_dir / "access.log");
        while (log.find(expected) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            log = read_text(m_dir / "access.log");
        }
        return log;
    }

private:
    void start(int port)
    {
        m_port = port;
        auto d = m_dir.string();
        std::ofstream conf(m_dir / "nginx.conf", std::ios::trunc);
        conf << "daemon off;\nworker_processes 1;\n"
             << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log notice;\n";
        // As packaged: a master as root, the workers as www-data. Otherwise one process as the
        // test user, who cannot switch users.
        conf << (as_packaged() ? "master_process on;\nuser www-data www-data;\n" : "master_process off;\n");
        conf << "events { worker_connections 64; }\n"
             << "http {\n"
             << "  default_type application/octet-stream;\n"
             << "  log_format linli '$request_method $uri $status \"$http_user_agent\" \"$http_x_linli_kiosk\"';\n"
             << "  access_log " << d << "/access.log linli;\n"
             << "  client_body_temp_path " << d << "/client_body;\n"
             << "  proxy_temp_path " << d << "/proxy;\n"
             << "  fastcgi_temp_path " << d << "/fastcgi;\n"
             << "  uwsgi_temp_path " << d << "/uwsgi;\n"
             << "  scgi_temp_path " << d << "/scgi;\n"
             << "  server {\n"
             << "    listen 127.0.0.1:" << port << ";\n"
             << "    root " << d << "/root;\n"
             << "    location = /moved { return 301 /moved-here; }\n"
             << "    location /inbox/ {\n"
             << "      dav_methods PUT;\n      dav_access user:rw group:r;\n      create_full_put_path on;\n"
             << "      client_max_body_size 64m;\n"
             << "    }\n  }\n}\n";
        conf.close();
        REQUIRE(conf.good());

        std::string log = d + "/stderr.log";
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<std::string> args = {k_nginx, "-p", d + "/", "-c", d + "/nginx.conf", "-e", d + "/error.log"};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        int spawned = ::posix_spawn(&pid, k_nginx, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(spawned == 0);

        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(pid, nullptr, WNOHANG) == pid)
                return;  // exited (port taken?): the caller tries another port
            if (accepts_connections(port)) {
                m_pid = pid;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }

    // The folders as an install has them: the tree readable by everyone (mkdtemp made it 0700),
    // and the inbox writable by the workers only (nginx renames each upload into it from its
    // temporary folder, so the file's group is the workers', never the folder's).
    void set_up_as_packaged()
    {
        const passwd* www = ::getpwnam("www-data");
        REQUIRE(www != nullptr);
        REQUIRE(::chmod(m_dir.c_str(), 0755) == 0);
        REQUIRE(::chmod(root().c_str(), 0755) == 0);
        const std::string inbox = (root() / "inbox").string();
        REQUIRE(::chown(inbox.c_str(), www->pw_uid, www->pw_gid) == 0);
        REQUIRE(::chmod(inbox.c_str(), 0750) == 0);
    }

    bool reaped_within(std::chrono::milliseconds limit)
    {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    std::filesystem::path m_dir;
    int m_port = 0;
    pid_t m_pid = -1;
};

}  // namespace linli::test
