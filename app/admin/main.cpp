// linli-admin: the administrators' command-line tool (INTERFACES.md §4). This file is the one
// list of subcommands and the dispatcher; each subcommand lives in its own file. Exit codes:
// 0 ok, 2 rejected input (bad config, bad arguments), 1 internal error or not available yet.
#include "admin/command.hpp"

#include <cerrno>
#include <cstdio>
#include <exception>
#include <string>
#include <system_error>
#include <vector>

namespace linli::admin {

namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_internal = 1;
constexpr int k_exit_rejected = 2;

// Every subcommand of INTERFACES.md §4, in the order an administrator meets them. Those without
// a run function yet are shown as coming, so --help already tells the whole story.
constexpr AdminCommand k_commands[] = {
    {"hash-pin", "", "read an admin PIN (4-12 digits) and print the pin_hash line for kiosk.toml",
     &run_hash_pin},
    {"check-config", "FILE", "validate a kiosk.toml: prints \"ok\" or FILE:LINE: what is wrong",
     &run_check_config},
    {"keygen", "--out KEYDIR", "write sign.key, sign.pub, seal.key, seal.pub (keys 0600)", &run_keygen},
    {"check", "CONTENT_DIR", "validate an authoring folder: every problem as FILE:LINE: what is wrong",
     &run_check_content},
    {"preview", "CONTENT_DIR [--size WxH]", "check the folder, then show it in a kiosk window", run_preview},
    {"build", "CONTENT_DIR --key KEYDIR --out BUNDLE_DIR [--scope KIOSK_ID...] [--expires DAYS]",
     "build a signed bundle", &run_build},
    {"verify", "BUNDLE_DIR --pub KEYDIR_OR_FILE", "verify a bundle", &run_verify},
    {"codes", "--ballot ID --count N --kiosk KIOSK_ID --content CONTENT_DIR --out DIR",
     "one-time voting codes for one kiosk: slips.pdf, and their hashes in the folder", &run_codes},
    {"collect", "EXPORT... --key KEYDIR --out DIR [--content CONTENT_DIR] [--accept-key HEX]...", "verify, decrypt, report feedback and ballots",
     &run_collect},
    {"serve", "BUNDLE_DIR --port P [--inbox DIR]", "publish to kiosks on the LAN, receive exports",
     &run_serve},
    {"init", "WORKSPACE", "an office workspace: content/ (the demo to start from), keys/, bundle/, inbox/, results/",
     &run_init},
    {"console", "WORKSPACE [--bind ADDR] [--port P] [--kiosk-port P]", "the office's web console (on this PC), and the kiosks' LAN sync beside it", &run_console},
};

void print_help(std::FILE* out)
{
    std::fputs("linli-admin: tools for the administrators of Linli (邻里) kiosks\n\n"
               "usage: linli-admin COMMAND [ARGS...]\n"
               "       linli-admin COMMAND --help\n\n"
               "commands:\n", out);
    auto line = [&](const AdminCommand& c) {
        std::string head = std::string(c.name) + (c.synopsis.empty() ? "" : " ") + std::string(c.synopsis);
        if (head.size() <= 24)
            std::fprintf(out, "  %-24s %.*s\n", head.c_str(), static_cast<int>(c.summary.size()), c.summary.data());
        else
            std::fprintf(out, "  %s\n  %-24s %.*s\n", head.c_str(), "", static_cast<int>(c.summary.size()),
                         c.summary.data());
    };
    for (const AdminCommand& c : k_commands)
        if (c.run)
            line(c);
    std::fputs("\ncoming (not available yet):\n", out);
    for (const AdminCommand& c : k_commands)
        if (!c.run)
            line(c);
    std::fputs("\nexit status: 0 ok, 2 rejected input (the reason is on stderr), 1 internal error\n", out);
}

const AdminCommand* find_command(std::string_view name)
{
    for (const AdminCommand& c : k_commands)
        if (c.name == name)
            return &c;
    return nullptr;
}

Status dispatch(Args args)
{
    if (args.empty()) {
        print_help(stderr);
        return Error::rejected("linli-admin: no command given");
    }
    std::string_view name = args[0];
    if (name == "--help" || name == "-h" || name == "help") {
        print_help(stdout);
        return {};
    }
    const AdminCommand* command = find_command(name);
    if (!command)
        return Error::rejected("linli-admin: unknown command '" + std::string(name) +
                               "' (see linli-admin --help)");
    if (!command->run)
        return Error::internal("linli-admin: '" + std::string(name) + "' is not available yet");
    return command->run(args.subspan(1));
}

}  // namespace

bool wants_help(Args args)
{
    for (std::string_view a : args)
        if (a == "--help" || a == "-h")
            return true;
    return false;
}

}  // namespace linli::admin

int main(int argc, char** argv)
{
    using namespace linli;
    int code = admin::k_exit_ok;
    try {
        std::vector<std::string_view> args(argv + (argc > 0 ? 1 : 0), argv + argc);
        Status status = admin::dispatch(args);
        if (!status) {
            std::fprintf(stderr, "%s\n", status.error().message.c_str());
            code = status.error().kind == ErrorKind::Rejected ? admin::k_exit_rejected
                                                              : admin::k_exit_internal;
        }
    } catch (const std::exception& e) {
        // Nothing below should throw; if something does, it is our failure, not the input's.
        std::fprintf(stderr, "linli-admin: internal error: %s\n", e.what());
        code = admin::k_exit_internal;
    }
    // A full disk or closed pipe must not pass for success: the output is what was asked for.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        std::fprintf(stderr, "linli-admin: cannot write the output (%s)\n",
                     std::generic_category().message(errno).c_str());
        return admin::k_exit_internal;
    }
    return code;
}
