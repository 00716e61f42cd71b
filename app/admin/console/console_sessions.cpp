#include "admin/console/console_sessions.hpp"

#include "crypto/codes.hpp"

#include <sodium.h>

namespace linli::admin {

namespace {

// 32 characters of a 32-letter alphabet: 160 bits, not guessable in any number of tries.
std::string random_secret() { return crypto::random_code(32); }

}  // namespace

std::string ConsoleSessions::issue_login_token()
{
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    std::erase_if(m_tokens, [&](const auto& t) { return now - t.second > k_token_limit; });
    std::string token = random_secret();
    m_tokens.emplace(token, now);
    return token;
}

std::optional<std::string> ConsoleSessions::redeem(std::string_view token)
{
    std::lock_guard lock(m_mutex);
    auto it = m_tokens.find(token);
    if (it == m_tokens.end()) return std::nullopt;
    const bool fresh = Clock::now() - it->second <= k_token_limit;
    m_tokens.erase(it);  // once, fresh or not
    if (!fresh) return std::nullopt;
    return start_locked();
}

std::string ConsoleSessions::start_session()
{
    std::lock_guard lock(m_mutex);
    return start_locked();
}

std::string ConsoleSessions::start_locked()
{
    std::string id = random_secret();
    m_sessions.emplace(id, Session{random_secret(), Clock::now(), ++m_started});
    return id;
}

std::optional<std::string> ConsoleSessions::csrf_of(std::string_view session)
{
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(session);
    if (it == m_sessions.end()) return std::nullopt;
    const auto now = Clock::now();
    if (now - it->second.last_used > k_idle_limit) {
        m_sessions.erase(it);
        return std::nullopt;
    }
    it->second.last_used = now;
    return it->second.csrf;
}

std::optional<int> ConsoleSessions::number_of(std::string_view session)
{
    if (!csrf_of(session)) return std::nullopt;  // over, or never was
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(session);
    return it == m_sessions.end() ? std::nullopt : std::optional<int>(it->second.number);
}

bool ConsoleSessions::csrf_matches(std::string_view session, std::string_view csrf)
{
    const auto expected = csrf_of(session);
    return expected && expected->size() == csrf.size() && sodium_memcmp(expected->data(), csrf.data(), csrf.size()) == 0;
}

void ConsoleSessions::end(std::string_view session)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_sessions.find(session); it != m_sessions.end()) m_sessions.erase(it);
}

int LoginThrottle::wait_s(const std::string& address)
{
    std::lock_guard lock(m_mutex);
    auto it = m_records.find(address);
    if (it == m_records.end()) return 0;
    const auto left = it->second.paused_until - std::chrono::steady_clock::now();
    return left.count() > 0 ? int(std::chrono::ceil<std::chrono::seconds>(left).count()) : 0;
}

int LoginThrottle::failed(const std::string& address)
{
    std::lock_guard lock(m_mutex);
    // Bounded: addresses come from the network.
    if (m_records.size() > 4096 && !m_records.contains(address)) m_records.clear();
    Record& r = m_records[address];
    if (++r.failures >= k_free_tries) {
        r.failures = 0;
        r.paused_until = std::chrono::steady_clock::now() + k_pause;
        return 0;
    }
    return k_free_tries - r.failures;
}

void LoginThrottle::succeeded(const std::string& address)
{
    std::lock_guard lock(m_mutex);
    m_records.erase(address);
}

std::string cookie_value(std::string_view header, std::string_view name)
{
    while (!header.empty()) {
        const size_t end = header.find(';');
        std::string_view pair = header.substr(0, end);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        if (end == std::string_view::npos) break;
        header.remove_prefix(end + 1);
    }
    return {};
}

}  // namespace linli::admin
