// FontTexture: uploads ImGui's glyph atlas as a one-channel texture. ImGui's own backend
// converts the atlas to RGBA (4 bytes a pixel on the CPU and again in the driver); glyphs need
// only coverage. Desktop GL 3.3+ gets GL_R8 with a swizzle to (1,1,1,r); OpenGL ES 2 gets
// GL_LUMINANCE_ALPHA (1,1,1,a) at 2 bytes a pixel. Older desktop GL falls back to RGBA.
#pragma once

namespace linli::platform {

class FontTexture {
public:
    FontTexture() = default;
    ~FontTexture();
    FontTexture(const FontTexture&) = delete;
    FontTexture& operator=(const FontTexture&) = delete;

    // (Re)creates the texture from ImGui's current atlas and hands its id to ImGui.
    // gles2: the context is OpenGL ES 2. Needs the GL context current.
    void upload(bool gles2);
    void destroy();

private:
    unsigned m_texture = 0;
};

}  // namespace linli::platform
