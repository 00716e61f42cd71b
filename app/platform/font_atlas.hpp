// FontAtlas: Chinese fonts for Dear ImGui without building the full CJK range. Each font size
// carries only the glyphs of the text actually shown at that size plus a small baseline; when
// new text appears the atlas is rebuilt between frames (ImGui 1.86 cannot grow an atlas).
// Noto Sans CJK SC (face 2 of the .ttc) first, WQY MicroHei for anything Noto lacks or when
// Noto is not installed. Font files are memory-mapped once and shared by every size.
#pragma once

#include "core/result.hpp"

#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace linli::platform {

class MappedFile;

struct FontFaceFile {
    std::string path;
    int face_index = 0;
};

class FontAtlas {
public:
    // Finds the fonts (LINLI_FONT_DIR overrides the search for tests), maps them, and fails
    // with a clear message when no Chinese font is installed.
    static Result<std::unique_ptr<FontAtlas>> open();
    ~FontAtlas();

    // Font i of the ImGui atlas gets size sizes_px[i]; marks the atlas for a rebuild.
    void set_sizes(std::vector<float> sizes_px);
    // Lasting glyphs are the interface's and the content's; passing ones come from what residents
    // write (their text, the input candidates), which has no bound: forget_passing() drops them.
    enum class Glyphs { Lasting, Passing };
    // Adds code points to font i; returns true when any was new (the atlas needs a rebuild).
    bool add_code_points(int font, std::span<const char32_t> code_points, Glyphs kind = Glyphs::Lasting);
    // Passing glyphs held now, and forgetting them all (the next rebuild has the lasting ones).
    size_t passing_count() const;
    void forget_passing();
    bool needs_rebuild() const { return m_dirty; }
    // Rebuilds ImGui's font atlas with the current sizes and glyph sets. When the glyphs would
    // not fit a texture of max_texture_size (the GPU's limit), the largest sizes are cut back
    // to their baseline (see trimmed_sizes()); fails only if even the baselines do not fit.
    Status rebuild(int max_texture_size);
    // How many font sizes the last rebuild had to cut back to fit the GPU (0 normally).
    int trimmed_sizes() const { return m_trimmed_sizes; }

    // Whether the kiosk can draw this character: in the primary font, and in the Basic
    // Multilingual Plane (Debian's ImGui 1.86 keeps 16-bit glyph ranges). Input candidates
    // outside this are never offered.
    bool can_draw(char32_t code_point) const { return code_point <= 0xFFFF && primary_has(code_point); }

    const FontFaceFile& primary_face() const { return m_primary; }
    // A capital H's height as a share of the font size ImGui sizes by (ascent - descent): 0.506
    // for Noto Sans CJK, so text can be sized by its printed height in millimetres.
    float cap_height_ratio() const;
    // The em square as a share of that size (0.69 for Noto Sans CJK): typographers' "font size",
    // which line spacing rules (1.5 x) are stated in.
    float em_ratio() const;
    int texture_width() const { return m_texture_width; }
    int texture_height() const { return m_texture_height; }
    size_t glyph_count() const;

private:
    FontAtlas() = default;
    bool primary_has(char32_t code_point) const;
    Status build_once(int max_texture_size);

    FontFaceFile m_primary;
    FontFaceFile m_fallback;
    std::unique_ptr<MappedFile> m_primary_data;
    std::unique_ptr<MappedFile> m_fallback_data;
    void* m_freetype = nullptr;      // FT_Library, to ask the primary face which glyphs it has
    void* m_primary_face = nullptr;  // FT_Face
    std::vector<float> m_sizes;
    std::vector<std::set<char32_t>> m_code_points;
    std::vector<std::set<char32_t>> m_passing;  // none of them in m_code_points
    std::vector<std::vector<unsigned short>> m_ranges;  // kept alive while ImGui builds
    bool m_dirty = true;
    int m_texture_width = 0;
    int m_texture_height = 0;
    int m_trimmed_sizes = 0;
};

}  // namespace linli::platform
