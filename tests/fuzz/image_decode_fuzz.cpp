// Fuzz target for image decoding (content pictures and voucher photos come from administrators'
// folders and USB sticks): any bytes, as JPEG or PNG by their magic. A decode either fails with
// a rejected error naming the file or yields an image that fits the box, with a full pixel buffer.
#include "content/image_decode.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

// Small, so the area filter and DCT scaling are exercised on most inputs.
constexpr int k_box_width = 48, k_box_height = 32;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::span<const uint8_t> bytes(data, size);
    auto decoded = linli::content::decode_image_bytes(bytes, "media/fuzz.jpg", k_box_width, k_box_height);
    if (!decoded) {
        FUZZ_CHECK(decoded.error().kind == linli::ErrorKind::Rejected);
        FUZZ_CHECK(decoded.error().message.rfind("media/fuzz.jpg: ", 0) == 0);
        return 0;
    }
    const auto& image = decoded.value();
    FUZZ_CHECK(image.width >= 1 && image.width <= k_box_width);
    FUZZ_CHECK(image.height >= 1 && image.height <= k_box_height);
    FUZZ_CHECK(image.rgba.size() == size_t(image.width) * size_t(image.height) * 4);
    FUZZ_CHECK(linli::content::sniff_image_format(bytes) != linli::content::ImageFormat::Unknown);
    return 0;
}
