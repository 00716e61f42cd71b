// BallotBox: the 投票表决 use case at the kiosk. A typed voting code is checked against the codes'
// hashes the bundle brought (codes/<ballot>/<kiosk>.toml): valid here, used already, another
// kiosk's, another ballot's, or wrong (B2). A ballot is sealed to the administrators' key at once
// and stored with its used code in one transaction; the tracker is shown only after the commit
// returned (B6). Ballots and used codes stay on the kiosk until the ballot has closed (B1, B4).
#pragma once

#include "core/ballot.hpp"
#include "core/voting_codes.hpp"
#include "crypto/keys.hpp"
#include "services/pin_gate.hpp"
#include "services/residents_store.hpp"
#include "store/residents_db.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace linli::services {

// Wrong voting codes in a row that pause code entry, and for how long (B3).
inline constexpr GateLimits k_voting_code_limits{5, 60};

enum class CodeCheck {
    Valid,        // issued for this ballot at this kiosk, not used yet
    Malformed,    // not 10 characters of the code alphabet
    Wrong,        // no code of any batch: counts towards the pause after 5 (B3)
    Used,         // used already here
    OtherKiosk,   // a code of this ballot, issued for another kiosk
    OtherBallot,  // a code of another ballot
    Unavailable,  // residents.db cannot be read (the admin panel says why)
};

struct CodeAnswer {
    CodeCheck check = CodeCheck::Wrong;
    std::string hash;          // Valid: the code's hash under its batch (what add_ballot stores)
    std::string other_ballot;  // OtherBallot: that ballot's id
    std::string other_kiosk;   // OtherKiosk: the kiosk the code is for
};

// Why a ballot is not taken; the UI words each kindly, the admin panel names the cause.
enum class BallotRefusal {
    None,
    NotOpen,     // before opens, or the clock is not trusted (behind the clock floor)
    Closed,      // closes has passed (a resident still at the review: 投票已于……截止)
    NoSealKey,   // [trust] seal_key is not configured
    NotDurable,  // residents.db is not WAL + synchronous=FULL + foreign keys (D1), or unusable
    DiskFull,    // less than k_min_free_bytes_for_residents free (D3)
    CodeUsed,    // the code was used meanwhile (another kiosk cannot: codes are per kiosk)
    Invalid,     // the choices do not fit the ballot, or the code is not valid here
    NoCodes,     // the ballot takes codes and the content brought none for this kiosk
    CoolingDown, // a survey without codes was answered here a moment ago ([ballots] survey_cooldown_s)
};

struct CastOutcome {
    std::string tracker;  // 8 characters, undashed, when taken
    BallotRefusal refusal = BallotRefusal::None;
    std::string detail;   // for the admin panel (never the choices)
    bool taken() const { return refusal == BallotRefusal::None; }
};

class BallotBox {
public:
    BallotBox(std::string residents_path, std::optional<crypto::PublicKey> seal_key, std::string kiosk_id);
    BallotBox(ResidentsStore store, std::string kiosk_id);

    // Why voting on this ballot is not possible now (by the trusted clock: now_s already raised to
    // the clock floor; clock_trusted false when the system clock is behind it), before a code is
    // typed; None when it is.
    BallotRefusal availability(const BallotDefinition& ballot, int64_t now_s, bool clock_trusted);

    // Checks a code as typed (any case, dashes and spaces allowed) against every batch: Argon2id
    // once per batch of this ballot at this kiosk, then, only for a code not found there, per
    // other batch to say whose it is.
    CodeAnswer check_code(const BallotDefinition& ballot, std::span<const BallotCodes> codes, std::string_view typed);

    // Whether the content brought codes of this ballot for this kiosk.
    bool has_codes_here(const BallotDefinition& ballot, std::span<const BallotCodes> codes) const;

    // Ballots cast here so far for an open ballot: its used codes among this kiosk's codes, or
    // for a survey without codes its ballots held until its close.
    Result<int64_t> turnout(const BallotDefinition& ballot, std::span<const BallotCodes> codes);

    // Seals and stores the ballot. code: a Valid answer (ignored for a survey without codes).
    CastOutcome cast(const BallotDefinition& ballot, const CodeAnswer& code, const CastBallot& choices, int64_t now_s,
                     bool clock_trusted);

private:
    ResidentsStore m_store;
    std::string m_kiosk_id;
};

// The sealed payloads (TOML; app/services/EXPORTS.md "ballot", "used-code"). Exposed for collect.
std::string ballot_payload(const BallotDefinition& ballot, const CastBallot& choices, std::string_view kiosk_id);
std::string used_code_payload(const BallotDefinition& ballot, std::string_view code_hash, std::string_view kiosk_id);

// The local date (YYYY-MM-DD) ballot records carry: the ballot's closing day, never the day a
// ballot was cast. now_s when the ballot never closes.
std::string ballot_record_day(const BallotDefinition& ballot, int64_t now_s);

}  // namespace linli::services
