#include "platform/font_atlas.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui.h>
#include <imgui_freetype.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace linli::platform {

// A read-only memory map of a font file: pages are shared with the page cache, so the kiosk
// pays in RSS only for the glyph tables it actually touches.
class MappedFile {
public:
    static std::unique_ptr<MappedFile> open(const std::string& path)
    {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return nullptr;
        struct stat st;
        if (fstat(fd, &st) != 0 || st.st_size <= 0) {
            ::close(fd);
            return nullptr;
        }
        void* data = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (data == MAP_FAILED) return nullptr;
        // Glyph outlines are read scattered over the file: no read-ahead around each one, so
        // only the pages actually needed count towards the kiosk's memory.
        madvise(data, size_t(st.st_size), MADV_RANDOM);
        auto file = std::unique_ptr<MappedFile>(new MappedFile());
        file->m_data = data;
        file->m_size = size_t(st.st_size);
        return file;
    }
    ~MappedFile() { munmap(m_data, m_size); }
    // Drops the pages read so far from this process's memory (they stay in the page cache and
    // come back on the next read): the glyph outlines are needed only while the atlas builds.
    void release_pages() const { madvise(m_data, m_size, MADV_DONTNEED); }
    void* data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    MappedFile() = default;
    void* m_data = nullptr;
    size_t m_size = 0;
};

namespace {

// ImGui 1.86 copies font data it does not own, once per font size: 5 sizes of a 19 MB .ttc
// would cost ~95 MB. Instead the atlas is told it owns our memory map, and ImGui's allocator
// is wrapped so that freeing a mapped font is a no-op (the map lives until FontAtlas dies).
std::vector<const void*>& borrowed_blocks()
{
    static std::vector<const void*> blocks;
    return blocks;
}

void* imgui_alloc(size_t size, void*) { return std::malloc(size); }

void imgui_free(void* ptr, void*)
{
    for (const void* block : borrowed_blocks())
        if (ptr == block) return;
    std::free(ptr);
}

// Noto Sans CJK's .ttc orders its faces JP, KR, SC, TC, HK: index 2 is Simplified Chinese.
constexpr int k_noto_sc_face = 2;

std::vector<std::string> font_dirs()
{
    if (const char* dir = std::getenv("LINLI_FONT_DIR")) return {dir};
    return {"/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/wqy", "/usr/share/fonts/opentype",
            "/usr/share/fonts/truetype"};
}

std::string find_font(const char* file_name)
{
    for (const auto& dir : font_dirs()) {
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
            if (it->path().filename() == file_name) return it->path().string();
    }
    return {};
}

// Present from the start so that common labels need no rebuild: ASCII, the common CJK and
// full-width punctuation, and ¥. Large sizes (titles, the clock) get digits only: their few
// words are added as they appear, which keeps a big glyph from costing atlas space unused.
constexpr float k_small_text_px = 48;

void add_baseline(std::set<char32_t>& set, float size_px)
{
    for (char32_t c = U'0'; c <= U'9'; ++c) set.insert(c);
    set.insert(U':');
    set.insert(U' ');
    if (size_px > k_small_text_px) return;
    for (char32_t c = 0x20; c < 0x7F; ++c) set.insert(c);
    for (char32_t c = 0x3000; c <= 0x3011; ++c) set.insert(c);
    for (char32_t c : {U'\u00A5', U'\u00B7', U'\u2014', U'\u2026', U'\u201C', U'\u201D', U'\u2018', U'\u2019',
                       U'\uFF01', U'\uFF08', U'\uFF09', U'\uFF0C', U'\uFF1A', U'\uFF1B', U'\uFF1F', U'\uFFE5'})
        set.insert(c);
}

}  // namespace

FontAtlas::~FontAtlas()
{
    // ImGui must not hold glyph data from the maps after they are gone.
    if (ImGui::GetCurrentContext()) ImGui::GetIO().Fonts->Clear();
    auto& blocks = borrowed_blocks();
    std::erase_if(blocks, [this](const void* b) {
        return (m_primary_data && b == m_primary_data->data()) || (m_fallback_data && b == m_fallback_data->data());
    });
    if (m_primary_face) FT_Done_Face(static_cast<FT_Face>(m_primary_face));
    if (m_freetype) FT_Done_FreeType(static_cast<FT_Library>(m_freetype));
}

Result<std::unique_ptr<FontAtlas>> FontAtlas::open()
{
    auto atlas = std::unique_ptr<FontAtlas>(new FontAtlas());
    std::string noto = find_font("NotoSansCJK-Regular.ttc");
    std::string wqy = find_font("wqy-microhei.ttc");
    if (!noto.empty()) {
        atlas->m_primary = {noto, k_noto_sc_face};
        if (!wqy.empty()) atlas->m_fallback = {wqy, 0};
    } else if (!wqy.empty()) {
        atlas->m_primary = {wqy, 0};
    } else {
        return Error::internal("fonts: no Chinese font found: install fonts-noto-cjk (or fonts-wqy-microhei)");
    }
    ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free);
    atlas->m_primary_data = MappedFile::open(atlas->m_primary.path);
    if (!atlas->m_primary_data)
        return Error::internal("fonts: " + atlas->m_primary.path + ": cannot read the font file");
    if (!atlas->m_fallback.path.empty()) {
        atlas->m_fallback_data = MappedFile::open(atlas->m_fallback.path);
        if (!atlas->m_fallback_data) atlas->m_fallback = {};
    }

    FT_Library library = nullptr;
    FT_Face face = nullptr;
    if (FT_Init_FreeType(&library) != 0)
        return Error::internal("fonts: FreeType did not start");
    atlas->m_freetype = library;
    if (FT_New_Memory_Face(library, static_cast<const FT_Byte*>(atlas->m_primary_data->data()),
                           FT_Long(atlas->m_primary_data->size()), atlas->m_primary.face_index, &face) != 0)
        return Error::internal("fonts: " + atlas->m_primary.path + ": not a font FreeType can read");
    atlas->m_primary_face = face;
    borrowed_blocks().push_back(atlas->m_primary_data->data());
    if (atlas->m_fallback_data) borrowed_blocks().push_back(atlas->m_fallback_data->data());
    return atlas;
}

void FontAtlas::set_sizes(std::vector<float> sizes_px)
{
    if (sizes_px == m_sizes) return;
    m_sizes = std::move(sizes_px);
    m_code_points.resize(m_sizes.size());
    m_passing.resize(m_sizes.size());
    for (size_t i = 0; i < m_sizes.size(); ++i) add_baseline(m_code_points[i], m_sizes[i]);
    m_dirty = true;
}

bool FontAtlas::add_code_points(int font, std::span<const char32_t> code_points, Glyphs kind)
{
    if (font < 0 || size_t(font) >= m_code_points.size()) return false;
    auto& lasting = m_code_points[size_t(font)];
    auto& passing = m_passing[size_t(font)];
    bool added = false;
    for (char32_t c : code_points) {
        if (c > 0xFFFF || c < 0x20) continue;  // ImGui 1.86 is built with 16-bit ImWchar
        if (kind == Glyphs::Lasting) {
            const bool was_passing = passing.erase(c) > 0;
            added |= lasting.insert(c).second && !was_passing;
        } else if (!lasting.contains(c)) {
            added |= passing.insert(c).second;
        }
    }
    m_dirty |= added;
    return added;
}

size_t FontAtlas::passing_count() const
{
    size_t n = 0;
    for (const auto& set : m_passing) n += set.size();
    return n;
}

void FontAtlas::forget_passing()
{
    if (passing_count() == 0) return;
    for (auto& set : m_passing) set.clear();
    m_dirty = true;
}

float FontAtlas::cap_height_ratio() const
{
    auto face = static_cast<FT_Face>(m_primary_face);
    const float em_span = float(face->ascender - face->descender);
    // stb_truetype (ImGui's rasteriser) scales a font so that hhea's ascent - descent is its
    // pixel size; FreeType reports the same hhea values in font units.
    if (em_span <= 0 || FT_Load_Char(face, 'H', FT_LOAD_NO_SCALE) != 0) return 0.506f;
    return float(face->glyph->metrics.height) / em_span;
}

float FontAtlas::em_ratio() const
{
    auto face = static_cast<FT_Face>(m_primary_face);
    const float em_span = float(face->ascender - face->descender);
    return em_span > 0 ? float(face->units_per_EM) / em_span : 1.0f;
}

bool FontAtlas::primary_has(char32_t code_point) const
{
    return FT_Get_Char_Index(static_cast<FT_Face>(m_primary_face), FT_ULong(code_point)) != 0;
}

size_t FontAtlas::glyph_count() const
{
    size_t n = 0;
    for (const auto& set : m_code_points) n += set.size();
    n += passing_count();
    return n;
}

Status FontAtlas::build_once(int max_texture_size)
{
    ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    fonts->Clear();
    fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    m_ranges.clear();
    m_ranges.reserve(m_sizes.size() * 2);

    for (size_t i = 0; i < m_sizes.size(); ++i) {
        // Ranges are pairs of inclusive bounds, zero-terminated; split the set between the
        // primary face and the fallback face by which one has the glyph.
        std::vector<unsigned short> primary, fallback;
        std::set<char32_t> glyphs = m_code_points[i];
        glyphs.insert(m_passing[i].begin(), m_passing[i].end());
        for (char32_t c : glyphs) {
            auto& ranges = (m_fallback_data && !primary_has(c)) ? fallback : primary;
            if (!ranges.empty() && ranges.back() + 1u == c) ranges.back() = (unsigned short)c;
            else ranges.insert(ranges.end(), {(unsigned short)c, (unsigned short)c});
        }
        primary.push_back(0);
        fallback.push_back(0);
        m_ranges.push_back(std::move(primary));

        ImFontConfig config;
        config.FontDataOwnedByAtlas = true;  // see borrowed_blocks()
        config.FontNo = m_primary.face_index;
        config.PixelSnapH = true;
        config.OversampleH = config.OversampleV = 1;
        config.GlyphRanges = m_ranges.back().data();
        fonts->AddFontFromMemoryTTF(m_primary_data->data(), int(m_primary_data->size()), m_sizes[i], &config);
        if (fallback.size() > 1) {
            m_ranges.push_back(std::move(fallback));
            ImFontConfig merge = config;
            merge.MergeMode = true;
            merge.FontNo = m_fallback.face_index;
            merge.GlyphRanges = m_ranges.back().data();
            fonts->AddFontFromMemoryTTF(m_fallback_data->data(), int(m_fallback_data->size()), m_sizes[i], &merge);
        }
    }

    // Let ImGui size the texture to the glyphs; only if that is wider than the GPU allows, ask
    // for the widest the GPU takes (the atlas then grows in height, checked below).
    fonts->TexDesiredWidth = 0;
    if (!fonts->Build())
        return Error::internal("fonts: building the glyph atlas failed");
    // ImGui picks the width from the glyphs' area and lets the height grow to a power of two: the
    // glyphs of 大 and 特大 came out 1024x4096, over a Pi's 2048 limit, where 2048x2048 holds
    // them. A texture taller than wide is built again twice as wide.
    while (fonts->TexHeight > fonts->TexWidth && (max_texture_size <= 0 || fonts->TexWidth * 2 <= max_texture_size)) {
        fonts->TexDesiredWidth = fonts->TexWidth * 2;
        if (!fonts->Build()) return Error::internal("fonts: building the glyph atlas failed");
    }
    if (max_texture_size > 0 && fonts->TexWidth > max_texture_size) {
        fonts->TexDesiredWidth = max_texture_size;
        if (!fonts->Build()) return Error::internal("fonts: building the glyph atlas failed");
    }
    m_texture_width = fonts->TexWidth;
    m_texture_height = fonts->TexHeight;
    return {};
}

Status FontAtlas::rebuild(int max_texture_size)
{
    m_trimmed_sizes = 0;
    for (;;) {
        TRY_STATUS(build_once(max_texture_size));
        if (max_texture_size <= 0 || (m_texture_width <= max_texture_size && m_texture_height <= max_texture_size))
            break;
        // Too many glyphs for this GPU (a Pi 3 takes 2048x2048): rather than stop the kiosk,
        // the largest size that carries more than its baseline goes back to the baseline; its
        // text shows the fallback mark until the atlas is rebuilt for other reasons.
        int largest = -1;
        for (size_t i = 0; i < m_sizes.size(); ++i) {
            std::set<char32_t> baseline;
            add_baseline(baseline, m_sizes[i]);
            if (m_code_points[i].size() + m_passing[i].size() > baseline.size() && (largest < 0 || m_sizes[i] > m_sizes[size_t(largest)]))
                largest = int(i);
        }
        if (largest < 0)
            return Error::internal("fonts: glyph atlas " + std::to_string(m_texture_width) + "x" +
                                   std::to_string(m_texture_height) + " exceeds the GPU's texture limit " +
                                   std::to_string(max_texture_size) + " even with the baseline glyphs alone");
        m_code_points[size_t(largest)].clear();
        m_passing[size_t(largest)].clear();
        add_baseline(m_code_points[size_t(largest)], m_sizes[size_t(largest)]);
        ++m_trimmed_sizes;
    }
    m_dirty = false;
    m_primary_data->release_pages();
    if (m_fallback_data) m_fallback_data->release_pages();
    return {};
}

}  // namespace linli::platform
