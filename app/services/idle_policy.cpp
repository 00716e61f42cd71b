#include "services/idle_policy.hpp"

namespace linli::services {

IdleState IdlePolicy::state(int64_t now_ms) const
{
    int64_t idle = now_ms - m_last_touch_ms;
    if (idle >= m_reset_ms && !m_reset_done) return IdleState::Reset;
    if (idle >= m_attract_ms) return IdleState::Attract;
    return IdleState::Active;
}

int64_t IdlePolicy::next_deadline_ms(int64_t now_ms) const
{
    int64_t attract_at = m_last_touch_ms + m_attract_ms;
    int64_t reset_at = m_last_touch_ms + m_reset_ms;
    if (now_ms < attract_at) return attract_at;
    if (now_ms < reset_at && !m_reset_done) return reset_at;
    return -1;
}

}  // namespace linli::services
