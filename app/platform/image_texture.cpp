#include "platform/image_texture.hpp"

#include "platform/gl_textures.hpp"


#include <string>
#include <utility>

namespace linli::platform {

namespace {


using namespace gl;

}  // namespace

ImageTexture::~ImageTexture()
{
    reset();
}

ImageTexture::ImageTexture(ImageTexture&& other) noexcept
    : m_texture(std::exchange(other.m_texture, 0u)),
      m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0))
{
}

ImageTexture& ImageTexture::operator=(ImageTexture&& other) noexcept
{
    if (this != &other) {
        reset();
        m_texture = std::exchange(other.m_texture, 0u);
        m_width = std::exchange(other.m_width, 0);
        m_height = std::exchange(other.m_height, 0);
    }
    return *this;
}

void ImageTexture::reset()
{
    if (m_texture) textures().delete_textures(1, &m_texture);
    m_texture = 0;
    m_width = m_height = 0;
}

Result<ImageTexture> ImageTexture::upload(std::span<const uint8_t> rgba, int width, int height)
{
    if (width <= 0 || height <= 0 || rgba.size() < size_t(width) * size_t(height) * 4)
        return Error::internal("image texture: " + std::to_string(width) + "x" + std::to_string(height) +
                               " does not match " + std::to_string(rgba.size()) + " bytes of RGBA");
    const TextureFunctions& g = textures();
    int max_size = 0;
    g.get_integerv(k_max_texture_size, &max_size);
    if (max_size > 0 && (width > max_size || height > max_size))
        return Error::internal("image texture: " + std::to_string(width) + "x" + std::to_string(height) +
                               " exceeds the GPU's texture limit of " + std::to_string(max_size));
    while (g.get_error() != k_no_error) {
        // Errors left by earlier calls would be blamed on this upload.
    }

    // Restore the caller's binding: the ImGui backend tracks its own state, and a changed
    // binding behind its back is the kind of fault that shows up only frames later.
    int previous = 0;
    g.get_integerv(k_texture_binding_2d, &previous);
    ImageTexture texture;
    g.gen_textures(1, &texture.m_texture);
    g.bind_texture(k_texture_2d, texture.m_texture);
    g.tex_parameteri(k_texture_2d, k_min_filter, int(k_linear));
    g.tex_parameteri(k_texture_2d, k_mag_filter, int(k_linear));
    // Clamp: repeat would bleed the opposite edge into a scaled image's border, and OpenGL ES 2
    // allows nothing else for textures whose sides are not powers of two.
    g.tex_parameteri(k_texture_2d, k_wrap_s, int(k_clamp_to_edge));
    g.tex_parameteri(k_texture_2d, k_wrap_t, int(k_clamp_to_edge));
    g.pixel_storei(k_unpack_alignment, 4);
    // Unsized GL_RGBA as the internal format: OpenGL ES 2 requires it to equal the format, and
    // desktop GL 3 core accepts it.
    g.tex_image_2d(k_texture_2d, 0, int(k_rgba), width, height, 0, k_rgba, k_unsigned_byte, rgba.data());
    unsigned error = g.get_error();
    g.bind_texture(k_texture_2d, unsigned(previous));
    if (error != k_no_error)
        return Error::internal("image texture: glTexImage2D failed for " + std::to_string(width) + "x" +
                               std::to_string(height) + " (GL error " + std::to_string(error) + ")");
    texture.m_width = width;
    texture.m_height = height;
    return texture;
}

}  // namespace linli::platform
