#include "input/gesture.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace linli::input {

namespace {

// Velocity is estimated over this much recent history; older samples describe a different
// part of the swipe (the finger usually accelerates, then lifts).
constexpr int64_t k_fling_window_ms = 80;
// A finger that stayed put this long before lifting meant to stop, not to fling.
constexpr int64_t k_rest_before_lift_ms = 100;
// Below this a move is sensor jitter, not motion (matters only for the rest check).
constexpr float k_motion_epsilon_px = 1.0f;
// A fling must come to rest even with a misconfigured friction of 0 or less.
constexpr float k_min_friction = 0.5f;

float length(Vec2 v) { return std::hypot(v.x, v.y); }
Vec2 minus(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }

}  // namespace

// [SECTION] GestureTracker

GestureTracker::GestureTracker(GestureConfig config) : m_config(config) {}

void GestureTracker::pointer_down(Vec2 pos, int64_t t_ms)
{
    t_ms = std::max(t_ms, m_last_ms);
    m_phase = GesturePhase::Pressed;
    m_press_pos = pos;
    m_current_pos = pos;
    m_press_ms = t_ms;
    m_last_motion_ms = t_ms;
    m_count = 0;
    m_first = 0;
    m_fling.reset();  // a new touch catches any running fling; its velocity is stale
    add_sample(pos, t_ms);
}

void GestureTracker::pointer_move(Vec2 pos, int64_t t_ms)
{
    if (m_phase == GesturePhase::Idle) return;
    t_ms = std::max(t_ms, m_last_ms);
    if (m_phase == GesturePhase::Pressed) {
        const Vec2 travel = minus(pos, m_press_pos);
        if (length(travel) > m_config.drag_threshold_px) {
            m_phase = GesturePhase::Dragging;
            m_drag_delta.x += travel.x;
            m_drag_delta.y += travel.y;
        }
    } else {
        const Vec2 step = minus(pos, m_current_pos);
        m_drag_delta.x += step.x;
        m_drag_delta.y += step.y;
    }
    m_current_pos = pos;
    add_sample(pos, t_ms);
}

void GestureTracker::pointer_up(Vec2 pos, int64_t t_ms)
{
    if (m_phase == GesturePhase::Idle) return;
    pointer_move(pos, t_ms);  // the lift position counts: a last jump past the threshold is a drag
    t_ms = std::max(t_ms, m_last_ms);
    if (m_phase == GesturePhase::Pressed) {
        m_tap = m_press_pos;  // where the pressed widget is
        m_tap_release = pos;
    }
    else m_fling = estimate_fling(t_ms);
    m_phase = GesturePhase::Idle;
    m_count = 0;
}

void GestureTracker::cancel()
{
    // Everything pending goes too: after an idle reset nothing of the last resident's touch
    // may act on the fresh screen.
    m_phase = GesturePhase::Idle;
    m_count = 0;
    m_tap.reset();
    m_fling.reset();
    m_drag_delta = {};
}

GesturePhase GestureTracker::phase() const { return m_phase; }
Vec2 GestureTracker::press_pos() const { return m_press_pos; }
Vec2 GestureTracker::current_pos() const { return m_current_pos; }

int64_t GestureTracker::pressed_for_ms(int64_t now_ms) const
{
    if (m_phase == GesturePhase::Idle) return 0;
    return std::max<int64_t>(0, now_ms - m_press_ms);
}

std::optional<Vec2> GestureTracker::take_tap() { return std::exchange(m_tap, std::nullopt); }
Vec2 GestureTracker::take_drag_delta() { return std::exchange(m_drag_delta, Vec2{}); }
std::optional<Vec2> GestureTracker::take_fling_velocity() { return std::exchange(m_fling, std::nullopt); }

void GestureTracker::add_sample(Vec2 pos, int64_t t_ms)
{
    if (m_count > 0) {
        const Sample& newest = m_samples[(m_first + m_count - 1) % k_max_samples];
        if (length(minus(pos, newest.pos)) >= k_motion_epsilon_px) m_last_motion_ms = t_ms;
    }
    if (m_count == k_max_samples) {  // fast input devices: keep the newest k_max_samples
        m_first = (m_first + 1) % k_max_samples;
        --m_count;
    }
    m_samples[(m_first + m_count) % k_max_samples] = {pos, t_ms};
    ++m_count;
    m_last_ms = t_ms;
}

std::optional<Vec2> GestureTracker::estimate_fling(int64_t up_ms) const
{
    if (m_count < 2 || up_ms - m_last_motion_ms > k_rest_before_lift_ms) return std::nullopt;
    auto at = [&](size_t i) -> const Sample& { return m_samples[(m_first + i) % k_max_samples]; };
    const Sample& newest = at(m_count - 1);
    size_t oldest = 0;
    while (oldest + 1 < m_count && at(oldest).t_ms < up_ms - k_fling_window_ms) ++oldest;
    // Sparse events (a slow device, or one big jump): reach back one sample rather than give up.
    if (at(oldest).t_ms == newest.t_ms && oldest > 0) --oldest;
    const int64_t dt_ms = newest.t_ms - at(oldest).t_ms;
    if (dt_ms <= 0) return std::nullopt;
    const Vec2 travel = minus(newest.pos, at(oldest).pos);
    const Vec2 velocity{travel.x * 1000.0f / float(dt_ms), travel.y * 1000.0f / float(dt_ms)};
    if (!(length(velocity) >= m_config.min_fling_velocity)) return std::nullopt;
    return velocity;
}

// [SECTION] KineticScroll

KineticScroll::KineticScroll(GestureConfig config) : m_config(config)
{
    if (!(m_config.fling_friction >= k_min_friction)) m_config.fling_friction = k_min_friction;
}

void KineticScroll::drag_by(float delta)
{
    m_velocity = 0;
    if (std::isfinite(delta)) m_offset = clamped(m_offset + delta);
}

void KineticScroll::fling(float velocity)
{
    m_velocity = std::isfinite(velocity) && std::abs(velocity) >= m_config.stop_velocity ? velocity : 0;
    // Pushing against the edge it already rests on goes nowhere.
    if ((m_offset <= m_min && m_velocity < 0) || (m_offset >= m_max && m_velocity > 0)) m_velocity = 0;
}

bool KineticScroll::step(float dt_s)
{
    if (m_velocity == 0) return false;
    if (!(dt_s > 0)) return true;
    // Exact integral of v(t) = v0 * exp(-k t): the result does not depend on the frame rate,
    // so a long frame after the loop slept lands where many short ones would.
    const float k = m_config.fling_friction;
    const float decay = std::exp(-k * dt_s);
    const float target = m_offset + m_velocity * (1.0f - decay) / k;
    m_velocity *= decay;
    m_offset = clamped(target);
    if (m_offset != target || std::abs(m_velocity) < m_config.stop_velocity) m_velocity = 0;
    return m_velocity != 0;
}

void KineticScroll::set_limits(float min_offset, float max_offset)
{
    if (std::isnan(min_offset) || std::isnan(max_offset)) return;
    // Content shorter than the view gives max < min: pin it at min rather than assert.
    m_min = min_offset;
    m_max = std::max(min_offset, max_offset);
    const float before = m_offset;
    m_offset = clamped(m_offset);
    if (m_offset != before) m_velocity = 0;
}

float KineticScroll::offset() const { return m_offset; }

void KineticScroll::set_offset(float offset)
{
    m_velocity = 0;
    if (std::isfinite(offset)) m_offset = clamped(offset);
}

bool KineticScroll::moving() const { return m_velocity != 0; }
void KineticScroll::stop() { m_velocity = 0; }

float KineticScroll::clamped(float offset) const { return std::clamp(offset, m_min, m_max); }

}  // namespace linli::input
