// ScriptRunner: replays a UI script (INTERFACES.md §2) against a headless kiosk on a fake clock,
// the way a resident would use it: taps and drags go through the same gesture code as real
// touches, and simulated time passes through the same event-loop decisions (so a `wait` of a
// minute with nothing moving draws no frames).
#pragma once

#include "core/clock.hpp"
#include "input/ui_script.hpp"
#include "kiosk/kiosk_app.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace linli::kiosk {

class ScriptRunner {
public:
    static constexpr int64_t k_frame_ms = 16;

    ScriptRunner(KioskApp& app, FakeClock& clock, std::string file_name);
    // Runs every command; the first failure is returned as "script: FILE:LINE: ...".
    Status run(const std::vector<input::ScriptCommand>& commands);
    // For each `stroke`: from the finger lifting to the end of the frame that shows the new
    // candidates (the recognition, the glyphs they need, the drawing), in microseconds.
    const std::vector<int64_t>& stroke_to_candidates_us() const { return m_stroke_to_candidates_us; }
    // Lets simulated time pass, as the event loop would spend it.
    Status advance(int64_t ms);
    // Runs the loop until nothing is pending or moving (at most 30 s of simulated time).
    Status settle();

private:
    Status run_one(const input::ScriptCommand& command);
    Status tap_at(float x, float y, int64_t hold_ms);
    Status stroke(const input::ScriptCommand& command);
    Status fail(const input::ScriptCommand& command, const std::string& what) const;
    // Some text drawn or some control's label in the last frame contains text.
    bool on_screen(const std::string& text) const;

    KioskApp& m_app;
    FakeClock& m_clock;
    std::string m_file_name;
    std::vector<int64_t> m_stroke_to_candidates_us;
};

}  // namespace linli::kiosk
