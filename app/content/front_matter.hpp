// Splits a content .md file into its TOML front matter (between "+++" lines) and the Markdown
// body. The body is kept as text; rendering it is markdown.*'s job.
#pragma once

#include <string>
#include <string_view>

namespace linli::content {

struct FrontMatter {
    bool ok = false;
    std::string toml;       // the lines between the fences
    int toml_first_line = 2;  // file line of the first TOML line
    std::string body;       // everything after the closing fence
    int error_line = 1;     // when !ok: where to report
    bool unclosed = false;  // when !ok: opened but never closed (else: no opening fence)
};

// text must already be UTF-8 with LF line ends (see encoding.hpp). Blank lines before the
// opening fence are allowed; trailing spaces on the fence lines too.
FrontMatter split_front_matter(std::string_view text);

}  // namespace linli::content
