// `linli-admin console WORKSPACE [--bind ADDR] [--port P] [--kiosk-port P] [--no-browser]`: the
// office's web console over a workspace made by `linli-admin init`, and the kiosks' LAN sync
// beside it (what `serve` does, for the workspace's bundle/ and inbox/), in one process.
//
// This file holds the arguments and the checks made before listening; console_server.cpp the
// HTTP side.
#include "admin/command.hpp"
#include "admin/console/console_server.hpp"
#include "admin/output_file.hpp"
#include "crypto/password.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace linli::admin {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_usage =
    "usage: linli-admin console WORKSPACE [--bind ADDR] [--port P] [--kiosk-port P] [--no-browser] [--set-password]";

std::string assets_dir()
{
    const char* installed = "/usr/share/linli-admin/console";
    if (fs::is_directory(installed)) return installed;
#ifdef LINLI_SOURCE_CONSOLE_DIR
    return LINLI_SOURCE_CONSOLE_DIR;
#else
    return installed;
#endif
}

// console.toml with its password_hash line set (the line replaced where it is, or added under
// [console]); every other line as it was.
Status write_password_hash(const std::string& workspace, const std::string& hash)
{
    const fs::path path = fs::path(workspace) / "console.toml";
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> lines;
    std::string line;
    for (std::istringstream in_lines(text.str()); std::getline(in_lines, line);) lines.push_back(line);
    const std::string setting = "password_hash = \"" + hash + "\"";
    auto is_setting = [](const std::string& l) {
        const size_t key = l.find_first_not_of(" \t");
        return key != std::string::npos && l.compare(key, 13, "password_hash") == 0;
    };
    auto at = std::find_if(lines.begin(), lines.end(), is_setting);
    if (at != lines.end()) *at = setting;
    else if (auto table = std::find(lines.begin(), lines.end(), "[console]"); table != lines.end()) lines.insert(table + 1, setting);
    else lines.insert(lines.end(), {"[console]", setting});
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return replace_file(path.string(), out, 0600, "console");
}

Result<ConsoleOptions> parse_options(Args args, bool& set_password)
{
    ConsoleOptions options;
    std::optional<std::string> workspace, bind, port, kiosk_port;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        std::optional<std::string>* target = nullptr;
        if (arg == "--bind") target = &bind;
        else if (arg == "--port") target = &port;
        else if (arg == "--kiosk-port") target = &kiosk_port;
        if (target) {
            if (i + 1 >= args.size())
                return Error::rejected("console: " + std::string(arg) + " needs a value (" + std::string(k_usage) + ")");
            *target = std::string(args[++i]);
        } else if (arg == "--no-browser") {
            options.open_browser = false;
        } else if (arg == "--set-password") {
            set_password = true;
        } else if (arg.starts_with("-") || workspace) {
            return Error::rejected("console: unexpected argument '" + std::string(arg) + "' (" + std::string(k_usage) + ")");
        } else {
            workspace = std::string(arg);
        }
    }
    if (!workspace) return Error::rejected("console: expected a WORKSPACE (" + std::string(k_usage) + ")");
    std::error_code ec;
    options.workspace = fs::absolute(*workspace, ec).lexically_normal().string();
    if (!options.workspace.empty() && options.workspace.back() == '/') options.workspace.pop_back();
    // The terminal's messages follow the locale, as every subcommand's; the pages are Chinese
    // first (check's messages on them too), unless the locale asks for English.
    options.config = TRY(load_console_config(options.workspace, message_language()));
    const char* lang = std::getenv("LANG");
    options.language = lang && std::string_view(lang).starts_with("en") ? Language::English : Language::Chinese;
    for (const char* part : {"content", "keys", "bundle", "inbox"})
        if (!fs::is_directory(fs::path(options.workspace) / part))
            return Error::rejected("console: " + options.workspace + " has no " + part +
                                   "/: not a whole workspace (make one with linli-admin init WORKSPACE)");
    if (bind) options.config.bind = *bind;
    for (auto [text, out, flag] : {std::tuple{&port, &options.config.port, "--port"},
                                   std::tuple{&kiosk_port, &options.config.kiosk_port, "--kiosk-port"}}) {
        if (!*text) continue;
        auto number = parse_port(**text);
        if (!number)
            return Error::rejected(std::string("console: ") + flag + ": \"" + **text + "\" is not a port number (1-65535)");
        *out = *number;
    }
    if (options.config.port == options.config.kiosk_port)
        return Error::rejected("console: the console and the kiosks' listener need two ports (both are " +
                               std::to_string(options.config.port) + ")");
    // Off this PC the console holds the keys for anyone on the LAN who can log in: never in the
    // clear, never without a password.
    if (!options.config.loopback() && !set_password) {
        const std::string where = "console: --bind " + options.config.bind + ": a console reached from other PCs ";
        if (!crypto::is_pin_hash(options.config.password_hash))
            return Error::rejected(where + "needs a password: set one with linli-admin console " + options.workspace +
                                   " --set-password");
        if (options.config.tls_cert.empty() || options.config.tls_key.empty())
            return Error::rejected(where + "needs TLS: tls_cert and tls_key in console.toml (README: \"the console from "
                                   "other office PCs\" says how to make a certificate)");
        for (const std::string& file : {options.config.tls_cert, options.config.tls_key})
            if (::access(file.c_str(), R_OK) != 0)
                return Error::rejected("console: " + file + ": cannot read (" + std::strerror(errno) + ")");
    }
    options.assets_dir = assets_dir();
    if (!fs::is_regular_file(fs::path(options.assets_dir) / "index.html"))
        return Error::internal("console: the console's pages are missing from " + options.assets_dir + " (reinstall linli-admin)");
    return options;
}

}  // namespace

Status run_console(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin console WORKSPACE [--bind ADDR] [--port P] [--kiosk-port P] [--no-browser]\n\n"
                   "The office's web console for a workspace made by linli-admin init. It listens on\n"
                   "127.0.0.1 (this PC only) and prints a line \"console: URL\": open it in a browser (it\n"
                   "works once; opening the console again without it prints a fresh one). With a desktop\n"
                   "it opens the browser itself (not with --no-browser).\n"
                   "Beside it, on every interface, the kiosks' LAN sync: the workspace's bundle/ for\n"
                   "lan_url and uploads into inbox/ for upload_url, exactly as linli-admin serve does.\n\n"
                   "  --port P        the console's port (default: console.toml, 8470)\n"
                   "  --kiosk-port P  the kiosks' port (default: console.toml, 8471)\n"
                   "  --bind ADDR     the console's address; another than 127.0.0.1 or ::1 (0.0.0.0: the\n"
                   "                  office LAN) needs a password and TLS (tls_cert, tls_key in console.toml)\n"
                   "  --set-password  set the password asked off this PC (10 characters or more), then exit\n\n"
                   "One line per request on stdout. Ctrl-C (or SIGTERM) stops it.\n",
                   stdout);
        return {};
    }
    bool set_password = false;
    ConsoleOptions options = TRY(parse_options(args, set_password));
    if (set_password) {
        const std::string password = TRY(read_new_secret(
            {"New console password (10 characters or more): ", "The same password again: ",
             "console: no password on standard input (try: linli-admin console WORKSPACE --set-password < FILE)",
             "console: the two passwords differ; nothing was changed, please try again", [](const std::string& p) -> Status {
                 if (p.size() < 10) return Error::rejected("console: a password of 10 characters or more, please");
                 return {};
             }}));
        TRY_STATUS(write_password_hash(options.workspace, TRY(crypto::hash_pin(password))));
        std::printf("console: password set in %s/console.toml (the console from other PCs asks for it)\n",
                    options.workspace.c_str());
        return {};
    }
    return run_console_servers(options);
}

}  // namespace linli::admin
