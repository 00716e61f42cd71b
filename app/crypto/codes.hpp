// One-time voting codes and feedback receipt codes (INTERFACES.md §4): random characters of an
// alphabet without look-alikes (no 0, 1, I or O), printed in dashed groups, read back without the
// dash and in any case; and their Argon2id hashes, so a kiosk keeps no code in clear.
#pragma once

#include "core/ballot.hpp"
#include "core/codes.hpp"
#include "core/result.hpp"
#include "core/voting_codes.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli::crypto {

using linli::format_code;
using linli::k_code_alphabet;
using linli::k_receipt_code_length;
using linli::k_voting_code_length;
using linli::normalize_code;

// length characters of k_code_alphabet from libsodium's generator.
std::string random_code(size_t length);

using CodeHash = std::array<uint8_t, 32>;
// Argon2id (t=2, 8 MiB: about 20 ms here) of the code under salt. Trying all 2^40 receipt codes
// against a stolen database takes centuries; a submission waits a few tens of ms.
Result<CodeHash> hash_code(std::string_view code, const std::array<uint8_t, 16>& salt);

// Voting codes (issue 12): one Argon2id hash per code under its batch's salt. A kiosk checks a
// typed code with one hash per batch, so the cost decides two things at once: how long a resident
// waits after 确认 and how long an offline search of a bundle's hashes takes. t=2 with 1 MiB is
// about 1 ms here (10 to 20 ms on a Pi 3): `codes` makes 10,000 in a few seconds, and finding one
// valid code by trying random ones (10,000 among 2^50) costs some 10^8 CPU-seconds.
inline constexpr int k_voting_code_ops = 2;
inline constexpr int k_voting_code_mem_kib = 1024;
Result<std::string> hash_voting_code(std::string_view code, const CodeBatch& batch);  // k_code_hash_bytes

// A ballot tracker (issue 12, as Belenios has them): 8 characters of the code alphabet from the
// SHA-256 of the sealed ballot, printed XXXX-XXXX. Shown once the ballot is stored, and listed by
// the published results for every counted ballot: it proves that a ballot was counted, never
// what it holds (the sealed bytes are random to anyone without the administrators' key).
std::string ballot_tracker(std::string_view sealed_ballot);

// Hex SHA-256 of ballot_canonical_text: what codes were issued for.
std::string ballot_fingerprint(const BallotDefinition& ballot);

}  // namespace linli::crypto
