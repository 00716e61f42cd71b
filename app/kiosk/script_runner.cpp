#include "kiosk/script_runner.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace linli::kiosk {

using input::ScriptOp;
using platform::InputKind;

ScriptRunner::ScriptRunner(KioskApp& app, FakeClock& clock, std::string file_name)
    : m_app(app), m_clock(clock), m_file_name(std::move(file_name))
{
}

Status ScriptRunner::fail(const input::ScriptCommand& command, const std::string& what) const
{
    return Error::rejected("script: " + m_file_name + ":" + std::to_string(command.line) + ": " + what);
}

Status ScriptRunner::advance(int64_t ms)
{
    int64_t remaining = ms;
    while (remaining > 0) {
        TRY(m_app.tick(true));
        int64_t wait = m_app.wait_ms();
        int64_t step = wait < 0 ? remaining : std::clamp<int64_t>(wait, 1, remaining);
        if (wait == 0) step = std::min<int64_t>(k_frame_ms, remaining);
        m_clock.advance_ms(step);
        remaining -= step;
    }
    TRY(m_app.tick(true));
    return {};
}

Status ScriptRunner::settle()
{
    for (int64_t spent = 0; spent < 30000 && m_app.wait_ms() == 0; spent += k_frame_ms) {
        TRY(m_app.tick(true));
        if (m_app.wait_ms() == 0) m_clock.advance_ms(k_frame_ms);
    }
    return {};
}

Status ScriptRunner::tap_at(float x, float y, int64_t hold_ms)
{
    m_app.pointer(InputKind::PointerDown, x, y);
    TRY_STATUS(advance(hold_ms));
    m_app.pointer(InputKind::PointerUp, x, y);
    return settle();
}

// One finger stroke on the handwriting box: the path in the box's 0-1000 coordinates, moved along
// at an even speed over c.ms with a touch screen's sampling (a point every 8 ms), then lifted;
// then what the resident waits for (the recognition, the new candidates) is on screen.
Status ScriptRunner::stroke(const input::ScriptCommand& c)
{
    const auto& box = m_app.ui().ui().writing_box();
    if (!box) return fail(c, "no handwriting box on screen (tap \"手写\" first)");
    auto at = [&](input::ScriptPoint p) {
        return ImVec2(box->x0 + p.x / 1000.0f * box->width(), box->y0 + p.y / 1000.0f * box->height());
    };
    std::vector<float> along{0};  // arc length at each point
    for (size_t i = 1; i < c.points.size(); ++i)
        along.push_back(along.back() + std::hypot(c.points[i].x - c.points[i - 1].x, c.points[i].y - c.points[i - 1].y));
    const ImVec2 first = at(c.points.front());
    m_app.pointer(InputKind::PointerDown, first.x, first.y);
    constexpr int64_t k_sample_ms = 8;
    const int64_t samples = std::max<int64_t>(1, c.ms / k_sample_ms);
    size_t segment = 1;
    for (int64_t i = 1; i <= samples; ++i) {
        TRY_STATUS(advance(std::max<int64_t>(1, c.ms / samples)));
        if (c.points.size() < 2) continue;
        const float target = along.back() * float(i) / float(samples);
        while (segment + 1 < c.points.size() && along[segment] < target) ++segment;
        const float length = along[segment] - along[segment - 1];
        const float t = length > 0 ? std::clamp((target - along[segment - 1]) / length, 0.0f, 1.0f) : 1.0f;
        const input::ScriptPoint a = c.points[segment - 1], b = c.points[segment];
        const ImVec2 pos = at({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
        m_app.pointer(InputKind::PointerMove, pos.x, pos.y);
    }
    const ImVec2 last = at(c.points.back());
    m_app.pointer(InputKind::PointerUp, last.x, last.y);
    const auto lifted = std::chrono::steady_clock::now();
    TRY(m_app.tick(true));  // the frame that recognises the strokes and draws the candidates
    m_stroke_to_candidates_us.push_back(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - lifted).count());
    return settle();
}

Status ScriptRunner::run(const std::vector<input::ScriptCommand>& commands)
{
    TRY_STATUS(settle());
    for (const auto& command : commands) TRY_STATUS(run_one(command));
    return {};
}

bool ScriptRunner::on_screen(const std::string& text) const
{
    auto& ui = m_app.ui().ui();
    for (const auto& t : ui.texts())
        if (t.label.find(text) != std::string::npos) return true;
    for (const auto& control : ui.controls())
        if (control.label.find(text) != std::string::npos) return true;
    return false;
}

Status ScriptRunner::run_one(const input::ScriptCommand& c)
{
    auto& ui = m_app.ui().ui();
    switch (c.op) {
    case ScriptOp::Tap: {
        for (const auto& control : ui.controls())
            if (control.label == c.text) return tap_at(control.rect.center().x, control.rect.center().y, 60);
        std::string seen;
        for (const auto& control : ui.controls())
            if (seen.size() < 400) seen += (seen.empty() ? "\"" : ", \"") + control.label + "\"";
        return fail(c, "no control labelled \"" + c.text + "\" on screen (there are: " + seen + ")");
    }
    case ScriptOp::TapXY: return tap_at(c.x1, c.y1, 60);
    case ScriptOp::LongPress: return tap_at(c.x1, c.y1, c.ms);
    case ScriptOp::Drag: {
        m_app.pointer(InputKind::PointerDown, c.x1, c.y1);
        int64_t steps = std::max<int64_t>(1, c.ms / k_frame_ms);
        for (int64_t i = 1; i <= steps; ++i) {
            float t = float(i) / float(steps);
            TRY_STATUS(advance(std::max<int64_t>(1, c.ms / steps)));
            m_app.pointer(InputKind::PointerMove, c.x1 + (c.x2 - c.x1) * t, c.y1 + (c.y2 - c.y1) * t);
        }
        m_app.pointer(InputKind::PointerUp, c.x2, c.y2);
        return settle();
    }
    case ScriptOp::Wait: return advance(c.ms);
    case ScriptOp::Stroke: return stroke(c);
    case ScriptOp::AdvanceClock: {
        // The clock jumps; the loop notices on its next turn, as it would after a suspend.
        m_clock.advance_ms(c.ms);
        TRY(m_app.tick(true));
        return settle();
    }
    case ScriptOp::Type: {
        size_t pos = 0;
        while (pos < c.text.size()) {
            std::string key;
            append_utf8(key, decode_utf8(c.text, pos));
            const ui::Control* found = nullptr;
            for (const auto& control : ui.controls())
                if (control.label == key) found = &control;
            if (!found) return fail(c, "no on-screen key \"" + key + "\" to type");
            TRY_STATUS(tap_at(found->rect.center().x, found->rect.center().y, 60));
        }
        return {};
    }
    case ScriptOp::Expect:
        if (on_screen(c.text)) return {};
        return fail(c, "expected text \"" + c.text + "\" is not on screen");
    case ScriptOp::ExpectNot:
        if (!on_screen(c.text)) return {};
        return fail(c, "text \"" + c.text + "\" is on screen but should not be");
    case ScriptOp::Screenshot: {
        TRY_STATUS(m_app.render(false));
        auto written = m_app.display().write_png(c.text);
        // Presenting lets the GL driver retire the frame (llvmpipe keeps unpresented work).
        m_app.display().present();
        if (!written) return fail(c, written.error().message);
        return {};
    }
    }
    return fail(c, "unknown command");
}

}  // namespace linli::kiosk
