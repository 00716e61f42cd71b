// Touch gestures as pure logic: a tracker that turns pointer events with explicit timestamps
// into taps, drag deltas and fling velocities, and a one-axis kinetic scroller. Dear ImGui 1.86
// has neither touch awareness nor drag-to-scroll, so the UI feeds SDL events here and reads the
// results each frame. No SDL, no clock: tests drive it with made-up times.
#pragma once

#include <cstddef>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>

namespace linli::input {

struct Vec2 { float x = 0, y = 0; };

struct GestureConfig {
    float drag_threshold_px = 16;
    float min_fling_velocity = 60;  /* px/s */
    float fling_friction = 4.0f;    /* exponential decay per second: v *= exp(-friction*dt) */
    float stop_velocity = 20;
    int64_t long_press_ms = 3000;
};

enum class GesturePhase { Idle, Pressed, Dragging };

class GestureTracker {
public:
    explicit GestureTracker(GestureConfig config = {});

    // A finger touches (a second down without an up starts over, without a tap).
    void pointer_down(Vec2 pos, int64_t t_ms);
    // The finger moves; ignored while Idle (a mouse hovering).
    void pointer_move(Vec2 pos, int64_t t_ms);
    // The finger lifts at pos: a tap if it never left the threshold, else maybe a fling.
    void pointer_up(Vec2 pos, int64_t t_ms);
    void cancel();                          // e.g. idle reset: forget the current touch without a tap

    GesturePhase phase() const;
    Vec2 press_pos() const;
    Vec2 current_pos() const;
    int64_t pressed_for_ms(int64_t now_ms) const;   // 0 unless Pressed/Dragging
    std::optional<Vec2> take_tap();         // set on pointer_up when no drag happened; cleared by take
    Vec2 take_drag_delta();
    // Where the finger lifted for the last tap (a tap counts only on the target it began and ended on).
    Vec2 tap_release_pos() const { return m_tap_release; }                 // movement while Dragging since the last take (the threshold jump included so content follows the finger exactly)
    std::optional<Vec2> take_fling_velocity(); // on pointer_up after a drag: velocity (px/s) estimated from the samples of the last ~80 ms; nothing if below min_fling_velocity or if the finger rested >100 ms before lifting

private:
    struct Sample { Vec2 pos; int64_t t_ms; };
    static constexpr size_t k_max_samples = 64;

    void add_sample(Vec2 pos, int64_t t_ms);
    std::optional<Vec2> estimate_fling(int64_t up_ms) const;

    GestureConfig m_config;
    GesturePhase m_phase = GesturePhase::Idle;
    Vec2 m_press_pos;
    Vec2 m_current_pos;
    int64_t m_press_ms = 0;
    int64_t m_last_ms = 0;         // newest timestamp seen; later events never go back in time
    int64_t m_last_motion_ms = 0;  // when the finger last actually moved
    std::array<Sample, k_max_samples> m_samples;  // ring of recent positions, oldest at m_first
    size_t m_first = 0;
    size_t m_count = 0;
    std::optional<Vec2> m_tap;
    Vec2 m_tap_release{0, 0};
    Vec2 m_drag_delta;
    std::optional<Vec2> m_fling;
};

class KineticScroll {   // one scroll axis with fling
public:
    explicit KineticScroll(GestureConfig config = {});

    void drag_by(float delta);              // finger moves content; stops any fling
    void fling(float velocity);             // px/s
    bool step(float dt_s);                  // advance; returns true while still moving (caller keeps rendering frames)
    void set_limits(float min_offset, float max_offset);  // clamps offset; a fling stops at the edge
    float offset() const;
    void set_offset(float offset);          // jumps (clamped to the limits) and stops any fling
    bool moving() const;
    void stop();

private:
    float clamped(float offset) const;

    GestureConfig m_config;
    float m_offset = 0;
    float m_velocity = 0;
    float m_min = std::numeric_limits<float>::lowest();
    float m_max = std::numeric_limits<float>::max();
};

}  // namespace linli::input
