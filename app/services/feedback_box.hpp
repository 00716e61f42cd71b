// FeedbackBox: the 意见箱 use case. A resident's message (topic, rating, what it is about, text)
// is sealed to the administrators' key at once and stored as one record of residents.db with its
// receipt code's hash, and the resident gets the code only once the commit returned. Nothing of
// the message is kept in clear anywhere (SECURITY.md F1-F2, D1-D3); a cool-down and a daily cap
// keep the box from being flooded (F5). The UI calls submit() on 确认提交.
#pragma once

#include "services/residents_store.hpp"

#include "crypto/keys.hpp"
#include "store/residents_db.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace linli::services {

inline constexpr size_t k_max_feedback_chars = 500;
inline constexpr int k_max_feedback_rating = 4;  // 1 很不满意, 2 不满意, 3 满意, 4 很满意; 0 none
// Below this much free space on the data dir's disk no new message is taken (D3).

// What the resident wrote.
struct FeedbackDraft {
    std::string topic;        // one of board.toml's [feedback] topics
    int rating = 0;           // 0: none given
    std::string about;        // the notice it is about, as its route ("document:charter-draft"); "" none
    std::string about_title;  // that notice's title as shown
    std::string text;         // UTF-8, at most k_max_feedback_chars characters
};

// Why a message was not taken; the UI words each kindly, the admin panel names the cause.
enum class FeedbackRefusal {
    None,
    Empty,        // neither a message nor a rating
    TooLong,      // past k_max_feedback_chars
    CoolingDown,  // another message was sent here less than cooldown_s ago (wait_s says how long)
    DailyCap,     // the day's cap is reached
    NoSealKey,    // [trust] seal_key is not configured or unreadable
    NotDurable,   // residents.db is not WAL + synchronous=FULL + foreign keys (D1), or unusable
    DiskFull,     // less than k_min_free_bytes_for_residents free (D3)
};

struct FeedbackOutcome {
    std::string receipt;  // the receipt code (8 characters, undashed) when taken; "" otherwise
    FeedbackRefusal refusal = FeedbackRefusal::None;
    int wait_s = 0;       // CoolingDown: seconds until the next message is taken
    std::string detail;   // for the admin panel's errors (never the message)

    bool taken() const { return refusal == FeedbackRefusal::None; }
};

struct FeedbackLimits {
    int cooldown_s = 60;
    int daily_cap = 200;
};

class FeedbackBox {
public:
    // residents_path: DATA_DIR/residents.db; seal_key: nothing when none is configured (every
    // submission is then refused with NoSealKey, and the admin panel says why).
    FeedbackBox(std::string residents_path, std::optional<crypto::PublicKey> seal_key, FeedbackLimits limits,
                std::string kiosk_id);

    // Why a message would be refused right now, before the resident writes it (a missing key, a
    // full disk, the day's cap); None when the box is open. Cool-downs are not counted here:
    // they apply when sending, never to writing.
    FeedbackRefusal availability(std::string_view day);

    // Seals and stores the message. day: the kiosk's local date (YYYY-MM-DD) by its trusted
    // clock; monotonic_ms for the cool-down. Refuses with the reason and changes nothing.
    FeedbackOutcome submit(const FeedbackDraft& draft, std::string_view day, int64_t monotonic_ms);

    // Whether a receipt code (as typed: any case, dashes allowed) was given here.
    Result<bool> knows_receipt(std::string_view typed);

private:
    ResidentsStore m_store;
    FeedbackLimits m_limits;
    std::string m_kiosk_id;
    std::optional<int64_t> m_last_sent_ms;
};

// The sealed payload of one message (TOML; app/services/EXPORTS.md "feedback"). Exposed for
// collect's tests and the canary tests.
std::string feedback_payload(const FeedbackDraft& draft, std::string_view receipt, std::string_view kiosk_id,
                             std::string_view day);

// A development seal key pair in dir (seal.pub 0644, seal.key 0600, dir 0700), for the built-in
// development defaults only: `linli-admin collect --key dir` then opens what a demo kiosk took.
Status make_development_seal_key(const std::string& dir);

// The number of characters (code points) in UTF-8 text, as the counter shows it.
size_t feedback_length(std::string_view text);

}  // namespace linli::services
