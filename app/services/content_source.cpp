#include "services/content_source.hpp"

#include "content/content_folder.hpp"
#include "content/demo_content.hpp"
#include "content/image_decode.hpp"

#include <filesystem>

namespace linli::services {

namespace {

// Every picture of the folder, decoded and downscaled once here rather than at each display.
// The loader has already refused files that are not JPEG or PNG, too big, or outside the folder.
std::vector<store::StoredImage> decode_media(const std::string& folder, const ContentSet& content)
{
    std::vector<store::StoredImage> images;
    for (const auto& media : content.media) {
        auto decoded = content::decode_image(folder + "/" + media.path, k_max_image_width, k_max_image_height);
        if (!decoded) continue;  // shown as a placeholder; `linli-admin check` names the file
        images.push_back({media.path, decoded->width, decoded->height, std::move(decoded->rgba)});
    }
    return images;
}

}  // namespace

Result<LoadedContent> load_preview_folder(const std::string& folder, Language messages)
{
    auto loaded = TRY(content::load_content_folder(folder, messages));
    if (!loaded.problems.empty()) {
        std::string text = "content: " + folder + ": " + std::to_string(loaded.problems.size()) +
                           (messages == Language::Chinese ? " 个问题:" : " problem(s):");
        for (const auto& d : loaded.problems) text += "\n" + content::format_diagnostic(d);
        return Error::rejected(text);
    }
    auto images = decode_media(folder, loaded.content);
    return LoadedContent{std::move(loaded.content), std::move(images), "preview", folder};
}

LoadedContent load_demo(const std::string& demo_dir, int64_t now_s)
{
    if (!demo_dir.empty() && std::filesystem::is_directory(demo_dir)) {
        auto loaded = content::load_content_folder(demo_dir, Language::English);
        if (loaded && loaded->problems.empty()) {
            auto images = decode_media(demo_dir, loaded->content);
            return {std::move(loaded->content), std::move(images), "demo", demo_dir};
        }
    }
    return {content::demo_content(now_s), {}, "demo", "built-in"};
}

std::string default_demo_dir()
{
    const char* installed = "/usr/share/linli/demo";
    if (std::filesystem::is_directory(installed)) return installed;
#ifdef LINLI_SOURCE_DEMO_DIR
    return LINLI_SOURCE_DEMO_DIR;
#else
    return {};
#endif
}

}  // namespace linli::services
