// The kiosks the console knows: the signed status each sends with its polls (services/poll_status)
// kept in WORKSPACE/kiosks/<id>.json with when and from where it came, and the signed exports in
// WORKSPACE/inbox/ (uploaded over the LAN or taken from a USB stick, collected or not), which name
// their kiosk, its device key and content version: a kiosk that never polls is known by them.
// Read back for the 概览 with plain warnings (not seen for two poll intervals, an old version, a
// clock behind, a device key that changed).
#pragma once

#include "core/i18n.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace linli::admin {

// Records a status header from address at now_s; malformed or badly signed ones are dropped (and
// said on stdout).
void record_kiosk_status(const std::string& workspace, const std::string& address, const std::string& header, int64_t now_s);

// Every kiosk known, with its warnings in words (in language), for the published version.
nlohmann::json kiosks_json(const std::string& workspace, int64_t published_version, int64_t now_s, Language language);

}  // namespace linli::admin
