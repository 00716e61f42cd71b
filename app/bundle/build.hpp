// Building a signed bundle from an authoring folder (`linli-admin build`): the same validation
// as `linli-admin check`, then content-addressed files, keys.toml/keys.sig when the key folder
// rotates keys, and the manifest with its signature written last, so a kiosk reading the bundle
// while it is rebuilt sees the old manifest or the new one, never a manifest without its files.
#pragma once

#include "bundle/manifest.hpp"
#include "content/diagnostics.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace linli::bundle {

inline constexpr int k_default_expiry_days = 60;

struct BuildOptions {
    std::string content_dir;
    std::string key_dir;   // sign.key (and keys.toml/keys.sig after a rotation)
    std::string out_dir;   // created if missing; an existing bundle there is replaced
    std::vector<std::string> scope;  // kiosk ids; empty = every kiosk
    int expires_days = k_default_expiry_days;
    std::optional<int64_t> version;  // default: max(now, the previous bundle's version + 1)
    int64_t now_s = 0;
    Language messages = Language::English;
    // Sign even when declared balances do not reconcile (the kiosks show the mismatch in red).
    bool publish_mismatch = false;
};

struct BuildResult {
    std::vector<content::Diagnostic> problems;  // not empty: nothing was written
    std::vector<content::Diagnostic> warnings;  // check's warnings, whether or not it was written
    // Declared balances that do not reconcile, without publish_mismatch: nothing was written.
    bool refused_mismatch = false;
    Manifest manifest;
    int files_written = 0;  // new files in files/ (the rest were there already)
    int64_t bytes = 0;      // all files listed
    size_t locked_replies = 0;  // feedback replies carried locked (each opens only with its code)
    size_t public_replies = 0;  // of those, listed on every kiosk
};

Result<BuildResult> build_bundle(const BuildOptions& options);

}  // namespace linli::bundle
