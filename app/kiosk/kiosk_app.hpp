// KioskApp: the running kiosk: display, fonts, touch, idle policy, UI and services wired into
// one event-driven loop. Nothing is drawn while nothing changes; after an input a short burst of
// frames is drawn; a fling or the attract loop keep frames coming only while they move.
// The same object runs headless for --screenshot and --script with a fake clock.
#pragma once

#include "core/clock.hpp"
#include "input/gesture.hpp"
#include "platform/display.hpp"
#include "platform/event_pump.hpp"
#include "platform/service_manager.hpp"
#include "platform/font_atlas.hpp"
#include "services/idle_policy.hpp"
#include "services/screen_power.hpp"
#include "kiosk/texture_cache.hpp"
#include "services/kiosk_service.hpp"
#include "ui/kiosk_ui.hpp"

#include <memory>
#include <vector>

namespace linli::kiosk {

class KioskApp {
public:
    // Frames drawn after any input, so pressed states and results show promptly.
    static constexpr int k_burst_frames = 3;
    // While 朗读 speaks: a frame this often, so the paragraph highlighted follows the voice.
    static constexpr int64_t k_speech_frame_ms = 200;

    KioskApp(platform::Display& display, platform::FontAtlas& fonts, services::KioskService& service,
             const Clock& clock);

    // Input, as the event pump or a script delivers it (screen pixels).
    void pointer(platform::InputKind kind, float x, float y);
    // One turn of the loop at the current time: idle policy, then a frame if one is due.
    // Returns whether a frame was drawn.
    Result<bool> tick(bool present);
    // Draws a frame now (tick() decides when; screenshots force one).
    Status render(bool present);
    // Milliseconds until the loop must wake without input (-1: never; 0: now).
    int64_t wait_ms() const;
    // Runs the interactive loop until exit is requested or the window closes.
    // The fullscreen loop until quit or an exit request; manager (may be null) hears READY and
    // the watchdog pings.
    Status run(platform::EventPump& pump, platform::ServiceManager* manager = nullptr);

    ui::KioskUi& ui() { return m_ui; }
    services::KioskService& service() { return m_service; }
    platform::Display& display() { return m_display; }
    uint64_t frames_drawn() const { return m_frames; }
    // Wall-clock time each frame took to draw (and present), microseconds, for the benchmark.
    const std::vector<int64_t>& frame_times_us() const { return m_frame_times_us; }

private:
    ui::TouchFrame take_touch();
    Status ensure_fonts(TextSize text_size);
    // Before the first frame: collects the glyphs of every screen into the atlas.
    Status warm_up_glyphs();
    // The screen-off schedule: darkens or lights the screen when due; true while dark.
    bool update_screen_power(int64_t now_ms);
    // After each frame: when the loop must wake next without input (the clock's next minute,
    // the idle deadlines, the UI's own timers).
    void plan_wake();

    platform::Display& m_display;
    platform::FontAtlas& m_fonts;
    services::KioskService& m_service;
    const Clock& m_clock;
    input::GestureTracker m_gestures;
    std::vector<ui::TouchPoint> m_points;  // pointer events since the last frame (handwriting)
    static constexpr size_t k_max_points = 4096;
    services::IdlePolicy m_idle;
    services::ScreenPower m_power;
    bool m_dark = false;           // the screen is off by the schedule
    bool m_waking_touch = false;   // the touch that woke a dark screen: ignored until released
    TextureCache m_textures;
    ui::KioskUi m_ui;
    int m_pending_frames = k_burst_frames;
    int64_t m_last_frame_ms = -1;
    int64_t m_wake_at_ms = -1;
    bool m_warmed_up = false;
    uint64_t m_frames = 0;
    bool m_first_frame_done = false;
    std::vector<int64_t> m_frame_times_us;
};

}  // namespace linli::kiosk
