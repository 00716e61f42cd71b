// Who may use the console: a one-time token in the URL printed at start (loopback) becomes a
// session, held in an HttpOnly, SameSite=Strict cookie; each session has its own CSRF token,
// which every request that changes something must carry. Sessions live in memory only: a
// restarted console asks for its new URL.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace linli::admin {

class ConsoleSessions {
public:
    using Clock = std::chrono::steady_clock;
    // A session unused this long is over (an office day and more).
    static constexpr std::chrono::hours k_idle_limit{12};
    // A login URL not opened this long is void.
    static constexpr std::chrono::minutes k_token_limit{30};

    // A new one-time login token (160 random bits).
    std::string issue_login_token();
    // A new session (after a password was checked): its id.
    std::string start_session();
    // Exchanges a login token for a new session id; nothing when the token is unknown or used.
    std::optional<std::string> redeem(std::string_view token);
    // The session's CSRF token, or nothing when the id is unknown or the session is over.
    std::optional<std::string> csrf_of(std::string_view session);
    // The session's number (1, 2, ... in the order they began), for the action log; nothing when over.
    std::optional<int> number_of(std::string_view session);
    // Whether csrf is that session's token (compared in constant time).
    bool csrf_matches(std::string_view session, std::string_view csrf);
    void end(std::string_view session);

private:
    struct Session {
        std::string csrf;
        Clock::time_point last_used;
        int number = 0;
    };
    int m_started = 0;
    std::string start_locked();  // m_mutex held
    std::mutex m_mutex;
    std::map<std::string, Clock::time_point, std::less<>> m_tokens;  // token -> issued
    std::map<std::string, Session, std::less<>> m_sessions;
};

// Wrong console passwords from one address: after 5 in a row it waits a minute before the next
// try (each try runs Argon2id, so waiting is checked before the password is).
class LoginThrottle {
public:
    static constexpr int k_free_tries = 5;
    static constexpr std::chrono::seconds k_pause{60};
    // Seconds the address must still wait; 0 when it may try now.
    int wait_s(const std::string& address);
    // Tries left before the pause, after this failure.
    int failed(const std::string& address);
    void succeeded(const std::string& address);

private:
    struct Record {
        int failures = 0;
        std::chrono::steady_clock::time_point paused_until{};
    };
    std::mutex m_mutex;
    std::map<std::string, Record, std::less<>> m_records;
};

// The value of cookie name in a Cookie header ("a=1; linli_console=XYZ"), or empty.
std::string cookie_value(std::string_view header, std::string_view name);

}  // namespace linli::admin
