#include "platform/font_texture.hpp"

#include "platform/gl_textures.hpp"

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace linli::platform {

namespace {


using namespace gl;

bool has_swizzle()
{
    int major = 0, minor = 0;
    textures().get_integerv(k_major_version, &major);
    textures().get_integerv(k_minor_version, &minor);
    return major > 3 || (major == 3 && minor >= 3);
}

}  // namespace

FontTexture::~FontTexture()
{
    destroy();
}

void FontTexture::destroy()
{
    if (m_texture) textures().delete_textures(1, &m_texture);
    m_texture = 0;
}

void FontTexture::upload(bool gles2)
{
    destroy();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* alpha = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsAlpha8(&alpha, &width, &height);

    textures().gen_textures(1, &m_texture);
    textures().bind_texture(k_texture_2d, m_texture);
    textures().tex_parameteri(k_texture_2d, k_min_filter, int(k_linear));
    textures().tex_parameteri(k_texture_2d, k_mag_filter, int(k_linear));
    textures().tex_parameteri(k_texture_2d, k_wrap_s, int(k_clamp_to_edge));
    textures().tex_parameteri(k_texture_2d, k_wrap_t, int(k_clamp_to_edge));
    textures().pixel_storei(k_unpack_alignment, 1);
    if (gles2) {
        std::vector<unsigned char> la(size_t(width) * size_t(height) * 2, 255);
        for (size_t i = 0; i < size_t(width) * size_t(height); ++i) la[i * 2 + 1] = alpha[i];
        textures().tex_image_2d(k_texture_2d, 0, int(k_luminance_alpha), width, height, 0, k_luminance_alpha, k_unsigned_byte,
                          la.data());
    } else if (has_swizzle()) {
        static const int swizzle[4] = {int(k_one), int(k_one), int(k_one), int(k_red)};
        textures().tex_image_2d(k_texture_2d, 0, int(k_r8), width, height, 0, k_red, k_unsigned_byte, alpha);
        textures().tex_parameteriv(k_texture_2d, k_swizzle_rgba, swizzle);
    } else {
        unsigned char* rgba = nullptr;
        atlas->GetTexDataAsRGBA32(&rgba, &width, &height);
        textures().tex_image_2d(k_texture_2d, 0, int(k_rgba), width, height, 0, k_rgba, k_unsigned_byte, rgba);
    }
    atlas->SetTexID(reinterpret_cast<ImTextureID>(intptr_t(m_texture)));
    // The GPU has its copy; the CPU-side pixels are made again with the next atlas.
    atlas->ClearTexData();
}

}  // namespace linli::platform
