// png_compare [--turn DEGREES] A.png B.png [MAX_PERCENT]: exits 0 when the two screenshots are the
// same size and at most MAX_PERCENT (default 0.5) of their pixels differ by more than a small
// tolerance per channel (anti-aliasing and driver rounding). Prints the difference either way.
// --turn 90|180|270 first turns A clockwise (an upright picture against a rotated screen's frame).
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

bool read_png(const char* path, std::vector<unsigned char>& rgba, unsigned& w, unsigned& h)
{
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path)) {
        std::fprintf(stderr, "png_compare: %s: %s\n", path, image.message);
        return false;
    }
    image.format = PNG_FORMAT_RGBA;
    rgba.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) {
        std::fprintf(stderr, "png_compare: %s: %s\n", path, image.message);
        return false;
    }
    w = image.width;
    h = image.height;
    return true;
}

// A turned clockwise by a multiple of 90 degrees.
std::vector<unsigned char> turn(const std::vector<unsigned char>& a, unsigned& w, unsigned& h, int degrees)
{
    const unsigned tw = degrees == 180 ? w : h, th = degrees == 180 ? h : w;
    std::vector<unsigned char> out(a.size());
    for (unsigned y = 0; y < h; ++y) {
        for (unsigned x = 0; x < w; ++x) {
            unsigned tx = 0, ty = 0;
            if (degrees == 90) tx = h - 1 - y, ty = x;
            else if (degrees == 180) tx = w - 1 - x, ty = h - 1 - y;
            else tx = y, ty = w - 1 - x;
            std::memcpy(&out[(size_t(ty) * tw + tx) * 4], &a[(size_t(y) * w + x) * 4], 4);
        }
    }
    w = tw, h = th;
    return out;
}

}  // namespace

int main(int argc, char** argv)
{
    int degrees = 0;
    if (argc > 2 && std::strcmp(argv[1], "--turn") == 0) {
        degrees = std::atoi(argv[2]);
        if (degrees != 90 && degrees != 180 && degrees != 270) {
            std::fprintf(stderr, "png_compare: --turn takes 90, 180 or 270\n");
            return 2;
        }
        argv += 2, argc -= 2;
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: png_compare [--turn DEGREES] A.png B.png [MAX_PERCENT]\n");
        return 2;
    }
    double max_percent = argc > 3 ? std::atof(argv[3]) : 0.5;
    constexpr int k_channel_tolerance = 40;
    std::vector<unsigned char> a, b;
    unsigned aw = 0, ah = 0, bw = 0, bh = 0;
    if (!read_png(argv[1], a, aw, ah) || !read_png(argv[2], b, bw, bh)) return 2;
    if (degrees) a = turn(a, aw, ah, degrees);
    if (aw != bw || ah != bh) {
        std::printf("png_compare: sizes differ: %ux%u vs %ux%u\n", aw, ah, bw, bh);
        return 1;
    }
    size_t differing = 0;
    for (size_t i = 0; i < a.size(); i += 4) {
        int d = 0;
        for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a[i + c]) - int(b[i + c])));
        if (d > k_channel_tolerance) ++differing;
    }
    double percent = 100.0 * double(differing) / double(aw * ah);
    std::printf("png_compare: %s vs %s: %.3f%% of pixels differ (limit %.3f%%)\n", argv[1], argv[2], percent,
                max_percent);
    return percent <= max_percent ? 0 : 1;
}
