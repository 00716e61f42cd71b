// The linli-kiosk command line (INTERFACES.md §2).
#pragma once

#include "core/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace linli::kiosk {

struct Size {
    int width = 0;
    int height = 0;
};

struct Options {
    std::string config_path;  // empty: /etc/linli/kiosk.toml if it exists, else built-in defaults
    std::string data_dir;     // empty: see default_data_dir()
    std::optional<Size> windowed;
    std::string content_dir;
    std::string screenshot_path;
    std::string screen;
    std::optional<Size> size;
    std::string script_path;
    std::string import_source;
    std::string export_dir;
    std::string backup_dir;   // --backup: write a backup of residents.db into DIR/<kiosk id>/, exit
    std::string restore_dir;  // --restore: install a backup (linli/backup/<kiosk id>), exit
    bool status = false;
    bool help = false;
    bool version = false;
};

// Rejected errors name the argument: "linli-kiosk: --size: expected WxH, e.g. 1920x1080".
Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage_text();
// /var/lib/linli for the installed service (when it exists and is writable), otherwise
// $XDG_DATA_HOME/linli or ~/.local/share/linli.
std::string default_data_dir();

}  // namespace linli::kiosk
