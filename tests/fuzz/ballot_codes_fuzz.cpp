// Fuzz target for codes/<ballot>/<kiosk>.toml (voting codes' hashes): any bytes through the UTF-8
// check, toml++ and the batch checks, in both languages. Invariants: nothing throws; problems
// point at a line of the input; an accepted file has usable batches (16-byte salts, whole
// hashes, sane Argon2id parameters) and writes back to a file that reads the same.
#include "content/ballot_codes.hpp"
#include "content/diagnostics.hpp"
#include "content/encoding.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string normalized = normalize_newlines(bytes);
    const int lines = static_cast<int>(std::count(normalized.begin(), normalized.end(), '\n')) + 1;
    for (linli::Language language : {linli::Language::English, linli::Language::Chinese}) {
        Diagnostics diagnostics(language);
        linli::ContentSet content;
        linli::BallotDefinition ballot;
        ballot.id = "vote";
        ballot.codes_required = true;
        content.ballots.push_back(ballot);
        parse_ballot_codes_text(diagnostics, "codes/vote/lobby-1.toml", bytes, content);
        const auto problems = diagnostics.take_sorted();
        for (const Diagnostic& d : problems) {
            FUZZ_CHECK(d.line >= 0 && d.line <= lines);
            FUZZ_CHECK(!d.message.empty());
        }
        FUZZ_CHECK(content.ballot_codes.size() <= 1);
        if (!problems.empty() || content.ballot_codes.empty()) continue;
        const linli::BallotCodes& codes = content.ballot_codes[0];
        for (const linli::CodeBatch& b : codes.batches) {
            FUZZ_CHECK(b.salt.size() == linli::k_code_salt_bytes);
            FUZZ_CHECK(b.hashes.size() % linli::k_code_hash_bytes == 0 && b.count() >= 1);
            FUZZ_CHECK(b.ops >= 1 && b.ops <= 10 && b.mem_kib >= 8);
        }
        Diagnostics again(language);
        linli::ContentSet reread;
        reread.ballots.push_back(ballot);
        parse_ballot_codes_text(again, "codes/vote/lobby-1.toml", ballot_codes_text(codes), reread);
        FUZZ_CHECK(again.count() == 0 && reread.ballot_codes.size() == 1);
        FUZZ_CHECK(reread.ballot_codes[0].count() == codes.count());
    }
    return 0;
}
