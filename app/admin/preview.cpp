// `linli-admin preview CONTENT_DIR [--size WxH]`: checks the folder, then opens the kiosk UI on it
// in a window, exactly as a kiosk will show it. linli-admin never links the UI itself: it runs
// linli-kiosk (next to this program, or LINLI_KIOSK, or on PATH) with --content.
#include "admin/command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace linli::admin {

std::string find_kiosk()
{
    if (const char* forced = std::getenv("LINLI_KIOSK"); forced && *forced) return forced;
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
    // Installed side by side (/usr/bin), or in a build tree (build/app/admin next to build/app/kiosk).
    for (const auto& candidate : {self / "linli-kiosk", self.parent_path() / "kiosk" / "linli-kiosk"})
        if (!ec && access(candidate.c_str(), X_OK) == 0) return candidate.string();
    return "linli-kiosk";  // execvp searches PATH
}

std::string preview_data_dir()
{
    // The preview's own state, apart from any kiosk data on this PC.
    if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache) return std::string(cache) + "/linli-preview";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/linli-preview";
    return "/tmp/linli-preview";
}

Status run_preview(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin preview CONTENT_DIR [--size WxH]\n\n"
                   "Checks the folder (as `linli-admin check`), then shows it in a kiosk window of WxH\n"
                   "(default 1280x720), exactly as a kiosk will. Touch with the mouse; close the window\n"
                   "to finish. Runs linli-kiosk: set LINLI_KIOSK to use another one.\n",
                   stdout);
        return {};
    }
    std::string folder, size = "1280x720";
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--size" && i + 1 < args.size()) size = std::string(args[++i]);
        else if (folder.empty() && !args[i].starts_with("--")) folder = std::string(args[i]);
        else return Error::rejected("preview: unexpected argument '" + std::string(args[i]) +
                                    "' (usage: linli-admin preview CONTENT_DIR [--size WxH])");
    }
    if (folder.empty()) return Error::rejected("preview: expected a CONTENT_DIR (usage: linli-admin preview CONTENT_DIR)");
    std::string_view folder_arg = folder;
    TRY_STATUS(run_check_content(Args(&folder_arg, 1)));

    std::string kiosk = find_kiosk(), data_dir = preview_data_dir();
    std::vector<std::string> argv_strings = {kiosk, "--content", folder, "--windowed", size, "--data-dir", data_dir};
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    setenv("LINLI_PREVIEW_CHECKED", "1", 1);  // the check above printed the warnings
    execvp(kiosk.c_str(), argv.data());
    return Error::internal("preview: cannot start " + kiosk + " (" + std::strerror(errno) +
                           "); install linli-kiosk or set LINLI_KIOSK");
}

}  // namespace linli::admin
