#include "ui/sync_overlay.hpp"

#include "core/i18n.hpp"
#include "ui/theme.hpp"

#include <algorithm>

namespace linli::ui {

void draw_sync_overlay(Ui& ui, const services::AppModel& model)
{
    const services::SyncOverlay& sync = model.sync;
    if (!sync.visible) return;
    const Palette& p = palette();
    const float u = ui.unit();
    const Rect screen = ui.screen();
    ui.draw()->AddRectFilled(screen.min(), screen.max(), IM_COL32(0, 0, 0, 110));

    const float width = std::min(screen.width() - 8 * u, 1100 * ui.scale());
    const float x = screen.center().x - width / 2;
    const float inner = width - 8 * u;
    const char* heading = sync.running       ? (sync.export_only ? "正在导出居民数据…" : "正在更新内容…")
                          : sync.export_only ? (sync.ok ? "居民数据已导出" : "导出失败")
                          : !sync.ok         ? "更新失败，内容没有改变"
                          : sync.installed   ? "内容已更新"
                                             : "内容已是最新";
    // Success in words a resident or a volunteer reads; a failure with the installer's reason,
    // which names the file and what is wrong.
    std::string detail = sync.running ? std::string(ui.tr("请不要拔出U盘")) : sync.text;
    if (!sync.running && sync.ok && !sync.export_only) {
        detail.clear();
        if (model.status.content_created_s > 0)
            detail = std::string(ui.tr("内容制作于")) + " " + format_date_time(ui.language(), model.status.content_created_s) + " · ";
        detail += std::string(ui.tr("版本")) + " " + model.status.content_version;
    }
    const char* footer = sync.running ? nullptr : sync.stick_done ? "现在可以拔出U盘" : nullptr;

    float height = 4 * u + ui.line_height(Title) + 2 * u + ui.paragraph_height(Body, inner, detail) + 4 * u;
    if (sync.running) height += 4 * u;
    if (footer) height += ui.line_height(Heading) + u;
    const Rect card{x, screen.center().y - height / 2, x + width, screen.center().y + height / 2};
    ui.draw()->AddRectFilled(card.min(), card.max(), p.surface, 24 * ui.scale());
    const ImU32 band = sync.running ? p.accent : sync.ok ? palette().success : p.urgent;
    ui.draw()->AddRectFilled(card.min(), {card.x1, card.y0 + 1.2f * u}, band, 24 * ui.scale(), ImDrawFlags_RoundCornersTop);

    float y = card.y0 + 4 * u;
    ui.text_centered(Title, {card.x0, y, card.x1, y + ui.line_height(Title)}, sync.ok || sync.running ? p.text : p.urgent,
                     ui.tr(heading));
    y += ui.line_height(Title) + 2 * u;
    if (sync.running) {
        // Progress of the copy; an unknown total shows as an empty bar with the words above.
        const float bar_h = 2 * u;
        ui.draw()->AddRectFilled({card.x0 + 4 * u, y}, {card.x1 - 4 * u, y + bar_h}, palette().track, bar_h / 2);
        if (sync.percent > 0) {
            float filled = inner * float(std::min(sync.percent, 100)) / 100.0f;
            ui.draw()->AddRectFilled({card.x0 + 4 * u, y}, {card.x0 + 4 * u + filled, y + bar_h}, p.accent, bar_h / 2);
        }
        y += bar_h + 2 * u;
    }
    if (ui.measure(Body, detail).x <= inner) {
        ui.text_centered(Body, {card.x0, y, card.x1, y + ui.line_height(Body)}, p.text_muted, detail);
        y += ui.line_height(Body) + 2 * u;
    } else {
        y += ui.paragraph(Body, {card.x0 + 4 * u, y}, inner, p.text_muted, detail) + 2 * u;
    }
    if (footer)
        ui.text_centered(Heading, {card.x0, y, card.x1, y + ui.line_height(Heading)}, palette().success,
                         ui.tr(footer));
}

}  // namespace linli::ui
