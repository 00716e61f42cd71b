#include "kiosk/options.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace linli::kiosk {

namespace {

std::optional<Size> parse_size(const std::string& text)
{
    size_t x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    try {
        size_t used_w = 0, used_h = 0;
        int w = std::stoi(text.substr(0, x), &used_w);
        int h = std::stoi(text.substr(x + 1), &used_h);
        if (used_w != x || used_h != text.size() - x - 1 || w < 160 || h < 120 || w > 8192 || h > 8192)
            return std::nullopt;
        return Size{w, h};
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace

std::string usage_text()
{
    return "usage: linli-kiosk [--config FILE] [--data-dir DIR] [--windowed WxH]\n"
           "                   [--content DIR]\n"
           "                   [--screenshot FILE.png --screen NAME [--size WxH]]\n"
           "                   [--script FILE] [--import PATH_OR_URL] [--export DIR] [--status]\n"
           "                   [--backup DIR] [--restore DIR]\n"
           "\n"
           "  --config FILE      kiosk configuration (default /etc/linli/kiosk.toml, else built-in defaults)\n"
           "  --data-dir DIR     where the kiosk keeps its databases\n"
           "  --windowed WxH     a normal window instead of fullscreen (development)\n"
           "  --content DIR      preview an authoring folder, unsigned (not for production)\n"
           "  --screenshot FILE  render SCREEN offscreen into a PNG file and exit\n"
           "  --screen NAME      home, announcements, announcement:<id>, recruitment, finance, documents,\n"
           "                     meetings, progress, ballots, feedback, reply, admin (also where a script starts)\n"
           "  --size WxH         screenshot size (default 1920x1080)\n"
           "  --script FILE      replay a UI script headless (or in the window with --windowed)\n"
           "  --import SOURCE    verify and install a signed bundle (a folder or an http:// URL), then exit\n"
           "  --export DIR       write residents' data exports into DIR, then exit\n"
           "  --backup DIR       write a backup of the residents' data into DIR/<kiosk id>/ (as on a USB\n"
           "                     stick's linli/backup/, where each export to a stick writes one), then exit\n"
           "  --restore DIR      a new SD card: check the backup in DIR (a stick's linli/backup/<kiosk id>)\n"
           "                     and install it; refused if the data dir holds residents' data. Exports go\n"
           "                     on with a new device key (linli-admin collect --accept-key)\n"
           "  --status           print the kiosk's status as JSON and exit\n"
           "\n"
           "Exit codes: 0 success, 2 rejected input (named on stderr), 1 internal error.\n"
           "Testing aid: LINLI_NOW=<unix seconds> sets the kiosk's clock for any command: --screenshot and\n"
           "--script stand still there until the script moves them; the kiosk and --status run on from it.\n"
           "The clock floor still applies.\n";
}

Result<Options> parse_options(const std::vector<std::string>& args)
{
    Options o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> Result<std::string> {
            if (i + 1 >= args.size() || args[i + 1].starts_with("--"))
                return Error::rejected(std::string("linli-kiosk: ") + name + " needs a value (see --help)");
            return args[++i];
        };
        auto size_value = [&](const char* name) -> Result<Size> {
            std::string text = TRY(value(name));
            auto size = parse_size(text);
            if (!size)
                return Error::rejected(std::string("linli-kiosk: ") + name + ": expected WxH such as 1920x1080, not '" +
                                       text + "'");
            return *size;
        };
        if (a == "--config") o.config_path = TRY(value("--config"));
        else if (a == "--data-dir") o.data_dir = TRY(value("--data-dir"));
        else if (a == "--windowed") o.windowed = TRY(size_value("--windowed"));
        else if (a == "--content") o.content_dir = TRY(value("--content"));
        else if (a == "--screenshot") o.screenshot_path = TRY(value("--screenshot"));
        else if (a == "--screen") o.screen = TRY(value("--screen"));
        else if (a == "--size") o.size = TRY(size_value("--size"));
        else if (a == "--script") o.script_path = TRY(value("--script"));
        else if (a == "--import") o.import_source = TRY(value("--import"));
        else if (a == "--export") o.export_dir = TRY(value("--export"));
        else if (a == "--backup") o.backup_dir = TRY(value("--backup"));
        else if (a == "--restore") o.restore_dir = TRY(value("--restore"));
        else if (a == "--status") o.status = true;
        else if (a == "--help" || a == "-h") o.help = true;
        else if (a == "--version") o.version = true;
        else return Error::rejected("linli-kiosk: unknown option '" + a + "' (see --help)");
    }
    if (!o.screenshot_path.empty() && !o.script_path.empty())
        return Error::rejected("linli-kiosk: --screenshot and --script cannot be combined");
    if (!o.screenshot_path.empty() && o.screen.empty()) o.screen = "home";
    const int actions = !o.import_source.empty() + !o.export_dir.empty() + !o.backup_dir.empty() + !o.restore_dir.empty();
    if (actions > 1) return Error::rejected("linli-kiosk: --import, --export, --backup and --restore are one at a time");
    if (o.size && o.screenshot_path.empty() && o.script_path.empty())
        return Error::rejected("linli-kiosk: --size applies to --screenshot and --script only");
    return o;
}

std::string default_data_dir()
{
    const char* service_dir = "/var/lib/linli";
    if (std::filesystem::is_directory(service_dir) && access(service_dir, W_OK) == 0) return service_dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/linli";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/linli";
    return "/tmp/linli";
}

}  // namespace linli::kiosk
