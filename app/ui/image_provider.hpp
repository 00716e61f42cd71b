// Pictures on screen without the UI knowing about GL or the database: the composition root
// supplies an ImageProvider (decoded images from the content database, uploaded as textures on
// first use), and widgets draw whatever it returns, or a placeholder.
#pragma once

#include "ui/ui.hpp"

#include <optional>
#include <string>

namespace linli::ui {

struct ImageRef {
    ImTextureID texture = nullptr;
    int width = 0;
    int height = 0;
};

class ImageProvider {
public:
    virtual ~ImageProvider() = default;
    // The picture at a content path ("media/x.jpg"), or nothing if there is none.
    virtual std::optional<ImageRef> image(const std::string& path) = 0;
};

// Draws path's picture scaled to fit max_w x max_h (aspect kept, never enlarged beyond 2x),
// centred horizontally in max_w; a framed note when there is no such picture. Returns the
// height used.
float draw_image(Ui& ui, ImageProvider* images, const std::string& path, float x, float y, float max_w, float max_h);

}  // namespace linli::ui
