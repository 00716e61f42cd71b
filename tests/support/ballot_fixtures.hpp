// Ballots and voting codes for the ballot tests and the ballot bench: an election and codes
// issued as `linli-admin codes` issues them (cheap Argon2id parameters unless told otherwise:
// the code paths are the parameters' own, and a thousand codes stay quick).
#pragma once

#include "core/ballot.hpp"
#include "core/voting_codes.hpp"
#include "crypto/codes.hpp"

#include <string>
#include <utility>
#include <vector>

namespace linli::test {

inline constexpr int64_t k_ballot_opens = 1796000000;  // 2026-11-30
inline constexpr int64_t k_ballot_closes = k_ballot_opens + 7 * 86400;
inline constexpr int64_t k_ballot_during = k_ballot_opens + 3600;

// A multi-seat election: choose up to 2 of options, 2 elected, open for a week.
inline BallotDefinition test_election(std::string id = "leader",
                                      std::vector<std::string> options = {"王芳", "赵强", "周敏"})
{
    BallotDefinition b;
    b.id = std::move(id);
    b.title = "组长选举";
    b.kind = BallotKind::Multi;
    b.options = std::move(options);
    b.max_choices = 2;
    b.seats = 2;
    b.codes_required = true;
    b.opens_s = k_ballot_opens;
    b.closes_s = k_ballot_closes;
    return b;
}

// n codes for ballot at kiosk: the codes file as the kiosk reads it (hashes sorted), and the codes.
inline std::pair<BallotCodes, std::vector<std::string>> issue_codes(const BallotDefinition& ballot, const std::string& kiosk,
                                                                    int n, int ops = 1, int mem_kib = 64)
{
    BallotCodes file;
    file.ballot = ballot.id;
    file.kiosk = kiosk;
    file.fingerprint = crypto::ballot_fingerprint(ballot);
    CodeBatch batch{crypto::random_code(k_code_salt_bytes), ops, mem_kib, {}};
    std::vector<std::string> codes;
    for (int i = 0; i < n; ++i) {
        codes.push_back(crypto::random_code(k_voting_code_length));
        batch.hashes += crypto::hash_voting_code(codes.back(), batch).value();
    }
    batch.hashes = sorted_code_hashes(batch.hashes);
    file.batches.push_back(batch);
    return {file, codes};
}

}  // namespace linli::test
