#include "platform/image_texture.hpp"

#include <SDL.h>

#include <string>
#include <utility>

namespace linli::platform {

namespace {

// The GL entry points used here, fetched through SDL so one path serves desktop GL and
// OpenGL ES 2 (as font_texture.cpp does).
struct Gl {
    void (*gen_textures)(int, unsigned*);
    void (*delete_textures)(int, const unsigned*);
    void (*bind_texture)(unsigned, unsigned);
    void (*tex_parameteri)(unsigned, unsigned, int);
    void (*tex_image_2d)(unsigned, int, int, int, int, int, unsigned, unsigned, const void*);
    void (*pixel_storei)(unsigned, int);
    void (*get_integerv)(unsigned, int*);
    unsigned (*get_error)();
};

constexpr unsigned k_texture_2d = 0x0DE1, k_min_filter = 0x2801, k_mag_filter = 0x2800, k_linear = 0x2601;
constexpr unsigned k_wrap_s = 0x2802, k_wrap_t = 0x2803, k_clamp_to_edge = 0x812F;
constexpr unsigned k_unpack_alignment = 0x0CF5, k_unsigned_byte = 0x1401, k_rgba = 0x1908;
constexpr unsigned k_texture_binding_2d = 0x8069, k_max_texture_size = 0x0D33, k_no_error = 0;

const Gl& gl()
{
    static const Gl g = {
        reinterpret_cast<decltype(Gl::gen_textures)>(SDL_GL_GetProcAddress("glGenTextures")),
        reinterpret_cast<decltype(Gl::delete_textures)>(SDL_GL_GetProcAddress("glDeleteTextures")),
        reinterpret_cast<decltype(Gl::bind_texture)>(SDL_GL_GetProcAddress("glBindTexture")),
        reinterpret_cast<decltype(Gl::tex_parameteri)>(SDL_GL_GetProcAddress("glTexParameteri")),
        reinterpret_cast<decltype(Gl::tex_image_2d)>(SDL_GL_GetProcAddress("glTexImage2D")),
        reinterpret_cast<decltype(Gl::pixel_storei)>(SDL_GL_GetProcAddress("glPixelStorei")),
        reinterpret_cast<decltype(Gl::get_integerv)>(SDL_GL_GetProcAddress("glGetIntegerv")),
        reinterpret_cast<decltype(Gl::get_error)>(SDL_GL_GetProcAddress("glGetError")),
    };
    return g;
}

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
    if (m_texture) gl().delete_textures(1, &m_texture);
    m_texture = 0;
    m_width = m_height = 0;
}

Result<ImageTexture> ImageTexture::upload(std::span<const uint8_t> rgba, int width, int height)
{
    if (width <= 0 || height <= 0 || rgba.size() < size_t(width) * size_t(height) * 4)
        return Error::internal("image texture: " + std::to_string(width) + "x" + std::to_string(height) +
                               " does not match " + std::to_string(rgba.size()) + " bytes of RGBA");
    const Gl& g = gl();
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
