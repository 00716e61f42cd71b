#include "bundle/trust.hpp"

#include "bundle/manifest.hpp"

#include <toml++/toml.h>

#include <algorithm>

namespace linli::bundle {

namespace {

constexpr std::string_view k_algorithm = "ed25519";

std::string_view next_word(std::string_view& line)
{
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    size_t end = line.find_first_of(" \t");
    std::string_view word = line.substr(0, end);
    line.remove_prefix(end == std::string_view::npos ? line.size() : end);
    return word;
}

Error rotation_problem(int line, const std::string& what)
{
    return Error::rejected("bundle: keys.toml" + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " +
                           what);
}

}  // namespace

std::string signature_line(std::string_view message, const crypto::PublicKey& public_key,
                           const crypto::SecretKey& secret_key)
{
    return std::string(k_algorithm) + " " + crypto::to_hex(public_key) + " " +
           crypto::to_hex(crypto::sign_detached(message, secret_key)) + "\n";
}

Status check_signature(std::string_view message, std::string_view sig_text, std::string_view file_name,
                       const TrustedKeys& trusted)
{
    const std::string where = "bundle: " + std::string(file_name);
    if (sig_text.size() > k_max_signature_bytes)
        return Error::rejected(where + ": larger than " + std::to_string(k_max_signature_bytes) + " bytes");
    bool any_line = false;
    bool trusted_key_failed = false;
    int line_no = 0;
    while (!sig_text.empty()) {
        ++line_no;
        size_t end = sig_text.find('\n');
        std::string_view line = sig_text.substr(0, end);
        sig_text.remove_prefix(end == std::string_view::npos ? sig_text.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view probe = line;
        std::string_view algorithm = next_word(probe);
        if (algorithm.empty() || algorithm.front() == '#') continue;
        std::string_view key_hex = next_word(probe);
        std::string_view sig_hex = next_word(probe);
        crypto::PublicKey key{};
        crypto::Signature signature{};
        if (algorithm != k_algorithm || !crypto::from_hex(key_hex, key.data(), key.size()) ||
            !crypto::from_hex(sig_hex, signature.data(), signature.size()) || !next_word(probe).empty())
            return Error::rejected(where + ":" + std::to_string(line_no) +
                                   ": not a signature line (expected \"ed25519 <key> <signature>\")");
        any_line = true;
        if (std::find(trusted.keys.begin(), trusted.keys.end(), key) == trusted.keys.end()) continue;
        if (crypto::verify_detached(message, signature, key)) return {};
        trusted_key_failed = true;
    }
    if (!any_line) return Error::rejected(where + ": holds no signature");
    if (trusted_key_failed)
        return Error::rejected(where + ": the signature does not verify: the bundle was changed after it was signed");
    return Error::rejected(where + ": signed by a key this kiosk does not trust (check [trust] admin_keys)");
}

std::string write_key_rotation(const KeyRotation& rotation)
{
    std::string out = "# Linli trusted signing keys, replacing the previous set; signed by it in keys.sig.\n";
    out += "format = " + std::to_string(k_format_version) + "\n";
    out += "serial = " + std::to_string(rotation.serial) + "\n";
    out += "created = " + format_utc(rotation.created_s) + "\n";
    out += "keys = [";
    for (size_t i = 0; i < rotation.keys.size(); ++i) out += (i ? ", \"" : "\"") + crypto::to_hex(rotation.keys[i]) + "\"";
    out += "]\n";
    return out;
}

Result<KeyRotation> parse_key_rotation(std::string_view text)
{
    if (text.size() > k_max_signature_bytes) return rotation_problem(0, "too large");
    toml::table root;
    try {
        root = toml::parse(text, std::string_view("keys.toml"));
    } catch (const toml::parse_error& e) {
        return rotation_problem(static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
    }
    for (const auto& [key, node] : root)
        if (key != "format" && key != "serial" && key != "created" && key != "keys")
            return rotation_problem(static_cast<int>(node.source().begin.line), "unknown key \"" + std::string(key.str()) + "\"");
    if (root["format"].value<int64_t>() != k_format_version) return rotation_problem(0, "unknown or missing format");
    KeyRotation rotation;
    auto serial = root["serial"].value<int64_t>();
    if (!serial || *serial <= 0) return rotation_problem(0, "\"serial\" must be a positive number");
    rotation.serial = *serial;
    const auto* created = root["created"].as_date_time();
    if (!created || !created->get().offset) return rotation_problem(0, "\"created\" must be a date-time with a time zone");
    const toml::array* keys = root["keys"].as_array();
    if (!keys || keys->empty() || keys->size() > 16) return rotation_problem(0, "\"keys\" must list 1 to 16 public keys");
    for (const toml::node& node : *keys) {
        auto hex = node.value<std::string>();
        crypto::PublicKey key{};
        if (!hex || !crypto::from_hex(*hex, key.data(), key.size()))
            return rotation_problem(static_cast<int>(node.source().begin.line), "a key must be 64 hex digits");
        rotation.keys.push_back(key);
    }
    return rotation;
}

Result<TrustedKeys> apply_rotation(const TrustedKeys& current, const std::optional<std::string>& keys_text,
                                   const std::optional<std::string>& keys_sig_text)
{
    if (!keys_text && !keys_sig_text) return current;
    if (!keys_text || !keys_sig_text)
        return Error::rejected(std::string("bundle: ") + std::string(keys_text ? k_keys_sig_name : k_keys_name) +
                               ": missing (keys.toml and keys.sig come together)");
    KeyRotation rotation = TRY(parse_key_rotation(*keys_text));
    if (rotation.serial <= current.serial) return current;  // already in force, or older: ignore
    TRY_STATUS(check_signature(*keys_text, *keys_sig_text, k_keys_sig_name, current));
    return TrustedKeys{rotation.serial, std::move(rotation.keys)};
}

}  // namespace linli::bundle
