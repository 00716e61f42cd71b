#include "bundle/ballot_codes_check.hpp"

#include "crypto/codes.hpp"

#include <algorithm>

namespace linli::bundle {

void check_ballot_codes(content::ContentLoad& load, Language language)
{
    content::Diagnostics found(language);
    for (const BallotCodes& codes : load.content.ballot_codes) {
        const auto ballot = std::find_if(load.content.ballots.begin(), load.content.ballots.end(),
                                         [&](const BallotDefinition& b) { return b.id == codes.ballot; });
        if (ballot == load.content.ballots.end() || crypto::ballot_fingerprint(*ballot) == codes.fingerprint) continue;
        const std::string ballot_file = "ballots/" + codes.ballot + ".toml";
        found.add(codes.file, codes.fingerprint_line,
                  "这些投票码发放之后，" + ballot_file +
                      " 的选项、类型或计票规则改动了：改回发放时的内容，或删除 codes/" + codes.ballot +
                      "/ 后重新发放投票码（已发出的投票码随之作废）",
                  ballot_file + " changed (its options, kind or counting rules) after these codes were issued: change it "
                                "back, or delete codes/" + codes.ballot +
                      "/ and issue new codes (the slips already handed out then no longer work)");
    }
    if (found.count() == 0) return;
    for (auto& d : found.take_sorted()) load.problems.push_back(std::move(d));
    std::stable_sort(load.problems.begin(), load.problems.end(), [](const content::Diagnostic& a, const content::Diagnostic& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
}

}  // namespace linli::bundle
