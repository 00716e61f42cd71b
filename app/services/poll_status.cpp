#include "services/poll_status.hpp"

#include "bundle/manifest.hpp"
#include "services/exports.hpp"
#include "store/kiosk_state.hpp"

#include <charconv>
#include <map>

namespace linli::services {

namespace {

// The name as hex of its UTF-8 bytes: a header carries ASCII only, and cpp-httplib (the console's
// server) decodes %XX in header values, which would change the signed text.
std::string name_hex(std::string_view text)
{
    return crypto::to_hex(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

std::optional<std::string> name_from_hex(std::string_view hex)
{
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    if (!crypto::from_hex(hex, reinterpret_cast<uint8_t*>(out.data()), out.size())) return std::nullopt;
    return out;
}

std::optional<int64_t> status_number(std::string_view text)
{
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

std::string signed_part(const PollStatus& s)
{
    return "v=1;kiosk=" + s.kiosk + ";name=" + name_hex(s.name) + ";version=" + std::to_string(s.content_version) +
           ";pending=" + std::to_string(s.pending) + ";clock=" + std::to_string(s.clock_s) +
           ";floor=" + std::to_string(s.clock_floor_s) + ";interval=" + std::to_string(s.interval_s) +
           ";key=" + crypto::to_hex(s.device_key);
}

}  // namespace

std::string status_header_value(const PollStatus& status, const crypto::SecretKey& device_secret)
{
    const std::string text = signed_part(status);
    return text + ";sig=" + crypto::to_hex(crypto::sign_detached(text, device_secret));
}

Result<PollStatus> parse_status_header(std::string_view value)
{
    auto bad = [](const std::string& why) { return Error::rejected("status: " + why); };
    if (value.size() > k_max_status_bytes) return bad("longer than " + std::to_string(k_max_status_bytes) + " bytes");
    const size_t sig_at = value.rfind(";sig=");
    if (sig_at == std::string_view::npos) return bad("not signed");
    const std::string_view text = value.substr(0, sig_at);
    std::map<std::string, std::string, std::less<>> fields;
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = text.find(';', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view pair = text.substr(pos, end - pos);
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos || !fields.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1))).second)
            return bad("malformed field \"" + std::string(pair.substr(0, 40)) + "\"");
        pos = end + 1;
    }
    if (fields["v"] != "1") return bad("unknown version");
    PollStatus s;
    s.kiosk = fields["kiosk"];
    if (!bundle::is_kiosk_id(s.kiosk)) return bad("not a kiosk id");
    auto name = name_from_hex(fields["name"]);
    if (!name || name->size() > 200) return bad("malformed name");
    s.name = *name;
    for (auto [key, out] : {std::pair{"version", &s.content_version}, {"pending", &s.pending}, {"clock", &s.clock_s},
                            {"floor", &s.clock_floor_s}, {"interval", &s.interval_s}}) {
        auto n = status_number(fields[key]);
        if (!n) return bad(std::string(key) + " is not a number");
        *out = *n;
    }
    crypto::Signature signature{};
    if (!crypto::from_hex(fields["key"], s.device_key.data(), s.device_key.size()) ||
        !crypto::from_hex(value.substr(sig_at + 5), signature.data(), signature.size()))
        return bad("malformed key or signature");
    // Signed by the key it names, over exactly the text sent (re-encoding could differ).
    if (!crypto::verify_detached(text, signature, s.device_key)) return bad("the signature does not verify");
    return s;
}

Result<std::string> current_status_header(const StatusSource& source, int64_t now_s)
{
    const crypto::KeyPair device = TRY(load_or_create_device_key(source.data_dir));
    PollStatus s;
    s.kiosk = source.kiosk;
    s.name = source.name;
    s.interval_s = source.interval_s;
    s.clock_s = now_s;
    s.device_key = device.public_key;
    {
        store::KioskState state = TRY(store::KioskState::open(source.data_dir + "/kiosk.db"));
        s.clock_floor_s = TRY(state.clock_floor_s());
        if (auto installed = TRY(state.installed_content())) s.content_version = installed->version;
    }
    s.pending = TRY(pending_export_records(source.data_dir));
    return status_header_value(s, device.secret_key);
}

}  // namespace linli::services
