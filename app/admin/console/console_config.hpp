// console.toml of an office workspace (linli-admin init writes it, commented): where the console's
// pages and the kiosks' listener listen, and what a console reached from other PCs needs.
#pragma once

#include "core/i18n.hpp"
#include "core/result.hpp"

#include <string>
#include <vector>

namespace linli::admin {

struct ConsoleConfig {
    std::string bind = "127.0.0.1";  // the console's pages
    int port = 8470;
    int kiosk_port = 8471;           // the kiosks' LAN sync, on every interface
    std::string password_hash;       // Argon2id; required off loopback
    std::string tls_cert, tls_key;   // absolute paths (relative ones are to console.toml), or empty
    // Where USB sticks are mounted (as the kiosk's [sync] usb_watch): 发布 and 收集 list them.
    std::vector<std::string> usb_roots = {"/media", "/run/media"};

    // Whether the console's pages are reachable from this machine only.
    bool loopback() const;
};

// Reads WORKSPACE/console.toml: every problem at once as "console.toml:LINE: what is wrong"
// (rejected). A missing file is a workspace linli-admin init did not make: said so.
Result<ConsoleConfig> load_console_config(const std::string& workspace, Language language);

}  // namespace linli::admin
