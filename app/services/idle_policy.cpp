#include "services/idle_policy.hpp"

#include <algorithm>

namespace linli::services {

IdleState IdlePolicy::state(int64_t now_ms, bool holding_input) const
{
    int64_t idle = now_ms - m_last_touch_ms;
    if (idle >= m_reset_ms && !m_reset_done) return IdleState::Reset;
    if (holding_input && !m_reset_done) return idle >= m_reset_ms - k_still_there_ms ? IdleState::StillThere : IdleState::Active;
    if (idle >= m_attract_ms) return IdleState::Attract;
    return IdleState::Active;
}

int64_t IdlePolicy::next_deadline_ms(int64_t now_ms, bool holding_input) const
{
    const int64_t reset_at = m_last_touch_ms + m_reset_ms;
    const int64_t attract_at = holding_input ? std::max(m_last_touch_ms, reset_at - k_still_there_ms)
                                             : m_last_touch_ms + m_attract_ms;
    if (now_ms < attract_at) return attract_at;
    if (now_ms < reset_at && !m_reset_done) return reset_at;
    return -1;
}

}  // namespace linli::services
