// Image decoding for content pictures and voucher photos: JPEG (libjpeg-turbo) and PNG
// (libpng), told apart by their magic bytes, decoded once and shrunk to the screen with an area
// filter, so the kiosk stores and uploads pixels it can draw as they are. Outside files are
// untrusted: size, pixel-count and corruption limits turn into Error::rejected naming the file.
// No GL or ImGui here (content layer); platform::ImageTexture uploads the result.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace linli::content {

// Largest image file accepted, checked before reading (20 MB as file managers count, MiB).
inline constexpr uint64_t k_max_image_file_bytes = 20ull * 1024 * 1024;
// Largest picture decoded, in pixels: a 48-megapixel phone photo fits; a header claiming
// 100000 x 100000 (a decompression bomb) is refused before any pixel memory is taken.
inline constexpr uint64_t k_max_image_pixels = 50'000'000;

// Straight (not premultiplied) RGBA, 8 bits a channel, top row first.
struct DecodedImage {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
};

enum class ImageFormat { Unknown, Jpeg, Png };

// The format by magic bytes (the extension says nothing).
ImageFormat sniff_image_format(std::span<const uint8_t> head);

// Reads path and decodes it to fit max_width x max_height (aspect kept, never enlarged).
// JPEGs are turned upright per their EXIF orientation. Errors name the path:
// "media/x.jpg: not a JPEG or PNG image", "...: image is damaged (...)", "...: larger than 20 MB".
Result<DecodedImage> decode_image(const std::string& path, int max_width, int max_height);
// The same for bytes already in memory; name is used in messages.
Result<DecodedImage> decode_image_bytes(std::span<const uint8_t> bytes, const std::string& name, int max_width,
                                        int max_height);

struct ImageSize {
    int width = 0, height = 0;
};
// The size width x height becomes when fitted into max_width x max_height without enlarging.
ImageSize fit_size(int width, int height, int max_width, int max_height);
// Shrinks image to fit with an area (box) filter in premultiplied alpha, so transparent pixels
// do not darken the edges; returns it unchanged when it already fits.
DecodedImage downscale_to_fit(DecodedImage image, int max_width, int max_height);

}  // namespace linli::content
