// The HTTP side of `linli-admin console`: the console's pages and API on one listener, the
// kiosks' LAN sync (the workspace's bundle/ and inbox/, exactly as `serve` does it) on another,
// in one process until SIGINT or SIGTERM.
#pragma once

#include "admin/console/console_config.hpp"
#include "core/result.hpp"

#include <string>

namespace linli::admin {

struct ConsoleOptions {
    std::string workspace;   // absolute
    ConsoleConfig config;    // console.toml with the command line's --bind, --port, --kiosk-port
    std::string assets_dir;  // index.html, console.css, console.js
    Language language = Language::Chinese;  // of check's messages on the pages
    bool open_browser = true;  // xdg-open the login URL when there is a desktop
};

// Listens on both ports, prints "console: URL" with a one-time login token, serves until a
// stop signal. A port in use or a foreign address is Error::rejected.
Status run_console_servers(const ConsoleOptions& options);

}  // namespace linli::admin
