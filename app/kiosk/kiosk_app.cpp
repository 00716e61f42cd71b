#include "kiosk/kiosk_app.hpp"

#include "kiosk/startup_trace.hpp"

#include <imgui.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>

namespace linli::kiosk {

using platform::InputKind;

KioskApp::KioskApp(platform::Display& display, platform::FontAtlas& fonts, services::KioskService& service,
                   const Clock& clock)
    : m_display(display), m_fonts(fonts), m_service(service), m_clock(clock),
      m_idle(service.config().attract_after_s, service.config().reset_after_s),
      m_power(service.config().screen_off), m_textures(service)
{
    m_idle.touched(clock.monotonic_ms());
    m_power.touched(clock.monotonic_ms());
    m_ui.ui().set_images(&m_textures);
    m_ui.ui().set_glyph_filter([&fonts](char32_t c) { return fonts.can_draw(c); });
}

Status KioskApp::warm_up_glyphs()
{
    // Every screen is laid out once, in both languages and on the attract loop, without being
    // drawn: the glyph atlas is then built once with everything the kiosk shows, instead of
    // being rebuilt (a ~10 MB peak and a pause) the first time a resident opens each screen.
    TRY_STATUS(ensure_fonts(m_service.model().text_size));
    services::AppModel model = m_service.model();
    ui::Route shown = m_ui.route();
    std::vector<services::Intent> ignored;
    auto lay_out = [&] {
        m_display.new_frame(0);
        ImGui::NewFrame();
        m_ui.frame(ui::TouchFrame{}, model, 0, m_clock.monotonic_ms(), ignored);
        ImGui::EndFrame();
    };
    for (Language language : {Language::Chinese, Language::English}) {
        model.language = language;
        for (const auto& name : ui::route_names()) {
            if (!m_ui.go_to(name)) continue;  // detail routes need an id: below
            lay_out();
        }
        // One page of each kind, for the words only those pages have (目录, 报名条件...).
        std::vector<std::string> details;
        if (!model.announcements.empty()) details.push_back("announcement:" + model.announcements.front().notice.id);
        if (!model.recruitment.empty()) details.push_back("recruitment:" + model.recruitment.front().notice.id);
        if (!model.documents.empty()) details.push_back("document:" + model.documents.front().notice.id);
        if (!model.meetings.empty()) details.push_back("meeting:" + model.meetings.front().notice.id);
        for (const auto& route : details)
            if (m_ui.go_to(route)) lay_out();
        m_ui.set_attract(true, m_clock.monotonic_ms());
        lay_out();
        m_ui.set_attract(false, m_clock.monotonic_ms());
    }
    m_ui.prepare_content_text(model);
    auto code_points = m_ui.ui().take_new_code_points();
    for (size_t role = 0; role < code_points.size(); ++role) m_fonts.add_code_points(int(role), code_points[role]);
    m_ui.reset();
    TRY_STATUS(m_ui.go_to(shown.to_string()));
    m_warmed_up = true;
    return {};
}

void KioskApp::pointer(InputKind kind, float x, float y)
{
    int64_t now = m_clock.monotonic_ms();
    m_power.touched(now);
    // A touch on a dark screen only lights it: nothing under the finger is pressed.
    if (m_dark && kind == InputKind::PointerDown) m_waking_touch = true;
    if (m_waking_touch) {
        if (kind == InputKind::PointerUp) m_waking_touch = false;
        m_idle.touched(now);
        m_pending_frames = k_burst_frames;
        return;
    }
    input::Vec2 pos{x, y};
    switch (kind) {
    case InputKind::PointerDown: m_gestures.pointer_down(pos, now); break;
    case InputKind::PointerMove: m_gestures.pointer_move(pos, now); break;
    case InputKind::PointerUp: m_gestures.pointer_up(pos, now); break;
    default: return;
    }
    // The path itself too, for the handwriting box (bounded: a frame reads them all).
    if (kind != InputKind::PointerMove || m_gestures.phase() != input::GesturePhase::Idle) {
        using Kind = ui::TouchPoint::Kind;
        const Kind k = kind == InputKind::PointerDown ? Kind::Down : kind == InputKind::PointerUp ? Kind::Up : Kind::Move;
        if (m_points.size() < k_max_points || k != Kind::Move) m_points.push_back({k, ImVec2(x, y)});
    }
    m_idle.touched(now);
    m_pending_frames = k_burst_frames;
}

ui::TouchFrame KioskApp::take_touch()
{
    ui::TouchFrame touch;
    int64_t now = m_clock.monotonic_ms();
    if (auto tap = m_gestures.take_tap()) {
        touch.tap = ImVec2(tap->x, tap->y);
        touch.tap_end = ImVec2(m_gestures.tap_release_pos().x, m_gestures.tap_release_pos().y);
    }
    touch.points = std::move(m_points);
    m_points.clear();
    auto phase = m_gestures.phase();
    touch.pressed = phase == input::GesturePhase::Pressed;
    touch.press_pos = ImVec2(m_gestures.press_pos().x, m_gestures.press_pos().y);
    auto delta = m_gestures.take_drag_delta();
    touch.drag_delta = ImVec2(delta.x, delta.y);
    if (auto v = m_gestures.take_fling_velocity()) touch.fling = ImVec2(v->x, v->y);
    touch.pressed_ms = m_gestures.pressed_for_ms(now);
    return touch;
}

Status KioskApp::ensure_fonts(TextSize text_size)
{
    const float mm = ui::mm_per_px(m_display.width(), m_display.height(), m_service.config().diagonal_in);
    m_fonts.set_sizes(ui::font_sizes_px(mm, text_size, m_fonts.cap_height_ratio()));
    if (!m_fonts.needs_rebuild()) return {};
    // What residents write, and every candidate the keyboard offers, adds glyphs without bound.
    // Past k_max_passing_glyphs of them (each build costs the texture several times over in
    // memory), or past 2048x2048 (a Pi 3's limit), the atlas keeps only the lasting glyphs, and the
    // frame being drawn adds back what is on screen now (a few hundred at most).
    constexpr int k_atlas_limit = 2048;
    constexpr size_t k_max_passing_glyphs = 800;
    auto compact = [&] {
        m_fonts.forget_passing();
        m_ui.ui().forget_noted_text();
        trace_stage("glyph atlas compacted");
    };
    if (m_fonts.passing_count() > k_max_passing_glyphs) compact();
    TRY_STATUS(m_fonts.rebuild(m_display.max_texture_size()));
    if (m_fonts.passing_count() > 0 && (m_fonts.texture_width() > k_atlas_limit || m_fonts.texture_height() > k_atlas_limit)) {
        compact();
        TRY_STATUS(m_fonts.rebuild(m_display.max_texture_size()));
    }
    if (m_fonts.trimmed_sizes() > 0)
        m_service.report_error("fonts", "too much text for the GPU's texture limit (" +
                                            std::to_string(m_display.max_texture_size()) + "); " +
                                            std::to_string(m_fonts.trimmed_sizes()) +
                                            " large text size(s) show only common characters");
    m_ui.ui().invalidate_layouts();
    const std::string built = "glyph atlas built " + std::to_string(m_fonts.texture_width()) + "x" +
                              std::to_string(m_fonts.texture_height()) + " " + std::to_string(m_fonts.glyph_count()) + " glyphs";
    trace_stage(built.c_str());
    m_display.reload_font_texture();
    // The atlas build's scratch memory is free now; give it back rather than keep the peak.
    malloc_trim(0);
    trace_stage("glyph atlas uploaded");
    return {};
}

Status KioskApp::render(bool present)
{
    if (!m_warmed_up) TRY_STATUS(warm_up_glyphs());
    auto started = std::chrono::steady_clock::now();
    int64_t now = m_clock.monotonic_ms();
    float dt = m_last_frame_ms < 0 ? 1.0f / 60 : float(std::clamp<int64_t>(now - m_last_frame_ms, 0, 100)) / 1000.0f;
    m_last_frame_ms = now;
    ui::TouchFrame touch = take_touch();
    std::vector<services::Intent> intents;

    // A frame that meets text the atlas lacks is drawn again once the glyphs are in, so no
    // frame with missing glyphs is ever shown. The repeat gets the touch's look but not its
    // actions (taps and drags were consumed by the first pass).
    for (int pass = 0;; ++pass) {
        const services::AppModel& model = m_service.model();
        TRY_STATUS(ensure_fonts(model.text_size));
        m_display.new_frame(pass == 0 ? dt : 0.0f);
        ImGui::NewFrame();
        ui::TouchFrame pass_touch = touch;
        if (pass > 0) {
            pass_touch.points.clear();  // the strokes were taken by the first pass too
            pass_touch.tap.reset();
            pass_touch.drag_delta = ImVec2(0, 0);
            pass_touch.fling.reset();
        }
        intents.clear();
        m_ui.frame(pass_touch, model, pass == 0 ? dt : 0.0f, now, intents);
        bool new_glyphs = false;
        auto code_points = m_ui.ui().take_new_code_points();
        for (size_t role = 0; role < code_points.size(); ++role)
            new_glyphs |= m_fonts.add_code_points(int(role), code_points[role], platform::FontAtlas::Glyphs::Passing);
        for (const auto& intent : intents) m_service.apply(intent);
        if (!intents.empty()) m_pending_frames = std::max(m_pending_frames, 2);
        if ((new_glyphs || m_fonts.needs_rebuild()) && pass < 3) {
            ImGui::EndFrame();
            continue;
        }
        ImGui::Render();
        m_display.draw(ImGui::GetDrawData(), ui::palette().background);
        if (present) m_display.present();
        break;
    }
    ++m_frames;
    trace_frame(m_frames);
    m_frame_times_us.push_back(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
    if (m_frame_times_us.size() > 100000) m_frame_times_us.clear();
    if (!m_first_frame_done) {
        m_first_frame_done = true;
        trace_stage(present ? "first frame presented" : "first frame drawn");
    }
    plan_wake();
    return {};
}

bool KioskApp::update_screen_power(int64_t now_ms)
{
    const int second = services::local_second_of_day(m_service.trusted_now_s());
    const bool dark = m_power.state(second / 60, now_ms) == services::ScreenState::OffBySchedule;
    if (dark != m_dark) {
        m_dark = dark;
        if (dark) {
            // Privacy first: whoever lights the screen next must not see the last resident's
            // input (F4), and the touch that lights it marks the idle clock as fresh.
            m_gestures.cancel();
            m_ui.reset();
            m_service.reset_session();
            m_idle.reset_done();
            m_ui.set_attract(true, now_ms);
        }
        m_display.set_screen_dark(dark);
        m_service.set_screen_off(dark);
        if (!dark) m_pending_frames = std::max(m_pending_frames, k_burst_frames);
    }
    if (m_dark) m_pending_frames = 0;
    return m_dark;
}

Result<bool> KioskApp::tick(bool present)
{
    int64_t now = m_clock.monotonic_ms();
    if (m_first_frame_done && update_screen_power(now) && !m_waking_touch) {
        plan_wake();
        return false;
    }
    // A resident listening to 朗读 is there, touch or not: the attract loop and the idle reset wait
    // until the reading ends (a notice longer than reset_after_s would otherwise be cut off).
    if (m_service.model().speech.speaking) m_idle.touched(now);
    switch (m_idle.state(now, m_ui.holds_input())) {
    case services::IdleState::StillThere:
        if (!m_ui.still_there()) {
            m_ui.set_still_there(m_idle.reset_at_ms());
            m_pending_frames = std::max(m_pending_frames, 1);
        }
        break;
    case services::IdleState::Reset:
        // Privacy: the next resident sees nothing of the previous one.
        m_gestures.cancel();
        m_ui.reset();
        m_service.reset_session();
        m_idle.reset_done();
        m_ui.set_attract(true, now);
        m_pending_frames = std::max(m_pending_frames, 1);
        break;
    case services::IdleState::Attract:
        if (!m_ui.attract()) {
            m_ui.set_attract(true, now);
            m_pending_frames = std::max(m_pending_frames, 1);
        }
        break;
    case services::IdleState::Active: break;
    }
    if (wait_ms() != 0) return false;
    TRY_STATUS(render(present));
    if (m_pending_frames > 0) --m_pending_frames;
    return true;
}

int64_t KioskApp::wait_ms() const
{
    // A reply look-up in the background: frames until its answer is on screen.
    if (m_pending_frames > 0 || m_ui.animating() || m_frames == 0 || m_service.busy()) return 0;
    const int64_t now = m_clock.monotonic_ms();
    int64_t wait = m_wake_at_ms < 0 ? -1 : std::max<int64_t>(0, m_wake_at_ms - now);
    // 朗读: the paragraph heard moves on, and the reading ends, without any input. Five frames a
    // second move the highlight within 0.2 s of the voice, at a fraction of continuous drawing.
    // Asked here rather than planned after a frame: a reading may start between frames.
    if (m_service.model().speech.speaking) {
        const int64_t due = std::max<int64_t>(0, m_last_frame_ms + k_speech_frame_ms - now);
        wait = wait < 0 ? due : std::min(wait, due);
    }
    return wait;
}

void KioskApp::plan_wake()
{
    int64_t now = m_clock.monotonic_ms();
    int64_t deadline = -1;
    auto consider = [&](int64_t at) {
        if (at >= 0 && (deadline < 0 || at < deadline)) deadline = at;
    };
    // The clock on screen changes at the next minute.
    consider(now + (60 - m_service.trusted_now_s() % 60) * 1000);
    consider(m_idle.next_deadline_ms(now, m_ui.holds_input()));
    if (int64_t change = m_power.next_change_ms(services::local_second_of_day(m_service.trusted_now_s()), now); change >= 0)
        consider(now + change);
    // A USB update's result panel goes away by itself.
    const services::SyncOverlay& sync = m_service.model().sync;
    if (sync.visible && !sync.running) consider(now + std::max<int64_t>(0, sync.until_s - m_service.trusted_now_s()) * 1000);
    // The pause after wrong receipt codes counts down on screen.
    if (m_service.model().feedback.reply.paused_until_s > m_service.trusted_now_s()) consider(now + 1000);
    if (m_service.model().ballots.paused_until_s > m_service.trusted_now_s()) consider(now + 1000);
    ui::TouchFrame touch;
    touch.pressed = m_gestures.phase() == input::GesturePhase::Pressed;
    touch.press_pos = ImVec2(m_gestures.press_pos().x, m_gestures.press_pos().y);
    touch.pressed_ms = m_gestures.pressed_for_ms(now);
    consider(m_ui.next_deadline_ms(now, touch, m_service.model()));
    m_wake_at_ms = deadline;
}

Status KioskApp::run(platform::EventPump& pump, platform::ServiceManager* manager)
{
    bool announced_ready = false;
    bool reported_dark = false;
    for (;;) {
        int64_t timeout = wait_ms();
        // The watchdog is fed from this loop and nowhere else: if the loop hangs, systemd restarts
        // the kiosk. An idle kiosk wakes just for the ping.
        if (manager) {
            // Real time, not the kiosk's clock: the watchdog measures this process, whatever
            // time the screen shows (a fake clock in tests).
            int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now().time_since_epoch()).count();
            if (!announced_ready && m_first_frame_done) {
                manager->ready("showing content version " + m_service.model().status.content_version);
                announced_ready = true;
            }
            if (announced_ready && m_dark != reported_dark) {
                reported_dark = m_dark;
                manager->status(m_dark ? "screen off by schedule" : "screen on");
            }
            int64_t next_ping = manager->feed_watchdog(now);
            if (next_ping >= 0) timeout = timeout < 0 ? next_ping - now : std::min(timeout, next_ping - now);
        }
        auto events = pump.wait(int(std::min<int64_t>(timeout, 3600 * 1000)));
        for (const auto& e : events) {
            if (e.kind == InputKind::Quit) {
                if (manager) manager->stopping();
                return {};
            }
            if (e.kind == InputKind::Redraw || e.kind == InputKind::Wake) m_pending_frames = std::max(m_pending_frames, 1);
            else {
                // Touches arrive in panel pixels; the UI is laid out upright ([display] rotation).
                Point2 at = m_display.to_logical(e.x, e.y);
                pointer(e.kind, at.x, at.y);
            }
        }
        TRY(tick(true));
        if (m_service.exit_request() != services::ExitRequest::None) return {};
    }
}

}  // namespace linli::kiosk
