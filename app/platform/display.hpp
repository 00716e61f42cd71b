// Display: the SDL2 window, its GL context and Dear ImGui's renderer backend. Picks desktop
// OpenGL 3 when it can and falls back to OpenGL ES 2 (the Raspberry Pi 3); LINLI_GL=gles2 or
// LINLI_GL=gl3 forces one. Also reads back frames for --screenshot.
#pragma once

#include "core/result.hpp"
#include "core/screen_rotation.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Window;

namespace linli::platform {
class FontTexture;
}
struct ImDrawData;

namespace linli::platform {

enum class GlApi { DesktopGl3, Gles2 };
enum class WindowMode {
    Fullscreen,  // the kiosk: native size, no chrome, no cursor
    Windowed,    // development and preview: a normal window of the given size
    Offscreen,   // screenshots and scripts: a hidden window (SDL's offscreen driver)
};

struct DisplayOptions {
    WindowMode mode = WindowMode::Fullscreen;
    int width = 0;   // 0: the display's native size (fullscreen) or 1920x1080
    int height = 0;
    // [display] rotation: clockwise quarter turns given to the picture, for a screen mounted in
    // portrait or upside down. width/height above stay the panel's own (physical) size.
    int rotation = 0;
};

class Display {
public:
    // Initialises SDL video (and only video, so waiting for events does not turn into polling),
    // opens the window and a GL context, and initialises the ImGui renderer. Needs an ImGui context.
    static Result<std::unique_ptr<Display>> open(const DisplayOptions& options);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    // The size the UI is laid out in: the panel's size, swapped when the picture is turned sideways.
    int width() const { return rotation().logical_width(); }
    int height() const { return rotation().logical_height(); }
    ScreenRotation rotation() const { return ScreenRotation(m_rotation, m_width, m_height); }
    // A touch on panel pixel (x, y), in the UI's coordinates. SDL names the whole pixel touched;
    // its centre is mapped, so the panel's pixel 0 becomes the UI's pixel 0 and not the far edge
    // (w - 0 = w, just off the screen) when the picture is turned.
    Point2 to_logical(float x, float y) const { return rotation().to_logical({x + 0.5f, y + 0.5f}); }
    GlApi api() const { return m_api; }
    const char* api_name() const { return m_api == GlApi::DesktopGl3 ? "OpenGL 3" : "OpenGL ES 2"; }
    const std::string& renderer_name() const { return m_renderer; }
    const std::string& video_driver() const { return m_driver; }
    // Largest texture the GPU takes (the font atlas must fit).
    int max_texture_size() const { return m_max_texture_size; }
    // True when SDL can block in SDL_WaitEventTimeout (x11, wayland); otherwise the event
    // loop polls gently (offscreen, kmsdrm).
    bool driver_can_wait() const { return m_driver_can_wait; }

    // Backend and ImGui per-frame set-up: display size and time step.
    void new_frame(float dt_s);
    // Draws the finished ImGui frame into the back buffer over clear_rgba (does not present).
    void draw(ImDrawData* draw_data, unsigned clear_rgba);
    // Shows the back buffer.
    void present();
    // The screen-off schedule: a black frame, and the backlight off where the kernel exposes one
    // we may write (/sys/class/backlight/*/bl_power; needs the udev rule of the package). on=true
    // turns the backlight back on; the next drawn frame replaces the black one.
    void set_screen_dark(bool dark);
    // Reads the back buffer (after draw, before present) into a PNG file.
    Status write_png(const std::string& path);
    // The frame drawn last, RGBA rows from the top (opaque), as write_png saves it.
    Result<std::vector<uint8_t>> read_frame();
    // Uploads the font atlas again after it was rebuilt.
    void reload_font_texture();

private:
    Display() = default;
    Status init_gl(const DisplayOptions& options);

    SDL_Window* m_window = nullptr;
    void* m_gl_context = nullptr;
    GlApi m_api = GlApi::DesktopGl3;
    int m_width = 0;   // the drawable, in panel pixels
    int m_height = 0;
    int m_rotation = 0;
    int m_max_texture_size = 0;
    bool m_driver_can_wait = false;
    bool m_backend_ready = false;
    bool m_offscreen = false;
    std::string m_renderer;
    std::string m_driver;
    std::unique_ptr<FontTexture> m_font_texture;
};

}  // namespace linli::platform
