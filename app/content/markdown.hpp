// Markdown to display list: a notice's body is parsed once (md4c) into plain data that the UI
// lays out per width with our CJK line breaker and draws every frame without parsing again.
// Soft line breaks join Chinese lines without a space (authors hard-wrap in their editors) and
// Latin words with one; entities are decoded; raw HTML is shown as text, never interpreted.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace linli::content {

// How a run of text looks; a link also carries its URL (a kiosk shows it, it cannot follow it).
struct SpanStyle {
    bool bold = false;
    bool italic = false;
    bool strike = false;
    bool code = false;
    bool link = false;
    bool operator==(const SpanStyle&) const = default;
};

// A run of UTF-8 text in one style. The text may hold '\n' (hard breaks, code blocks).
struct Span {
    std::string text;
    SpanStyle style;
    std::string url;  // the link target when style.link
    bool operator==(const Span&) const = default;
};
using Spans = std::vector<Span>;

enum class ParagraphStyle { Normal, Quote, Code };
enum class Align { Default, Left, Center, Right };

struct Heading {
    int level = 1;  // 1..6
    Spans spans;
};
struct Paragraph {
    Spans spans;
    ParagraphStyle style = ParagraphStyle::Normal;
    int indent = 0;  // list depth it continues (a loose list item's second paragraph), 0 outside lists
};
struct ListItem {
    int depth = 0;  // 0 for a top-level item; deeper nesting is flattened to k_max_list_depth
    bool ordered = false;
    unsigned number = 0;  // for ordered items
    Spans spans;
};
struct Table {
    std::vector<std::vector<Spans>> rows;  // every row has align.size() cells
    bool header = false;                   // rows[0] is the header row
    std::vector<Align> align;              // per column
};
struct Image {
    std::string path;  // as written (relative to the content folder)
    std::string alt;
};
struct Rule {};

using Block = std::variant<Heading, Paragraph, ListItem, Table, Image, Rule>;

struct DisplayList {
    std::vector<Block> blocks;
    uint64_t source_hash = 0;  // hash of the Markdown it came from: a key for layout caches
};

// Lists nested deeper than this are drawn at this depth (each level costs screen width).
inline constexpr int k_max_list_depth = 5;
// Larger inputs are rejected (md4c takes 32-bit sizes; no notice is anywhere near this).
inline constexpr size_t k_max_markdown_bytes = 16u << 20;

// Parses Markdown (CommonMark + tables + strikethrough, no HTML). Every text in the result is
// valid UTF-8 (invalid bytes become U+FFFD). Fails only on oversized input or md4c's own failure.
Result<DisplayList> parse_markdown(std::string_view markdown);

// All the text of a span list, concatenated (for search, tests and scripts).
std::string plain_text(const Spans& spans);

}  // namespace linli::content
