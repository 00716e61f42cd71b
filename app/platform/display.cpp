#include "platform/display.hpp"

#include <filesystem>
#include <fstream>

#include "platform/font_texture.hpp"
#include "platform/gles2_backend.hpp"
#include "platform/png_writer.hpp"

#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace linli::platform {

namespace {

// The few GL entry points we call ourselves, fetched from whichever library the context uses.
using GlGetIntegerv = void (*)(unsigned, int*);
using GlGetString = const unsigned char* (*)(unsigned);
using GlReadPixels = void (*)(int, int, int, int, unsigned, unsigned, void*);
using GlViewport = void (*)(int, int, int, int);
using GlClearColor = void (*)(float, float, float, float);
using GlClear = void (*)(unsigned);
using GlPixelStorei = void (*)(unsigned, int);
using GlFinish = void (*)();

constexpr unsigned k_gl_max_texture_size = 0x0D33;
constexpr unsigned k_gl_renderer = 0x1F01;
constexpr unsigned k_gl_rgba = 0x1908;
constexpr unsigned k_gl_unsigned_byte = 0x1401;
constexpr unsigned k_gl_color_buffer_bit = 0x4000;
constexpr unsigned k_gl_pack_alignment = 0x0D05;

template <typename Fn>
Fn gl_proc(const char* name)
{
    return reinterpret_cast<Fn>(SDL_GL_GetProcAddress(name));
}

std::string sdl_error(const char* what)
{
    return std::string("display: ") + what + ": " + SDL_GetError();
}

void set_gl_attributes(GlApi api)
{
    SDL_GL_ResetAttributes();
    if (api == GlApi::DesktopGl3) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    } else {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 2);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    }
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
}

// Turns a finished frame for a rotated screen: every vertex and clip rectangle moves from the
// UI's coordinates to the panel's. Quarter turns keep rectangles axis-aligned, so the renderer's
// scissor clipping still works, and nothing is drawn twice (no render-to-texture pass, which a
// Pi 3 would pay for in fill rate every frame).
void turn_draw_data(ImDrawData* data, const ScreenRotation& rotation)
{
    for (int n = 0; n < data->CmdListsCount; ++n) {
        ImDrawList* list = data->CmdLists[n];
        for (ImDrawVert& v : list->VtxBuffer) {
            Point2 p = rotation.to_physical({v.pos.x, v.pos.y});
            v.pos = ImVec2(p.x, p.y);
        }
        for (ImDrawCmd& cmd : list->CmdBuffer) {
            Point2 a = rotation.to_physical({cmd.ClipRect.x, cmd.ClipRect.y});
            Point2 b = rotation.to_physical({cmd.ClipRect.z, cmd.ClipRect.w});
            cmd.ClipRect = ImVec4(std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y));
        }
    }
    ImVec2 logical = data->DisplaySize;
    data->DisplaySize = rotation.sideways() ? ImVec2(logical.y, logical.x) : logical;
}

}  // namespace

Result<std::unique_ptr<Display>> Display::open(const DisplayOptions& options)
{
    // A kiosk never minimises, never shows a cursor, and treats a touch as a mouse press.
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    // Closing the window (Alt+F4, a window manager) is not quitting: the event pump decides.
    // SIGTERM and SIGINT (systemd, Ctrl-C) still arrive as SDL_QUIT.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    if (options.mode == WindowMode::Offscreen)
        SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "offscreen", SDL_HINT_OVERRIDE);
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return Error::internal(sdl_error("cannot start SDL video"));

    std::unique_ptr<Display> display(new Display());
    display->m_driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "?";
    display->m_driver_can_wait = display->m_driver == "x11" || display->m_driver == "wayland";
    TRY_STATUS(display->init_gl(options));
    SDL_ShowCursor(SDL_DISABLE);
    return display;
}

Status Display::init_gl(const DisplayOptions& options)
{
    int width = options.width > 0 ? options.width : 1920;
    int height = options.height > 0 ? options.height : 1080;
    Uint32 flags = SDL_WINDOW_OPENGL;
    if (options.mode == WindowMode::Fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        SDL_DisplayMode mode;
        if (options.width == 0 && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
            width = mode.w;
            height = mode.h;
        }
    } else if (options.mode == WindowMode::Offscreen) {
        flags |= SDL_WINDOW_HIDDEN;
    }
    m_rotation = options.rotation;
    m_offscreen = options.mode == WindowMode::Offscreen || m_driver == "offscreen";

    std::vector<GlApi> order = {GlApi::DesktopGl3, GlApi::Gles2};
    if (const char* forced = std::getenv("LINLI_GL")) {
        if (std::strcmp(forced, "gles2") == 0) order = {GlApi::Gles2};
        else if (std::strcmp(forced, "gl3") == 0) order = {GlApi::DesktopGl3};
    }
    std::string failures;
    for (GlApi api : order) {
        set_gl_attributes(api);
        m_window = SDL_CreateWindow("Linli", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
        if (!m_window) {
            failures += sdl_error("cannot open a window") + "; ";
            continue;
        }
        m_gl_context = SDL_GL_CreateContext(m_window);
        if (!m_gl_context) {
            failures += sdl_error(api == GlApi::DesktopGl3 ? "no OpenGL 3 context" : "no OpenGL ES 2 context") + "; ";
            SDL_DestroyWindow(m_window);
            m_window = nullptr;
            continue;
        }
        m_api = api;
        break;
    }
    if (!m_gl_context)
        return Error::internal(failures);

    SDL_GL_MakeCurrent(m_window, m_gl_context);
    SDL_GL_SetSwapInterval(options.mode == WindowMode::Offscreen ? 0 : 1);
    SDL_GL_GetDrawableSize(m_window, &m_width, &m_height);

    if (auto get_integer = gl_proc<GlGetIntegerv>("glGetIntegerv"))
        get_integer(k_gl_max_texture_size, &m_max_texture_size);
    if (auto get_string = gl_proc<GlGetString>("glGetString"))
        if (auto name = get_string(k_gl_renderer))
            m_renderer = reinterpret_cast<const char*>(name);

    bool ok = m_api == GlApi::DesktopGl3 ? ImGui_ImplOpenGL3_Init("#version 150")
                                         : ImGui_ImplGLES2_Init("#version 100");
    if (!ok)
        return Error::internal(std::string("display: the ") + api_name() + " renderer did not start");
    m_backend_ready = true;
    // The backend creates its shaders lazily together with an RGBA font texture; do it now and
    // replace that texture by our one-channel one (FontTexture).
    if (m_api == GlApi::DesktopGl3) {
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        ImGui_ImplOpenGL3_DestroyFontsTexture();
    } else {
        ImGui_ImplGLES2_CreateDeviceObjects();
        ImGui_ImplGLES2_DestroyFontsTexture();
    }
    m_font_texture = std::make_unique<FontTexture>();
    return {};
}

Display::~Display()
{
    m_font_texture.reset();
    if (m_backend_ready) {
        if (m_api == GlApi::DesktopGl3) ImGui_ImplOpenGL3_Shutdown();
        else ImGui_ImplGLES2_Shutdown();
    }
    if (m_gl_context) SDL_GL_DeleteContext(m_gl_context);
    if (m_window) SDL_DestroyWindow(m_window);
    SDL_Quit();
}

void Display::new_frame(float dt_s)
{
    SDL_GL_GetDrawableSize(m_window, &m_width, &m_height);
    if (m_api == GlApi::DesktopGl3) ImGui_ImplOpenGL3_NewFrame();
    else ImGui_ImplGLES2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(width()), float(height()));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = dt_s > 0 ? dt_s : 1.0f / 60.0f;
}

void Display::draw(ImDrawData* draw_data, unsigned clear_rgba)
{
    static auto viewport = gl_proc<GlViewport>("glViewport");
    static auto clear_color = gl_proc<GlClearColor>("glClearColor");
    static auto clear = gl_proc<GlClear>("glClear");
    viewport(0, 0, m_width, m_height);
    // ImU32 colours are 0xAABBGGRR.
    clear_color(float(clear_rgba & 0xFF) / 255.0f, float((clear_rgba >> 8) & 0xFF) / 255.0f,
                float((clear_rgba >> 16) & 0xFF) / 255.0f, 1.0f);
    clear(k_gl_color_buffer_bit);
    if (m_rotation != 0) turn_draw_data(draw_data, rotation());
    if (m_api == GlApi::DesktopGl3) ImGui_ImplOpenGL3_RenderDrawData(draw_data);
    else ImGui_ImplGLES2_RenderDrawData(draw_data);
}

void Display::set_screen_dark(bool dark)
{
    if (dark) {
        static auto viewport = gl_proc<GlViewport>("glViewport");
        static auto clear_color = gl_proc<GlClearColor>("glClearColor");
        static auto clear = gl_proc<GlClear>("glClear");
        viewport(0, 0, m_width, m_height);
        clear_color(0, 0, 0, 1);
        clear(k_gl_color_buffer_bit);
        present();
    }
    // FB_BLANK_UNBLANK = 0, FB_BLANK_POWERDOWN = 4. Best effort: many screens have no such file.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/sys/class/backlight", ec)) {
        std::ofstream power(entry.path() / "bl_power");
        if (power) power << (dark ? "4" : "0") << "\n";
    }
}

void Display::present()
{
    SDL_GL_SwapWindow(m_window);
    // Offscreen the "window" is an EGL pbuffer, whose swap does nothing: without a finish,
    // llvmpipe keeps every frame's orphaned vertex buffers queued (seen: +2 MB per frame).
    if (m_offscreen) {
        static auto finish = gl_proc<GlFinish>("glFinish");
        finish();
    }
}

Status Display::write_png(const std::string& path)
{
    auto frame = read_frame();
    if (!frame) return frame.error();
    return write_png_rgba(path, *frame, m_width, m_height);
}

Result<std::vector<uint8_t>> Display::read_frame()
{
    auto read_pixels = gl_proc<GlReadPixels>("glReadPixels");
    auto pixel_store = gl_proc<GlPixelStorei>("glPixelStorei");
    if (!read_pixels || !pixel_store)
        return Error::internal("screenshot: glReadPixels is not available");
    std::vector<uint8_t> pixels(size_t(m_width) * size_t(m_height) * 4);
    pixel_store(k_gl_pack_alignment, 1);
    read_pixels(0, 0, m_width, m_height, k_gl_rgba, k_gl_unsigned_byte, pixels.data());
    // GL's rows start at the bottom; PNG's at the top. The frame is opaque.
    std::vector<uint8_t> flipped(pixels.size());
    size_t row = size_t(m_width) * 4;
    for (int y = 0; y < m_height; ++y)
        std::memcpy(&flipped[size_t(y) * row], &pixels[size_t(m_height - 1 - y) * row], row);
    for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    return flipped;
}

void Display::reload_font_texture()
{
    m_font_texture->upload(m_api == GlApi::Gles2);
}

}  // namespace linli::platform
