// The kiosks the console knows: the signed status each sends with its polls (services/poll_status)
// kept in WORKSPACE/kiosks/<id>.json with when and from where it came, and read back for the 概览
// with plain warnings (not seen for two poll intervals, an old version, a clock behind, a device
// key that changed).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace linli::admin {

// Records a status header from address at now_s; malformed or badly signed ones are dropped (and
// said on stdout).
void record_kiosk_status(const std::string& workspace, const std::string& address, const std::string& header, int64_t now_s);

// Every kiosk known, with its warnings in words, for the published version.
nlohmann::json kiosks_json(const std::string& workspace, int64_t published_version, int64_t now_s);

}  // namespace linli::admin
