// media/ checks: images are decoded later (store), so here only what can be known cheaply and
// safely: the file is a real file inside the folder, is JPEG or PNG by its first bytes (names
// lie: "photo.jpg" saved from a phone may be HEIC), and is not absurdly large.
#include "content/loaders.hpp"

namespace linli::content {

namespace {

constexpr int64_t k_max_media_bytes = 20 * 1024 * 1024;

bool is_jpeg(std::string_view head) { return head.size() >= 3 && head.substr(0, 3) == "\xFF\xD8\xFF"; }
bool is_png(std::string_view head) { return head.size() >= 8 && head.substr(0, 8) == "\x89PNG\r\n\x1A\n"; }

}  // namespace

MediaIndex load_media(ContentFolder& folder, ContentSet& content)
{
    MediaIndex index;
    Diagnostics& d = folder.diagnostics();
    std::vector<std::string> files = folder.list_tree("media");
    for (const std::string& rel : files) {
        index.seen.insert(rel);
        std::optional<int64_t> size = folder.safe_size(rel);
        if (!size)
            continue;
        if (*size > k_max_media_bytes) {
            d.add(rel, 0, "图片太大（" + std::to_string(*size / (1024 * 1024)) + " MB，上限 20 MB）",
                  "image too large (" + std::to_string(*size / (1024 * 1024)) + " MB, limit 20 MB)");
            continue;
        }
        std::optional<std::string> head = folder.read_head(rel, 8);
        if (!head || (!is_jpeg(*head) && !is_png(*head))) {
            d.add(rel, 0, "不是 JPEG 或 PNG 图片", "not a JPEG or PNG image");
            continue;
        }
        content.media.push_back({rel, *size});
    }
    return index;
}

MediaIndex media_of_folder(const std::string& dir, Language messages)
{
    Diagnostics media_problems(messages);
    ContentFolder folder(dir, media_problems);
    ContentSet content;
    return load_media(folder, content);
}

void check_media_reference(Diagnostics& d, const std::string& file, int line, const MediaIndex& media,
                           const std::string& path)
{
    if (!is_plain_relative_path(path)) {
        d.add(file, line, "路径 " + shown_value(path) + " 超出内容文件夹（不允许绝对路径和 ..）",
              "path " + shown_value(path) + " leaves the content folder (absolute paths and .. are refused)");
        return;
    }
    if (!path.starts_with("media/")) {
        d.add(file, line, "图片 " + shown_value(path) + " 应放在 media/ 下",
              "image " + shown_value(path) + " must be under media/");
        return;
    }
    if (!media.seen.contains(path))
        d.add(file, line, "找不到图片 " + shown_value(path), "image " + shown_value(path) + " does not exist");
}

}  // namespace linli::content
