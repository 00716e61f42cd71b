// 公告: the list of visible notices (urgent, then pinned, then newest) and one notice's page.
#include "core/i18n.hpp"
#include "ui/image_provider.hpp"
#include "ui/item_page.hpp"
#include "ui/qr_view.hpp"
#include "ui/screen.hpp"

namespace linli::ui {

namespace {

class AnnouncementsScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "公告"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        if (ctx.model.announcements.empty()) return draw_empty(ui, body, "暂无公告");
        Page page = begin_page(ui, body, "announcements", 1500, false);
        float y = page.top;
        for (const auto& a : ctx.model.announcements) {
            std::string meta = std::string(ui.tr("发布于")) + " " + format_short_date(ui.language(), a.notice.publish_s);
            bool tapped = false;
            y += draw_item_card(ui, a.notice, meta, {}, page.x, y, page.width, tapped) + 1.5f * ui.unit();
            if (tapped) ctx.go_to = Route{"announcement", a.notice.id};
        }
        end_page(ui, page, y);
    }
};

class AnnouncementScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "公告"; }

    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        const Announcement* a = model.find_announcement(route.arg);
        return a ? readable_paragraphs(a->notice) : std::vector<std::string>{};
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Announcement* a = ctx.model.find_announcement(ctx.route.arg);
        // Expired or withdrawn while open: say so instead of showing a blank page.
        if (!a) return draw_empty(ui, body, "暂无公告");
        Page page = begin_page(ui, body, "announcement:" + a->notice.id, 1400, true);
        float y = page.top;
        y += draw_item_header(ui, a->notice, page.x, y, page.width, title_being_read(ctx.model, ctx.route.to_string()));
        // A QR code (an online form, a questionnaire) stands beside the text, where a phone
        // held up to the screen finds it; above the text when beside it would leave the text a
        // narrow column (an upright screen, large text), which would hold the whole body.
        float text_w = page.width;
        float qr_bottom = y;
        if (!a->extras.qr_url.empty()) {
            const float qr_w = std::min(380 * ui.scale(), page.width * 0.3f);
            const bool beside = page.width - qr_w - 3 * ui.unit() >= 20 * ui.font_px(Body);
            std::string caption = a->extras.qr_label.empty() ? ui.tr("扫码查看") : a->extras.qr_label;
            if (beside) {
                text_w = page.width - qr_w - 3 * ui.unit();
                const float qx = page.x + page.width - qr_w;
                qr_bottom = m_qr.draw(ui, {qx, y, qx + qr_w, y + qr_w}, a->extras.qr_url, caption).y1;
            } else {
                const float side = std::max(qr_w, 380 * ui.scale());
                y = m_qr.draw(ui, {page.x, y, page.x + page.width, y + side}, a->extras.qr_url, caption).y1 + 2 * ui.unit();
            }
        }
        y += draw_body(ui, a->notice.body, page.x, y, text_w, block_being_read(ctx.model, ctx.route.to_string()));
        for (const auto& path : a->extras.images)
            y += draw_image(ui, ui.images(), path, page.x, y, text_w, 700 * ui.scale()) + ui.unit();
        y = std::max(y, qr_bottom);
        bool comment = false;
        y += draw_comment_prompt(ui, page.x, y, page.width, comment);
        if (comment) ctx.go_to = Route{"feedback", "announcement:" + a->notice.id};
        end_page(ui, page, y);
    }

private:
    QrView m_qr;
};

}  // namespace

std::unique_ptr<Screen> make_announcements_screen() { return std::make_unique<AnnouncementsScreen>(); }
std::unique_ptr<Screen> make_announcement_screen() { return std::make_unique<AnnouncementScreen>(); }

}  // namespace linli::ui
