// `linli-admin keygen --out KEYDIR [--rotate-from OLD_KEYDIR]`: the administrators' keys.
// sign.key signs bundles, seal.key opens residents' sealed data; both are written 0600 and never
// printed. With --rotate-from, the new signing key is announced in keys.toml, signed by the old
// key (keys.sig), so kiosks accept the change (SECURITY.md U6); the sealing keys are carried over
// so data sealed before the rotation can still be opened.
#include "admin/command.hpp"

#include "bundle/manifest.hpp"
#include "bundle/source.hpp"
#include "bundle/trust.hpp"
#include "crypto/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace linli::admin {

namespace fs = std::filesystem;

namespace {

// Creates path (never replacing anything) with mode and writes text to it, fsynced.
Status write_key_file(const std::string& path, const std::string& text, mode_t mode)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) return Error::internal("keygen: " + path + ": cannot create (" + std::strerror(errno) + ")");
    ::fchmod(fd, mode);  // whatever the umask says
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Error::internal("keygen: " + path + ": write failed");
    return {};
}

int64_t now_s()
{
    if (const char* fixed = std::getenv("LINLI_NOW")) return std::atoll(fixed);
    return static_cast<int64_t>(std::time(nullptr));
}

}  // namespace

Status run_keygen(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin keygen --out KEYDIR [--rotate-from OLD_KEYDIR]\n\n"
                   "Writes a new key folder: sign.key and sign.pub (signing bundles), seal.key and\n"
                   "seal.pub (sealing residents' feedback and ballots). The .key files are secret (mode\n"
                   "0600): keep them on the administrators' PC. Copy sign.pub and seal.pub to each kiosk\n"
                   "(kiosk.toml [trust]). An existing key folder is never overwritten.\n\n"
                   "--rotate-from OLD_KEYDIR: replace a signing key. keys.toml + keys.sig (signed by the\n"
                   "old key) go into every bundle built with the new folder, and kiosks switch to the new\n"
                   "key when they install one. The sealing keys are copied from the old folder.\n",
                   stdout);
        return {};
    }
    std::string out, old;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--out" && i + 1 < args.size())
            out = args[++i];
        else if (args[i] == "--rotate-from" && i + 1 < args.size())
            old = args[++i];
        else
            return Error::rejected("keygen: unexpected argument \"" + std::string(args[i]) +
                                   "\" (usage: linli-admin keygen --out KEYDIR [--rotate-from OLD_KEYDIR])");
    }
    if (out.empty()) return Error::rejected("keygen: --out KEYDIR is required");
    for (const char* name : {"sign.key", "sign.pub", "seal.key", "seal.pub", "keys.toml", "keys.sig"})
        if (fs::exists(fs::path(out) / name))
            return Error::rejected("keygen: " + out + " already holds keys (" + name +
                                   "); keys are never overwritten: choose a new folder");

    // Everything that can fail on the old folder is read before anything is written.
    std::optional<crypto::SecretKey> old_sign;
    std::string old_seal_key, old_seal_pub;
    int64_t old_serial = 0;
    if (!old.empty()) {
        if (!fs::is_directory(old)) return Error::rejected("keygen: --rotate-from " + old + ": no such key folder");
        old_sign = TRY(crypto::read_secret_key_file(old + "/sign.key", crypto::KeyKind::SignSecret));
        (void)TRY(crypto::read_secret_key_file(old + "/seal.key", crypto::KeyKind::SealSecret));
        bundle::DirectorySource old_dir(old);
        old_seal_key = TRY(old_dir.read_small("seal.key", 4096)).value_or("");
        old_seal_pub = TRY(old_dir.read_small("seal.pub", 4096)).value_or("");
        if (auto keys = TRY(old_dir.read_small(bundle::k_keys_name, bundle::k_max_signature_bytes)))
            old_serial = TRY(bundle::parse_key_rotation(*keys)).serial;
    }

    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) return Error::rejected("keygen: cannot create " + out + ": " + ec.message());
    ::chmod(out.c_str(), 0700);

    crypto::KeyPair sign = TRY(crypto::generate_sign_key());
    TRY_STATUS(write_key_file(out + "/sign.key",
                              crypto::key_file_text(crypto::KeyKind::SignSecret, sign.secret_key.bytes().data(),
                                                    sign.secret_key.bytes().size()),
                              0600));
    TRY_STATUS(write_key_file(out + "/sign.pub",
                              crypto::key_file_text(crypto::KeyKind::SignPublic, sign.public_key.data(), 32), 0644));
    if (old_sign) {
        TRY_STATUS(write_key_file(out + "/seal.key", old_seal_key, 0600));
        TRY_STATUS(write_key_file(out + "/seal.pub", old_seal_pub, 0644));
        bundle::KeyRotation rotation{old_serial + 1, now_s(), {sign.public_key}};
        const std::string text = bundle::write_key_rotation(rotation);
        TRY_STATUS(write_key_file(out + "/keys.toml", text, 0644));
        TRY_STATUS(write_key_file(out + "/keys.sig",
                                  bundle::signature_line(text, crypto::sign_public_key_of(*old_sign), *old_sign), 0644));
    } else {
        crypto::KeyPair seal = TRY(crypto::generate_seal_key());
        TRY_STATUS(write_key_file(out + "/seal.key",
                                  crypto::key_file_text(crypto::KeyKind::SealSecret, seal.secret_key.bytes().data(),
                                                        seal.secret_key.bytes().size()),
                                  0600));
        TRY_STATUS(write_key_file(out + "/seal.pub",
                                  crypto::key_file_text(crypto::KeyKind::SealPublic, seal.public_key.data(), 32), 0644));
    }
    std::printf("keygen: wrote %s/sign.key, sign.pub, seal.key, seal.pub%s\n", out.c_str(),
                old_sign ? ", keys.toml, keys.sig" : "");
    std::printf("keygen: signing key %s\n", crypto::to_hex(sign.public_key).substr(0, 16).c_str());
    if (old_sign)
        std::printf("keygen: key set %lld; bundles built with --key %s carry the rotation to the kiosks\n",
                    static_cast<long long>(old_serial + 1), out.c_str());
    else
        std::printf("keygen: copy sign.pub and seal.pub to each kiosk (kiosk.toml [trust]); keep the .key files private\n");
    return {};
}

}  // namespace linli::admin
