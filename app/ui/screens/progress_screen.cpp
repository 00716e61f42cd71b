// 工作进展: tasks grouped by group with their status and a progress bar (overdue ones marked),
// and the annual goals with target, result and status (the procedure's 年度评估).
#include "core/i18n.hpp"
#include "ui/item_page.hpp"
#include "ui/screen.hpp"

#include <map>

namespace linli::ui {

namespace {

const char* status_label(TaskStatus s)
{
    switch (s) {
    case TaskStatus::Planned: return "计划中";
    case TaskStatus::Doing: return "进行中";
    case TaskStatus::Done: return "已完成";
    case TaskStatus::Blocked: return "受阻";
    }
    return "计划中";
}

ImU32 status_color(TaskStatus s)
{
    const Palette& p = palette();
    switch (s) {
    case TaskStatus::Planned: return p.text_muted;
    case TaskStatus::Doing: return p.accent;
    case TaskStatus::Done: return p.success;
    case TaskStatus::Blocked: return p.pinned;
    }
    return p.text_muted;
}

class ProgressScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "工作进展"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        if (ctx.model.tasks.empty() && ctx.model.goals.empty()) return draw_empty(ui, body, "暂无工作进展");
        Page page = begin_page(ui, body, "progress", 1600, true);
        float y = page.top;

        // Tasks by group, in the order groups first appear in tasks.csv.
        std::vector<std::string> groups;
        for (const auto& t : ctx.model.tasks)
            if (std::find(groups.begin(), groups.end(), t.group) == groups.end()) groups.push_back(t.group);
        if (!ctx.model.tasks.empty()) y += draw_section_heading(ui, "任务进度", page.x, y, page.width);
        auto overdue_now = [&](const Task& t) { return t.status != TaskStatus::Done && t.due_s != 0 && t.due_s < ctx.model.now_s; };
        auto due_text = [&](const Task& t) {
            std::string due = t.due_s ? std::string(ui.tr("截止")) + " " + format_short_date(ui.language(), t.due_s) : "";
            if (overdue_now(t)) due += std::string(" ") + ui.tr("已逾期");
            return due;
        };
        // The status and deadline columns as wide as their words at this text size.
        float status_w = 150 * ui.scale(), bar_w = 320 * ui.scale(), due_w = 300 * ui.scale();
        for (const auto& t : ctx.model.tasks) {
            status_w = std::max(status_w, ui.measure(Small, ui.tr(status_label(t.status))).x + 3 * u);
            due_w = std::max(due_w, ui.measure(Small, due_text(t)).x + u);
        }
        // One line per task on a wide screen; on a narrow one (a portrait screen) the title gets
        // the whole width and the status, bar and deadline go on a line under it, instead of the
        // title being squeezed into a column two or three characters wide.
        const bool stacked = page.width - status_w - bar_w - due_w - 3 * u < 400 * ui.scale();
        float title_w = stacked ? page.width : page.width - status_w - bar_w - due_w - 3 * u;
        for (const auto& group : groups) {
            ui.text(Heading, {page.x, y + u * 0.5f}, p.text_muted, group);
            y += ui.line_height(Heading) + u * 0.5f;
            for (const auto& t : ctx.model.tasks) {
                if (t.group != group) continue;
                const bool overdue = overdue_now(t);
                const float title_h = ui.paragraph_height(Body, title_w, t.title);
                // Stacked, the deadline goes on a line of its own when it does not fit beside the bar.
                const bool due_below = stacked && status_w + bar_w + u + due_w > page.width;
                const float details_h = ui.line_height(Body) * (due_below ? 2.0f : 1.0f);
                float row_h = stacked ? title_h + details_h + 1.5f * u : std::max(ui.touch_px(), title_h + u);
                Rect row{page.x, y, page.x + page.width, y + row_h};
                ui.draw()->AddLine({row.x0, row.y1}, {row.x1, row.y1}, p.border, 1.5f * ui.scale());
                float ty = stacked ? y + u * 0.5f : y + (row_h - title_h) / 2;
                ui.paragraph(Body, {row.x0, ty}, title_w, p.text, t.title);
                // The line the details are centred on.
                const float line_y = stacked ? ty + title_h : y, line_h = stacked ? ui.line_height(Body) : row_h;
                float x = stacked ? row.x0 : row.x0 + title_w + u;
                draw_tag(ui, {x, line_y + (line_h - ui.line_height(Small)) / 2}, status_color(t.status),
                         ui.tr(status_label(t.status)));
                x += status_w;
                // The bar: filled share, percentage beside it.
                float bh = 14 * ui.scale(), by = line_y + line_h / 2 - bh / 2;
                const float bw = bar_w - ui.measure(Small, "100%").x - u;  // room for the percentage
                ui.draw()->AddRectFilled({x, by}, {x + bw, by + bh}, p.track, bh / 2);
                float filled = bw * float(std::clamp(t.progress, 0, 100)) / 100.0f;
                if (filled > 0) ui.draw()->AddRectFilled({x, by}, {x + filled, by + bh}, status_color(t.status), bh / 2);
                ui.text(Small, {x + bw + u * 0.5f, line_y + (line_h - ui.font_px(Small)) / 2}, p.text,
                        std::to_string(t.progress) + "%");
                x += bar_w + u;
                float due_y = line_y + (line_h - ui.font_px(Small)) / 2;
                if (due_below) {
                    x = row.x0;
                    due_y += ui.line_height(Body);
                }
                ui.text(Small, {x, due_y}, overdue ? p.urgent : p.text_muted, due_text(t));
                y += row_h;
            }
            y += u;
        }

        if (!ctx.model.goals.empty()) {
            y += u + draw_section_heading(ui, "年度目标", page.x, y + u, page.width);
            const char* headers[] = {"年度", "目标", "指标", "结果", "状态"};
            // The year column as wide as its words; the others share the rest (large text
            // wraps within them rather than running into the next).
            const float year_w = std::max(ui.measure(Small, ui.tr(headers[0])).x, ui.measure(Body, "2026").x) + u;
            const float share[] = {0.0f, 0.26f, 0.28f, 0.30f, 0.16f};
            float widths[5] = {year_w / page.width, 0, 0, 0, 0};
            for (int c = 1; c < 5; ++c) widths[c] = share[c] * (1.0f - widths[0]);
            float x = page.x, header_h = 0;
            for (int c = 0; c < 5; ++c) {
                header_h = std::max(header_h, ui.paragraph(Small, {x, y}, widths[c] * page.width - u, p.text_muted, ui.tr(headers[c])));
                x += widths[c] * page.width;
            }
            y += header_h;
            for (const auto& g : ctx.model.goals) {
                const std::string cells[] = {std::to_string(g.year), g.goal, g.target, g.result, g.status};
                float row_h = 0;
                for (int c = 0; c < 5; ++c)
                    row_h = std::max(row_h, ui.paragraph_height(Body, widths[c] * page.width - u, cells[c]));
                row_h += u;
                x = page.x;
                for (int c = 0; c < 5; ++c) {
                    ui.paragraph(Body, {x, y + u * 0.5f}, widths[c] * page.width - u, c == 4 ? p.accent : p.text, cells[c]);
                    x += widths[c] * page.width;
                }
                y += row_h;
                ui.draw()->AddLine({page.x, y}, {page.x + page.width, y}, p.border, 1.5f * ui.scale());
            }
        }
        end_page(ui, page, y);
    }
};

}  // namespace

std::unique_ptr<Screen> make_progress_screen() { return std::make_unique<ProgressScreen>(); }

}  // namespace linli::ui
