// Fuzz target for residents' data exports (services::parse_export), the input `linli-admin
// collect` reads from sticks and inboxes. Each input is tried twice: as a whole file (the
// signature line must hold), and as a body this target signs itself with a per-process key, so
// the fuzzer reaches the field checks behind the signature; "@KEY@" in the input stands for that
// key's hex, so seeds can name it. Invariants: nothing throws or crashes; errors name the source;
// an export that parses obeys every rule, and written back and re-signed parses to the same.
#include "crypto/keys.hpp"
#include "fuzz_check.hpp"
#include "services/exports.hpp"
#include "store/residents_db.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

using namespace linli;

void check_parsed(const Result<services::ExportFile>& parsed, const crypto::KeyPair& key)
{
    if (!parsed) {
        FUZZ_CHECK(parsed.error().message.starts_with("export: fuzz"));
        FUZZ_CHECK(parsed.error().kind == ErrorKind::Rejected);
        return;
    }
    const services::ExportFile& e = *parsed;
    FUZZ_CHECK(e.seq >= 1 && e.seq <= services::k_max_export_seq);
    FUZZ_CHECK(e.seq == 1 ? e.previous_hex.empty() : e.previous_hex.size() == 64);
    FUZZ_CHECK(store::is_record_day(e.day) && e.content_version >= 0);
    std::set<store::RecordId> ids;
    for (const services::ExportRecord& r : e.records) {
        FUZZ_CHECK(ids.insert(r.id).second);
        FUZZ_CHECK(store::is_record_kind(r.kind) && store::is_record_day(r.day));
        FUZZ_CHECK(r.sealed.size() >= 48 && r.sealed.size() <= services::k_max_sealed_bytes);
    }
    services::ExportFile copy = e;
    copy.device_key = key.public_key;
    auto again = services::parse_export(services::write_export_text(copy, key.secret_key), "fuzz again");
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->kiosk == e.kiosk && again->seq == e.seq && again->previous_hex == e.previous_hex);
    FUZZ_CHECK(again->day == e.day && again->records.size() == e.records.size());
    for (size_t i = 0; i < e.records.size(); ++i)
        FUZZ_CHECK(again->records[i].id == e.records[i].id && again->records[i].sealed == e.records[i].sealed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const crypto::KeyPair key = crypto::generate_sign_key().value();
    static const std::string key_hex = crypto::to_hex(key.public_key);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    check_parsed(services::parse_export(bytes, "fuzz"), key);

    std::string body(bytes);
    for (size_t at = body.find("@KEY@"); at != std::string::npos; at = body.find("@KEY@", at + key_hex.size()))
        body.replace(at, 5, key_hex);
    const std::string signed_text = body + "# signature: ed25519 " + key_hex + " " +
                                    crypto::to_hex(crypto::sign_detached(body, key.secret_key)) + "\n";
    check_parsed(services::parse_export(signed_text, "fuzz"), key);
    return 0;
}
