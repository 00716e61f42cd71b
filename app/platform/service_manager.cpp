#include "platform/service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <string>

namespace linli::platform {

ServiceManager::ServiceManager()
{
    const char* socket = std::getenv("NOTIFY_SOCKET");
    m_notify = socket && *socket;
    uint64_t usec = 0;
    // Half the limit, as systemd recommends: one late frame must not cost a restart.
    if (m_notify && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) m_watchdog_ms = int64_t(usec / 2000);
}

void ServiceManager::ready(std::string_view status)
{
    if (!m_notify) return;
    std::string message = "READY=1\nSTATUS=" + std::string(status);
    sd_notify(0, message.c_str());
}

void ServiceManager::status(std::string_view status)
{
    if (!m_notify) return;
    std::string message = "STATUS=" + std::string(status);
    sd_notify(0, message.c_str());
}

void ServiceManager::stopping()
{
    if (m_notify) sd_notify(0, "STOPPING=1");
}

int64_t ServiceManager::feed_watchdog(int64_t now_ms)
{
    if (m_watchdog_ms <= 0) return -1;
    if (m_last_ping_ms < 0 || now_ms - m_last_ping_ms >= m_watchdog_ms) {
        sd_notify(0, "WATCHDOG=1");
        m_last_ping_ms = now_ms;
    }
    return m_last_ping_ms + m_watchdog_ms;
}

}  // namespace linli::platform
