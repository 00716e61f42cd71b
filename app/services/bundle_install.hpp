// The kiosk's side of installing a bundle: the install target made from kiosk.toml (the kiosk
// id, the pinned signing keys) and the data dir, with pictures decoded for the screen. Callable
// from a worker thread: it touches nothing but the files and its own database connections.
#pragma once

#include "bundle/install.hpp"
#include "services/kiosk_config.hpp"

#include <functional>
#include <string>

namespace linli::services {

// Reads the [trust] admin_keys files; an error names the config's key file that is wrong.
Result<bundle::TrustedKeys> pinned_keys(const KioskConfig& config);

// Verifies and installs the bundle from source for this kiosk (see bundle::install_bundle).
Result<bundle::InstallReport> install_for_kiosk(bundle::BundleSource& source, const KioskConfig& config,
                                                const std::string& data_dir, int64_t now_s,
                                                const std::string& source_kind,
                                                std::function<void(const bundle::InstallProgress&)> on_progress = {});

// One line for people: "已安装版本 N" / "installed version N (12 of 20 files copied)".
std::string describe_install(const bundle::InstallReport& report);

}  // namespace linli::services
