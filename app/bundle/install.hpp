// The one apply path for bundles from every source (`--import`, USB stick, LAN): verify, check
// policy, fetch each file bounded and hash-checked into the kiosk's object store, rebuild the
// content from those files with the same loader `linli-admin check` uses, write a new content
// database, then switch to it in one kiosk.db transaction (U7). Any failure before that commit
// leaves the installed content exactly as it was; the reason is logged and returned.
//
// Data dir layout: kiosk.db (the pointer: content.file), content/content-<version>.db and
// .manifest.toml, objects/<sha256> (files of the installed bundle, reused by the next one),
// staging/ (work in progress; removed at the end and at start-up).
#pragma once

#include "bundle/source.hpp"
#include "bundle/trust.hpp"
#include "core/content_model.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "store/content_db.hpp"
#include "store/kiosk_state.hpp"

#include <functional>
#include <optional>
#include <string>

namespace linli::bundle {

struct InstallProgress {
    const char* stage;  // "verifying", "copying", "preparing", "switching"
    int64_t done = 0;   // bytes copied so far (copying)
    int64_t total = 0;
};

struct InstallTarget {
    std::string data_dir;
    std::string kiosk_id;
    TrustedKeys pinned;          // [trust] admin_keys of kiosk.toml (serial 0)
    int64_t now_s = 0;           // the kiosk's clock; max'ed with the clock floor
    std::string source_kind;     // "import", "usb", "lan": recorded with the content
    Language messages = Language::Chinese;  // for content problems
    // Decodes one picture of the folder at media_root for the screen (nothing: left out).
    std::function<std::optional<store::StoredImage>(const std::string& media_root, const MediaFile&)> decode_image;
    std::function<void(const InstallProgress&)> on_progress;
};

struct InstallReport {
    int64_t version = 0;
    int64_t created_s = 0;
    int files = 0;          // files in the bundle
    int files_fetched = 0;  // read from the source
    int64_t bytes_fetched = 0;
    bool keys_rotated = false;
    bool up_to_date = false;   // this very bundle is installed already: nothing was changed
    std::string content_file;  // relative to the data dir
};

// One line for the log and the admin panel: "installed version N (3 of 22 files copied, ...)".
std::string describe(const InstallReport& report);

// Installs the bundle, or changes nothing and returns why (Rejected for a bad bundle, Internal
// for a failure of this kiosk, e.g. a full disk). Also logs the outcome in kiosk.db's event log.
Result<InstallReport> install_bundle(BundleSource& source, const InstallTarget& target);

// The key set in force: the last accepted rotation, else pinned.
Result<TrustedKeys> trusted_keys(store::KioskState& state, const TrustedKeys& pinned);

// Removes what an interrupted install left (staging/, unreferenced content databases, objects
// the installed manifest does not list). Safe at every start.
Status tidy_data_dir(const std::string& data_dir, store::KioskState& state);

// The object store's path for a hash, and which hashes it holds (for incremental LAN fetches).
std::string object_path(const std::string& data_dir, const crypto::Sha256& hash);

}  // namespace linli::bundle
