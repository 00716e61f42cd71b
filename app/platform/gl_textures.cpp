#include "platform/gl_textures.hpp"

#include <SDL.h>

namespace linli::platform::gl {

const TextureFunctions& textures()
{
    static const TextureFunctions f = {
        reinterpret_cast<decltype(TextureFunctions::gen_textures)>(SDL_GL_GetProcAddress("glGenTextures")),
        reinterpret_cast<decltype(TextureFunctions::delete_textures)>(SDL_GL_GetProcAddress("glDeleteTextures")),
        reinterpret_cast<decltype(TextureFunctions::bind_texture)>(SDL_GL_GetProcAddress("glBindTexture")),
        reinterpret_cast<decltype(TextureFunctions::tex_parameteri)>(SDL_GL_GetProcAddress("glTexParameteri")),
        reinterpret_cast<decltype(TextureFunctions::tex_parameteriv)>(SDL_GL_GetProcAddress("glTexParameteriv")),
        reinterpret_cast<decltype(TextureFunctions::tex_image_2d)>(SDL_GL_GetProcAddress("glTexImage2D")),
        reinterpret_cast<decltype(TextureFunctions::pixel_storei)>(SDL_GL_GetProcAddress("glPixelStorei")),
        reinterpret_cast<decltype(TextureFunctions::get_integerv)>(SDL_GL_GetProcAddress("glGetIntegerv")),
        reinterpret_cast<decltype(TextureFunctions::get_error)>(SDL_GL_GetProcAddress("glGetError")),
    };
    return f;
}

}  // namespace linli::platform::gl
