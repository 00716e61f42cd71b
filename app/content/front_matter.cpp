// Front matter splitting, line by line so the TOML keeps its line numbers in the file.
#include "content/front_matter.hpp"

namespace linli::content {

namespace {

bool is_fence(std::string_view line)
{
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    return line == "+++";
}

bool is_blank(std::string_view line)
{
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

FrontMatter split_front_matter(std::string_view text)
{
    FrontMatter out;
    size_t pos = 0;
    int line_no = 0;
    bool opened = false;
    size_t toml_start = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        bool last = end == std::string_view::npos;
        if (last)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_no;
        if (!opened) {
            if (is_fence(line)) {
                opened = true;
                toml_start = last ? text.size() : end + 1;
                out.toml_first_line = line_no + 1;
                out.error_line = line_no;
            } else if (!is_blank(line)) {
                out.error_line = line_no;
                return out;
            }
        } else if (is_fence(line)) {
            out.toml = std::string(text.substr(toml_start, pos - toml_start));
            out.body = last ? std::string() : std::string(text.substr(end + 1));
            out.ok = true;
            return out;
        }
        if (last)
            break;
        pos = end + 1;
    }
    out.unclosed = opened;
    return out;
}

}  // namespace linli::content
