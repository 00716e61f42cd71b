// The kiosk's log: one line per event with its component ("sync", "content", "admin") and a short
// event name ("installed", "rejected", "error"). By default it goes to stderr, which journald keeps
// for the service; under systemd the composition root installs a sink that writes the same line
// to the journal with structured fields. Never log residents' input (SECURITY.md F2, B5).
#pragma once

#include <functional>
#include <string_view>

namespace linli {

enum class LogLevel { Info, Warning, Error };

struct LogLine {
    LogLevel level = LogLevel::Info;
    std::string_view component;
    std::string_view event;
    std::string_view message;
};

using LogSink = std::function<void(const LogLine&)>;

// Replaces where lines go (nullptr: back to stderr). Set once at start, before any thread logs.
void set_log_sink(LogSink sink);
// Thread-safe as long as the sink is (stderr and the journal are).
void log_line(LogLevel level, std::string_view component, std::string_view event, std::string_view message);

}  // namespace linli
