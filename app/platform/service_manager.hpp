// Talking to systemd when the kiosk runs as its service (Type=notify): READY=1 once the first
// frame is on screen, a STATUS= line the administrator sees in `systemctl status`, and the
// watchdog ping that the event loop sends while it is alive, so a hung UI gets restarted.
// Outside systemd (development, tests) every call does nothing.
#pragma once

#include <cstdint>
#include <string_view>

namespace linli::platform {

class ServiceManager {
public:
    // Reads NOTIFY_SOCKET / WATCHDOG_USEC (via libsystemd) once.
    ServiceManager();
    bool under_systemd() const { return m_notify; }
    void ready(std::string_view status);
    void status(std::string_view status);
    void stopping();
    // How often the loop must ping: half of WatchdogSec, or -1 without a watchdog.
    int64_t watchdog_interval_ms() const { return m_watchdog_ms; }
    // Pings when due (monotonic now_ms); returns the next time a ping is due, or -1.
    int64_t feed_watchdog(int64_t now_ms);

private:
    bool m_notify = false;
    int64_t m_watchdog_ms = -1;
    int64_t m_last_ping_ms = -1;
};

}  // namespace linli::platform
