#include "services/signed_text.hpp"

#include <algorithm>

namespace linli::services {

std::string sign_text(std::string body, const crypto::PublicKey& key, const crypto::SecretKey& secret)
{
    const std::string signature = crypto::to_hex(crypto::sign_detached(body, secret));
    body += std::string(k_signature_prefix) + crypto::to_hex(key) + " " + signature + "\n";
    return body;
}

Error text_problem(std::string_view component, std::string_view source, int line, const std::string& what)
{
    return Error::rejected(std::string(component) + ": " + std::string(source) +
                           (line > 0 ? ":" + std::to_string(line) : "") + ": " + what);
}

bool is_lower_hex(std::string_view text, size_t digits)
{
    return text.size() == digits &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<SignedText> verify_signed_text(std::string_view text, size_t max_bytes, std::string_view component,
                                      std::string_view source)
{
    auto problem = [&](int line, const std::string& what) { return text_problem(component, source, line, what); };
    const std::string what_it_is = "not " + std::string(component == "export" ? "an export" : "a " + std::string(component) + " file");
    if (text.size() > max_bytes)
        return problem(0, "larger than " + std::to_string(max_bytes) + " bytes: " + what_it_is);
    if (text.empty() || text.back() != '\n')
        return problem(0, "does not end with the signature line: truncated or " + what_it_is);
    // The last line signs every byte before it.
    const size_t last_start = text.substr(0, text.size() - 1).rfind('\n');
    if (last_start == std::string_view::npos) return problem(1, what_it_is + " (no body before the signature)");
    SignedText signed_text;
    signed_text.body = text.substr(0, last_start + 1);
    std::string_view sig_line = text.substr(last_start + 1, text.size() - last_start - 2);
    const int sig_line_no = static_cast<int>(std::count(signed_text.body.begin(), signed_text.body.end(), '\n')) + 1;
    if (!sig_line.starts_with(k_signature_prefix))
        return problem(sig_line_no,
                       "the last line is not the signature (\"# signature: ed25519 <key> <signature>\"): truncated or changed");
    sig_line.remove_prefix(k_signature_prefix.size());
    crypto::Signature signature{};
    if (sig_line.size() != 64 + 1 + 128 || sig_line[64] != ' ' || !is_lower_hex(sig_line.substr(0, 64), 64) ||
        !is_lower_hex(sig_line.substr(65), 128) ||
        !crypto::from_hex(sig_line.substr(0, 64), signed_text.signer.data(), signed_text.signer.size()) ||
        !crypto::from_hex(sig_line.substr(65), signature.data(), signature.size()))
        return problem(sig_line_no, "malformed signature line");
    if (!crypto::verify_detached(signed_text.body, signature, signed_text.signer))
        return problem(0, "the signature does not verify: the file was changed after the kiosk signed it");
    return signed_text;
}

}  // namespace linli::services
