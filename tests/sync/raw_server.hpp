// RawServer: a misbehaving HTTP server on a free 127.0.0.1 port, for what no real server does on
// purpose (endless bodies or headers, silence, a body cut off). Each connection is handed to a
// test-supplied function on the server thread, one at a time.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

namespace linli::test {

class RawServer {
public:
    // Gets the connected socket and the stop flag (set when the test is done); the socket is
    // closed after it returns.
    using Handler = std::function<void(int fd, const std::atomic<bool>& stop)>;

    // With no handler the server listens but never accepts: the kernel completes connections
    // into the backlog and nobody ever answers.
    explicit RawServer(Handler handler = {}) : m_handler(std::move(handler))
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_listener >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(m_listener, 16) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(m_listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        m_port = ntohs(addr.sin_port);
        if (m_handler)
            m_thread = std::thread([this] { serve(); });
    }

    ~RawServer()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listener);
    }

    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    std::string url(const std::string& path) const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    int port() const { return m_port; }

    // Reads the request up to the blank line after its headers; false if the client went away.
    static bool read_request_head(int fd, const std::atomic<bool>& stop)
    {
        std::string head;
        char buffer[4096];
        while (!stop && head.find("\r\n\r\n") == std::string::npos) {
            if (!wait_for(fd, POLLIN, stop))
                return false;
            ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0)
                return false;
            head.append(buffer, static_cast<std::size_t>(got));
        }
        return !stop;
    }

    // Sends all of `bytes` unless the client closes or the test ends; false then.
    static bool send_all(int fd, std::string_view bytes, const std::atomic<bool>& stop)
    {
        while (!bytes.empty()) {
            if (!wait_for(fd, POLLOUT, stop))
                return false;
            ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

private:
    // Polls in short steps so that a handler never outlives the test by more than 20 ms.
    static bool wait_for(int fd, short events, const std::atomic<bool>& stop)
    {
        while (!stop) {
            pollfd p{fd, events, 0};
            int ready = ::poll(&p, 1, 20);
            if (ready > 0)
                return (p.revents & events) != 0;
            if (ready < 0 && errno != EINTR)
                return false;
        }
        return false;
    }

    void serve()
    {
        while (!m_stop) {
            if (!wait_for(m_listener, POLLIN, m_stop))
                return;
            int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            m_handler(fd, m_stop);
            ::close(fd);
        }
    }

    Handler m_handler;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

}  // namespace linli::test
