#include "services/pin_gate.hpp"

namespace linli::services {

bool pin_locked(const PinGateState& state, int64_t now_s, GateLimits)
{
    return state.locked_until_s != 0 && now_s < state.locked_until_s;
}

PinAttempt attempt_pin(PinGateState& state, bool pin_correct, int64_t now_s, GateLimits limits)
{
    if (pin_locked(state, now_s)) {
        // Before the lockout began means the clock went back; restart a full lockout from the
        // clock as it is now instead of waiting for it to catch up (see the header).
        if (now_s < state.locked_until_s - limits.lockout_s)
            state.locked_until_s = now_s + limits.lockout_s;
        return {PinOutcome::LockedOut, 0, state.locked_until_s};
    }
    // A finished lockout is forgotten, so a later clock jump cannot bring it back.
    state.locked_until_s = 0;

    if (pin_correct) {
        state.failed_attempts = 0;
        return {PinOutcome::Accepted, limits.attempts, 0};
    }
    ++state.failed_attempts;
    if (state.failed_attempts >= limits.attempts) {
        // After the lockout the administrator gets a fresh set of tries.
        state.failed_attempts = 0;
        state.locked_until_s = now_s + limits.lockout_s;
        return {PinOutcome::LockedOut, 0, state.locked_until_s};
    }
    return {PinOutcome::Wrong, limits.attempts - state.failed_attempts, 0};
}

Status check_new_pin(std::string_view pin)
{
    if (pin.size() < 4 || pin.size() > 12)
        return Error::rejected("pin: the PIN must be 4 to 12 digits long");
    for (char c : pin)
        if (c < '0' || c > '9')
            return Error::rejected("pin: the PIN may contain only the digits 0-9");
    return {};
}

}  // namespace linli::services
