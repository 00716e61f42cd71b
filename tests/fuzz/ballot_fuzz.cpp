// Fuzz target for ballots/<id>.toml: any bytes through the UTF-8 check, toml++ and the ballot
// checks, in both languages. Invariants: nothing throws; problems point at a line of the input;
// a ballot that passes with no problem has a coherent definition.
#include "content/diagnostics.hpp"
#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Lines as the parsers count them: a lone CR (old Mac files) ends a line too.
    const std::string normalized = normalize_newlines(bytes);
    const int lines = static_cast<int>(std::count(normalized.begin(), normalized.end(), '\n')) + 1;
    for (linli::Language language : {linli::Language::English, linli::Language::Chinese}) {
        Diagnostics diagnostics(language);
        linli::ContentSet content;
        parse_ballot_text(diagnostics, MediaIndex{}, "ballots/b.toml", bytes, content);
        std::vector<Diagnostic> problems = diagnostics.take_sorted();
        for (const Diagnostic& d : problems) {
            FUZZ_CHECK(d.line >= 0 && d.line <= lines);
            FUZZ_CHECK(!d.message.empty());
        }
        FUZZ_CHECK(content.ballots.size() <= 1);
        if (problems.empty() && !content.ballots.empty()) {
            const linli::BallotDefinition& b = content.ballots[0];
            FUZZ_CHECK(!b.title.empty());
            FUZZ_CHECK(b.closes_s > b.opens_s);
            FUZZ_CHECK(b.threshold.num > 0 && b.threshold.num <= b.threshold.den);
            FUZZ_CHECK(b.max_choices >= 1);
            if (b.kind == linli::BallotKind::Multi)
                FUZZ_CHECK(static_cast<size_t>(b.max_choices) <= b.options.size());
            if (b.is_election()) FUZZ_CHECK(b.seats >= 1 && static_cast<size_t>(b.seats) < b.options.size());
            FUZZ_CHECK(b.kind == linli::BallotKind::Survey || b.codes_required);
            // Every question can be answered, and an empty ballot always counts.
            for (const auto& q : linli::ballot_questions(b)) FUZZ_CHECK(q.options.size() >= 2 && q.max_choices >= 1);
            linli::CastBallot blank;
            blank.answers.resize(linli::ballot_questions(b).size());
            FUZZ_CHECK(linli::ballot_problem(b, blank).empty());
        }
    }
    return 0;
}
