#include "ui/image_provider.hpp"

#include <algorithm>

namespace linli::ui {

float draw_image(Ui& ui, ImageProvider* images, const std::string& path, float x, float y, float max_w, float max_h)
{
    const Palette& p = palette();
    std::optional<ImageRef> ref = images ? images->image(path) : std::nullopt;
    if (!ref || ref->width <= 0 || ref->height <= 0) {
        float h = std::min(max_h, ui.line_height(Body) * 3);
        ui.draw()->AddRect({x, y}, {x + max_w, y + h}, p.border, 10 * ui.scale(), 0, 2 * ui.scale());
        ui.text_centered(Body, {x, y, x + max_w, y + h}, p.text_muted, std::string(ui.tr("图片")) + " " + path);
        return h;
    }
    float scale = std::min({max_w / float(ref->width), max_h / float(ref->height), 2.0f});
    float w = float(ref->width) * scale, h = float(ref->height) * scale;
    float left = x + (max_w - w) / 2;
    ui.draw()->AddImageRounded(ref->texture, {left, y}, {left + w, y + h}, {0, 0}, {1, 1}, IM_COL32_WHITE,
                               8 * ui.scale());
    return h;
}

}  // namespace linli::ui
