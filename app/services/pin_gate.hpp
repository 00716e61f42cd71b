// The admin panel's PIN lockout (SECURITY.md D5): five wrong PINs lock the panel for five
// minutes. Pure logic over a small state the caller keeps (and may persist); it reads no clock
// and checks no hash, so the caller passes whether the PIN was right and what time it is.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string_view>

namespace linli::services {

struct PinGateState {
    int failed_attempts = 0;     // wrong PINs since the last success or lockout
    int64_t locked_until_s = 0;  // 0, or the time the current (or last) lockout ends
};

enum class PinOutcome {
    Accepted,   // right PIN, panel opens; the counter starts again
    Wrong,      // wrong PIN, attempts_left more before a lockout
    LockedOut,  // refused: locked (also reported by the wrong try that starts the lockout)
};

struct PinAttempt {
    PinOutcome outcome;
    int attempts_left;       // wrong tries left before a lockout (0 while locked)
    int64_t locked_until_s;  // when the lockout ends (0 unless LockedOut), for the countdown
};

inline constexpr int k_max_pin_attempts = 5;
inline constexpr int64_t k_pin_lockout_s = 300;

// How many wrong entries in a row lock, and for how long. The same gate throttles receipt codes
// (reply_desk.hpp) and voting codes, with their own limits.
struct GateLimits {
    int attempts = k_max_pin_attempts;
    int64_t lockout_s = k_pin_lockout_s;
};

// Records one PIN entry at now_s. While locked even a right PIN is refused and the try does
// not count; the k_max_pin_attempts-th wrong PIN in a row locks for k_pin_lockout_s; a right
// PIN resets everything.
//
// Time: now_s is any seconds clock the caller uses consistently (monotonic is best in-process;
// a persisted state needs the trusted time, max(clock, clock floor)). The lockout lasts while
// now_s < locked_until_s, so a clock set back never ends it early. When the clock is found
// before the lockout even began (set back by more than k_pin_lockout_s, e.g. a Pi without RTC
// booting at 1970), the next attempt re-anchors the lockout to a full k_pin_lockout_s from that
// now_s: the wait never gets shorter than k_pin_lockout_s of real time, nor decades longer.
PinAttempt attempt_pin(PinGateState& state, bool pin_correct, int64_t now_s, GateLimits limits = {});

// Whether PIN entry is locked at now_s (see attempt_pin for how clock jumps are treated).
bool pin_locked(const PinGateState& state, int64_t now_s, GateLimits limits = {});

// Whether pin may be chosen as the admin PIN: 4 to 12 ASCII digits, as the kiosk's number pad
// types them. Rejected error "pin: ..." otherwise (the message never repeats the PIN).
Status check_new_pin(std::string_view pin);

}  // namespace linli::services
