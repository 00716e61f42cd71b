#include "bundle/verify.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

namespace linli::bundle {

Result<SignedManifest> read_signed_manifest(BundleSource& source, const TrustedKeys& current)
{
    const std::string where = "bundle: " + source.describe();
    auto text = TRY(source.read_small(k_manifest_name, k_max_manifest_bytes));
    if (!text) return Error::rejected(where + ": no manifest.toml: not a Linli bundle");
    auto signature = TRY(source.read_small(k_manifest_sig_name, k_max_signature_bytes));
    if (!signature) return Error::rejected(where + ": no manifest.sig: the bundle is not signed");
    auto keys_text = TRY(source.read_small(k_keys_name, k_max_signature_bytes));
    auto keys_sig = TRY(source.read_small(k_keys_sig_name, k_max_signature_bytes));

    SignedManifest signed_manifest;
    signed_manifest.trust = TRY(apply_rotation(current, keys_text, keys_sig));
    signed_manifest.rotated = signed_manifest.trust.serial != current.serial;
    // The signature is checked before the manifest is parsed: only signed text reaches the parser.
    TRY_STATUS(check_signature(*text, *signature, k_manifest_sig_name, signed_manifest.trust));
    signed_manifest.manifest = TRY(parse_manifest(*text));
    signed_manifest.text = std::move(*text);
    return signed_manifest;
}

Status check_policy(const Manifest& manifest, const InstallPolicy& policy)
{
    if (manifest.version <= policy.installed_version)
        return Error::rejected("bundle: version " + std::to_string(manifest.version) +
                               (manifest.version == policy.installed_version ? " is already installed"
                                                                             : " is older than the installed version " +
                                                                                   std::to_string(policy.installed_version)) +
                               "; versions only go up");
    if (manifest.expires_s <= policy.trusted_now_s)
        return Error::rejected("bundle: expired on " + format_utc(manifest.expires_s) + " (the kiosk's time is " +
                               format_utc(policy.trusted_now_s) + "); build a new bundle");
    if (!manifest.scope.empty() &&
        std::find(manifest.scope.begin(), manifest.scope.end(), policy.kiosk_id) == manifest.scope.end())
        return Error::rejected("bundle: meant for other kiosks (scope does not include \"" + policy.kiosk_id + "\")");
    return {};
}

Result<crypto::Sha256> sha256_of_file(const std::string& path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return Error::internal("bundle: " + path + ": cannot read");
    crypto::Sha256Stream hash;
    std::vector<char> buffer(256 * 1024);
    while (true) {
        ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return Error::internal("bundle: " + path + ": read failed");
        }
        if (n == 0) break;
        hash.update(buffer.data(), static_cast<size_t>(n));
    }
    ::close(fd);
    return hash.finish();
}

bool file_matches(const std::string& path, const ManifestFile& file)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != file.size) return false;
    auto hash = sha256_of_file(path);
    return hash && *hash == file.sha256;
}

}  // namespace linli::bundle
