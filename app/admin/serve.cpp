// `linli-admin serve BUNDLE_DIR --port P [--inbox DIR] [--bind ADDR]`: a small HTTP server an
// administrator runs on a PC on the LAN. Kiosks poll it for the signed bundle (GET/HEAD with
// ETag and Last-Modified, so a no-change poll is one small request) and PUT their residents'
// data exports into the inbox. Everything served is checked again by the kiosk's signature
// verification: this server's job is to hand out exactly what is on disk, and nothing else.
//
// This file holds the arguments and the checks made before listening; serve_http.cpp the HTTP
// side, serve_files.cpp the bundle's files, serve_inbox.cpp the uploads.
#include "admin/command.hpp"
#include "admin/serve_http.hpp"
#include "admin/serve_inbox.hpp"

#include <arpa/inet.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace linli::admin {

namespace {

constexpr std::string_view k_usage = "usage: linli-admin serve BUNDLE_DIR --port P [--inbox DIR] [--bind ADDR]";

bool is_ip_address(const std::string& text)
{
    unsigned char buffer[sizeof(struct in6_addr)];
    return ::inet_pton(AF_INET, text.c_str(), buffer) == 1 || ::inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

std::string absolute(const std::string& path)
{
    std::error_code ec;
    auto full = std::filesystem::absolute(path, ec);
    return ec ? path : full.lexically_normal().string();
}

Result<ServeOptions> parse_options(Args args)
{
    ServeOptions options;
    const std::string usage(k_usage);
    std::optional<std::string> port_text, bundle, bind_text;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::optional<std::string>* target = nullptr;
        std::string_view flag = arg.substr(0, arg.find('='));
        if (flag == "--port") target = &port_text;
        else if (flag == "--inbox") target = &options.inbox;
        else if (flag == "--bind") target = &bind_text;
        if (target) {
            if (arg.size() > flag.size()) *target = std::string(arg.substr(flag.size() + 1));  // --port=8080
            else if (i + 1 < args.size()) *target = std::string(args[++i]);
            else return Error::rejected("serve: " + std::string(flag) + " needs a value (" + usage + ")");
        } else if (arg.starts_with("-")) {
            return Error::rejected("serve: unknown option '" + std::string(arg) + "' (" + usage + ")");
        } else if (!bundle) {
            bundle = std::string(arg);
        } else {
            return Error::rejected("serve: unexpected argument '" + std::string(arg) + "' (" + usage + ")");
        }
    }
    if (!bundle) return Error::rejected("serve: expected a BUNDLE_DIR (" + usage + ")");
    if (!port_text) return Error::rejected("serve: --port P is required (" + usage + ")");
    std::optional<int> port = parse_port(*port_text);
    if (!port) return Error::rejected("serve: --port: \"" + *port_text + "\" is not a port number (1-65535)");
    options.port = *port;
    if (bind_text) options.bind = *bind_text;
    if (!is_ip_address(options.bind))
        return Error::rejected("serve: --bind: \"" + options.bind +
                               "\" is not an IP address (e.g. 0.0.0.0 or 127.0.0.1)");

    struct stat st {};
    if (::stat(bundle->c_str(), &st) != 0)
        return Error::rejected("serve: BUNDLE_DIR " + *bundle + ": " + std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) return Error::rejected("serve: BUNDLE_DIR " + *bundle + " is not a directory");
    // Serving a folder that is not a bundle would have every kiosk poll and fail without a word
    // here; a wrong path (the content folder instead of the bundle) is the likely mistake.
    if (::lstat((*bundle + "/manifest.toml").c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return Error::rejected("serve: " + *bundle +
                               " has no manifest.toml: not a bundle (make one with linli-admin build)");
    options.bundle_dir = absolute(*bundle);
    if (options.inbox) {
        // Anything below BUNDLE_DIR is served to the whole LAN: exports must never land there.
        std::error_code ec_bundle, ec_inbox;
        std::string real_bundle = std::filesystem::weakly_canonical(*bundle, ec_bundle).string();
        std::string real_inbox = std::filesystem::weakly_canonical(*options.inbox, ec_inbox).string();
        if (!ec_bundle && !ec_inbox && (real_inbox == real_bundle || real_inbox.starts_with(real_bundle + "/")))
            return Error::rejected("serve: --inbox " + *options.inbox + " is inside BUNDLE_DIR, which is served to "
                                   "every kiosk; keep the residents' exports elsewhere");
        options.inbox_created = TRY(prepare_inbox(*options.inbox));
        options.inbox = absolute(*options.inbox);
    }
    return options;
}

}  // namespace

std::optional<int> parse_port(std::string_view text)
{
    if (text.empty() || text.size() > 5) return std::nullopt;
    int port = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return std::nullopt;
    return port;
}

Status run_serve(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin serve BUNDLE_DIR --port P [--inbox DIR] [--bind ADDR]\n\n"
                   "Publishes a bundle (made by linli-admin build) to the kiosks on the LAN over HTTP,\n"
                   "and with --inbox receives their residents' data exports into DIR (created 0700).\n"
                   "Kiosks find it through lan_url and upload_url in [sync] of their kiosk.toml; the\n"
                   "lines to put there are printed at start. Rebuilding the bundle in place while this\n"
                   "runs is fine: every request is served from what is on disk now.\n\n"
                   "  --port P      TCP port to listen on (1-65535; above 1024 needs no root)\n"
                   "  --inbox DIR   accept PUT /inbox/NAME (at most 64 MiB each, never overwritten)\n"
                   "  --bind ADDR   address to listen on (default 0.0.0.0: every interface)\n\n"
                   "One line per request on stdout. Ctrl-C (or SIGTERM) stops it.\n",
                   stdout);
        return {};
    }
    ServeOptions options = TRY(parse_options(args));
    return serve_forever(options);
}

}  // namespace linli::admin
