// md4c reports the document as nested enter/leave events with text in between. The Builder
// below keeps just enough context (open lists, quote depth, the table being filled, inline style
// counters) to turn those events into flat blocks: the UI then never walks a tree.
#include "content/markdown.hpp"

#include "core/utf8.hpp"

#include <md4c.h>

#include <algorithm>
#include <functional>
#include <optional>

namespace linli::content {

namespace {

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

// Scripts written without spaces between words: a soft break between two of these joins the
// lines directly (a space would show as a gap in the middle of a Chinese sentence).
bool is_cjk(char32_t cp)
{
    return in(cp, 0x1100, 0x11FF) || in(cp, 0x2E80, 0x2FFF) || in(cp, 0x3000, 0x9FFF) ||
           in(cp, 0xA000, 0xA4CF) || in(cp, 0xAC00, 0xD7AF) || in(cp, 0xF900, 0xFAFF) ||
           in(cp, 0xFE30, 0xFE4F) || in(cp, 0xFF00, 0xFFEF) || in(cp, 0x20000, 0x3FFFD);
}

char32_t first_code_point(std::string_view text)
{
    size_t pos = 0;
    return text.empty() ? 0 : decode_utf8(text, pos);
}

char32_t last_code_point(std::string_view text)
{
    if (text.empty()) return 0;
    size_t start = text.size() - 1;
    // Back up over at most three continuation bytes to the lead byte.
    while (start > 0 && text.size() - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    size_t pos = start;
    char32_t cp = decode_utf8(text, pos);
    return pos == text.size() ? cp : k_replacement_char;
}

// Named entities authors actually type in notices; md4c passes any &name; through unchecked,
// and an unknown one stays as written (as a browser shows it).
struct NamedEntity {
    std::string_view name;
    char32_t cp;
};
constexpr NamedEntity k_entities[] = {
    {"amp", U'&'},       {"lt", U'<'},         {"gt", U'>'},        {"quot", U'"'},     {"apos", U'\''},
    {"nbsp", 0x00A0},    {"copy", 0x00A9},     {"reg", 0x00AE},     {"trade", 0x2122},  {"yen", 0x00A5},
    {"middot", 0x00B7},  {"hellip", 0x2026},   {"mdash", 0x2014},   {"ndash", 0x2013},  {"times", 0x00D7},
    {"divide", 0x00F7},  {"deg", 0x00B0},      {"plusmn", 0x00B1},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"lsquo", 0x2018},   {"rsquo", 0x2019},    {"laquo", 0x00AB},   {"raquo", 0x00BB},  {"sect", 0x00A7},
    {"para", 0x00B6},    {"bull", 0x2022},     {"larr", 0x2190},    {"rarr", 0x2192},   {"uarr", 0x2191},
    {"darr", 0x2193},    {"le", 0x2264},       {"ge", 0x2265},      {"ne", 0x2260},     {"permil", 0x2030},
    {"euro", 0x20AC},    {"pound", 0x00A3},    {"cent", 0x00A2},    {"emsp", 0x2003},   {"ensp", 0x2002},
    {"thinsp", 0x2009},  {"zwj", 0x200D},      {"zwnj", 0x200C},    {"shy", 0x00AD},
};

void append_entity(std::string& out, std::string_view entity)
{
    if (entity.size() >= 3 && entity.front() == '&' && entity.back() == ';') {
        std::string_view body = entity.substr(1, entity.size() - 2);
        if (body.size() >= 2 && body[0] == '#') {
            bool hex = body[1] == 'x' || body[1] == 'X';
            std::string_view digits = body.substr(hex ? 2 : 1);
            uint32_t value = 0;
            bool ok = !digits.empty() && digits.size() <= 8;
            for (char c : digits) {
                int d = c >= '0' && c <= '9' ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                       : -1;
                if (d < 0) ok = false;
                else value = value * (hex ? 16 : 10) + uint32_t(d);
            }
            if (ok) {
                // CommonMark: NUL and anything out of range become U+FFFD (append_utf8 does the rest).
                append_utf8(out, value == 0 || value > 0x10FFFF ? k_replacement_char : char32_t(value));
                return;
            }
        } else {
            for (const auto& e : k_entities) {
                if (e.name == body) {
                    append_utf8(out, e.cp);
                    return;
                }
            }
        }
    }
    out.append(entity);
}

// An attribute (link target, image source) with its entities decoded.
std::string attribute_text(const MD_ATTRIBUTE& attr)
{
    std::string out;
    if (attr.text == nullptr || attr.size == 0) return out;
    std::string_view all(attr.text, attr.size);
    if (attr.substr_offsets == nullptr || attr.substr_types == nullptr) return std::string(all);
    for (size_t i = 0; attr.substr_offsets[i] < attr.size; ++i) {
        MD_OFFSET begin = attr.substr_offsets[i];
        MD_OFFSET end = std::min<MD_OFFSET>(attr.substr_offsets[i + 1], attr.size);
        if (end < begin) break;
        std::string_view piece = all.substr(begin, end - begin);
        switch (attr.substr_types[i]) {
        case MD_TEXT_ENTITY: append_entity(out, piece); break;
        case MD_TEXT_NULLCHAR: append_utf8(out, k_replacement_char); break;
        default: out.append(piece); break;
        }
    }
    return out;
}

// Replaces invalid UTF-8 by U+FFFD so everything downstream can trust the text.
void make_valid_utf8(std::string& text)
{
    if (is_valid_utf8(text)) return;
    std::string clean;
    clean.reserve(text.size() + 8);
    for (size_t pos = 0; pos < text.size();) append_utf8(clean, decode_utf8(text, pos));
    text = std::move(clean);
}

void make_valid_utf8(Spans& spans)
{
    for (auto& span : spans) {
        make_valid_utf8(span.text);
        make_valid_utf8(span.url);
    }
}

class Builder {
public:
    explicit Builder(size_t input_size) : m_input_size(input_size) {}
    DisplayList take() { return std::move(m_out); }

    int enter_block(MD_BLOCKTYPE type, void* detail)
    {
        switch (type) {
        case MD_BLOCK_DOC: break;
        case MD_BLOCK_QUOTE: flush(true); ++m_quote_depth; break;
        case MD_BLOCK_UL: flush(true); m_lists.push_back({false, 1}); break;
        case MD_BLOCK_OL:
            flush(true);
            m_lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
            break;
        case MD_BLOCK_LI: {
            flush(true);
            if (m_lists.empty()) m_lists.push_back({false, 1});  // md4c never does this; stay safe
            ListFrame& list = m_lists.back();
            ListItem item;
            item.depth = std::min(int(m_lists.size()) - 1, k_max_list_depth);
            item.ordered = list.ordered;
            item.number = list.next_number++;
            m_pending_item = std::move(item);
            break;
        }
        case MD_BLOCK_HR: flush(true); m_out.blocks.emplace_back(Rule{}); break;
        case MD_BLOCK_H:
            flush(true);
            m_heading_level = std::clamp(int(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level), 1, 6);
            break;
        case MD_BLOCK_CODE: flush(true); m_in_code = true; break;
        case MD_BLOCK_HTML: flush(true); break;
        case MD_BLOCK_P: flush(false); break;
        case MD_BLOCK_TABLE: {
            flush(true);
            unsigned columns = std::max(1u, static_cast<MD_BLOCK_TABLE_DETAIL*>(detail)->col_count);
            m_table.emplace();
            m_table->align.assign(std::min(columns, 256u), Align::Default);
            break;
        }
        case MD_BLOCK_THEAD: if (m_table) m_table->header = true; break;
        case MD_BLOCK_TBODY: break;
        case MD_BLOCK_TR: if (m_table) m_table->rows.emplace_back(); break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (m_table && !m_table->rows.empty()) {
                m_in_cell = true;
                m_spans.clear();
                m_soft_break = false;
                size_t column = m_table->rows.back().size();
                if (m_table->rows.size() == 1 && column < m_table->align.size())
                    m_table->align[column] = to_align(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align);
            }
            break;
        }
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type, void*)
    {
        switch (type) {
        case MD_BLOCK_DOC: flush(true); break;
        case MD_BLOCK_QUOTE: flush(true); m_quote_depth = std::max(0, m_quote_depth - 1); break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            flush(true);
            if (!m_lists.empty()) m_lists.pop_back();
            break;
        case MD_BLOCK_LI: flush(true); break;
        case MD_BLOCK_H: {
            Heading h{m_heading_level, take_spans()};
            m_heading_level = 0;
            m_out.blocks.emplace_back(std::move(h));
            break;
        }
        case MD_BLOCK_CODE:
            // Code blocks end with the newline of their last line, which would draw an empty line.
            if (!m_spans.empty() && !m_spans.back().text.empty() && m_spans.back().text.back() == '\n')
                m_spans.back().text.pop_back();
            flush(true);
            m_in_code = false;
            break;
        case MD_BLOCK_P: flush(false); break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (m_in_cell && m_table && !m_table->rows.empty()) {
                auto& row = m_table->rows.back();
                if (row.size() < m_table->align.size()) row.push_back(take_spans());
                m_spans.clear();
            }
            m_in_cell = false;
            break;
        case MD_BLOCK_TABLE:
            if (m_table) {
                for (auto& row : m_table->rows) row.resize(m_table->align.size());
                if (!m_table->rows.empty()) m_out.blocks.emplace_back(std::move(*m_table));
                m_table.reset();
            }
            break;
        default: break;
        }
        return 0;
    }

    int enter_span(MD_SPANTYPE type, void* detail)
    {
        switch (type) {
        case MD_SPAN_EM: ++m_italic; break;
        case MD_SPAN_STRONG: ++m_bold; break;
        case MD_SPAN_DEL: ++m_strike; break;
        case MD_SPAN_CODE: ++m_code; break;
        case MD_SPAN_A: m_urls.push_back(attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)); break;
        case MD_SPAN_IMG:
            // An image in running text becomes a block of its own; inside a heading or a table
            // cell (one line of text) it is represented by its alt text.
            if (m_image_depth++ == 0 && !m_in_cell && m_heading_level == 0) {
                flush(true);
                m_image.emplace();
                m_image->path = attribute_text(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src);
            }
            break;
        default: break;
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type, void*)
    {
        switch (type) {
        case MD_SPAN_EM: --m_italic; break;
        case MD_SPAN_STRONG: --m_bold; break;
        case MD_SPAN_DEL: --m_strike; break;
        case MD_SPAN_CODE: --m_code; break;
        case MD_SPAN_A: if (!m_urls.empty()) m_urls.pop_back(); break;
        case MD_SPAN_IMG:
            if (m_image_depth > 0 && --m_image_depth == 0 && m_image) {
                m_out.blocks.emplace_back(std::move(*m_image));
                m_image.reset();
                m_soft_break = false;
            }
            break;
        default: break;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, std::string_view text)
    {
        // md4c 0.4.8 has fuzzer-found bugs that read uninitialised memory; one showed up here as
        // a text of ~3 GB from a 590-byte input. No text can be longer than the input: stop.
        if (text.size() > m_input_size) return 1;
        switch (type) {
        case MD_TEXT_NULLCHAR: append("\xEF\xBF\xBD"); break;
        case MD_TEXT_BR: append(m_image ? " " : "\n"); break;
        case MD_TEXT_SOFTBR: m_soft_break = true; break;
        case MD_TEXT_ENTITY: {
            std::string decoded;
            append_entity(decoded, text);
            append(decoded);
            break;
        }
        default: append(text); break;
        }
        return 0;
    }

private:
    struct ListFrame {
        bool ordered = false;
        unsigned next_number = 1;
    };

    static Align to_align(MD_ALIGN align)
    {
        switch (align) {
        case MD_ALIGN_LEFT: return Align::Left;
        case MD_ALIGN_CENTER: return Align::Center;
        case MD_ALIGN_RIGHT: return Align::Right;
        default: return Align::Default;
        }
    }

    SpanStyle style() const
    {
        SpanStyle s;
        s.bold = m_bold > 0;
        s.italic = m_italic > 0;
        s.strike = m_strike > 0;
        s.code = m_code > 0;
        s.link = !m_urls.empty();
        return s;
    }

    // Adds text in the current style, resolving a pending soft break first.
    void append(std::string_view text)
    {
        if (text.empty()) return;
        if (m_image) {
            std::string& alt = m_image->alt;
            if (m_soft_break && !alt.empty() && !is_cjk(last_code_point(alt)) && !is_cjk(first_code_point(text)))
                alt += ' ';
            m_soft_break = false;
            alt.append(text);
            return;
        }
        std::string joined;
        if (m_soft_break && !m_spans.empty()) {
            // A line break in the source: a space between Latin words, nothing next to Chinese.
            char32_t before = last_code_point(m_spans.back().text);
            char32_t after = first_code_point(text);
            if (!is_cjk(before) && !is_cjk(after) && before != ' ' && after != ' ') joined = " ";
        }
        m_soft_break = false;
        joined.append(text);
        SpanStyle s = style();
        std::string url = s.link ? m_urls.back() : std::string();
        if (!m_spans.empty() && m_spans.back().style == s && m_spans.back().url == url) {
            m_spans.back().text += joined;
        } else {
            m_spans.push_back({std::move(joined), s, std::move(url)});
        }
    }

    Spans take_spans()
    {
        Spans out = std::move(m_spans);
        m_spans.clear();
        m_soft_break = false;
        return out;
    }

    // Ends the inline content gathered so far as a block. A list item waits for its first text
    // (a loose item's text comes in a paragraph) unless force: then it is emitted, empty or not,
    // so its marker stays before whatever block comes next.
    void flush(bool force)
    {
        if (m_in_cell || m_heading_level > 0) return;
        if (m_pending_item) {
            if (m_spans.empty() && !force) return;
            m_pending_item->spans = take_spans();
            m_out.blocks.emplace_back(std::move(*m_pending_item));
            m_pending_item.reset();
            return;
        }
        if (m_spans.empty()) return;
        Paragraph p;
        p.spans = take_spans();
        p.style = m_in_code ? ParagraphStyle::Code : m_quote_depth > 0 ? ParagraphStyle::Quote : ParagraphStyle::Normal;
        p.indent = std::min(int(m_lists.size()), k_max_list_depth + 1);
        m_out.blocks.emplace_back(std::move(p));
    }

    size_t m_input_size;
    DisplayList m_out;
    Spans m_spans;
    bool m_soft_break = false;
    int m_bold = 0, m_italic = 0, m_strike = 0, m_code = 0;
    std::vector<std::string> m_urls;
    int m_image_depth = 0;
    std::optional<Image> m_image;
    std::vector<ListFrame> m_lists;
    std::optional<ListItem> m_pending_item;
    int m_quote_depth = 0;
    bool m_in_code = false;
    int m_heading_level = 0;
    std::optional<Table> m_table;
    bool m_in_cell = false;
};

Builder& builder(void* userdata) { return *static_cast<Builder*>(userdata); }

}  // namespace

Result<DisplayList> parse_markdown(std::string_view markdown)
{
    if (markdown.size() > k_max_markdown_bytes)
        return Error::rejected("content: Markdown text is larger than " + std::to_string(k_max_markdown_bytes >> 20) +
                               " MB");
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return builder(u).enter_block(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) { return builder(u).leave_block(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return builder(u).enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return builder(u).leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* text, MD_SIZE size, void* u) {
        return builder(u).text(t, std::string_view(text, size));
    };
    Builder b(markdown.size());
    // md4c takes (pointer, size) and never reads past size: no NUL terminator needed.
    if (md_parse(markdown.data(), MD_SIZE(markdown.size()), &parser, &b) != 0)
        return Error::internal("content: the Markdown parser failed on this text (out of memory, or a bug in md4c)");
    DisplayList list = b.take();
    for (auto& block : list.blocks) {
        std::visit(
            [](auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Heading> || std::is_same_v<T, Paragraph> || std::is_same_v<T, ListItem>) {
                    make_valid_utf8(b.spans);
                } else if constexpr (std::is_same_v<T, Table>) {
                    for (auto& row : b.rows)
                        for (auto& cell : row) make_valid_utf8(cell);
                } else if constexpr (std::is_same_v<T, Image>) {
                    make_valid_utf8(b.path);
                    make_valid_utf8(b.alt);
                }
            },
            block);
    }
    uint64_t hash = std::hash<std::string_view>{}(markdown);
    list.source_hash = hash == 0 ? 1 : hash;
    return list;
}

std::string plain_text(const Spans& spans)
{
    std::string out;
    for (const auto& span : spans) out += span.text;
    return out;
}

}  // namespace linli::content
