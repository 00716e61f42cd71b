#include "services/ballot_box.hpp"

#include "core/hex.hpp"
#include "core/i18n.hpp"
#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "services/feedback_box.hpp"
#include "services/file_writes.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <sstream>

namespace linli::services {

namespace {

CastOutcome refused(BallotRefusal why, std::string detail = {})
{
    CastOutcome outcome;
    outcome.refusal = why;
    outcome.detail = std::move(detail);
    return outcome;
}

std::string toml_text(const toml::table& t)
{
    std::ostringstream out;
    out << t << "\n";
    return out.str();
}

}  // namespace

std::string ballot_payload(const BallotDefinition& ballot, const CastBallot& choices, std::string_view kiosk_id)
{
    toml::table t;
    t.insert("format", 1);
    t.insert("kind", "ballot");
    t.insert("kiosk", std::string(kiosk_id));
    t.insert("ballot", ballot.id);
    t.insert("fingerprint", crypto::ballot_fingerprint(ballot));
    toml::array answers;
    for (const auto& answer : choices.answers) {
        toml::array chosen;
        for (int option : answer) chosen.push_back(option);
        answers.push_back(std::move(chosen));
    }
    t.insert("answers", std::move(answers));
    return toml_text(t);
}

std::string used_code_payload(const BallotDefinition& ballot, std::string_view code_hash, std::string_view kiosk_id)
{
    toml::table t;
    t.insert("format", 1);
    t.insert("kind", "used-code");
    t.insert("kiosk", std::string(kiosk_id));
    t.insert("ballot", ballot.id);
    t.insert("hash", hex(code_hash));
    return toml_text(t);
}

std::string ballot_record_day(const BallotDefinition& ballot, int64_t now_s)
{
    // closes is the first second after the vote: its day is that of the second before.
    return format_iso_date(ballot.closes_s ? ballot.closes_s - 1 : now_s);
}

BallotBox::BallotBox(std::string residents_path, std::optional<crypto::PublicKey> seal_key, std::string kiosk_id)
    : BallotBox(ResidentsStore(std::move(residents_path), seal_key), std::move(kiosk_id))
{
}

BallotBox::BallotBox(ResidentsStore store, std::string kiosk_id) : m_store(std::move(store)), m_kiosk_id(std::move(kiosk_id)) {}

BallotRefusal BallotBox::availability(const BallotDefinition& ballot, int64_t now_s, bool clock_trusted)
{
    if (!clock_trusted || (ballot.opens_s && now_s < ballot.opens_s)) return BallotRefusal::NotOpen;
    if (ballot.closed_at(now_s)) return BallotRefusal::Closed;
    switch (m_store.problem()) {
    case ResidentsProblem::None: return BallotRefusal::None;
    case ResidentsProblem::NoSealKey: return BallotRefusal::NoSealKey;
    case ResidentsProblem::DiskFull: return BallotRefusal::DiskFull;
    case ResidentsProblem::NotDurable: return BallotRefusal::NotDurable;
    }
    return BallotRefusal::None;
}

CodeAnswer BallotBox::check_code(const BallotDefinition& ballot, std::span<const BallotCodes> codes, std::string_view typed)
{
    CodeAnswer answer;
    const auto code = normalize_code(typed, k_voting_code_length);
    if (!code) {
        answer.check = CodeCheck::Malformed;
        return answer;
    }
    auto listed_in = [&](const BallotCodes& file) -> std::optional<std::string> {
        for (const CodeBatch& batch : file.batches) {
            auto hash = crypto::hash_voting_code(*code, batch);
            if (hash && code_hash_listed(batch.hashes, *hash)) return *hash;
        }
        return std::nullopt;
    };
    for (const BallotCodes& file : codes) {
        if (file.ballot != ballot.id || file.kiosk != m_kiosk_id) continue;
        if (auto hash = listed_in(file)) {
            auto residents = m_store.db();
            auto used = residents ? (*residents)->is_code_used(*hash) : Result<bool>(Error::internal(""));
            if (!used) {
                answer.check = CodeCheck::Unavailable;
                return answer;
            }
            answer.check = *used ? CodeCheck::Used : CodeCheck::Valid;
            answer.hash = *hash;
            return answer;
        }
    }
    for (const BallotCodes& file : codes) {
        if (file.ballot == ballot.id && file.kiosk == m_kiosk_id) continue;
        if (!listed_in(file)) continue;
        if (file.ballot == ballot.id) {
            answer.check = CodeCheck::OtherKiosk;
            answer.other_kiosk = file.kiosk;
        } else {
            answer.check = CodeCheck::OtherBallot;
            answer.other_ballot = file.ballot;
        }
        return answer;
    }
    answer.check = CodeCheck::Wrong;
    return answer;
}

bool BallotBox::has_codes_here(const BallotDefinition& ballot, std::span<const BallotCodes> codes) const
{
    for (const BallotCodes& file : codes)
        if (file.ballot == ballot.id && file.kiosk == m_kiosk_id && !file.batches.empty()) return true;
    return false;
}

Result<int64_t> BallotBox::turnout(const BallotDefinition& ballot, std::span<const BallotCodes> codes)
{
    store::ResidentsDb& residents = *TRY(m_store.db());
    if (!ballot.codes_required) {
        if (ballot.closes_s == 0) return Error::rejected("ballots: " + ballot.id + " never closes: its ballots are not held");
        return residents.count_held_ballots(ballot.closes_s);
    }
    int64_t used_here = 0;
    for (const std::string& hash : TRY(residents.used_code_hashes()))
        for (const BallotCodes& file : codes) {
            if (file.ballot != ballot.id || file.kiosk != m_kiosk_id) continue;
            bool listed = false;
            for (const CodeBatch& batch : file.batches) listed = listed || code_hash_listed(batch.hashes, hash);
            if (listed) {
                ++used_here;
                break;
            }
        }
    return used_here;
}

CastOutcome BallotBox::cast(const BallotDefinition& ballot, const CodeAnswer& code, const CastBallot& choices,
                            int64_t now_s, bool clock_trusted)
{
    if (const std::string problem = ballot_problem(ballot, choices); !problem.empty())
        return refused(BallotRefusal::Invalid, "ballot " + ballot.id + ": " + problem);
    if (ballot.codes_required && (code.check != CodeCheck::Valid || code.hash.size() != k_code_hash_bytes))
        return refused(BallotRefusal::Invalid, "ballot " + ballot.id + ": no valid code");
    if (BallotRefusal why = availability(ballot, now_s, clock_trusted); why != BallotRefusal::None) {
        const bool stored_here = why == BallotRefusal::NoSealKey || why == BallotRefusal::DiskFull || why == BallotRefusal::NotDurable;
        return refused(why, stored_here ? m_store.detail(m_store.problem(), "ballots") : std::string());
    }
    auto opened = m_store.db();
    if (!opened) return refused(BallotRefusal::NotDurable, "ballots: " + opened.error().message);
    store::ResidentsDb& residents = **opened;
    auto sealed = crypto::seal(ballot_payload(ballot, choices, m_kiosk_id), *m_store.seal_key());
    if (!sealed) return refused(BallotRefusal::NotDurable, "ballots: " + sealed.error().message);
    std::string sealed_code;
    if (ballot.codes_required) {
        auto s = crypto::seal(used_code_payload(ballot, code.hash, m_kiosk_id), *m_store.seal_key());
        if (!s) return refused(BallotRefusal::NotDurable, "ballots: " + s.error().message);
        sealed_code = std::move(*s);
    }
    const int64_t hold_until = ballot.closes_s;  // 0 (never closes): it may leave with the next export
    auto stored = residents.add_ballot(ballot_record_day(ballot, now_s), *sealed, sealed_code,
                                       ballot.codes_required ? code.hash : std::string(), hold_until);
    if (!stored) {
        if (stored.error().kind == ErrorKind::Rejected) return refused(BallotRefusal::CodeUsed, stored.error().message);
        m_store.drop();
        return refused(BallotRefusal::NotDurable, "ballots: " + stored.error().message);
    }
    CastOutcome outcome;
    outcome.tracker = crypto::ballot_tracker(*sealed);
    return outcome;
}

}  // namespace linli::services
