// Fuzz target for content .md files: any bytes go through the UTF-8 check, the +++ split, toml++
// (whose parse_error must be caught, never escape) and each kind's field checks, exactly as
// load_content_folder runs them. Invariants: nothing throws; every problem points at a line of
// the input and has a message; the split never invents text.
#include "content/diagnostics.hpp"
#include "content/encoding.hpp"
#include "content/front_matter.hpp"
#include "content/loaders.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Lines as the parsers count them: a lone CR (old Mac files) ends a line too.
    const std::string normalized = normalize_newlines(bytes);
    const int lines = static_cast<int>(std::count(normalized.begin(), normalized.end(), '\n')) + 1;

    int bad_line = 0;
    if (std::optional<std::string> text = decode_utf8_text(bytes, bad_line)) {
        FrontMatter fm = split_front_matter(*text);
        FUZZ_CHECK(fm.error_line >= 1 && fm.error_line <= lines);
        if (fm.ok)
            FUZZ_CHECK(fm.toml.size() + fm.body.size() <= text->size());
    } else {
        FUZZ_CHECK(bad_line >= 1 && bad_line <= lines);
    }

    MediaIndex media;
    media.seen.insert("media/a.jpg");
    for (ItemKind kind : {ItemKind::Announcement, ItemKind::Recruitment, ItemKind::Document, ItemKind::Meeting}) {
        Diagnostics diagnostics(linli::Language::English);
        linli::ContentSet content;
        parse_item_text(diagnostics, media, kind, "announcements/a.md", bytes, content);
        const size_t items = content.announcements.size() + content.recruitment.size() +
                             content.documents.size() + content.meetings.size();
        FUZZ_CHECK(items <= 1);
        for (const Diagnostic& d : diagnostics.take_sorted()) {
            FUZZ_CHECK(d.line >= 0 && d.line <= lines);
            FUZZ_CHECK(!d.message.empty());
        }
    }
    return 0;
}
