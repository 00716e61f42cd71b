// IdlePolicy: when the kiosk shows the attract loop and when it wipes everything back to home,
// from the time of the last touch. While a screen holds something a resident has not sent yet (a
// half-written message), there is no attract loop: the last 30 s before the reset ask "还在吗？"
// instead (F4), so nothing is wiped without warning. Pure logic, so the edges are tested
// without waiting.
#pragma once

#include <cstdint>

namespace linli::services {

enum class IdleState { Active, Attract, StillThere, Reset };

// How long "还在吗？" counts down before the reset.
inline constexpr int64_t k_still_there_ms = 30'000;

class IdlePolicy {
public:
    IdlePolicy(int attract_after_s, int reset_after_s)
        : m_attract_ms(int64_t(attract_after_s) * 1000), m_reset_ms(int64_t(reset_after_s) * 1000) {}

    // A touch: the resident is here.
    void touched(int64_t monotonic_ms) { m_last_touch_ms = monotonic_ms; m_reset_done = false; }
    // The state at this moment; Reset is reported once per idle period (the caller wipes, then
    // the state reads Attract until the next touch). holding_input: the screen shows input not
    // sent yet (then StillThere precedes the reset, and no Attract).
    IdleState state(int64_t monotonic_ms, bool holding_input = false) const;
    // When the reset is due (for the countdown).
    int64_t reset_at_ms() const { return m_last_touch_ms + m_reset_ms; }
    // Called after the caller has wiped the session.
    void reset_done() { m_reset_done = true; }
    // The next moment the state changes, for the event loop's deadline (-1: none).
    int64_t next_deadline_ms(int64_t monotonic_ms, bool holding_input = false) const;

private:
    int64_t m_attract_ms;
    int64_t m_reset_ms;
    int64_t m_last_touch_ms = 0;
    bool m_reset_done = false;
};

}  // namespace linli::services
