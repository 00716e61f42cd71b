#include "platform/font_texture.hpp"

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <vector>

namespace linli::platform {

namespace {

// The GL entry points and enums used here; fetched through SDL so one code path serves both
// desktop GL and OpenGL ES 2.
struct Gl {
    void (*gen_textures)(int, unsigned*);
    void (*delete_textures)(int, const unsigned*);
    void (*bind_texture)(unsigned, unsigned);
    void (*tex_parameteri)(unsigned, unsigned, int);
    void (*tex_parameteriv)(unsigned, unsigned, const int*);
    void (*tex_image_2d)(unsigned, int, int, int, int, int, unsigned, unsigned, const void*);
    void (*pixel_storei)(unsigned, int);
    void (*get_integerv)(unsigned, int*);
};

constexpr unsigned k_texture_2d = 0x0DE1, k_min_filter = 0x2801, k_mag_filter = 0x2800, k_linear = 0x2601;
constexpr unsigned k_wrap_s = 0x2802, k_wrap_t = 0x2803, k_clamp_to_edge = 0x812F;
constexpr unsigned k_unpack_alignment = 0x0CF5, k_unsigned_byte = 0x1401;
constexpr unsigned k_red = 0x1903, k_r8 = 0x8229, k_rgba = 0x1908, k_luminance_alpha = 0x190A;
constexpr unsigned k_swizzle_rgba = 0x8E46, k_one = 1;
constexpr unsigned k_major_version = 0x821B, k_minor_version = 0x821C;

const Gl& gl()
{
    static const Gl g = {
        reinterpret_cast<decltype(Gl::gen_textures)>(SDL_GL_GetProcAddress("glGenTextures")),
        reinterpret_cast<decltype(Gl::delete_textures)>(SDL_GL_GetProcAddress("glDeleteTextures")),
        reinterpret_cast<decltype(Gl::bind_texture)>(SDL_GL_GetProcAddress("glBindTexture")),
        reinterpret_cast<decltype(Gl::tex_parameteri)>(SDL_GL_GetProcAddress("glTexParameteri")),
        reinterpret_cast<decltype(Gl::tex_parameteriv)>(SDL_GL_GetProcAddress("glTexParameteriv")),
        reinterpret_cast<decltype(Gl::tex_image_2d)>(SDL_GL_GetProcAddress("glTexImage2D")),
        reinterpret_cast<decltype(Gl::pixel_storei)>(SDL_GL_GetProcAddress("glPixelStorei")),
        reinterpret_cast<decltype(Gl::get_integerv)>(SDL_GL_GetProcAddress("glGetIntegerv")),
    };
    return g;
}

bool has_swizzle()
{
    int major = 0, minor = 0;
    gl().get_integerv(k_major_version, &major);
    gl().get_integerv(k_minor_version, &minor);
    return major > 3 || (major == 3 && minor >= 3);
}

}  // namespace

FontTexture::~FontTexture()
{
    destroy();
}

void FontTexture::destroy()
{
    if (m_texture) gl().delete_textures(1, &m_texture);
    m_texture = 0;
}

void FontTexture::upload(bool gles2)
{
    destroy();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* alpha = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsAlpha8(&alpha, &width, &height);

    gl().gen_textures(1, &m_texture);
    gl().bind_texture(k_texture_2d, m_texture);
    gl().tex_parameteri(k_texture_2d, k_min_filter, int(k_linear));
    gl().tex_parameteri(k_texture_2d, k_mag_filter, int(k_linear));
    gl().tex_parameteri(k_texture_2d, k_wrap_s, int(k_clamp_to_edge));
    gl().tex_parameteri(k_texture_2d, k_wrap_t, int(k_clamp_to_edge));
    gl().pixel_storei(k_unpack_alignment, 1);
    if (gles2) {
        std::vector<unsigned char> la(size_t(width) * size_t(height) * 2, 255);
        for (size_t i = 0; i < size_t(width) * size_t(height); ++i) la[i * 2 + 1] = alpha[i];
        gl().tex_image_2d(k_texture_2d, 0, int(k_luminance_alpha), width, height, 0, k_luminance_alpha, k_unsigned_byte,
                          la.data());
    } else if (has_swizzle()) {
        static const int swizzle[4] = {int(k_one), int(k_one), int(k_one), int(k_red)};
        gl().tex_image_2d(k_texture_2d, 0, int(k_r8), width, height, 0, k_red, k_unsigned_byte, alpha);
        gl().tex_parameteriv(k_texture_2d, k_swizzle_rgba, swizzle);
    } else {
        unsigned char* rgba = nullptr;
        atlas->GetTexDataAsRGBA32(&rgba, &width, &height);
        gl().tex_image_2d(k_texture_2d, 0, int(k_rgba), width, height, 0, k_rgba, k_unsigned_byte, rgba);
    }
    atlas->SetTexID(reinterpret_cast<ImTextureID>(intptr_t(m_texture)));
    // The GPU has its copy; the CPU-side pixels are made again with the next atlas.
    atlas->ClearTexData();
}

}  // namespace linli::platform
