// The glyph atlas and the fonts it is built from (moved from tests/kiosk so tests mirror app/),
// and the offscreen display: its size turned with the picture, and the frame it reads back.
#include "platform/display.hpp"
#include "platform/font_atlas.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cstdlib>
#include <vector>

using namespace linli;

namespace {

// Each test brings its own ImGui context (the atlas and the display need one).
struct ImGuiContextScope {
    ImGuiContextScope()
    {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
    }
    ~ImGuiContextScope() { ImGui::DestroyContext(); }
};

}  // namespace

TEST_CASE("a glyph atlas too big for the GPU cuts back the largest sizes instead of stopping", "[platform]")
{
    ImGuiContextScope imgui;
    auto fonts = platform::FontAtlas::open();
    REQUIRE(fonts.has_value());
    // The kiosk's five sizes at 特大 on a 1080p panel, 3,000 ideographs in the two largest.
    (*fonts)->set_sizes({46, 54, 60, 66, 110});
    std::vector<char32_t> many;
    for (char32_t c = 0x4E00; c < 0x4E00 + 3000; ++c) many.push_back(c);
    (*fonts)->add_code_points(3, many);
    (*fonts)->add_code_points(4, many);
    REQUIRE((*fonts)->rebuild(1024).has_value());
    CHECK((*fonts)->trimmed_sizes() >= 1);
    CHECK((*fonts)->texture_width() <= 1024);
    CHECK((*fonts)->texture_height() <= 1024);
}

TEST_CASE("glyphs seen in passing (what residents type) are dropped as a whole, the lasting ones stay", "[platform]")
{
    ImGuiContextScope imgui;
    auto fonts = platform::FontAtlas::open();
    REQUIRE(fonts.has_value());
    (*fonts)->set_sizes({30, 36});
    std::vector<char32_t> board = {U'意', U'见', U'箱', U'公', U'告'};
    CHECK((*fonts)->add_code_points(0, board));
    REQUIRE((*fonts)->rebuild(2048).has_value());
    const size_t lasting = (*fonts)->glyph_count();
    std::vector<char32_t> typed;
    for (char32_t c = 0x4E00; c < 0x4E00 + 3000; ++c) typed.push_back(c);
    CHECK((*fonts)->add_code_points(0, typed, platform::FontAtlas::Glyphs::Passing));
    CHECK((*fonts)->passing_count() > 2990);  // 见 and 意 were lasting already... and a few more
    (*fonts)->forget_passing();
    CHECK((*fonts)->passing_count() == 0);
    REQUIRE((*fonts)->rebuild(2048).has_value());
    CHECK((*fonts)->glyph_count() == lasting);
    // The board's characters were not forgotten with them.
    CHECK_FALSE((*fonts)->add_code_points(0, board));
}

TEST_CASE("fonts: WQY MicroHei serves alone when Noto is missing, no Chinese font is a clear error", "[platform]")
{
    ImGuiContextScope imgui;
    setenv("LINLI_FONT_DIR", "/usr/share/fonts/truetype/wqy", 1);
    auto wqy = platform::FontAtlas::open();
    REQUIRE(wqy.has_value());
    CHECK(wqy.value()->primary_face().path.find("wqy-microhei") != std::string::npos);
    wqy.value()->set_sizes({32});
    std::vector<char32_t> text = {U'社', U'区'};
    wqy.value()->add_code_points(0, text);
    CHECK(wqy.value()->rebuild(2048).has_value());
    wqy.value().reset();

    setenv("LINLI_FONT_DIR", "/nonexistent", 1);
    auto none = platform::FontAtlas::open();
    unsetenv("LINLI_FONT_DIR");
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().message.find("install fonts-noto-cjk") != std::string::npos);
}

TEST_CASE("display: an offscreen panel hung upright lays out tall, and reads back the frame it drew", "[platform]")
{
    ImGuiContextScope imgui;
    platform::DisplayOptions options;
    options.mode = platform::WindowMode::Offscreen;
    options.width = 640;
    options.height = 360;
    options.rotation = 90;
    auto display = platform::Display::open(options);
    REQUIRE(display.has_value());
    CHECK((*display)->width() == 360);
    CHECK((*display)->height() == 640);
    CHECK((*display)->max_texture_size() >= 2048);
    auto fonts = platform::FontAtlas::open();
    REQUIRE(fonts.has_value());
    (*fonts)->set_sizes({24});
    REQUIRE((*fonts)->rebuild((*display)->max_texture_size()).has_value());
    (*display)->reload_font_texture();

    // One frame: a white square in the UI's top left corner, over the warm paper background.
    (*display)->new_frame(1.0f / 60);
    ImGui::NewFrame();
    ImGui::GetBackgroundDrawList()->AddRectFilled({0, 0}, {40, 40}, IM_COL32(255, 255, 255, 255));
    ImGui::Render();
    (*display)->draw(ImGui::GetDrawData(), IM_COL32(246, 243, 236, 255));
    auto frame = (*display)->read_frame();
    REQUIRE(frame.has_value());
    // Read back as the panel holds it: 640 wide, 360 tall, four bytes a pixel.
    REQUIRE(frame->size() == size_t(640) * 360 * 4);
    auto pixel = [&](int x, int y) { return &(*frame)[(size_t(y) * 640 + size_t(x)) * 4]; };
    const uint8_t* paper = pixel(320, 180);
    CHECK((int(paper[0]) == 246 && int(paper[1]) == 243 && int(paper[2]) == 236));
    // Turned a quarter clockwise, the UI's top left corner is the panel's top right.
    const uint8_t* square = pixel(630, 10);
    CHECK((int(square[0]) == 255 && int(square[1]) == 255 && int(square[2]) == 255));
    const uint8_t* other_corner = pixel(10, 10);
    CHECK(int(other_corner[2]) == 236);
}
