#include "services/feedback_box.hpp"

#include "core/utf8.hpp"
#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "services/file_writes.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <sstream>

namespace linli::services {

namespace {

FeedbackOutcome refused(FeedbackRefusal why, std::string detail = {}, int wait_s = 0)
{
    FeedbackOutcome outcome;
    outcome.refusal = why;
    outcome.detail = std::move(detail);
    outcome.wait_s = wait_s;
    return outcome;
}

}  // namespace

Status make_development_seal_key(const std::string& dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Error::internal("feedback: " + dir + ": cannot create (" + ec.message() + ")");
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove(dir + "/seal.key.tmp", ec);  // left by a power cut, if any
    std::filesystem::remove(dir + "/seal.pub.tmp", ec);
    crypto::KeyPair seal = TRY(crypto::generate_seal_key());
    const auto& secret = seal.secret_key.bytes();
    TRY_STATUS(write_new_file("feedback", dir + "/seal.key.tmp",
                              crypto::key_file_text(crypto::KeyKind::SealSecret, secret.data(), secret.size()), 0600));
    TRY_STATUS(write_new_file("feedback", dir + "/seal.pub.tmp",
                              crypto::key_file_text(crypto::KeyKind::SealPublic, seal.public_key.data(), 32), 0644));
    // The public half last: it is what says the pair is there.
    std::filesystem::rename(dir + "/seal.key.tmp", dir + "/seal.key", ec);
    if (!ec) std::filesystem::rename(dir + "/seal.pub.tmp", dir + "/seal.pub", ec);
    if (ec) return Error::internal("feedback: " + dir + ": cannot write the development key (" + ec.message() + ")");
    return {};
}

size_t feedback_length(std::string_view text)
{
    size_t n = 0;
    for (size_t pos = 0; pos < text.size(); ++n) decode_utf8(text, pos);
    return n;
}

std::string feedback_payload(const FeedbackDraft& draft, std::string_view receipt, std::string_view kiosk_id,
                             std::string_view day)
{
    toml::table t;
    t.insert("format", 1);
    t.insert("kiosk", std::string(kiosk_id));
    t.insert("day", std::string(day));
    t.insert("topic", draft.topic);
    t.insert("rating", draft.rating);
    t.insert("about", draft.about);
    t.insert("about_title", draft.about_title);
    t.insert("receipt", std::string(receipt));
    t.insert("text", draft.text);
    std::ostringstream out;
    out << t << "\n";
    return out.str();
}

FeedbackBox::FeedbackBox(std::string residents_path, std::optional<crypto::PublicKey> seal_key, FeedbackLimits limits,
                         std::string kiosk_id)
    : m_store(std::move(residents_path), seal_key), m_limits(limits), m_kiosk_id(std::move(kiosk_id))
{
}

FeedbackRefusal FeedbackBox::availability(std::string_view day)
{
    // Asked at every start and idle reset: a kiosk that never took a message gets no residents.db
    // from asking (nothing can be over the cap in a file that does not exist).
    switch (m_store.problem(m_store.exists())) {
    case ResidentsProblem::None: break;
    case ResidentsProblem::NoSealKey: return FeedbackRefusal::NoSealKey;
    case ResidentsProblem::DiskFull: return FeedbackRefusal::DiskFull;
    case ResidentsProblem::NotDurable: return FeedbackRefusal::NotDurable;
    }
    if (!m_store.exists()) return FeedbackRefusal::None;
    auto opened = m_store.db();
    if (!opened) return FeedbackRefusal::NotDurable;
    auto today = (*opened)->count_on_day("feedback", day);
    if (today && *today >= m_limits.daily_cap) return FeedbackRefusal::DailyCap;
    return FeedbackRefusal::None;
}

FeedbackOutcome FeedbackBox::submit(const FeedbackDraft& draft, std::string_view day, int64_t monotonic_ms)
{
    if (draft.text.empty() && draft.rating == 0) return refused(FeedbackRefusal::Empty);
    if (feedback_length(draft.text) > k_max_feedback_chars) return refused(FeedbackRefusal::TooLong);
    if (draft.rating < 0 || draft.rating > k_max_feedback_rating || !is_valid_utf8(draft.text))
        return refused(FeedbackRefusal::Empty, "feedback: a malformed message");
    if (m_last_sent_ms && m_limits.cooldown_s > 0) {
        const int64_t ready_ms = *m_last_sent_ms + int64_t(m_limits.cooldown_s) * 1000;
        if (monotonic_ms < ready_ms)
            return refused(FeedbackRefusal::CoolingDown, {}, int((ready_ms - monotonic_ms + 999) / 1000));
    }
    if (FeedbackRefusal why = availability(day); why != FeedbackRefusal::None) {
        if (why == FeedbackRefusal::DailyCap) return refused(why);
        return refused(why, m_store.detail(m_store.problem(), "feedback"));
    }
    auto opened = m_store.db();
    if (!opened) return refused(FeedbackRefusal::NotDurable, "feedback: " + opened.error().message);
    store::ResidentsDb& residents = **opened;

    // The code goes into the sealed record (for the administrators' reply) and, hashed, into
    // the receipt table (for 查看回复 here); the clear code only to the resident's screen.
    const std::string code = crypto::random_code(crypto::k_receipt_code_length);
    auto salt = residents.receipt_salt();
    if (!salt) return refused(FeedbackRefusal::NotDurable, "feedback: " + salt.error().message);
    auto hash = crypto::hash_code(code, *salt);
    if (!hash) return refused(FeedbackRefusal::NotDurable, "feedback: " + hash.error().message);
    auto sealed = crypto::seal(feedback_payload(draft, code, m_kiosk_id, day), *m_store.seal_key());
    if (!sealed) return refused(FeedbackRefusal::NotDurable, "feedback: " + sealed.error().message);
    auto stored = residents.add_sealed_record("feedback", day, *sealed, &*hash);
    if (!stored) {
        m_store.drop();
        return refused(FeedbackRefusal::NotDurable, "feedback: " + stored.error().message);
    }
    m_last_sent_ms = monotonic_ms;
    FeedbackOutcome outcome;
    outcome.receipt = code;
    return outcome;
}

Result<bool> FeedbackBox::knows_receipt(std::string_view typed)
{
    auto code = crypto::normalize_code(typed, crypto::k_receipt_code_length);
    if (!code) return false;
    if (!m_store.exists()) return false;  // it never took a message
    store::ResidentsDb& residents = *TRY(m_store.db());
    auto salt = TRY(residents.receipt_salt());
    auto hash = TRY(crypto::hash_code(*code, salt));
    return residents.has_receipt(hash);
}

}  // namespace linli::services
