// The status a kiosk sends with each LAN poll (services/poll_status): what the console reads is
// what the kiosk signed, and nothing else gets through.
#include "services/poll_status.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::services;

namespace {

PollStatus sample(const crypto::KeyPair& device)
{
    PollStatus s;
    s.kiosk = "lobby-1";
    s.name = "1号楼大厅; v=2";
    s.content_version = 1796553961;
    s.pending = 3;
    s.clock_s = 1795572030;
    s.clock_floor_s = 1795572000;
    s.interval_s = 300;
    s.device_key = device.public_key;
    return s;
}

}  // namespace

TEST_CASE("poll status: what the kiosk signed is what the console reads", "[services]")
{
    const crypto::KeyPair device = crypto::generate_sign_key().value();
    const std::string header = status_header_value(sample(device), device.secret_key);
    for (char c : header) REQUIRE((c > 0x20 && c < 0x7f));  // a plain ASCII header
    auto read = parse_status_header(header);
    REQUIRE(read.has_value());
    CHECK(read->kiosk == "lobby-1");
    CHECK(read->name == "1号楼大厅; v=2");
    CHECK(read->content_version == 1796553961);
    CHECK(read->pending == 3);
    CHECK(read->clock_s == 1795572030);
    CHECK(read->clock_floor_s == 1795572000);
    CHECK(read->interval_s == 300);
    CHECK(read->device_key == device.public_key);
}

TEST_CASE("poll status: a header survives a server that decodes %XX in header values", "[services]")
{
    // cpp-httplib (the console) does; nothing in the header may look like an escape.
    const crypto::KeyPair device = crypto::generate_sign_key().value();
    const std::string header = status_header_value(sample(device), device.secret_key);
    CHECK(header.find('%') == std::string::npos);
    CHECK(header.find('+') == std::string::npos);
}

TEST_CASE("poll status: a changed, unsigned, foreign or oversized status is refused with its reason", "[services]")
{
    const crypto::KeyPair device = crypto::generate_sign_key().value(), other = crypto::generate_sign_key().value();
    const std::string header = status_header_value(sample(device), device.secret_key);
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string h = header;
        h.replace(h.find(from), from.size(), to);
        return h;
    };
    struct Row {
        std::string header, reason;
    };
    PollStatus signed_by_other = sample(device);  // names device's key, signed by another
    const std::string foreign = status_header_value(signed_by_other, other.secret_key);
    const Row rows[] = {
        {replaced("pending=3", "pending=0"), "the signature does not verify"},
        {replaced("version=1796553961", "version=1796553962"), "the signature does not verify"},
        {header.substr(0, header.find(";sig=")), "not signed"},
        {foreign, "the signature does not verify"},
        {replaced("kiosk=lobby-1", "kiosk=../x"), "not a kiosk id"},
        {replaced("pending=3", "pending=-3"), "pending is not a number"},
        {replaced("v=1", "v=9"), "unknown version"},
        {header + std::string(3000, 'a'), "longer than"},
        {replaced("pending=3", "pending=3;pending=4"), "malformed field"},
    };
    for (const Row& row : rows) {
        INFO(row.header.substr(0, 120));
        auto read = parse_status_header(row.header);
        REQUIRE_FALSE(read.has_value());
        CHECK(read.error().message.find(row.reason) != std::string::npos);
    }
}
