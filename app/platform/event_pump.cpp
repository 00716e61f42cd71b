#include "platform/event_pump.hpp"

#include <SDL.h>

#include <algorithm>

namespace linli::platform {

namespace {

Uint32 wake_event_type()
{
    static Uint32 type = SDL_RegisterEvents(1);
    return type;
}

}  // namespace

EventPump::EventPump(bool driver_can_wait, bool window_close_quits)
    : m_driver_can_wait(driver_can_wait), m_window_close_quits(window_close_quits)
{
    wake_event_type();
    // Nothing here needs text input or key repeat; touches arrive as mouse events.
    SDL_StopTextInput();
}

void EventPump::post_wake()
{
    SDL_Event event{};
    event.type = wake_event_type();
    SDL_PushEvent(&event);
}

std::vector<InputEvent> EventPump::poll()
{
    std::vector<InputEvent> events;
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.button != SDL_BUTTON_LEFT) break;
            m_pointer_down = true;
            events.push_back({InputKind::PointerDown, float(e.button.x), float(e.button.y)});
            break;
        case SDL_MOUSEMOTION:
            // No hover on a touch screen: only movement of a pressed finger matters.
            if (m_pointer_down) events.push_back({InputKind::PointerMove, float(e.motion.x), float(e.motion.y)});
            break;
        case SDL_MOUSEBUTTONUP:
            if (e.button.button != SDL_BUTTON_LEFT || !m_pointer_down) break;
            m_pointer_down = false;
            events.push_back({InputKind::PointerUp, float(e.button.x), float(e.button.y)});
            break;
        case SDL_QUIT:
            events.push_back({InputKind::Quit});
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_EXPOSED || e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
                events.push_back({InputKind::Redraw});
            else if (e.window.event == SDL_WINDOWEVENT_CLOSE && m_window_close_quits)
                events.push_back({InputKind::Quit});
            break;
        default:
            if (e.type == wake_event_type()) events.push_back({InputKind::Wake});
            break;
        }
    }
    return events;
}

std::vector<InputEvent> EventPump::wait(int timeout_ms)
{
    if (m_driver_can_wait) {
        // A null event waits without taking the event off the queue.
        if (timeout_ms < 0) SDL_WaitEvent(nullptr);
        else SDL_WaitEventTimeout(nullptr, timeout_ms);
        return poll();
    }
    Uint64 start = SDL_GetTicks64();
    for (;;) {
        auto events = poll();
        if (!events.empty()) return events;
        Uint64 waited = SDL_GetTicks64() - start;
        if (timeout_ms >= 0 && waited >= Uint64(timeout_ms)) return events;
        Uint64 remaining = timeout_ms < 0 ? k_poll_interval_ms : Uint64(timeout_ms) - waited;
        SDL_Delay(Uint32(std::min<Uint64>(remaining, k_poll_interval_ms)));
    }
}

}  // namespace linli::platform
