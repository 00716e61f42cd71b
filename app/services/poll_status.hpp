// The small signed status a kiosk sends with each LAN poll (header X-Linli-Status), so the office
// console's 概览 can show every kiosk: what it shows, what waits to be uploaded, its clock, how
// often it asks. Signed with the kiosk's device key (the one its exports are signed with): the
// console knows a status came from the kiosk that sent it before. Format: app/bundle/README.md.
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace linli::services {

inline constexpr std::string_view k_status_header = "X-Linli-Status";
// A header is bounded: a status is a few hundred bytes.
inline constexpr size_t k_max_status_bytes = 2048;

struct PollStatus {
    std::string kiosk;            // [kiosk] id
    std::string name;             // [kiosk] name ("1号楼大厅")
    int64_t content_version = 0;  // the installed bundle's version; 0 for none (demo)
    int64_t pending = 0;          // residents' records not yet exported
    int64_t clock_s = 0;          // the kiosk's clock when it asked
    int64_t clock_floor_s = 0;    // the newest trusted time it has seen (a clock below it is wrong)
    int64_t interval_s = 0;       // [sync] interval_s: when to expect it again
    crypto::PublicKey device_key{};
};

// "v=1;kiosk=lobby-1;name=HEX;version=...;pending=...;clock=...;floor=...;interval=...;key=HEX;
// sig=HEX": ASCII, the name as hex of its UTF-8, the signature over everything before ";sig=".
std::string status_header_value(const PollStatus& status, const crypto::SecretKey& device_secret);

// Parses a header and checks its signature against the key it carries (Rejected with the reason
// for anything malformed, too long, or not signed by that key).
Result<PollStatus> parse_status_header(std::string_view value);

// What a kiosk reports, gathered from its data folder (device key, installed version, clock floor,
// pending records) and its config.
struct StatusSource {
    std::string kiosk, name, data_dir;
    int64_t interval_s = 0;
};
Result<std::string> current_status_header(const StatusSource& source, int64_t now_s);

}  // namespace linli::services
