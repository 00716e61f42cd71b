// Fuzz target for content front matter: any bytes go through the UTF-8 check, the +++ split and
// toml++ (whose parse_error must be caught, never escape), then every typed read the item
// parsers make. Invariants: problems point at a line of the input; nothing throws.
#include "content/diagnostics.hpp"
#include "content/encoding.hpp"
#include "content/front_matter.hpp"
#include "content/toml_fields.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    int bad_line = 0;
    std::optional<std::string> text = decode_utf8_text(bytes, bad_line);
    if (!text) {
        FUZZ_CHECK(bad_line >= 1);
        return 0;
    }
    const int lines = static_cast<int>(std::count(text->begin(), text->end(), '\n')) + 1;
    FrontMatter fm = split_front_matter(*text);
    if (!fm.ok) {
        FUZZ_CHECK(fm.error_line >= 1 && fm.error_line <= lines);
        return 0;
    }
    FUZZ_CHECK(fm.toml.size() + fm.body.size() <= text->size());
    Diagnostics diagnostics(linli::Language::English);
    const int offset = fm.toml_first_line - 1;
    std::optional<toml::table> table = parse_toml(diagnostics, "a.md", fm.toml, offset);
    if (table) {
        TomlFields f(diagnostics, "a.md", *table, offset, offset);
        constexpr std::string_view k_keys[] = {"title", "publish", "expire", "pinned", "urgent", "category"};
        f.check_keys(k_keys);
        (void)f.text("title", true);
        (void)f.time("publish");
        (void)f.time("expire");
        (void)f.flag("pinned");
        (void)f.integer("count");
        (void)f.text_list("images");
        for (const toml::table* t : f.table_list("positions")) {
            TomlFields p(diagnostics, "a.md", *t, offset, f.line_of(*t));
            (void)p.text("name", true);
        }
    }
    for (const Diagnostic& d : diagnostics.take_sorted()) {
        FUZZ_CHECK(d.line >= 0 && d.line <= lines + 1);
        FUZZ_CHECK(!d.message.empty());
    }
    return 0;
}
