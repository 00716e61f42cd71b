// Image decoding: JPEG and PNG written here with libjpeg and libpng, then decoded, shrunk to fit
// and turned upright; damaged, mislabelled, oversized and bomb-sized files are rejected with a
// message naming the file.
#include "content/image_decode.hpp"

#include <catch2/catch.hpp>
#include <jpeglib.h>
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

using namespace linli;
using namespace linli::content;

namespace {

struct TempDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("linli-image-test-" + std::to_string(std::random_device{}()));
    TempDir() { std::filesystem::create_directories(path / "media"); }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string file(const std::string& name, const std::vector<uint8_t>& bytes) const
    {
        auto p = path / name;
        std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        return p.string();
    }
};

// Pixels from a function of (x, y) -> {r, g, b, a}.
template <typename Fn>
std::vector<uint8_t> pattern(int w, int h, Fn fn)
{
    std::vector<uint8_t> rgba;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::array<uint8_t, 4> p = fn(x, y);
            rgba.insert(rgba.end(), p.begin(), p.end());
        }
    return rgba;
}

std::array<uint8_t, 4> red_left_blue_right(int x, int w)
{
    return x < w / 2 ? std::array<uint8_t, 4>{255, 0, 0, 255} : std::array<uint8_t, 4>{0, 0, 255, 255};
}

std::vector<uint8_t> write_png(const std::vector<uint8_t>& rgba, int w, int h)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = png_uint_32(w);
    image.height = png_uint_32(h);
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    REQUIRE(png_image_write_to_memory(&image, nullptr, &size, 0, rgba.data(), 0, nullptr));
    std::vector<uint8_t> out(size);
    REQUIRE(png_image_write_to_memory(&image, out.data(), &size, 0, rgba.data(), 0, nullptr));
    out.resize(size);
    return out;
}

struct JpegOptions {
    bool grey = false;
    bool progressive = false;
    int orientation = 0;  // 0: no EXIF block
};

std::vector<uint8_t> write_jpeg(const std::vector<uint8_t>& rgba, int w, int h, JpegOptions options = {})
{
    jpeg_compress_struct info{};
    jpeg_error_mgr error{};
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = JDIMENSION(w);
    info.image_height = JDIMENSION(h);
    info.input_components = options.grey ? 1 : 4;
    info.in_color_space = options.grey ? JCS_GRAYSCALE : JCS_EXT_RGBA;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 95, TRUE);
    if (options.progressive) jpeg_simple_progression(&info);
    jpeg_start_compress(&info, TRUE);
    if (options.orientation) {
        // A minimal little-endian Exif block: IFD0 with one entry, Orientation (0x0112, SHORT).
        const uint8_t o = uint8_t(options.orientation);
        const uint8_t exif[] = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
                                0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0};
        jpeg_write_marker(&info, JPEG_APP0 + 1, exif, sizeof exif);
    }
    std::vector<uint8_t> grey_row(static_cast<size_t>(w));
    while (info.next_scanline < info.image_height) {
        const uint8_t* row = &rgba[size_t(info.next_scanline) * size_t(w) * 4];
        if (options.grey) {
            for (int x = 0; x < w; ++x) grey_row[size_t(x)] = row[x * 4];
            row = grey_row.data();
        }
        JSAMPROW rows[1] = {const_cast<uint8_t*>(row)};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    std::vector<uint8_t> out(buffer, buffer + size);
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return out;
}

bool near(const uint8_t* p, std::array<int, 4> want, int tolerance)
{
    for (int i = 0; i < 4; ++i)
        if (std::abs(int(p[i]) - want[size_t(i)]) > tolerance) return false;
    return true;
}

const uint8_t* pixel(const DecodedImage& image, int x, int y)
{
    return &image.rgba[(size_t(y) * size_t(image.width) + size_t(x)) * 4];
}

uint32_t crc32(const uint8_t* data, size_t size)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

void put_u32(uint8_t* p, uint32_t v)
{
    p[0] = uint8_t(v >> 24), p[1] = uint8_t(v >> 16), p[2] = uint8_t(v >> 8), p[3] = uint8_t(v);
}

// The PNG with its IHDR claiming another size (CRC fixed, so only the size is wrong).
std::vector<uint8_t> png_claiming(std::vector<uint8_t> png, uint32_t w, uint32_t h)
{
    // Signature (8), IHDR length (4), "IHDR" (4), width, height, ... CRC over type + data (17 bytes).
    put_u32(&png[16], w);
    put_u32(&png[20], h);
    put_u32(&png[29], crc32(&png[12], 17));
    return png;
}

// The JPEG with its frame header (SOF0/SOF2) claiming another size.
std::vector<uint8_t> jpeg_claiming(std::vector<uint8_t> jpeg, uint16_t w, uint16_t h)
{
    for (size_t i = 2; i + 9 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && (jpeg[i + 1] == 0xC0 || jpeg[i + 1] == 0xC2)) {
            jpeg[i + 5] = uint8_t(h >> 8), jpeg[i + 6] = uint8_t(h);
            jpeg[i + 7] = uint8_t(w >> 8), jpeg[i + 8] = uint8_t(w);
            return jpeg;
        }
    FAIL("no SOF marker");
    return jpeg;
}

// A picture with detail everywhere, so a truncated file is missing real scan data.
std::vector<uint8_t> noise(int w, int h)
{
    std::mt19937 rng(7);
    return pattern(w, h, [&](int, int) {
        return std::array<uint8_t, 4>{uint8_t(rng()), uint8_t(rng()), uint8_t(rng()), 255};
    });
}

}  // namespace

TEST_CASE("a PNG decodes to its exact pixels, whatever its extension says", "[content][image]")
{
    TempDir dir;
    auto rgba = pattern(6, 4, [](int x, int y) {
        return std::array<uint8_t, 4>{uint8_t(x * 40), uint8_t(y * 60), 200, uint8_t(255 - x * 10)};
    });
    auto path = dir.file("media/photo.jpg", write_png(rgba, 6, 4));
    auto decoded = decode_image(path, 1920, 1080);
    REQUIRE(decoded.has_value());
    CHECK(decoded->width == 6);
    CHECK(decoded->height == 4);
    CHECK(decoded->rgba == rgba);
}

TEST_CASE("a JPEG decodes to its size and colours: colour, grey and progressive", "[content][image]")
{
    TempDir dir;
    auto rgba = pattern(64, 48, [](int x, int) { return red_left_blue_right(x, 64); });
    for (bool progressive : {false, true}) {
        auto decoded = decode_image(dir.file("media/a.jpeg", write_jpeg(rgba, 64, 48, {false, progressive, 0})), 1920, 1080);
        REQUIRE(decoded.has_value());
        CHECK(decoded->width == 64);
        CHECK(decoded->height == 48);
        CHECK(near(pixel(*decoded, 8, 8), {255, 0, 0, 255}, 8));
        CHECK(near(pixel(*decoded, 56, 40), {0, 0, 255, 255}, 8));
    }
    auto grey = decode_image(dir.file("media/g.png", write_jpeg(rgba, 64, 48, {true, false, 0})), 1920, 1080);
    REQUIRE(grey.has_value());
    CHECK(near(pixel(*grey, 8, 8), {255, 255, 255, 255}, 4));
    CHECK(near(pixel(*grey, 56, 8), {0, 0, 0, 255}, 4));
}

TEST_CASE("images are shrunk to fit the screen, aspect kept, never enlarged", "[content][image]")
{
    TempDir dir;
    auto big = pattern(800, 600, [](int x, int) { return red_left_blue_right(x, 800); });
    auto jpeg = decode_image(dir.file("media/big.jpg", write_jpeg(big, 800, 600)), 100, 100);
    REQUIRE(jpeg.has_value());
    CHECK(jpeg->width == 100);
    CHECK(jpeg->height == 75);
    CHECK(jpeg->rgba.size() == size_t(100 * 75 * 4));
    CHECK(near(pixel(*jpeg, 10, 40), {255, 0, 0, 255}, 8));
    CHECK(near(pixel(*jpeg, 90, 40), {0, 0, 255, 255}, 8));

    auto wide = pattern(300, 100, [](int x, int) { return red_left_blue_right(x, 300); });
    auto png = write_png(wide, 300, 100);
    auto same = decode_image_bytes(png, "media/wide.png", 1000, 1000);
    REQUIRE(same.has_value());
    CHECK(same->width == 300);
    CHECK(same->height == 100);
    auto half = decode_image_bytes(png, "media/wide.png", 150, 150);
    REQUIRE(half.has_value());
    CHECK(half->width == 150);
    CHECK(half->height == 50);

    struct Row {
        int w, h, max_w, max_h, want_w, want_h;
    };
    for (const Row& r : {Row{4000, 3000, 1920, 1080, 1440, 1080}, Row{1080, 1920, 1920, 1080, 608, 1080},
                         Row{100, 50, 1920, 1080, 100, 50}, Row{5000, 1, 100, 100, 100, 1},
                         Row{1, 5000, 100, 100, 1, 100}, Row{1920, 1080, 1920, 1080, 1920, 1080}}) {
        ImageSize s = fit_size(r.w, r.h, r.max_w, r.max_h);
        INFO(r.w << "x" << r.h << " into " << r.max_w << "x" << r.max_h);
        CHECK(s.width == r.want_w);
        CHECK(s.height == r.want_h);
    }
}

TEST_CASE("the area filter averages what each pixel covers, without dark fringes from transparency",
          "[content][image]")
{
    DecodedImage stripes{4, 2, pattern(4, 2, [](int x, int) {
                             uint8_t v = x % 2 ? 255 : 0;
                             return std::array<uint8_t, 4>{v, v, v, 255};
                         })};
    DecodedImage grey = downscale_to_fit(stripes, 2, 2);
    REQUIRE(grey.width == 2);
    REQUIRE(grey.height == 1);
    CHECK(near(pixel(grey, 0, 0), {128, 128, 128, 255}, 1));
    CHECK(near(pixel(grey, 1, 0), {128, 128, 128, 255}, 1));

    // Opaque red beside fully transparent green: the green must not tint the result.
    DecodedImage edge{2, 1, {255, 0, 0, 255, 0, 255, 0, 0}};
    DecodedImage one = downscale_to_fit(edge, 1, 1);
    REQUIRE(one.width == 1);
    CHECK(near(pixel(one, 0, 0), {255, 0, 0, 128}, 1));

    // Three pixels into two: the middle one is split between both outputs.
    DecodedImage three{3, 1, {0, 0, 0, 255, 90, 90, 90, 255, 180, 180, 180, 255}};
    DecodedImage two = downscale_to_fit(three, 2, 1);
    REQUIRE(two.width == 2);
    CHECK(near(pixel(two, 0, 0), {30, 30, 30, 255}, 1));
    CHECK(near(pixel(two, 1, 0), {150, 150, 150, 255}, 1));
}

TEST_CASE("JPEGs are turned upright per their EXIF orientation", "[content][image]")
{
    auto rgba = pattern(40, 20, [](int x, int) { return red_left_blue_right(x, 40); });
    struct Row {
        int orientation, width, height;
        int red_x, red_y;  // a point that must be red after turning (the rest is blue)
        int blue_x, blue_y;
    };
    for (const Row& r : {Row{1, 40, 20, 5, 10, 35, 10}, Row{3, 40, 20, 35, 10, 5, 10}, Row{6, 20, 40, 10, 5, 10, 35},
                         Row{8, 20, 40, 10, 35, 10, 5}, Row{2, 40, 20, 35, 10, 5, 10}}) {
        INFO("orientation " << r.orientation);
        auto decoded = decode_image_bytes(write_jpeg(rgba, 40, 20, {false, false, r.orientation}), "media/o.jpg", 1920, 1080);
        REQUIRE(decoded.has_value());
        CHECK(decoded->width == r.width);
        CHECK(decoded->height == r.height);
        CHECK(near(pixel(*decoded, r.red_x, r.red_y), {255, 0, 0, 255}, 8));
        CHECK(near(pixel(*decoded, r.blue_x, r.blue_y), {0, 0, 255, 255}, 8));
    }
    // A turned photo fits the screen after turning: 80x40 turned is 40x80, into 100x50 -> 25x50.
    auto wide = pattern(80, 40, [](int x, int) { return red_left_blue_right(x, 80); });
    auto turned = decode_image_bytes(write_jpeg(wide, 80, 40, {false, false, 6}), "media/o.jpg", 100, 50);
    REQUIRE(turned.has_value());
    CHECK(turned->width == 25);
    CHECK(turned->height == 50);
}

TEST_CASE("damaged, mislabelled, oversized and bomb-sized files are rejected naming the file", "[content][image]")
{
    TempDir dir;
    auto rgba = noise(64, 64);
    auto jpeg = write_jpeg(rgba, 64, 64);
    auto png = write_png(rgba, 64, 64);
    auto media = [&](const std::string& name) { return (dir.path / "media" / name).string(); };

    struct Row {
        std::string name;
        std::vector<uint8_t> bytes;
        std::string message;  // after "PATH: "
    };
    const std::string text = "这不是图片, just text\n";
    std::vector<Row> rows = {
        {"notes.jpg", std::vector<uint8_t>(text.begin(), text.end()), "not a JPEG or PNG image"},
        {"empty.png", {}, "not a JPEG or PNG image"},
        {"half.jpg", std::vector<uint8_t>(jpeg.begin(), jpeg.begin() + long(jpeg.size() / 2)), "image is damaged ("},
        {"header-only.jpg", std::vector<uint8_t>(jpeg.begin(), jpeg.begin() + 3), "image is damaged ("},
        {"half.png", std::vector<uint8_t>(png.begin(), png.begin() + long(png.size() / 2)), "image is damaged ("},
        {"bomb.jpg", jpeg_claiming(jpeg, 60000, 60000), "image is too large (60000 x 60000 pixels; at most 50 megapixels)"},
        {"bomb.png", png_claiming(png, 100000, 100000), "image is too large (100000 x 100000 pixels; at most 50 megapixels)"},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        auto path = dir.file("media/" + row.name, row.bytes);
        auto decoded = decode_image(path, 1920, 1080);
        REQUIRE_FALSE(decoded.has_value());
        CHECK(decoded.error().kind == ErrorKind::Rejected);
        CHECK(decoded.error().message.rfind(media(row.name) + ": " + row.message, 0) == 0);
    }

    // Over 20 MB: refused from its size alone (a sparse file; nothing is read).
    auto huge = dir.path / "media" / "huge.png";
    dir.file("media/huge.png", png);
    std::filesystem::resize_file(huge, k_max_image_file_bytes + 1);
    auto too_big = decode_image(huge.string(), 1920, 1080);
    REQUIRE_FALSE(too_big.has_value());
    CHECK(too_big.error().message == huge.string() + ": larger than 20 MB");
    // Exactly 20 MB is allowed (the PNG's trailing zeros make it damaged, not too big).
    std::filesystem::resize_file(huge, k_max_image_file_bytes);
    auto at_limit = decode_image(huge.string(), 1920, 1080);
    CHECK((at_limit.has_value() || at_limit.error().message.find("larger than") == std::string::npos));

    auto missing = decode_image(media("missing.jpg"), 1920, 1080);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().kind == ErrorKind::Rejected);
    CHECK(missing.error().message.rfind(media("missing.jpg") + ": cannot read (", 0) == 0);
}

TEST_CASE("formats are told by magic bytes", "[content][image]")
{
    auto sniff = [](std::vector<uint8_t> bytes) { return sniff_image_format(bytes); };
    CHECK(sniff({0xFF, 0xD8, 0xFF, 0xE0}) == ImageFormat::Jpeg);
    CHECK(sniff({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}) == ImageFormat::Png);
    CHECK(sniff({0x89, 'P', 'N', 'G'}) == ImageFormat::Unknown);
    CHECK(sniff({'G', 'I', 'F', '8', '9', 'a'}) == ImageFormat::Unknown);
    CHECK(sniff({}) == ImageFormat::Unknown);
}
