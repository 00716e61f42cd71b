// KioskUi: the whole touch UI of one kiosk: which screen is showing, the page frame, the attract
// loop when idle, and the hidden long-press that opens the admin panel. The composition root
// calls frame() between ImGui's NewFrame and Render and hands the intents to KioskService.
#pragma once

#include "core/result.hpp"
#include "services/app_model.hpp"
#include "ui/screen.hpp"
#include "ui/ui.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace linli::ui {

class KioskUi {
public:
    static constexpr int64_t k_attract_slide_ms = 8000;
    static constexpr int64_t k_admin_press_ms = 3000;

    // Shows the screen NAME of INTERFACES.md §2; a rejected error for names it does not know.
    Status go_to(std::string_view name);
    const Route& route() const { return m_route; }

    // Draws one frame. monotonic_ms drives the attract loop's slides.
    void frame(const TouchFrame& touch, const services::AppModel& model, float dt_s, int64_t monotonic_ms,
               std::vector<services::Intent>& intents);
    void set_attract(bool on, int64_t monotonic_ms);
    bool attract() const { return m_attract; }
    // "还在吗？": the screen is hidden behind a panel counting down to reset_at_ms with a large 继续;
    // any touch ends it (and does nothing else). Off after reset().
    void set_still_there(int64_t reset_at_ms) { m_still_there_until_ms = reset_at_ms; }
    bool still_there() const { return m_still_there_until_ms >= 0; }
    // Whether the screen shown holds input the resident has not sent.
    bool holds_input() const;
    // Prepares the glyphs of the content's text (titles at heading and title sizes, bodies at
    // body size), so opening a notice does not rebuild the glyph atlas while a resident waits.
    void prepare_content_text(const services::AppModel& model);
    // Idle reset: home, every screen's input wiped, scroll positions forgotten.
    void reset();
    // True while something moves (a fling): keep drawing frames.
    // Also true after a frame in which a screen moved on by itself (a timed return to a list), so
    // the next screen is drawn without waiting for a touch.
    bool animating() const { return m_ui.animating() || m_moved_on; }
    // The next moment the UI needs a frame without input (attract slide, long-press), or -1.
    int64_t next_deadline_ms(int64_t monotonic_ms, const TouchFrame& touch, const services::AppModel& model) const;
    Ui& ui() { return m_ui; }

    // Size of the hidden corner that opens the admin panel on a long press.
    static Rect admin_corner(const Ui& ui);

private:
    Screen& screen(const std::string& name);
    void navigate(const Route& to, const services::AppModel& model, std::vector<services::Intent>& intents);
    void draw_attract(const services::AppModel& model, int64_t monotonic_ms);
    void draw_still_there(int64_t monotonic_ms);

    Ui m_ui;
    Route m_route{"home", ""};
    std::map<std::string, std::unique_ptr<Screen>> m_screens;
    bool m_attract = false;
    int64_t m_attract_started_ms = 0;
    bool m_swallow_touch = false;  // the touch that ended the attract loop or opened admin
    int64_t m_still_there_until_ms = -1;  // "还在吗？" shown, counting down to this; -1 off
    bool m_moved_on = false;  // the last frame navigated: draw the new screen
};

}  // namespace linli::ui
