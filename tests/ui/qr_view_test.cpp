// QR codes and image textures drawn into a real headless frame (offscreen GL, llvmpipe): the
// screenshot is decoded with zbar and each URL must come back byte for byte; an uploaded image
// must land on the exact pixels it was drawn to, on desktop GL 3 and on OpenGL ES 2.
#include "platform/display.hpp"
#include "platform/font_atlas.hpp"
#include "platform/image_texture.hpp"
#include "ui/qr_view.hpp"
#include "ui/theme.hpp"
#include "ui/ui.hpp"

#include "../support/headless_frame.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <png.h>
#include <zbar.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace linli;
using test::HeadlessFrame;

namespace {

struct Image {
    int width = 0, height = 0, channels = 0;
    std::vector<uint8_t> pixels;
    const uint8_t* at(int x, int y) const { return &pixels[(size_t(y) * size_t(width) + size_t(x)) * size_t(channels)]; }
};

// Reads a PNG as 8-bit grey (zbar's Y800) or RGBA.
Image read_png(const std::filesystem::path& path, bool grey)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, path.c_str()));
    image.format = grey ? PNG_FORMAT_GRAY : PNG_FORMAT_RGBA;
    Image out{int(image.width), int(image.height), grey ? 1 : 4, {}};
    out.pixels.resize(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr));
    return out;
}

Image crop(const Image& image, const ui::Rect& r)
{
    int x0 = std::max(0, int(r.x0)), y0 = std::max(0, int(r.y0));
    int x1 = std::min(image.width, int(r.x1)), y1 = std::min(image.height, int(r.y1));
    Image out{x1 - x0, y1 - y0, image.channels, {}};
    for (int y = y0; y < y1; ++y)
        out.pixels.insert(out.pixels.end(), image.at(x0, y), image.at(x0, y) + size_t(x1 - x0) * size_t(image.channels));
    return out;
}

// Every QR symbol zbar finds, as raw bytes (ZBAR_CFG_BINARY: no guessing at text encodings).
std::vector<std::string> zbar_decode(const Image& grey)
{
    REQUIRE(grey.channels == 1);
    using namespace zbar;  // zbar.h wraps its C API in a namespace when compiled as C++
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    zbar_image_t* image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, unsigned(grey.width), unsigned(grey.height));
    zbar_image_set_data(image, grey.pixels.data(), grey.pixels.size(), nullptr);
    zbar_scan_image(scanner, image);
    std::vector<std::string> found;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(image); s; s = zbar_symbol_next(s))
        found.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    zbar_image_destroy(image);
    zbar_image_scanner_destroy(scanner);
    return found;
}

// Where test screenshots are kept for a person to look at.
std::filesystem::path screenshot_path(const std::string& name)
{
    std::filesystem::path dir = std::filesystem::path(LINLI_BINARY_DIR) / "tests" / "kiosk" / "out";
    std::filesystem::create_directories(dir);
    return dir / name;
}

const std::vector<std::string> k_urls = {
    "https://Example.org/Sign-Up?Form=AbC123&lang=zh-CN",
    "https://linli.example.cn/recruit/huanjing-zu?id=42&ref=Kiosk#Apply",
    "https://example.com/%E7%8E%AF%E5%A2%83%E7%BB%84/%E6%8A%A5%E5%90%8D?q=%e6%8a%a5&X=Y",
    "https://例子.测试/环境组/报名?姓名=张三&电话=",
    "HTTPS://EXAMPLE.ORG/ABC-123",
    "https://forms.example.org/s/2026-Recruitment/EnvironmentGroup?utm_source=kiosk&utm_medium=QR"
    "&building=7&unit=2&returnTo=https%3A%2F%2Flinli.example.cn%2Fthanks%3Fa%3D1%26B%3D2&sig=aZ09-_~.Qx",
};

}  // namespace

TEST_CASE("QR codes in a headless frame decode back to each URL byte for byte", "[ui][qr]")
{
    HeadlessFrame f;
    ui::QrView qr;
    const int columns = 3, rows = 2;
    std::vector<ui::Rect> cells, drawn(k_urls.size());
    float cell_w = float(f.display->width()) / columns, cell_h = float(f.display->height()) / rows;
    for (size_t i = 0; i < k_urls.size(); ++i) {
        float x = float(i % columns) * cell_w, y = float(i / columns) * cell_h;
        cells.push_back({x, y, x + cell_w, y + cell_h});
    }
    for (int repeat = 0; repeat < 3; ++repeat)
        f.frame([&](ui::Ui& ui) {
            for (size_t i = 0; i < k_urls.size(); ++i)
                drawn[i] = qr.draw(ui, cells[i].inset(12), k_urls[i], i == 0 ? "扫码报名" : "扫码查看");
        });
    // Encoded once per URL, not per frame.
    CHECK(qr.encodes() == int(k_urls.size()));
    CHECK(f.has_text("扫码报名"));
    CHECK(f.has_text("扫码查看"));

    auto png = screenshot_path("qr_codes.png");
    REQUIRE(f.display->write_png(png.string()).has_value());
    Image grey = read_png(png, true);
    Image rgba = read_png(png, false);

    for (size_t i = 0; i < k_urls.size(); ++i) {
        INFO("URL " << i << ": " << k_urls[i]);
        auto found = zbar_decode(crop(grey, cells[i]));
        REQUIRE(found.size() == 1);
        CHECK(found[0] == k_urls[i]);
        // Crisp: inside the code (quiet zone included) every pixel is pure black or pure white.
        ui::Rect code = drawn[i];
        code.y1 = code.y0 + code.width();  // the caption below is not part of the code
        size_t grey_pixels = 0;
        for (int y = int(code.y0); y < int(code.y0 + code.width()); ++y)
            for (int x = int(code.x0); x < int(code.x1); ++x) {
                const uint8_t* p = rgba.at(x, y);
                bool black = p[0] == 0 && p[1] == 0 && p[2] == 0, white = p[0] == 255 && p[1] == 255 && p[2] == 255;
                grey_pixels += !(black || white);
            }
        CHECK(grey_pixels == 0);
    }
    // And all at once, as a phone would see the screen.
    auto all = zbar_decode(grey);
    std::sort(all.begin(), all.end());
    auto expected = k_urls;
    std::sort(expected.begin(), expected.end());
    CHECK(all == expected);
}

TEST_CASE("QR modules are whole pixels, never below the minimum, and scale with the room given", "[ui][qr]")
{
    HeadlessFrame f(1920, 1080);
    ui::QrView qr;
    const std::string url = k_urls[0];
    f.frame([&](ui::Ui&) {});
    auto code = ui::encode_qr(url);
    REQUIRE(code.has_value());
    const int total = code->size + 2 * ui::QrView::k_quiet_modules;
    CHECK(ui::QrView::min_module_px(f.ui) == 6);
    CHECK(qr.module_px(f.ui, url, 10) == 6);                          // too small a space: the minimum
    CHECK(qr.module_px(f.ui, url, float(total * 9 + total - 1)) == 9);  // floor, never a fraction
    ui::Rect drawn;
    f.frame([&](ui::Ui& ui) { drawn = qr.draw(ui, {100.5f, 50.25f, 700, 700}, url, ""); });
    CHECK(drawn.x0 == std::floor(drawn.x0));
    CHECK(drawn.y0 == 50);
    CHECK(int(drawn.width()) % total == 0);
    CHECK(drawn.height() == drawn.width());  // no caption, no caption space
}

TEST_CASE("case is kept: a mixed-case URL does not come back upper-cased", "[ui][qr]")
{
    // libqrencode upper-cases to fit alphanumeric mode unless told the text is case-sensitive;
    // the decoded path would then point at a page that does not exist.
    auto mixed = ui::encode_qr("https://a.cn/AbCd");
    auto upper = ui::encode_qr("HTTPS://A.CN/ABCD");
    REQUIRE(mixed.has_value());
    REQUIRE(upper.has_value());
    CHECK(mixed->dark != upper->dark);
}

TEST_CASE("a text too long for any QR code draws a note, and is not encoded again every frame", "[ui][qr]")
{
    HeadlessFrame f;
    ui::QrView qr;
    const std::string too_long = "https://example.org/" + std::string(4000, 'x');
    auto encoded = ui::encode_qr(too_long);
    REQUIRE_FALSE(encoded.has_value());
    CHECK(encoded.error().kind == ErrorKind::Rejected);
    CHECK(encoded.error().message.find("too long") != std::string::npos);
    CHECK_FALSE(ui::encode_qr("").has_value());
    CHECK(qr.module_px(f.ui, too_long, 400) == 0);

    for (int i = 0; i < 2; ++i)
        f.frame([&](ui::Ui& ui) { qr.draw(ui, {40, 40, 440, 500}, too_long, "扫码报名"); });
    CHECK(qr.encodes() == 1);
    CHECK(f.has_text("无法生成二维码：链接太长或为空"));
    auto png = screenshot_path("qr_too_long.png");
    REQUIRE(f.display->write_png(png.string()).has_value());
    CHECK(zbar_decode(read_png(png, true)).empty());
}

TEST_CASE("a QR code drawn with the OpenGL ES 2 renderer decodes too", "[ui][qr]")
{
    HeadlessFrame f(1280, 720, "gles2");
    REQUIRE(f.display->api() == platform::GlApi::Gles2);
    ui::QrView qr;
    f.frame([&](ui::Ui& ui) { qr.draw(ui, {40, 40, 640, 700}, k_urls[3], "扫码报名"); });
    auto png = screenshot_path("qr_gles2.png");
    REQUIRE(f.display->write_png(png.string()).has_value());
    auto found = zbar_decode(read_png(png, true));
    REQUIRE(found.size() == 1);
    CHECK(found[0] == k_urls[3]);
}

TEST_CASE("an image texture lands on the exact pixels it is drawn to (GL 3 and OpenGL ES 2)", "[ui][image]")
{
    const char* api = GENERATE("gl3", "gles2");
    HeadlessFrame f(640, 360, api);
    // 40x20: left half red, right half blue, a green 10x10 square in the top-left corner.
    const int w = 40, h = 20;
    std::vector<uint8_t> rgba(size_t(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = &rgba[(size_t(y) * w + size_t(x)) * 4];
            bool green = x < 10 && y < 10;
            p[0] = !green && x < w / 2 ? 255 : 0;
            p[1] = green ? 255 : 0;
            p[2] = !green && x >= w / 2 ? 255 : 0;
            p[3] = 255;
        }
    auto texture = platform::ImageTexture::upload(rgba, w, h);
    REQUIRE(texture.has_value());
    CHECK(texture->width() == w);
    CHECK_FALSE(texture->empty());
    f.frame([&](ui::Ui& ui) { ui.draw()->AddImage(texture->id(), {100, 60}, {100 + w, 60 + h}); });
    auto png = screenshot_path(std::string("image_texture_") + api + ".png");
    REQUIRE(f.display->write_png(png.string()).has_value());
    Image shot = read_png(png, false);
    auto rgb = [&](int x, int y) {
        const uint8_t* p = shot.at(x, y);
        return std::vector<int>{p[0], p[1], p[2]};
    };
    CHECK(rgb(105, 65) == std::vector<int>{0, 255, 0});
    CHECK(rgb(115, 75) == std::vector<int>{255, 0, 0});
    CHECK(rgb(135, 70) == std::vector<int>{0, 0, 255});
    CHECK(rgb(100 + w - 1, 60 + h - 1) == std::vector<int>{0, 0, 255});
    ImU32 bg = ui::palette().background;
    CHECK(rgb(99, 60) == std::vector<int>{int(bg & 0xFF), int((bg >> 8) & 0xFF), int((bg >> 16) & 0xFF)});

    // Moving keeps one owner; reset frees the texture.
    platform::ImageTexture moved = std::move(texture.value());
    CHECK(texture->empty());
    CHECK_FALSE(moved.empty());
    moved.reset();
    CHECK(moved.empty());
    CHECK_FALSE(platform::ImageTexture::upload(rgba, w, h + 1).has_value());
}
