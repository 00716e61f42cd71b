#include "services/content_source.hpp"

#include "content/content_folder.hpp"
#include "content/demo_content.hpp"
#include "content/image_decode.hpp"
#include "crypto/reply_lock.hpp"

#include <filesystem>

namespace linli::services {

std::optional<store::StoredImage> decode_media(const std::string& media_root, const MediaFile& media)
{
    auto decoded = content::decode_image(media_root + "/" + media.path, k_max_image_width, k_max_image_height);
    if (!decoded) return std::nullopt;
    return store::StoredImage{media.path, decoded->width, decoded->height, std::move(decoded->rgba)};
}

Result<LoadedContent> load_preview_folder(const std::string& folder, Language messages)
{
    auto loaded = TRY(content::load_content_folder(folder, messages));
    if (!loaded.problems.empty()) {
        std::string text = "content: " + folder + ": " + std::to_string(loaded.problems.size()) +
                           (messages == Language::Chinese ? " 个问题:" : " problem(s):");
        for (const auto& d : loaded.problems) text += "\n" + content::format_diagnostic(d);
        return Error::rejected(text);
    }
    // Replies are locked as a bundle would carry them: no receipt code in the kiosk's files.
    TRY_STATUS(crypto::lock_replies(loaded.content));
    LoadedContent preview{std::move(loaded.content), folder, "preview", folder, {}};
    for (const auto& d : loaded.warnings) preview.warnings.push_back(content::format_diagnostic(d));
    return preview;
}

LoadedContent load_demo(const std::string& demo_dir, int64_t now_s)
{
    if (!demo_dir.empty() && std::filesystem::is_directory(demo_dir)) {
        auto loaded = content::load_content_folder(demo_dir, Language::English);
        if (loaded && loaded->problems.empty() && crypto::lock_replies(loaded->content))
            return {std::move(loaded->content), demo_dir, "demo", demo_dir};
    }
    return {content::demo_content(now_s), {}, "demo", "built-in"};
}

std::string default_demo_dir()
{
    // The kiosk's package, or linli-admin's on an office PC (a workspace starts from it).
    for (const char* installed : {"/usr/share/linli/demo", "/usr/share/linli-admin/demo"})
        if (std::filesystem::is_directory(installed)) return installed;
#ifdef LINLI_SOURCE_DEMO_DIR
    return LINLI_SOURCE_DEMO_DIR;
#else
    return {};
#endif
}

}  // namespace linli::services
