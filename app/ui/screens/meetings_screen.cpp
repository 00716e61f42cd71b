// 会议: upcoming meetings (regular and urgent) first, then past ones with their minutes and
// decisions.
#include "core/i18n.hpp"
#include "ui/item_page.hpp"
#include "ui/screen.hpp"

namespace linli::ui {

namespace {

std::string kind_label(Ui& ui, const Meeting& m)
{
    return ui.tr(m.kind == MeetingKind::Urgent ? "临时会议" : "例会");
}

class MeetingsScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "会议"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        float u = ui.unit();
        if (ctx.model.meetings.empty()) return draw_empty(ui, body, "暂无会议");
        Page page = begin_page(ui, body, "meetings", 1500, false);
        float y = page.top;
        bool upcoming_heading = false, past_heading = false;
        for (const auto& m : ctx.model.meetings) {
            bool upcoming = m.date_s >= ctx.model.now_s;
            if (upcoming && !upcoming_heading) {
                y += draw_section_heading(ui, "即将召开", page.x, y, page.width);
                upcoming_heading = true;
            } else if (!upcoming && !past_heading) {
                y += u + draw_section_heading(ui, "往期会议", page.x, y + u, page.width);
                past_heading = true;
            }
            std::string meta = format_date_time(ui.language(), m.date_s);
            std::vector<std::string> extra = {std::string(ui.tr("地点")) + ": " + m.location};
            if (!upcoming && !m.decisions.empty())
                extra.push_back(std::to_string(m.decisions.size()) + " " + ui.tr("项决定"));
            bool tapped = false;
            Notice shown = m.notice;
            shown.category = kind_label(ui, m);
            y += draw_item_card(ui, shown, meta, extra, page.x, y, page.width, tapped) + 1.5f * u;
            if (tapped) ctx.go_to = Route{"meeting", m.notice.id};
        }
        end_page(ui, page, y);
    }
};

class MeetingScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "会议"; }

    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        const Meeting* m = model.find_meeting(route.arg);
        return m ? readable_paragraphs(m->notice) : std::vector<std::string>{};
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        const Meeting* m = ctx.model.find_meeting(ctx.route.arg);
        if (!m) return draw_empty(ui, body, "暂无会议");
        Page page = begin_page(ui, body, "meeting:" + m->notice.id, 1400, true);
        float y = page.top;
        y += draw_item_header(ui, m->notice, page.x, y, page.width, title_being_read(ctx.model, ctx.route.to_string()));
        bool upcoming = m->date_s >= ctx.model.now_s;
        const std::pair<const char*, std::string> facts[] = {
            {"类型", kind_label(ui, *m)},
            {"时间", format_date(ui.language(), m->date_s) + " " + format_time(m->date_s)},
            {"地点", m->location},
        };
        float label_w = 160 * ui.scale();
        for (const auto& [label, value] : facts) {
            ui.text(Heading, {page.x, y}, p.text_muted, ui.tr(label));
            ImU32 color = (m->kind == MeetingKind::Urgent && upcoming && label == facts[0].first) ? p.urgent : p.text;
            y += std::max(ui.line_height(Heading), ui.paragraph(Heading, {page.x + label_w, y}, page.width - label_w, color, value));
        }
        y += u;
        if (!m->decisions.empty()) {
            y += draw_section_heading(ui, "会议决定", page.x, y, page.width);
            y += draw_bullets(ui, m->decisions, page.x, y, page.width, true) + u;
        }
        if (!m->notice.body.empty()) {
            y += draw_section_heading(ui, upcoming ? "会议议题" : "会议纪要", page.x, y, page.width);
            y += draw_body(ui, m->notice.body, page.x, y, page.width, block_being_read(ctx.model, ctx.route.to_string()));
        }
        bool comment = false;
        y += draw_comment_prompt(ui, page.x, y, page.width, comment);
        if (comment) ctx.go_to = Route{"feedback", "meeting:" + m->notice.id};
        end_page(ui, page, y);
    }
};

}  // namespace

std::unique_ptr<Screen> make_meetings_screen() { return std::make_unique<MeetingsScreen>(); }
std::unique_ptr<Screen> make_meeting_screen() { return std::make_unique<MeetingScreen>(); }

}  // namespace linli::ui
