#include "core/log.hpp"

#include <cstdio>

namespace linli {

namespace {

LogSink& sink()
{
    static LogSink s_sink;
    return s_sink;
}

}  // namespace

void set_log_sink(LogSink new_sink) { sink() = std::move(new_sink); }

void log_line(LogLevel level, std::string_view component, std::string_view event, std::string_view message)
{
    LogLine line{level, component, event, message};
    if (sink()) {
        sink()(line);
        return;
    }
    std::fprintf(stderr, "linli-kiosk: %.*s: %.*s\n", int(component.size()), component.data(), int(message.size()),
                 message.data());
}

}  // namespace linli
