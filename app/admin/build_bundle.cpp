// `linli-admin build CONTENT_DIR --key KEYDIR --out BUNDLE_DIR [--scope KIOSK_ID...]
// [--expires DAYS] [--version N]`: checks the folder exactly as `check` does (and stops with
// every problem listed), then writes a signed bundle directory (app/bundle/README.md).
#include "admin/command.hpp"

#include "bundle/build.hpp"
#include "content/diagnostics.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace linli::admin {

namespace {

constexpr const char* k_usage =
    "usage: linli-admin build CONTENT_DIR --key KEYDIR --out BUNDLE_DIR [--scope KIOSK_ID...] [--expires DAYS]\n"
    "                         [--version N] [--publish-mismatch]\n";

bool parse_int(std::string_view text, int64_t& out)
{
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Status run_build(Args args)
{
    if (wants_help(args)) {
        std::fputs(k_usage, stdout);
        std::fputs("\nChecks CONTENT_DIR like `linli-admin check`, then writes a bundle into BUNDLE_DIR:\n"
                   "manifest.toml (version, created, expires, scope, every file's size and SHA-256),\n"
                   "manifest.sig (Ed25519, by KEYDIR/sign.key) and files/<sha256>. Copy BUNDLE_DIR to a USB\n"
                   "stick as linli/bundle/, or serve it (linli-admin serve, or any web server).\n\n"
                   "  --scope ID    only the kiosk(s) with this id install it (repeat for more); default: all\n"
                   "  --expires N   kiosks refuse to install it after N days (default 60)\n"
                   "  --version N   content version (default: the current Unix time, and always above the\n"
                   "                bundle already in BUNDLE_DIR); kiosks only install newer versions\n"
                   "  --publish-mismatch  sign even though declared balances (finance/periods.toml) do not\n"
                   "                reconcile with the ledger; the kiosks show the mismatch to residents in red\n\n"
                   "Warnings (FILE:LINE: warning: ...) are printed as `check` prints them; of those, only\n"
                   "declared balances that do not reconcile stop the build.\n",
                   stdout);
        return {};
    }
    bundle::BuildOptions options;
    options.messages = message_language();
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        const bool has_value = i + 1 < args.size();
        if (arg == "--key" && has_value) options.key_dir = args[++i];
        else if (arg == "--out" && has_value) options.out_dir = args[++i];
        else if (arg == "--publish-mismatch") options.publish_mismatch = true;
        else if (arg == "--scope" && has_value) options.scope.emplace_back(args[++i]);
        else if (arg == "--expires" && has_value) {
            int64_t days = 0;
            if (!parse_int(args[++i], days) || days < 1 || days > 3650)
                return Error::rejected("build: --expires \"" + std::string(args[i]) + "\": a number of days, 1 to 3650");
            options.expires_days = static_cast<int>(days);
        } else if (arg == "--version" && has_value) {
            int64_t version = 0;
            if (!parse_int(args[++i], version) || version <= 0)
                return Error::rejected("build: --version \"" + std::string(args[i]) + "\": a positive whole number");
            options.version = version;
        } else if (!arg.starts_with("--") && options.content_dir.empty()) options.content_dir = arg;
        else return Error::rejected("build: unexpected argument \"" + std::string(arg) + "\"\n" + k_usage);
    }
    if (options.content_dir.empty() || options.key_dir.empty() || options.out_dir.empty())
        return Error::rejected(std::string("build: CONTENT_DIR, --key and --out are required\n") + k_usage);
    if (!std::filesystem::is_directory(options.key_dir))
        return Error::rejected("build: --key " + options.key_dir +
                               ": no such key folder (make one with: linli-admin keygen --out " + options.key_dir + ")");
    const char* fixed = std::getenv("LINLI_NOW");
    options.now_s = fixed ? std::atoll(fixed) : static_cast<int64_t>(std::time(nullptr));

    bundle::BuildResult result = TRY(bundle::build_bundle(options));
    for (const content::Diagnostic& d : result.warnings)
        std::fprintf(stderr, "%s\n", content::format_diagnostic(d).c_str());
    if (result.refused_mismatch) {
        size_t n = 0;
        for (const content::Diagnostic& d : result.warnings) n += d.severity == content::Severity::Mismatch;
        if (options.messages == Language::Chinese)
            return Error::rejected("build: " + std::to_string(n) + " 个申报余额与账目不符（见上），未生成任何文件。请改正账目或 "
                                   "finance/periods.toml；如确要公示不符，请加 --publish-mismatch（各终端会以红字显示）");
        return Error::rejected("build: " + std::to_string(n) + " declared balance(s) do not reconcile with the ledger "
                               "(listed above); nothing was written. Correct the ledger or finance/periods.toml, or "
                               "publish the mismatch with --publish-mismatch (the kiosks then show it in red)");
    }
    if (!result.problems.empty()) {
        for (const content::Diagnostic& d : result.problems)
            std::fprintf(stderr, "%s\n", content::format_diagnostic(d).c_str());
        return Error::rejected("build: " + std::to_string(result.problems.size()) +
                               " problem(s) in " + options.content_dir + "; nothing was written");
    }
    const bundle::Manifest& m = result.manifest;
    std::printf("build: %s: version %lld, %zu files (%lld bytes, %d new), expires %s, %s\n", options.out_dir.c_str(),
                static_cast<long long>(m.version), m.files.size(), static_cast<long long>(result.bytes),
                result.files_written, bundle::format_utc(m.expires_s).c_str(),
                m.scope.empty() ? "for every kiosk" : ("for " + std::to_string(m.scope.size()) + " kiosk(s)").c_str());
    if (result.locked_replies)
        std::printf("build: %zu feedback replies, each readable only with its receipt code (no code is in the bundle); %zu listed publicly\n",
                    result.locked_replies, result.public_replies);
    return {};
}

}  // namespace linli::admin
