// Fuzz target for backup.toml (services::parse_backup_info), the file `linli-kiosk --restore`
// reads from a USB stick. As export_fuzz: each input is tried as a whole file and as a body this
// target signs itself ("@KEY@" stands for its key's hex), so the field checks behind the
// signature are reached. Invariants: nothing throws or crashes; errors are Rejected and name the
// source; a parsed backup.toml obeys every rule and, written back and re-signed, parses the same.
#include "crypto/keys.hpp"
#include "fuzz_check.hpp"
#include "services/backup.hpp"
#include "services/exports.hpp"
#include "services/signed_text.hpp"
#include "store/residents_db.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace linli;

void check_parsed(const Result<services::BackupInfo>& parsed, const crypto::KeyPair& key)
{
    if (!parsed) {
        FUZZ_CHECK(parsed.error().message.starts_with("backup: fuzz"));
        FUZZ_CHECK(parsed.error().kind == ErrorKind::Rejected);
        return;
    }
    const services::BackupInfo& b = *parsed;
    FUZZ_CHECK(b.format == services::k_backup_format && store::is_record_day(b.day));
    FUZZ_CHECK(b.last_export_seq >= 0 && b.last_export_seq <= services::k_max_export_seq && b.db_size >= 1);
    services::BackupInfo copy = b;
    copy.device_key = key.public_key;
    auto again = services::parse_backup_info(services::write_backup_info_text(copy, key.secret_key), "fuzz again");
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->kiosk == b.kiosk && again->day == b.day && again->last_export_seq == b.last_export_seq);
    FUZZ_CHECK(again->db_size == b.db_size && again->db_sha256 == b.db_sha256);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const crypto::KeyPair key = crypto::generate_sign_key().value();
    static const std::string key_hex = crypto::to_hex(key.public_key);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    check_parsed(services::parse_backup_info(bytes, "fuzz"), key);

    std::string body(bytes);
    for (size_t at = body.find("@KEY@"); at != std::string::npos; at = body.find("@KEY@", at + key_hex.size()))
        body.replace(at, 5, key_hex);
    if (body.empty() || body.back() != '\n') body += '\n';
    check_parsed(services::parse_backup_info(services::sign_text(body, key.public_key, key.secret_key), "fuzz"), key);
    return 0;
}
