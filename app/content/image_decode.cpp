#include "content/image_decode.hpp"

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace linli::content {

namespace {

Error damaged(const std::string& name, const std::string& why)
{
    return Error::rejected(name + ": image is damaged (" + why + ")");
}

Error too_many_pixels(const std::string& name, uint64_t width, uint64_t height)
{
    return Error::rejected(name + ": image is too large (" + std::to_string(width) + " x " + std::to_string(height) +
                           " pixels; at most " + std::to_string(k_max_image_pixels / 1'000'000) +
                           " megapixels)");
}

// ---------------------------------------------------------------------------------------------
// EXIF orientation: phones store photos as the sensor saw them and record the turn in APP1.

uint32_t read_u16(const uint8_t* p, bool big_endian)
{
    return big_endian ? uint32_t(p[0]) << 8 | p[1] : uint32_t(p[1]) << 8 | p[0];
}

uint32_t read_u32(const uint8_t* p, bool big_endian)
{
    return big_endian ? read_u16(p, true) << 16 | read_u16(p + 2, true) : read_u16(p + 2, false) << 16 | read_u16(p, false);
}

// The orientation tag (1-8) of an APP1 Exif payload; 1 when absent or malformed.
int exif_orientation(const uint8_t* data, size_t size)
{
    static const uint8_t k_exif[6] = {'E', 'x', 'i', 'f', 0, 0};
    if (size < 14 || std::memcmp(data, k_exif, 6) != 0) return 1;
    const uint8_t* tiff = data + 6;
    const size_t tiff_size = size - 6;
    bool big_endian;
    if (tiff[0] == 'I' && tiff[1] == 'I') big_endian = false;
    else if (tiff[0] == 'M' && tiff[1] == 'M') big_endian = true;
    else return 1;
    if (read_u16(tiff + 2, big_endian) != 42) return 1;
    uint64_t ifd = read_u32(tiff + 4, big_endian);
    if (ifd + 2 > tiff_size) return 1;
    uint32_t entries = read_u16(tiff + ifd, big_endian);
    for (uint32_t i = 0; i < entries; ++i) {
        uint64_t entry = ifd + 2 + uint64_t(i) * 12;
        if (entry + 12 > tiff_size) return 1;
        const uint8_t* e = tiff + entry;
        const uint32_t type = read_u16(e + 2, big_endian);
        if (read_u16(e, big_endian) == 0x0112 && type == 3) {  // Orientation, SHORT
            uint32_t value = read_u16(e + 8, big_endian);
            return value >= 1 && value <= 8 ? int(value) : 1;
        }
    }
    return 1;
}

// Turns image upright: orientation is the EXIF value (5-8 swap width and height).
DecodedImage apply_orientation(DecodedImage image, int orientation)
{
    if (orientation <= 1 || orientation > 8) return image;
    const int w = image.width, h = image.height;
    const bool swap = orientation >= 5;
    DecodedImage out;
    out.width = swap ? h : w;
    out.height = swap ? w : h;
    out.rgba.resize(image.rgba.size());
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            int sx = x, sy = y;
            switch (orientation) {
            case 2: sx = w - 1 - x; break;
            case 3: sx = w - 1 - x; sy = h - 1 - y; break;
            case 4: sy = h - 1 - y; break;
            case 5: sx = y; sy = x; break;
            case 6: sx = y; sy = h - 1 - x; break;
            case 7: sx = w - 1 - y; sy = h - 1 - x; break;
            case 8: sx = w - 1 - y; sy = x; break;
            }
            std::memcpy(&out.rgba[(size_t(y) * size_t(out.width) + size_t(x)) * 4],
                        &image.rgba[(size_t(sy) * size_t(w) + size_t(sx)) * 4], 4);
        }
    return out;
}

// ---------------------------------------------------------------------------------------------
// JPEG. libjpeg reports fatal errors through error_exit, which by default calls exit(): ours
// longjmps back to decode_jpeg instead. Nothing with a destructor may be created between the
// setjmp and the last libjpeg call, since a jump would skip its destructor.

struct JpegError {
    jpeg_error_mgr manager;  // first: libjpeg hands us a pointer to it
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jpeg_fail(j_common_ptr info)
{
    auto* error = reinterpret_cast<JpegError*>(info->err);
    info->err->format_message(info, error->message);
    std::longjmp(error->jump, 1);
}

// libjpeg treats missing or corrupt scan data as a warning and paints the rest grey; for a
// notice board that is a damaged image, to be fixed by the administrator, not shown half grey.
void jpeg_message(j_common_ptr info, int level)
{
    if (level >= 0) return;  // trace output
    switch (info->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_MUST_RESYNC:
    case JWRN_HUFF_BAD_CODE:
        jpeg_fail(info);
    default:
        ++info->err->num_warnings;  // harmless oddities (extraneous bytes, odd JFIF versions)
    }
}

Result<DecodedImage> decode_jpeg(std::span<const uint8_t> bytes, const std::string& name, int max_width,
                                 int max_height)
{
    jpeg_decompress_struct info{};
    JpegError error{};
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_fail;
    error.manager.emit_message = jpeg_message;
    // Allocated before setjmp and only written through: its pointer is never clobbered.
    const auto pixels = std::make_unique<DecodedImage>();
    int orientation = 1;
    enum class Stop { None, Cmyk, TooLarge } volatile stop = Stop::None;

    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        return damaged(name, error.message);
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&info, TRUE);
    for (jpeg_saved_marker_ptr m = info.marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1) orientation = exif_orientation(m->data, m->data_length);

    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        stop = Stop::Cmyk;
    } else if (uint64_t(info.image_width) * info.image_height > k_max_image_pixels) {
        stop = Stop::TooLarge;
    } else {
        // Let the decoder shrink by up to 8 in the DCT (far cheaper than decoding everything),
        // staying at or above the final size so the area filter does the last step.
        const bool turned = orientation >= 5;
        const ImageSize target = fit_size(int(info.image_width), int(info.image_height),
                                          turned ? max_height : max_width, turned ? max_width : max_height);
        unsigned num = 1;
        while (num < 8 && (uint64_t(info.image_width) * num + 7) / 8 < uint64_t(target.width)) ++num;
        while (num < 8 && (uint64_t(info.image_height) * num + 7) / 8 < uint64_t(target.height)) ++num;
        info.scale_num = num;
        info.scale_denom = 8;
        info.out_color_space = JCS_EXT_RGBA;
        jpeg_start_decompress(&info);
        pixels->width = int(info.output_width);
        pixels->height = int(info.output_height);
        pixels->rgba.resize(size_t(info.output_width) * info.output_height * 4);
        while (info.output_scanline < info.output_height) {
            JSAMPROW row = pixels->rgba.data() + size_t(info.output_scanline) * info.output_width * 4;
            jpeg_read_scanlines(&info, &row, 1);
        }
        jpeg_finish_decompress(&info);
    }
    const uint64_t width = info.image_width, height = info.image_height;
    jpeg_destroy_decompress(&info);

    if (stop == Stop::Cmyk)
        return Error::rejected(name + ": CMYK JPEG images are not supported (save it as RGB)");
    if (stop == Stop::TooLarge) return too_many_pixels(name, width, height);
    const bool turned = orientation >= 5;
    DecodedImage fitted = downscale_to_fit(std::move(*pixels), turned ? max_height : max_width,
                                           turned ? max_width : max_height);
    return apply_orientation(std::move(fitted), orientation);
}

// ---------------------------------------------------------------------------------------------
// PNG: libpng's simplified API converts every colour type and bit depth to 8-bit sRGB RGBA.

Result<DecodedImage> decode_png(std::span<const uint8_t> bytes, const std::string& name, int max_width, int max_height)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
        std::string why = image.message;
        png_image_free(&image);
        return damaged(name, why);
    }
    if (uint64_t(image.width) * image.height > k_max_image_pixels) {
        png_image_free(&image);
        return too_many_pixels(name, image.width, image.height);
    }
    image.format = PNG_FORMAT_RGBA;
    DecodedImage decoded;
    decoded.width = int(image.width);
    decoded.height = int(image.height);
    decoded.rgba.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, decoded.rgba.data(), 0, nullptr)) {
        std::string why = image.message;
        png_image_free(&image);
        return damaged(name, why);
    }
    return downscale_to_fit(std::move(decoded), max_width, max_height);
}

// ---------------------------------------------------------------------------------------------
// Area filter: each output pixel is the average of the source area it covers, partial pixels
// weighted by the part covered. Separable: rows first, then columns, one output row at a time
// so memory stays at one row of accumulators beside the output.

struct Taps {
    int first = 0;
    std::vector<float> weights;
};

std::vector<Taps> area_taps(int source, int target)
{
    std::vector<Taps> taps(static_cast<size_t>(target));
    const double step = double(source) / double(target);
    for (int i = 0; i < target; ++i) {
        const double lo = i * step, hi = std::min(double(source), (i + 1) * step);
        const int first = int(std::floor(lo)), last = std::min(source, int(std::ceil(hi)));
        taps[size_t(i)].first = first;
        for (int s = first; s < last; ++s) {
            double cover = std::min(hi, double(s + 1)) - std::max(lo, double(s));
            taps[size_t(i)].weights.push_back(float(cover / (hi - lo)));
        }
    }
    return taps;
}

}  // namespace

ImageFormat sniff_image_format(std::span<const uint8_t> head)
{
    static const uint8_t k_png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (head.size() >= 8 && std::memcmp(head.data(), k_png, 8) == 0) return ImageFormat::Png;
    // SOI followed by the start of any marker.
    if (head.size() >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ImageFormat::Jpeg;
    return ImageFormat::Unknown;
}

ImageSize fit_size(int width, int height, int max_width, int max_height)
{
    assert(max_width > 0 && max_height > 0);
    if (width <= max_width && height <= max_height) return {width, height};
    const double scale = std::min(double(max_width) / width, double(max_height) / height);
    return {std::clamp(int(std::lround(width * scale)), 1, max_width),
            std::clamp(int(std::lround(height * scale)), 1, max_height)};
}

DecodedImage downscale_to_fit(DecodedImage image, int max_width, int max_height)
{
    const ImageSize size = fit_size(image.width, image.height, max_width, max_height);
    if (size.width == image.width && size.height == image.height) return image;
    const auto columns = area_taps(image.width, size.width);
    const auto rows = area_taps(image.height, size.height);

    DecodedImage out;
    out.width = size.width;
    out.height = size.height;
    out.rgba.resize(size_t(size.width) * size_t(size.height) * 4);
    std::vector<float> row(size_t(size.width) * 4), sum(size_t(size.width) * 4);
    for (int oy = 0; oy < size.height; ++oy) {
        std::fill(sum.begin(), sum.end(), 0.0f);
        const Taps& vertical = rows[size_t(oy)];
        for (size_t k = 0; k < vertical.weights.size(); ++k) {
            const uint8_t* src = &image.rgba[size_t(vertical.first + int(k)) * size_t(image.width) * 4];
            // One source row filtered across, colours premultiplied by alpha.
            for (int ox = 0; ox < size.width; ++ox) {
                const Taps& horizontal = columns[size_t(ox)];
                float r = 0, g = 0, b = 0, a = 0;
                for (size_t j = 0; j < horizontal.weights.size(); ++j) {
                    const uint8_t* p = src + size_t(horizontal.first + int(j)) * 4;
                    const float wa = horizontal.weights[j] * p[3];
                    r += wa * p[0];
                    g += wa * p[1];
                    b += wa * p[2];
                    a += wa;
                }
                float* d = &row[size_t(ox) * 4];
                d[0] = r, d[1] = g, d[2] = b, d[3] = a;
            }
            const float wv = vertical.weights[k];
            for (size_t i = 0; i < row.size(); ++i) sum[i] += wv * row[i];
        }
        uint8_t* dst = &out.rgba[size_t(oy) * size_t(size.width) * 4];
        for (int ox = 0; ox < size.width; ++ox) {
            const float* s = &sum[size_t(ox) * 4];
            const float a = s[3];
            auto channel = [](float v) { return uint8_t(std::clamp(std::lround(v), 0l, 255l)); };
            dst[ox * 4 + 0] = a > 0 ? channel(s[0] / a) : 0;
            dst[ox * 4 + 1] = a > 0 ? channel(s[1] / a) : 0;
            dst[ox * 4 + 2] = a > 0 ? channel(s[2] / a) : 0;
            dst[ox * 4 + 3] = channel(a);
        }
    }
    return out;
}

Result<DecodedImage> decode_image_bytes(std::span<const uint8_t> bytes, const std::string& name, int max_width,
                                        int max_height)
{
    assert(max_width > 0 && max_height > 0);
    switch (sniff_image_format(bytes)) {
    case ImageFormat::Jpeg: return decode_jpeg(bytes, name, max_width, max_height);
    case ImageFormat::Png: return decode_png(bytes, name, max_width, max_height);
    case ImageFormat::Unknown: break;
    }
    return Error::rejected(name + ": not a JPEG or PNG image");
}

Result<DecodedImage> decode_image(const std::string& path, int max_width, int max_height)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return Error::rejected(path + ": cannot read (" + ec.message() + ")");
    // Before reading: a huge file must not cost the memory or the time to find out.
    if (size > k_max_image_file_bytes) return Error::rejected(path + ": larger than 20 MB");
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return Error::rejected(path + ": cannot read (" + std::strerror(errno) + ")");
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    if (!bytes.empty() && std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size())
        return Error::rejected(path + ": cannot read (short read)");
    return decode_image_bytes(bytes, path, max_width, max_height);
}

}  // namespace linli::content
