#include "services/reply_desk.hpp"

#include "core/codes.hpp"
#include "crypto/reply_lock.hpp"

#include <chrono>

namespace linli::services {

ReplyDesk::ReplyDesk(std::function<bool(const std::string&)> known_here)
    : m_known_here(std::move(known_here)), m_replies(std::make_shared<const std::vector<LockedReply>>())
{
}

ReplyDesk::~ReplyDesk()
{
    if (m_running.valid()) m_running.wait();
}

void ReplyDesk::set_replies(std::vector<LockedReply> replies)
{
    m_replies = std::make_shared<const std::vector<LockedReply>>(std::move(replies));
}

void ReplyDesk::ask(std::string_view typed, int64_t now_s)
{
    if (busy()) return;
    m_forgotten = false;
    ReplyAnswer answer;
    if (pin_locked(m_gate, now_s, k_reply_code_limits)) {
        answer.status = ReplyStatus::Paused;
        answer.paused_until_s = m_gate.locked_until_s;
        m_ready = answer;
        return;
    }
    auto code = normalize_code(typed, k_receipt_code_length);
    if (!code) {
        answer.status = ReplyStatus::Malformed;
        answer.attempts_left = k_reply_code_limits.attempts - m_gate.failed_attempts;
        m_ready = answer;
        return;
    }
    m_asked = *code;
    m_running = std::async(std::launch::async, [code = *code, replies = m_replies]() -> std::optional<OpenedReply> {
        auto found = crypto::find_reply(code, *replies);
        return found ? *found : std::nullopt;  // a failing Argon2id (out of memory) finds nothing
    });
}

std::optional<ReplyAnswer> ReplyDesk::take(int64_t now_s)
{
    if (m_running.valid() && m_running.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        std::optional<OpenedReply> found = m_running.get();
        ReplyAnswer answer;
        if (found) {
            answer.status = ReplyStatus::Found;
            answer.reply = std::move(*found);
        } else {
            answer.status = m_known_here(m_asked) ? ReplyStatus::NotYet : ReplyStatus::NotFound;
        }
        const PinAttempt attempt = attempt_pin(m_gate, answer.status != ReplyStatus::NotFound, now_s, k_reply_code_limits);
        if (attempt.outcome == PinOutcome::LockedOut) {
            answer.paused_until_s = attempt.locked_until_s;
            if (answer.status == ReplyStatus::NotFound) answer.status = ReplyStatus::Paused;
        }
        answer.attempts_left = attempt.attempts_left;
        m_asked.clear();
        if (!m_forgotten) m_ready = std::move(answer);
    }
    std::optional<ReplyAnswer> out = std::move(m_ready);
    m_ready.reset();
    return out;
}

void ReplyDesk::forget()
{
    m_ready.reset();
    m_forgotten = busy();
}

int64_t ReplyDesk::paused_until(int64_t now_s) const
{
    return pin_locked(m_gate, now_s, k_reply_code_limits) ? m_gate.locked_until_s : 0;
}

}  // namespace linli::services
