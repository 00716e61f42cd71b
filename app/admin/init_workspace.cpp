// `linli-admin init WORKSPACE`: an office workspace, the folder the web console works on and the
// other subcommands work on in parts: content/ (a copy of the demo board to start from), keys/
// (a new signing and sealing pair, as keygen makes), bundle/ (what the kiosks download), inbox/
// (their uploaded exports, 0700), results/ (collected reports) and console.toml.
//
// The workspace is made whole or not at all: everything is written into a hidden folder beside
// it, which is renamed into place at the end; a failure removes it and leaves nothing behind.
#include "admin/command.hpp"

#include "services/content_source.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace linli::admin {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_usage = "usage: linli-admin init WORKSPACE";

// The console's settings, commented for an administrator who opens the file.
constexpr std::string_view k_console_toml = R"(# The office console of this workspace: linli-admin console WORKSPACE
# Paths are relative to this file.
[console]
# The console's pages, on this PC only by default (open the URL it prints at start).
bind = "127.0.0.1"
port = 8470
# The kiosks' LAN sync (the bundle, and uploads of residents' exports into inbox/), on every
# interface: in each kiosk.toml, [sync] lan_url = "http://THIS-PC:8471/" and
# upload_url = "http://THIS-PC:8471/inbox/".
kiosk_port = 8471
# Another bind address (the console used from other office PCs) needs a password
# (linli-admin console WORKSPACE --set-password) and TLS: a PEM certificate and its key.
password_hash = ""
tls_cert = ""
tls_key = ""
# Where USB sticks are mounted on this PC: 发布 writes linli/bundle/ to one, 收集 reads its
# linli/exports/.
usb_roots = ["/media", "/run/media"]
)";

constexpr std::string_view k_readme = R"(Linli (邻里) office workspace

content/       the board's content: announcements, finance, ballots ... (Markdown, CSV, TOML)
keys/          the signing and sealing keys; sign.key and seal.key are secret: back them up,
               never share them, never copy them to a kiosk
bundle/        the signed bundle the kiosks download (linli-admin build content --key keys
               --out bundle, or 发布 in the console)
inbox/         residents' exports uploaded by the kiosks over the LAN
results/       reports written by linli-admin collect
console.toml   the console's settings

Start the console:  linli-admin console THIS-FOLDER
)";

Status write_text(const fs::path& path, std::string_view text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return Error::internal("init: cannot write " + path.string());
    return {};
}

// The demo's files, without anything a copy must not carry (symlinks, hidden files).
Status copy_demo(const fs::path& to)
{
    const std::string demo = services::default_demo_dir();
    if (demo.empty() || !fs::is_directory(demo))
        return Error::internal("init: the demo board is not installed (looked in /usr/share/linli/demo and "
                               "/usr/share/linli-admin/demo); reinstall linli-admin");
    std::error_code ec;
    fs::create_directory(to, ec);
    for (auto it = fs::recursive_directory_iterator(demo, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const fs::path rel = fs::relative(it->path(), demo);
        if (rel.filename().string().starts_with(".")) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink()) continue;
        if (it->is_directory()) fs::create_directory(to / rel, ec);
        else if (it->is_regular_file()) fs::copy_file(it->path(), to / rel, ec);
        if (!ec) fs::permissions(to / rel, it->is_directory() ? fs::perms(0755) : fs::perms(0644), ec);
    }
    if (ec) return Error::internal("init: cannot copy the demo board from " + demo + ": " + ec.message());
    return {};
}

Status fill_workspace(const fs::path& dir)
{
    TRY_STATUS(copy_demo(dir / "content"));
    const std::string keys = (dir / "keys").string();
    const std::array<std::string_view, 2> keygen_args{"--out", keys};
    TRY_STATUS(run_keygen(keygen_args));
    std::error_code ec;
    for (const char* sub : {"bundle", "inbox", "results"}) {
        fs::create_directory(dir / sub, ec);
        if (ec) return Error::internal("init: cannot create " + (dir / sub).string() + ": " + ec.message());
    }
    // Exports are residents' data, sealed but still theirs: only this account reads the inbox.
    ::chmod((dir / "inbox").c_str(), 0700);
    TRY_STATUS(write_text(dir / "console.toml", k_console_toml));
    TRY_STATUS(write_text(dir / "README.txt", k_readme));
    return {};
}

}  // namespace

Status run_init(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin init WORKSPACE\n\n"
                   "Makes an office workspace in WORKSPACE (a new folder, or an empty one):\n"
                   "  content/      a copy of the demo board to start from\n"
                   "  keys/         a new signing and sealing key pair (as keygen makes)\n"
                   "  bundle/       what the kiosks download\n"
                   "  inbox/        residents' exports uploaded by the kiosks (mode 0700)\n"
                   "  results/      reports of collected exports\n"
                   "  console.toml  the console's settings (ports, address, password, TLS)\n"
                   "The other subcommands work on its parts (check WORKSPACE/content, build ... --key\n"
                   "WORKSPACE/keys --out WORKSPACE/bundle). Nothing is made unless all of it is.\n",
                   stdout);
        return {};
    }
    if (args.size() != 1 || args[0].starts_with("-"))
        return Error::rejected("init: expected one WORKSPACE folder (" + std::string(k_usage) + ")");
    const fs::path target = fs::absolute(fs::path(std::string(args[0]))).lexically_normal();
    const fs::path where = target.has_filename() ? target : target.parent_path();
    std::error_code ec;
    if (fs::exists(where, ec) && !(fs::is_directory(where, ec) && fs::is_empty(where, ec)))
        return Error::rejected("init: " + where.string() +
                               " already exists and is not an empty folder; nothing changed (choose a new name)");
    if (!fs::is_directory(where.parent_path(), ec))
        return Error::rejected("init: " + where.parent_path().string() + ": no such folder to make the workspace in");

    std::string temp = (where.parent_path() / ("." + where.filename().string() + ".init-XXXXXX")).string();
    if (!::mkdtemp(temp.data()))
        return Error::rejected("init: cannot write in " + where.parent_path().string() + ": " + std::strerror(errno));
    ::chmod(temp.c_str(), 0755);
    Status filled = fill_workspace(temp);
    // rename(2) replaces an empty folder of the same name, so an empty WORKSPACE may exist.
    if (filled && ::rename(temp.c_str(), where.c_str()) != 0)
        filled = Error::internal("init: cannot move the workspace into " + where.string() + ": " + std::strerror(errno));
    if (!filled) {
        fs::remove_all(temp, ec);
        return filled;
    }
    std::printf("init: made the workspace %s\n"
                "  content/      the board's content (a copy of the demo): edit it, then check and build\n"
                "  keys/         sign.key and seal.key are secret: back them up, never share them\n"
                "  bundle/ inbox/ results/ console.toml\n"
                "next: linli-admin check %s/content\n",
                where.c_str(), where.c_str());
    return {};
}

}  // namespace linli::admin
