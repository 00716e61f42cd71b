#include "platform/cage_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <string>

namespace linli::platform {

namespace {

constexpr const char* k_exit_fd_variable = "LINLI_CAGE_EXIT_FD";
// What the child writes when cage itself could not be started.
constexpr const char* k_exec_failed = "exec-failed ";
constexpr int k_report_wait_ms = 10000;
// How often the launcher looks whether cage has ended while it waits for notifications.
constexpr int k_relay_poll_ms = 200;

pid_t g_cage_pid = 0;

// systemd stops the service with SIGTERM to every process in it, a terminal with SIGINT to the
// foreground group; either way cage and the kiosk get it too. The launcher passes it on (for a
// bare `kill` of the main process) and stays to collect the kiosk's exit code.
void forward_signal(int signal_number)
{
    if (g_cage_pid > 0) ::kill(g_cage_pid, signal_number);
}

std::string self_path()
{
    char buffer[4096];
    ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    return n > 0 ? std::string(buffer, size_t(n)) : std::string("linli-kiosk");
}

// Passes the inner kiosk's sd_notify messages (READY=1, STATUS=, WATCHDOG=1, STOPPING=1) on to
// systemd as the service's main process. PAMName=login makes pam_systemd move the service's
// processes into the login session's scope, and systemd ignores notifications from any process
// there but the main one, NotifyAccess=all or not (systemd.exec(5), PAMName=; seen under systemd
// 252: 'session-19.scope: Got notification message "READY=1", ignoring', then a start timeout).
class NotifyRelay {
public:
    // Listens on an abstract socket when this process has a NOTIFY_SOCKET to pass messages to.
    NotifyRelay()
    {
        if (!std::getenv("NOTIFY_SOCKET")) return;
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (m_fd < 0) return;
        m_name = "linli-notify-" + std::to_string(::getpid()) + "-" + std::to_string(::time(nullptr));
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path + 1, m_name.data(), m_name.size());  // sun_path[0] = 0: abstract
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + m_name.size());
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifyRelay()
    {
        if (m_fd >= 0) ::close(m_fd);
    }
    NotifyRelay(const NotifyRelay&) = delete;
    NotifyRelay& operator=(const NotifyRelay&) = delete;

    int fd() const { return m_fd; }
    // The NOTIFY_SOCKET value for the child ("" without a relay: the child then has none).
    std::string child_address() const { return m_fd >= 0 ? "@" + m_name : std::string(); }
    // Sends on everything that arrived.
    void pass_on()
    {
        char message[4096];
        for (ssize_t n; m_fd >= 0 && (n = ::recv(m_fd, message, sizeof message - 1, 0)) > 0;) {
            message[n] = 0;
            sd_notify(0, message);
        }
    }

private:
    int m_fd = -1;
    std::string m_name;
};

}  // namespace

bool inside_cage_session()
{
    return std::getenv(k_exit_fd_variable) != nullptr;
}

Result<int> run_inside_cage(const std::vector<std::string>& args, const std::string& program)
{
    // Debian's cage 0.1.4 will not start without Xwayland, yet does not depend on it.
    if (::access("/usr/bin/Xwayland", X_OK) != 0)
        return Error::rejected("display: launch = \"cage\" needs cage and Xwayland "
                               "(sudo apt-get install cage xwayland), or use launch = \"kmsdrm\"");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Error::internal(std::string("display: cannot start cage: ") + std::strerror(errno));
    std::vector<std::string> command = {"cage", "-d", "--", program.empty() ? self_path() : program};
    command.insert(command.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : command) argv.push_back(a.data());
    argv.push_back(nullptr);

    NotifyRelay relay;
    pid_t pid = ::fork();
    if (pid < 0) return Error::internal(std::string("display: cannot start cage: ") + std::strerror(errno));
    if (pid == 0) {
        ::close(fds[0]);
        // The write end stays open through cage into the kiosk, which reports on it.
        ::fcntl(fds[1], F_SETFD, 0);
        ::setenv(k_exit_fd_variable, std::to_string(fds[1]).c_str(), 1);
        ::setenv("SDL_VIDEODRIVER", "wayland", 1);
        // The kiosk's READY=1 and watchdog pings reach systemd through the relay; WATCHDOG_PID
        // (this process) would make libsystemd in the kiosk think the watchdog is not its own.
        ::unsetenv("WATCHDOG_PID");
        if (relay.fd() >= 0) ::setenv("NOTIFY_SOCKET", relay.child_address().c_str(), 1);
        else ::unsetenv("NOTIFY_SOCKET");
        ::execvp(argv[0], argv.data());
        const std::string failed = k_exec_failed + std::to_string(errno) + "\n";
        (void)!::write(fds[1], failed.data(), failed.size());
        ::_exit(127);
    }
    ::close(fds[1]);
    g_cage_pid = pid;
    // Until this function returns, SIGTERM and SIGINT go to cage and do not end the launcher: it
    // stays to pass on the kiosk's exit code, also while it waits for it after cage has gone.
    struct ForwardSignals {
        struct sigaction old_term {}, old_int {};
        ForwardSignals()
        {
            struct sigaction forward {};
            forward.sa_handler = forward_signal;
            ::sigaction(SIGTERM, &forward, &old_term);
            ::sigaction(SIGINT, &forward, &old_int);
        }
        ~ForwardSignals()
        {
            ::sigaction(SIGTERM, &old_term, nullptr);
            ::sigaction(SIGINT, &old_int, nullptr);
        }
    } forwarding;
    // Until cage ends: pass the kiosk's notifications on as they come.
    int status = 0;
    for (;;) {
        pid_t ended = ::waitpid(pid, &status, WNOHANG);
        if (ended == pid || (ended < 0 && errno != EINTR)) break;
        pollfd p{relay.fd(), POLLIN, 0};
        if (relay.fd() >= 0) ::poll(&p, 1, k_relay_poll_ms);
        else ::poll(nullptr, 0, k_relay_poll_ms);
        relay.pass_on();
    }
    g_cage_pid = 0;
    relay.pass_on();  // STOPPING=1 and whatever came last

    // On a stop every process gets SIGTERM at once, and cage may end before the kiosk has
    // finished: wait for the kiosk's line, or the end of the pipe once every holder of the write
    // end has gone, for at most k_report_wait_ms (under the unit's TimeoutStopSec).
    std::string said;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_report_wait_ms);
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd p{fds[0], POLLIN, 0};
        int ready = ::poll(&p, 1, int(std::max<int64_t>(0, left.count())));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) break;
        char buffer[64];
        ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        said.append(buffer, size_t(n));
        if (said.find('\n') != std::string::npos || said.size() > 64) break;
    }
    ::close(fds[0]);
    relay.pass_on();  // a STOPPING=1 sent while cage was already gone
    if (said.starts_with(k_exec_failed)) {
        int error = std::atoi(said.c_str() + std::strlen(k_exec_failed));
        if (error == ENOENT)
            return Error::rejected("display: launch = \"cage\", but cage is not installed "
                                   "(sudo apt-get install cage xwayland), or use launch = \"kmsdrm\"");
        return Error::internal(std::string("display: cannot start cage: ") + std::strerror(error));
    }
    if (!said.empty()) return std::atoi(said.c_str());
    // No word from the kiosk: it crashed, was killed, or cage failed before starting it.
    return 1;
}

void report_exit_to_cage_launcher(int code)
{
    const char* fd_text = std::getenv(k_exit_fd_variable);
    if (!fd_text) return;
    // The launcher may be gone (killed): a failed write must not kill us with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    const std::string line = std::to_string(code) + "\n";
    (void)!::write(std::atoi(fd_text), line.data(), line.size());
}

}  // namespace linli::platform
