// 招募: recruitment notices — positions and how many, requirements, the deadline with a
// countdown (截止 / 已截止), how to apply, and the sign-up form as a QR code.
#include "core/i18n.hpp"
#include "ui/item_page.hpp"
#include "ui/qr_view.hpp"
#include "ui/screen.hpp"

namespace linli::ui {

namespace {

std::string positions_line(Ui& ui, const Recruitment& r)
{
    std::string line;
    for (const auto& p : r.positions) {
        if (!line.empty()) line += ui.language() == Language::Chinese ? "、" : ", ";
        line += p.name + " " + std::to_string(p.count) + (ui.language() == Language::Chinese ? "名" : "");
    }
    return line;
}

// "截止 12月15日 星期二 18:00（还有 20 天）" or "已截止".
std::string deadline_line(Ui& ui, const Recruitment& r, int64_t now_s)
{
    if (r.deadline_s == 0) return {};
    if (r.deadline_s <= now_s) return ui.tr("已截止");
    std::string line = std::string(ui.tr("报名截止")) + " " + format_date_time(ui.language(), r.deadline_s);
    int days = days_until(now_s, r.deadline_s);
    if (ui.language() == Language::Chinese) line += "（还有 " + std::to_string(days) + " 天）";
    else line += " (" + std::to_string(days) + (days == 1 ? " day left)" : " days left)");
    return line;
}

class RecruitmentListScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "招募"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        if (ctx.model.recruitment.empty()) return draw_empty(ui, body, "暂无招募");
        Page page = begin_page(ui, body, "recruitment", 1500, false);
        float y = page.top;
        for (const auto& r : ctx.model.recruitment) {
            bool tapped = false;
            std::vector<std::string> extra = {positions_line(ui, r)};
            y += draw_item_card(ui, r.notice, deadline_line(ui, r, ctx.model.now_s), extra, page.x, y, page.width, tapped) +
                 1.5f * ui.unit();
            if (tapped) ctx.go_to = Route{"recruitment", r.notice.id};
        }
        end_page(ui, page, y);
    }
};

class RecruitmentScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "招募"; }

    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        const Recruitment* r = model.find_recruitment(route.arg);
        return r ? readable_paragraphs(r->notice) : std::vector<std::string>{};
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        const Recruitment* r = ctx.model.find_recruitment(ctx.route.arg);
        if (!r) return draw_empty(ui, body, "暂无招募");
        Page page = begin_page(ui, body, "recruitment:" + r->notice.id, 1500, true);
        float y = page.top;
        y += draw_item_header(ui, r->notice, page.x, y, page.width, title_being_read(ctx.model, ctx.route.to_string()));

        // The QR code sits in a right-hand column beside the facts, where a phone can reach it.
        bool has_qr = !r->apply_url.empty();
        float qr_w = has_qr ? std::min(420 * ui.scale(), page.width * 0.35f) : 0;
        float text_w = page.width - (has_qr ? qr_w + 3 * u : 0);
        float column_top = y;

        bool closed = r->deadline_s != 0 && r->deadline_s <= ctx.model.now_s;
        std::string deadline = deadline_line(ui, *r, ctx.model.now_s);
        if (!deadline.empty()) {
            ImU32 color = closed ? p.text_muted : p.urgent;
            y += ui.paragraph(Heading, {page.x, y}, text_w, color, deadline) + u;
        }
        if (!r->positions.empty()) {
            y += draw_section_heading(ui, "招募岗位", page.x, y, text_w);
            std::vector<std::string> lines;
            for (const auto& pos : r->positions)
                lines.push_back(pos.name + "  " + std::to_string(pos.count) + (ui.language() == Language::Chinese ? " 名" : ""));
            y += draw_bullets(ui, lines, page.x, y, text_w, false) + u;
        }
        if (!r->requirements.empty()) {
            y += draw_section_heading(ui, "报名条件", page.x, y, text_w);
            y += draw_bullets(ui, r->requirements, page.x, y, text_w, true) + u;
        }
        if (!r->apply.empty()) {
            y += draw_section_heading(ui, "报名方式", page.x, y, text_w);
            y += ui.paragraph(Body, {page.x, y}, text_w, p.text, r->apply) + u;
        }
        if (has_qr) {
            float qx = page.x + text_w + 3 * u;
            Rect drawn = m_qr.draw(ui, {qx, column_top, qx + qr_w, column_top + qr_w}, r->apply_url, ui.tr("扫码报名"));
            y = std::max(y, drawn.y1 + 2 * u);
        }
        y += draw_body(ui, r->notice.body, page.x, y, page.width, block_being_read(ctx.model, ctx.route.to_string()));
        bool comment = false;
        y += draw_comment_prompt(ui, page.x, y, page.width, comment);
        if (comment) ctx.go_to = Route{"feedback", "recruitment:" + r->notice.id};
        end_page(ui, page, y);
    }

private:
    QrView m_qr;
};

// `recruitment` is the list and `recruitment:<id>` one notice: one route name, two pages.
class RecruitmentRoute final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "招募"; }
    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        return route.arg.empty() ? std::vector<std::string>{} : m_detail.read_aloud(route, model);
    }
    void draw(ScreenContext& ctx, const Rect& body) override
    {
        if (ctx.route.arg.empty()) m_list.draw(ctx, body);
        else m_detail.draw(ctx, body);
    }

private:
    RecruitmentListScreen m_list;
    RecruitmentScreen m_detail;
};

}  // namespace

std::unique_ptr<Screen> make_recruitment_screen() { return std::make_unique<RecruitmentRoute>(); }

}  // namespace linli::ui
