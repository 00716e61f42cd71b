// The HTTP side of `linli-admin serve` (serve_http.cpp): everything that touches cpp-httplib, so
// the argument checks in serve.cpp and the file logic in serve_files.cpp and serve_inbox.cpp stay
// free of it.
#pragma once

#include "core/result.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httplib {
class Server;
}

namespace linli::admin {

struct ServeOptions {
    std::string bundle_dir;            // checked: a directory holding manifest.toml
    int port = 0;                      // 1-65535
    std::optional<std::string> inbox;  // checked: a directory we may write into
    std::string bind = "0.0.0.0";      // for the LAN; --bind 127.0.0.1 keeps it on this PC
    bool inbox_created = false;        // for the start-up message
    // Called with the request's X-Linli-Status header (as sent) and address, on each request that
    // carries one (the console's 概览 keeps them); serve leaves it unset.
    std::function<void(const std::string& address, const std::string& status)> on_status;
};

// Listens, prints the kiosk.toml lines, serves until SIGINT or SIGTERM (then returns success).
// A port in use or an address not on this machine is Error::rejected.
Status serve_forever(const ServeOptions& options);

// For the console, which runs the kiosks' side beside its own pages (only with cpp-httplib):
// the kiosks' routes on a server, the state they share (kept alive while it runs), binding with
// the reasons in words, and running servers until SIGINT or SIGTERM.
class KioskSide;
struct KioskSideDeleter {
    void operator()(KioskSide* side) const;
};
using KioskSidePtr = std::unique_ptr<KioskSide, KioskSideDeleter>;
KioskSidePtr install_kiosk_side(httplib::Server& server, const ServeOptions& options);
// who: the message's prefix ("serve", "console").
Status bind_server(httplib::Server& server, const std::string& address, int port, std::string_view who);
Status run_until_stopped(std::span<httplib::Server* const> servers, std::string_view who);
// This machine's IPv4 addresses other PCs could reach (not loopback), with their interfaces.
std::vector<std::pair<std::string, std::string>> lan_addresses();
// Where others reach a server bound to bind: the LAN addresses for 0.0.0.0 or ::, else bind
// (loopback when the machine has no LAN address).
std::vector<std::pair<std::string, std::string>> reachable_addresses(const std::string& bind);

}  // namespace linli::admin
