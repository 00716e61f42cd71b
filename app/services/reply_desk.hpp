// 查看回复: a resident types a receipt code at any kiosk and reads the administrators' reply. The
// replies arrive locked (crypto/reply_lock.hpp): finding the one a code opens costs an Argon2id
// per reply, so the look-up runs on a thread of its own and the screen stays responsive. Wrong
// codes are throttled as the admin PIN is (pin_gate.hpp): after 5 in a row, a minute's pause.
#pragma once

#include "core/replies.hpp"
#include "services/pin_gate.hpp"

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::services {

enum class ReplyStatus {
    None,       // nothing asked yet
    Found,      // reply holds the answer
    NotYet,     // a code this kiosk gave out, not answered yet (尚未回复)
    NotFound,   // no reply opens with it, and this kiosk never gave it out (counts as wrong)
    Malformed,  // not 8 characters of the code alphabet (not counted)
    Paused,     // too many wrong codes: paused_until_s
};

struct ReplyAnswer {
    ReplyStatus status = ReplyStatus::None;
    OpenedReply reply;
    int attempts_left = 0;       // wrong codes left before a pause
    int64_t paused_until_s = 0;  // Paused: when entry opens again
};

inline constexpr GateLimits k_reply_code_limits{5, 60};

class ReplyDesk {
public:
    // known_here: whether this kiosk gave out the receipt code (a normalized code); asked on the
    // caller's thread when a look-up finds no reply.
    explicit ReplyDesk(std::function<bool(const std::string&)> known_here);
    ~ReplyDesk();

    // The replies of the content now shown (a running look-up finishes with the old ones).
    void set_replies(std::vector<LockedReply> replies);
    size_t reply_count() const { return m_replies ? m_replies->size() : 0; }

    // Starts looking typed up at now_s (trusted seconds); a malformed code or a pause is answered
    // at once. Ignored while a look-up runs.
    void ask(std::string_view typed, int64_t now_s);
    bool busy() const { return m_running.valid(); }
    // The answer, once there is a new one (then nothing until the next ask).
    std::optional<ReplyAnswer> take(int64_t now_s);
    // Idle reset: an answer still coming is dropped, so the next resident never sees it.
    void forget();
    // Whether code entry is paused at now_s, and until when.
    int64_t paused_until(int64_t now_s) const;

private:
    std::function<bool(const std::string&)> m_known_here;
    std::shared_ptr<const std::vector<LockedReply>> m_replies;
    PinGateState m_gate;
    std::string m_asked;  // the normalized code being looked up
    std::future<std::optional<OpenedReply>> m_running;
    std::optional<ReplyAnswer> m_ready;
    bool m_forgotten = false;
};

}  // namespace linli::services
