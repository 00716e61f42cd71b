// Fuzz target for feedback/replies.toml and the replies.locked.toml bundles carry: any bytes
// through the UTF-8 check, toml++ and the reply checks, in both languages. Invariants: nothing
// throws; problems point at a line of the input; what passes is well formed (normalized codes,
// each once, non-empty replies; locked replies of the sizes the kiosk opens).
#include "content/diagnostics.hpp"
#include "content/encoding.hpp"
#include "content/replies.hpp"
#include "core/codes.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string normalized = normalize_newlines(bytes);
    const int lines = static_cast<int>(std::count(normalized.begin(), normalized.end(), '\n')) + 1;
    for (std::string_view rel : {k_replies_path, k_locked_replies_path}) {
        for (linli::Language language : {linli::Language::English, linli::Language::Chinese}) {
            Diagnostics diagnostics(language);
            linli::ContentSet content;
            parse_replies_text(diagnostics, std::string(rel), bytes, content);
            for (const Diagnostic& d : diagnostics.take_sorted()) {
                FUZZ_CHECK(d.line >= 0 && d.line <= lines);
                FUZZ_CHECK(!d.message.empty());
            }
            std::set<std::string> codes;
            for (const linli::AuthoredReply& r : content.authored_replies) {
                FUZZ_CHECK(linli::normalize_code(r.code, linli::k_receipt_code_length) == r.code);
                FUZZ_CHECK(codes.insert(r.code).second);
                FUZZ_CHECK(!r.reply.empty());
            }
            for (const linli::PublicReply& r : content.public_replies) FUZZ_CHECK(!r.reply.empty());
            for (const linli::LockedReply& r : content.locked_replies) {
                FUZZ_CHECK(r.salt.size() == 16 && r.lookup.size() == 16);
                FUZZ_CHECK(r.box.size() >= 40);
            }
        }
    }
    return 0;
}
