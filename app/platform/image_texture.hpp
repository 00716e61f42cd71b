// ImageTexture: one decoded picture (content images, voucher photos) as a GL texture that
// ImDrawList::AddImage draws. Pixels arrive already downscaled to the screen
// (content::decode_image), so this only uploads: RGBA, linear filtering, clamped edges, no
// mipmaps; the same calls serve desktop OpenGL 3 and OpenGL ES 2. Needs the GL context current.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <imgui.h>
#include <span>

namespace linli::platform {

class ImageTexture {
public:
    ImageTexture() = default;
    ~ImageTexture();
    ImageTexture(ImageTexture&& other) noexcept;
    ImageTexture& operator=(ImageTexture&& other) noexcept;
    ImageTexture(const ImageTexture&) = delete;
    ImageTexture& operator=(const ImageTexture&) = delete;

    // Uploads width x height RGBA pixels (top row first, 4 bytes each). Fails when the size is
    // not positive, rgba is too short, the GPU's texture limit is exceeded or GL reports an error.
    static Result<ImageTexture> upload(std::span<const uint8_t> rgba, int width, int height);

    // For ImDrawList::AddImage; null when empty.
    ImTextureID id() const { return reinterpret_cast<ImTextureID>(intptr_t(m_texture)); }
    bool empty() const { return m_texture == 0; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // Deletes the GL texture now (also done on destruction).
    void reset();

private:
    unsigned m_texture = 0;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace linli::platform
