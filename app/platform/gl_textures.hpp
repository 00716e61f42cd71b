// The few GL texture entry points and enums our own code calls (font atlas and picture
// textures), fetched through SDL so one path serves desktop GL and OpenGL ES 2. Valid once a GL
// context is current.
#pragma once

namespace linli::platform::gl {

struct TextureFunctions {
    void (*gen_textures)(int, unsigned*);
    void (*delete_textures)(int, const unsigned*);
    void (*bind_texture)(unsigned, unsigned);
    void (*tex_parameteri)(unsigned, unsigned, int);
    void (*tex_parameteriv)(unsigned, unsigned, const int*);
    void (*tex_image_2d)(unsigned, int, int, int, int, int, unsigned, unsigned, const void*);
    void (*pixel_storei)(unsigned, int);
    void (*get_integerv)(unsigned, int*);
    unsigned (*get_error)();
};

const TextureFunctions& textures();

constexpr unsigned k_texture_2d = 0x0DE1, k_min_filter = 0x2801, k_mag_filter = 0x2800, k_linear = 0x2601;
constexpr unsigned k_wrap_s = 0x2802, k_wrap_t = 0x2803, k_clamp_to_edge = 0x812F;
constexpr unsigned k_unpack_alignment = 0x0CF5, k_unsigned_byte = 0x1401;
constexpr unsigned k_red = 0x1903, k_r8 = 0x8229, k_rgba = 0x1908, k_luminance_alpha = 0x190A;
constexpr unsigned k_swizzle_rgba = 0x8E46, k_one = 1;
constexpr unsigned k_major_version = 0x821B, k_minor_version = 0x821C;
constexpr unsigned k_texture_binding_2d = 0x8069, k_max_texture_size = 0x0D33, k_no_error = 0;

}  // namespace linli::platform::gl
