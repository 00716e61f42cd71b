// Fuzz target for the Markdown parser: any bytes as a notice body. Parsing never crashes (it
// fails cleanly only when md4c misbehaves), and the display list keeps its promises to the UI:
// valid UTF-8 everywhere, list depth within k_max_list_depth, heading levels 1-6, every table
// row as wide as the table.
#include "content/markdown.hpp"
#include "core/utf8.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check_spans(const linli::content::Spans& spans)
{
    for (const auto& span : spans) {
        FUZZ_CHECK(linli::is_valid_utf8(span.text));
        FUZZ_CHECK(linli::is_valid_utf8(span.url));
        FUZZ_CHECK(span.style.link || span.url.empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view markdown(reinterpret_cast<const char*>(data), size);
    auto result = parse_markdown(markdown);
    if (!result.has_value()) {
        FUZZ_CHECK(result.error().message.rfind("content: ", 0) == 0);
        return 0;
    }
    FUZZ_CHECK(result->source_hash != 0);
    for (const auto& block : result->blocks) {
        if (auto* h = std::get_if<Heading>(&block)) {
            FUZZ_CHECK(h->level >= 1 && h->level <= 6);
            check_spans(h->spans);
        } else if (auto* p = std::get_if<Paragraph>(&block)) {
            FUZZ_CHECK(!p->spans.empty());
            FUZZ_CHECK(p->indent >= 0 && p->indent <= k_max_list_depth + 1);
            check_spans(p->spans);
        } else if (auto* item = std::get_if<ListItem>(&block)) {
            FUZZ_CHECK(item->depth >= 0 && item->depth <= k_max_list_depth);
            check_spans(item->spans);
        } else if (auto* table = std::get_if<Table>(&block)) {
            FUZZ_CHECK(!table->rows.empty() && !table->align.empty());
            for (const auto& row : table->rows) {
                FUZZ_CHECK(row.size() == table->align.size());
                for (const auto& cell : row) check_spans(cell);
            }
        } else if (auto* image = std::get_if<Image>(&block)) {
            FUZZ_CHECK(linli::is_valid_utf8(image->path));
            FUZZ_CHECK(linli::is_valid_utf8(image->alt));
        }
    }
    return 0;
}
