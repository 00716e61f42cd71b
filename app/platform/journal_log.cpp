#include "platform/journal_log.hpp"

#include "core/log.hpp"

#include <sys/stat.h>
#include <syslog.h>
#include <systemd/sd-journal.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace linli::platform {

namespace {

// JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected; it is inherited by children
// whose stderr may point elsewhere, so compare it with stderr itself.
bool stderr_is_journal()
{
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (!stream) return false;
    unsigned long long device = 0, inode = 0;
    if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
    struct stat st {};
    return ::fstat(2, &st) == 0 && st.st_dev == device && st.st_ino == inode;
}

int priority(LogLevel level)
{
    switch (level) {
    case LogLevel::Info: return LOG_INFO;
    case LogLevel::Warning: return LOG_WARNING;
    case LogLevel::Error: return LOG_ERR;
    }
    return LOG_INFO;
}

}  // namespace

bool log_to_journal_if_connected()
{
    if (!stderr_is_journal()) return false;
    set_log_sink([](const LogLine& line) {
        const std::string component(line.component), event(line.event), message(line.message);
        sd_journal_send("MESSAGE=%s: %s", component.c_str(), message.c_str(), "PRIORITY=%d", priority(line.level),
                        "LINLI_COMPONENT=%s", component.c_str(), "LINLI_EVENT=%s", event.c_str(),
                        "SYSLOG_IDENTIFIER=linli-kiosk", nullptr);
    });
    return true;
}

}  // namespace linli::platform
