// HeadlessFrame: an offscreen display with our fonts and a Ui for widget tests that need a real
// frame (and a screenshot) but not the whole kiosk. Like KioskApp::render, a frame that meets
// new glyphs is drawn again once they are in the atlas.
#pragma once

#include "platform/display.hpp"
#include "platform/font_atlas.hpp"
#include "ui/theme.hpp"
#include "ui/ui.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>

namespace linli::test {

// One offscreen display with our fonts and a Ui, drawing frames from a callback. Smaller than
// the whole kiosk: these tests need a frame, not the app.
struct HeadlessFrame {
    std::unique_ptr<platform::Display> display;
    std::unique_ptr<platform::FontAtlas> fonts;
    ui::Ui ui;
    std::filesystem::path dir;

    // gl: "gl3" or "gles2" forces that API (LINLI_GL); nullptr lets the display choose.
    explicit HeadlessFrame(int width = 1280, int height = 720, const char* gl = nullptr)
    {
        dir = std::filesystem::temp_directory_path() / ("linli-headless-test-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(dir);
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        if (gl) setenv("LINLI_GL", gl, 1);
        platform::DisplayOptions options;
        options.mode = platform::WindowMode::Offscreen;
        options.width = width;
        options.height = height;
        auto d = platform::Display::open(options);
        if (gl) unsetenv("LINLI_GL");
        REQUIRE(d.has_value());
        display = std::move(d.value());
        auto f = platform::FontAtlas::open();
        REQUIRE(f.has_value());
        fonts = std::move(f.value());
        // Fonts ready before the first frame, so layouts can be measured straight away.
        fonts->set_sizes(ui::font_sizes_px(mm_per_px(), TextSize::Standard, fonts->cap_height_ratio()));
        REQUIRE(fonts->rebuild(display->max_texture_size()).has_value());
        display->reload_font_texture();
    }
    ~HeadlessFrame()
    {
        fonts.reset();
        display.reset();
        ImGui::DestroyContext();
        std::filesystem::remove_all(dir);
    }
    // A 21.5" panel of the window's resolution, unless the test set the pixel's size (a taller
    // window for a longer page, with the lobby's pixels).
    float mm_per_px() const { return m_mm_per_px > 0 ? m_mm_per_px : ui::mm_per_px(display->width(), display->height(), 21.5); }
    void set_mm_per_px(float mm) { m_mm_per_px = mm; }
    float m_mm_per_px = 0;
    float scale() const { return ui::screen_scale(mm_per_px()); }

    // Draws one frame (again, until every glyph it uses is in the atlas) into the back buffer.
    void frame(const std::function<void(ui::Ui&)>& draw)
    {
        fonts->set_sizes(ui::font_sizes_px(mm_per_px(), TextSize::Standard, fonts->cap_height_ratio()));
        for (int pass = 0;; ++pass) {
            if (fonts->needs_rebuild()) {
                REQUIRE(fonts->rebuild(display->max_texture_size()).has_value());
                display->reload_font_texture();
                ui.invalidate_layouts();
            }
            display->new_frame(1.0f / 60);
            ImGui::NewFrame();
            ui.begin(ui::TouchFrame{}, mm_per_px(), Language::Chinese, 1.0f / 60);
            draw(ui);
            ui.end();
            bool new_glyphs = false;
            auto code_points = ui.take_new_code_points();
            for (size_t role = 0; role < code_points.size(); ++role)
                new_glyphs |= fonts->add_code_points(int(role), code_points[role]);
            if (new_glyphs && pass < 3) {
                ImGui::EndFrame();
                continue;
            }
            ImGui::Render();
            display->draw(ImGui::GetDrawData(), ui::palette().background);
            return;
        }
    }

    // Draws one frame; returns what body returned on the final pass.
    float frame_value(const std::function<float()>& body)
    {
        float result = 0;
        frame([&](ui::Ui&) { result = body(); });
        return result;
    }

    bool has_text(const std::string& text) const
    {
        for (const auto& t : ui.texts())
            if (t.label == text) return true;
        return false;
    }
};

}  // namespace linli::test
