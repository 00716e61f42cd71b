// EventPump: turns SDL events into the few kinds of input the kiosk cares about, and waits for
// them without spinning. Drivers that cannot block (offscreen, kmsdrm) are polled every
// k_poll_interval_ms instead of SDL's 1 ms loop, which keeps an idle kiosk near 0% CPU while
// still waking within one frame of a touch.
#pragma once

#include <cstdint>
#include <vector>

namespace linli::platform {

enum class InputKind { PointerDown, PointerMove, PointerUp, Wake, Quit, Redraw };

struct InputEvent {
    InputKind kind;
    float x = 0;
    float y = 0;
};

class EventPump {
public:
    static constexpr int k_poll_interval_ms = 10;

    // window_close_quits: a development window closes the app; the fullscreen kiosk ignores
    // window-close requests, so it cannot be left from the screen (SECURITY.md D5).
    EventPump(bool driver_can_wait, bool window_close_quits);
    // Blocks until at least one event arrives or timeout_ms passes (-1: no timeout), then
    // returns everything that is queued.
    std::vector<InputEvent> wait(int timeout_ms);
    // Returns what is queued without blocking.
    std::vector<InputEvent> poll();
    // Thread-safe: wakes a waiting main loop (workers call this after posting a result).
    static void post_wake();

private:
    bool m_driver_can_wait;
    bool m_window_close_quits;
    bool m_pointer_down = false;
};

}  // namespace linli::platform
