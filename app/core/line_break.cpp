// Line breaking, in two steps per paragraph: split the text into unbreakable segments (content
// plus the spaces after it) at the break opportunities below, then place the segments greedily.
// Each segment is measured once, so a paragraph costs O(n) measure calls, not O(n^2).
//
// Break opportunities (a simplified UAX #14 for Chinese mixed with Latin):
//   never before Close (。，」 ...), Combining or Glue; never after Open (（「 ...), even across spaces;
//   after spaces; on either side of a "wide" character (ideographs, kana, hangul, full-width
//   punctuation); nowhere else, so Latin words, numbers (1,234.50) and URLs stay whole.
#include "core/line_break.hpp"

#include "core/utf8.hpp"

#include <cmath>

namespace linli {

namespace {

enum class BreakClass {
    Space,        // breaks after; dropped at a line end
    Ideographic,  // CJK ideographs, kana, hangul, full-width forms, emoji: breaks on both sides
    Letter,       // Latin letters, digits and ASCII symbols: glue to each other
    Open,         // never at a line end
    Close,        // never at a line start
    Combining,    // accents, variation selectors, emoji modifiers: belong to the previous character
    Glue,         // no-break space, word joiner, ZWJ: never break on either side
};

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

BreakClass classify(char32_t cp)
{
    if (cp < 0x80) {
        switch (cp) {
        case ' ': case '\t': case '\r': case '\f': case '\v': return BreakClass::Space;
        case ',': case '.': case '!': case '?': case ';': case ':': case ')': case ']': case '}':
        case '%': return BreakClass::Close;
        case '(': case '[': case '{': return BreakClass::Open;
        default: return BreakClass::Letter;
        }
    }
    switch (cp) {
    case 0x200B: return BreakClass::Space;  // zero-width space: an explicit break opportunity
    case 0x00A0: case 0x2007: case 0x202F: case 0x2060: case 0xFEFF: case 0x200D:
        return BreakClass::Glue;
    // Chinese no-start punctuation (GB/T 15834 and the kinsoku lists), with full-width variants.
    case 0x3002: case 0xFF0C: case 0x3001: case 0xFF0E: case 0xFF01: case 0xFF1F: case 0xFF1B:
    case 0xFF1A: case 0xFF09: case 0x300D: case 0x300F: case 0x300B: case 0x3009: case 0x3011:
    case 0x3015: case 0x3017: case 0x3019: case 0x301B: case 0x2019: case 0x201D: case 0x2026:
    case 0x2025: case 0x2014: case 0xFF5E: case 0x00B7: case 0xFF05: case 0xFF3D: case 0xFF5D:
    case 0xFF61: case 0xFF63: case 0xFF64: case 0x301E: case 0x3005: case 0x303B: case 0x30FC:
    case 0x309D: case 0x309E: case 0x30FD: case 0x30FE: case 0x203C: case 0x2047: case 0x2048:
    case 0x2049: case 0x2030: case 0x2103: case 0x2109: case 0xFE50: case 0xFE51: case 0xFE52:
    case 0xFE54: case 0xFE55: case 0xFE56: case 0xFE57:
        return BreakClass::Close;
    // No-end punctuation; prefix currency signs too, so "￥100" never loses its sign.
    case 0xFF08: case 0x300C: case 0x300E: case 0x300A: case 0x3008: case 0x3010: case 0x3014:
    case 0x3016: case 0x3018: case 0x301A: case 0x2018: case 0x201C: case 0xFF3B: case 0xFF5B:
    case 0xFF62: case 0x301D: case 0xFFE5: case 0xFF04:
        return BreakClass::Open;
    default: break;
    }
    if (in(cp, 0x0300, 0x036F) || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF) ||
        in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE00, 0xFE0F) || in(cp, 0xFE20, 0xFE2F) ||
        in(cp, 0x3099, 0x309A) || in(cp, 0x1F3FB, 0x1F3FF) || in(cp, 0xE0000, 0xE01EF) || cp == 0x200C)
        return BreakClass::Combining;
    if (in(cp, 0x1100, 0x11FF) || in(cp, 0x2E80, 0x2FFF) || in(cp, 0x3000, 0x303F) ||
        in(cp, 0x3040, 0x33FF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) ||
        in(cp, 0xA000, 0xA4CF) || in(cp, 0xAC00, 0xD7AF) || in(cp, 0xF900, 0xFAFF) ||
        in(cp, 0xFE30, 0xFE4F) || in(cp, 0xFF00, 0xFFEF) || in(cp, 0x2600, 0x27BF) ||
        in(cp, 0x1F000, 0x1FAFF) || in(cp, 0x20000, 0x3FFFD))
        return BreakClass::Ideographic;
    return BreakClass::Letter;
}

// Wide characters allow a break on either side even next to Latin text. Curly quotes are not
// wide: they also quote English, and "don’t" must not break after the apostrophe.
bool is_wide(char32_t cp, BreakClass cls)
{
    if (cls == BreakClass::Ideographic) return true;
    if (cls != BreakClass::Open && cls != BreakClass::Close) return false;
    return cp >= 0x80 && !in(cp, 0x2018, 0x201D);
}

// Greedy placement of the segments of one paragraph into lines.
class LinePlacer {
public:
    LinePlacer(std::string_view text, float max_width, const MeasureFn& measure,
               std::vector<LineSpan>& lines, size_t paragraph_begin)
        : m_text(text), m_max_width(max_width), m_measure(measure), m_lines(lines),
          m_line_begin(paragraph_begin), m_line_end(paragraph_begin)
    {
    }

    // One unbreakable segment: [begin, content_end) is content, [content_end, end) spaces.
    void place(size_t begin, size_t content_end, size_t end)
    {
        const float content_width = content_end > begin ? measure(begin, content_end) : 0.0f;
        const float space_width = end > content_end ? measure(content_end, end) : 0.0f;
        if (m_started && m_width + m_pending_space + content_width <= m_max_width) {
            m_width += m_pending_space + content_width;
        } else if (content_width <= m_max_width) {
            if (m_started) start_new_line(begin);
            m_started = true;
            m_width = content_width;
        } else {
            place_by_code_points(begin, content_end);
            m_pending_space = space_width;
            return;
        }
        m_line_end = content_end;
        m_pending_space = space_width;
    }

    void finish() { m_lines.push_back({m_line_begin, m_line_end}); }

private:
    float measure(size_t begin, size_t end) const
    {
        const float width = m_measure(m_text.substr(begin, end - begin));
        return width >= 0.0f ? width : 0.0f;  // also maps NaN to 0, so comparisons stay sane
    }

    void start_new_line(size_t begin)
    {
        m_lines.push_back({m_line_begin, m_line_end});
        m_line_begin = begin;
        m_line_end = begin;
        m_width = 0;
        m_pending_space = 0;
    }

    // Appends [begin, end) of the given width to the current line, or starts a new line with it.
    void append(size_t begin, size_t end, float width)
    {
        if (m_started && m_width + m_pending_space + width > m_max_width) {
            start_new_line(begin);
            m_started = false;
        }
        m_width = m_started ? m_width + m_pending_space + width : width;
        m_started = true;
        m_pending_space = 0;
        m_line_end = end;
    }

    // The segment alone is wider than a line: fill the current line first, as Chinese
    // typesetting does. Break between clusters (a code point with the closing punctuation and
    // marks after it, an opening bracket with what follows) so "。" still never starts a line;
    // only a cluster wider than a whole line is cut between any two code points.
    void place_by_code_points(size_t begin, size_t end)
    {
        size_t cluster_begin = begin;
        size_t pos = begin;
        bool after_open_or_glue = false;
        while (pos < end) {
            const size_t cp_begin = pos;
            const BreakClass cls = classify(decode_utf8(m_text, pos));
            const bool attaches = cls == BreakClass::Close || cls == BreakClass::Combining ||
                                  cls == BreakClass::Glue || after_open_or_glue;
            if (cp_begin > cluster_begin && !attaches) {
                place_cluster(cluster_begin, cp_begin);
                cluster_begin = cp_begin;
            }
            after_open_or_glue = cls == BreakClass::Open || cls == BreakClass::Glue;
        }
        place_cluster(cluster_begin, end);
    }

    void place_cluster(size_t begin, size_t end)
    {
        const float width = measure(begin, end);
        if (width <= m_max_width) {
            append(begin, end, width);
            return;
        }
        for (size_t pos = begin; pos < end;) {
            const size_t cp_begin = pos;
            decode_utf8(m_text, pos);
            append(cp_begin, pos, measure(cp_begin, pos));
        }
    }

    std::string_view m_text;
    float m_max_width;
    const MeasureFn& m_measure;
    std::vector<LineSpan>& m_lines;
    size_t m_line_begin;
    size_t m_line_end;
    float m_width = 0;
    float m_pending_space = 0;  // spaces after m_line_end: counted only if the line continues
    bool m_started = false;     // the line holds at least one segment
};

void break_paragraph(std::string_view text, size_t begin, size_t end, float max_width,
                     const MeasureFn& measure, std::vector<LineSpan>& lines)
{
    LinePlacer placer(text, max_width, measure, lines, begin);
    size_t segment_begin = begin;
    size_t content_end = begin;      // end of the last non-space code point in the segment
    bool have_non_space = false;     // a non-space code point seen in this paragraph
    bool after_space = false;        // the previous code point was a space
    bool after_glue = false;
    BreakClass last_class = BreakClass::Space;  // of the last non-space, non-combining code point
    bool last_wide = false;
    size_t pos = begin;
    while (pos < end) {
        const size_t cp_begin = pos;
        const char32_t cp = decode_utf8(text, pos);
        const BreakClass cls = classify(cp);
        if (cls == BreakClass::Space) {
            after_space = true;
            after_glue = false;
            continue;
        }
        const bool wide = is_wide(cp, cls);
        bool can_break = have_non_space && !after_glue && cls != BreakClass::Close &&
                         cls != BreakClass::Combining && cls != BreakClass::Glue &&
                         last_class != BreakClass::Open && (after_space || last_wide || wide);
        if (can_break) {
            placer.place(segment_begin, content_end, cp_begin);
            segment_begin = cp_begin;
        }
        content_end = pos;
        have_non_space = true;
        after_space = false;
        after_glue = cls == BreakClass::Glue;
        if (cls != BreakClass::Combining) {
            last_class = cls;
            last_wide = wide;
        }
    }
    placer.place(segment_begin, content_end, end);
    placer.finish();
}

}  // namespace

std::vector<LineSpan> break_lines(std::string_view text, float max_width, const MeasureFn& measure)
{
    if (!(max_width >= 0.0f)) max_width = 0.0f;  // negative or NaN: one code point per line
    std::vector<LineSpan> lines;
    size_t begin = 0;
    while (true) {
        const size_t newline = text.find('\n', begin);
        const size_t end = newline == std::string_view::npos ? text.size() : newline;
        break_paragraph(text, begin, end, max_width, measure, lines);
        if (newline == std::string_view::npos) break;
        begin = newline + 1;
    }
    return lines;
}

}  // namespace linli
