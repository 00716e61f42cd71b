// Where the kiosk's content comes from: an authoring folder shown unsigned (`--content DIR`,
// or [content] dir in the config, for previews), otherwise the demo folder that ships with
// Linli, otherwise the small demo built into the program. (Signed bundles arrive with the
// sync issue and take precedence then.)
#pragma once

#include "core/content_model.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "store/content_db.hpp"

#include <string>

namespace linli::services {

struct LoadedContent {
    ContentSet content;
    std::string media_root;  // the folder media/ paths are relative to (empty: no pictures)
    std::string version;  // "demo", "preview", later the bundle's version
    std::string source;   // the folder it was read from, or "built-in"
    // check's warnings for a previewed folder (FILE:LINE: warning: ...), for the terminal.
    std::vector<std::string> warnings;
};

// Largest picture kept: a 1080p screen never shows more (portrait screens get the same pixels).
inline constexpr int k_max_image_width = 1920;
inline constexpr int k_max_image_height = 1920;

// Decodes one picture of the shown folder, downscaled to fit the screen and ready to upload;
// nothing for a file that cannot be decoded (`linli-admin check` names it).
std::optional<store::StoredImage> decode_media(const std::string& media_root, const MediaFile& media);

// Reads folder as the kiosk shows it. Every problem in the folder makes it a rejected error
// listing them all, one "FILE:LINE: what is wrong" per line, in the given language.
Result<LoadedContent> load_preview_folder(const std::string& folder, Language messages);

// The demo: demo_dir when it holds a valid folder, otherwise the built-in demo around now_s.
LoadedContent load_demo(const std::string& demo_dir, int64_t now_s);

// The shipped demo folder: /usr/share/linli/demo (linli-kiosk) or /usr/share/linli-admin/demo
// (linli-admin) when installed, else the source tree's.
std::string default_demo_dir();

}  // namespace linli::services
