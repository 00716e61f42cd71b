// A whole kiosk on a headless display with a fake clock: the service, the app, a script runner.
// Tests drive it as a resident would (scripts, taps) and look at what the Ui recorded.
#pragma once

#include "core/clock.hpp"
#include "kiosk/kiosk_app.hpp"
#include "kiosk/script_runner.hpp"
#include "platform/display.hpp"
#include "platform/font_atlas.hpp"
#include "services/content_source.hpp"
#include "services/kiosk_config.hpp"
#include "services/kiosk_service.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>

namespace linli::test {

// 2026-11-25 10:00:01 Beijing time: a minute has just begun, so 30 s pass without a clock change.
inline constexpr int64_t k_start_ms = 1795572001000;

// A kiosk showing the demo board (the full one: tasks, ledger, nine categories).
inline std::unique_ptr<services::KioskService> demo_kiosk(const services::KioskConfig& config, const std::string& dir,
                                                   const Clock& clock)
{
    auto opened = services::KioskService::open(config, dir, clock,
                                               services::load_demo(services::default_demo_dir(), clock.now_s()));
    REQUIRE(opened);
    return std::move(*opened);
}

struct HeadlessKiosk {
    std::filesystem::path dir;
    FakeClock clock{k_start_ms, 0};
    std::unique_ptr<platform::Display> display;
    std::unique_ptr<platform::FontAtlas> fonts;
    std::unique_ptr<services::KioskService> service;
    std::unique_ptr<kiosk::KioskApp> app;
    std::unique_ptr<kiosk::ScriptRunner> runner;

    using ServiceFactory = std::function<std::unique_ptr<services::KioskService>(const std::string& dir, const Clock&)>;

    explicit HeadlessKiosk(ServiceFactory open_service = {}, int rotation = 0, int width = 1280, int height = 720)
    {
        dir = std::filesystem::temp_directory_path() / ("linli-kiosk-test-" + std::to_string(std::random_device{}()));
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        platform::DisplayOptions options;
        options.mode = platform::WindowMode::Offscreen;
        options.width = width;
        options.height = height;
        options.rotation = rotation;
        auto d = platform::Display::open(options);
        REQUIRE(d.has_value());
        display = std::move(d.value());
        auto f = platform::FontAtlas::open();
        REQUIRE(f.has_value());
        fonts = std::move(f.value());
        if (open_service) {
            service = open_service(dir.string(), clock);
        } else {
            auto s = services::KioskService::open(services::default_kiosk_config(), dir.string(), clock);
            REQUIRE(s.has_value());
            service = std::move(s.value());
        }
        app = std::make_unique<kiosk::KioskApp>(*display, *fonts, *service, clock);
        runner = std::make_unique<kiosk::ScriptRunner>(*app, clock, "test");
        REQUIRE(runner->settle().has_value());
    }
    ~HeadlessKiosk()
    {
        if (service) service->attach_sync(nullptr);
        runner.reset();
        app.reset();
        service.reset();
        fonts.reset();
        display.reset();
        ImGui::DestroyContext();
        std::filesystem::remove_all(dir);
    }
    bool shows(const std::string& text)
    {
        for (const auto& t : app->ui().ui().texts())
            if (t.label.find(text) != std::string::npos) return true;
        return false;
    }
    const ui::Control* control(const std::string& label)
    {
        for (const auto& c : app->ui().ui().controls())
            if (c.label == label) return &c;
        return nullptr;
    }
};


}  // namespace linli::test
