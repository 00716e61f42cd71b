// 查看回复: the receipt code typed on a large keypad of its alphabet, then the administrators'
// reply, 尚未回复, or why nothing was found. The look-up runs in the background (one Argon2id per
// reply); wrong codes are throttled (5, then a minute's pause with a countdown). Idle reset and
// leaving the screen forget the code and the reply shown.
#include "core/i18n.hpp"
#include "ui/code_keypad.hpp"
#include "ui/item_page.hpp"
#include "ui/screen.hpp"
#include "ui/theme.hpp"

#include "core/codes.hpp"

#include <algorithm>

namespace linli::ui {

namespace {

class ReplyScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "查看回复"; }

    bool hides_urgent_banner(const services::AppModel&) const override { return m_answer.status != services::ReplyStatus::Found; }

    void reset() override
    {
        m_keypad.clear();
        m_waiting = -1;
        m_answer = {};
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        const auto& view = ctx.model.feedback.reply;
        if (m_waiting >= 0 && view.answers != m_waiting) {
            m_waiting = -1;
            m_answer = view.last;
            if (m_answer.status != services::ReplyStatus::Malformed) m_keypad.clear();
        }
        if (m_answer.status == services::ReplyStatus::Found) return draw_reply(ctx, body);
        draw_entry(ctx, body);
    }

private:
    void draw_entry(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1500 * ui.scale(), x);
        const int64_t paused_until = std::max(ctx.model.feedback.reply.paused_until_s,
                                              m_answer.status == services::ReplyStatus::Paused ? m_answer.paused_until_s : 0);
        const bool paused = paused_until > ctx.model.now_s;
        const bool busy = m_waiting >= 0 || ctx.model.feedback.reply.busy;
        std::string status;
        ImU32 color = p.text;
        if (paused) {
            status = std::string(ui.tr("输错次数过多，请稍后再试")) + "（" + std::to_string(paused_until - ctx.model.now_s) + ui.tr("秒") + "）";
            color = p.urgent;
        } else if (busy) {
            status = ui.tr("正在查找回复…");
        } else {
            status = answer_text(ui);
            if (m_answer.status == services::ReplyStatus::NotFound || m_answer.status == services::ReplyStatus::Malformed)
                color = p.urgent;
        }
        auto head = [&](float y) {
            y += 2 * u;
            y += ui.paragraph(Heading, {x, y}, w, p.text, ui.tr("请输入您的回执码（提交意见时得到的 8 位码）")) + u;
            y += m_keypad.draw_field(ui, {x, y}, std::min(w, 1000 * ui.scale())) + u;
            return y + ui.paragraph(Heading, {x, y}, w, color, status) + u;
        };
        if (m_keypad.draw_page(ui, body, "reply.entry", x, w, head, !paused && !busy)) {
            m_waiting = ctx.model.feedback.reply.answers;
            m_answer = {};
            ctx.intents.emplace_back(std::in_place_type<services::intent::LookUpReply>, m_keypad.code());
        }
    }

    std::string answer_text(const Ui& ui) const
    {
        using S = services::ReplyStatus;
        switch (m_answer.status) {
        case S::None:
        case S::Found:
        case S::Paused: return "";
        case S::NotYet: return ui.tr("尚未回复：管理员还没有回复这条意见，请过几天再来查看。");
        case S::Malformed: return ui.tr("回执码是 8 位，请输入完整");
        case S::NotFound:
            return std::string(ui.tr("没有找到这个回执码的回复：可能还没有回复，也可能输错了。")) +
                   (m_answer.attempts_left > 0 ? std::to_string(m_answer.attempts_left) + " " + ui.tr("次机会") : std::string());
        }
        return "";
    }

    void draw_reply(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1500 * ui.scale(), x);
        float y = body.y0 + 2 * u;
        std::string heading = ui.tr("管理员的回复");
        if (m_answer.reply.day_s > 0)
            heading += "（" + format_date(ui.language(), m_answer.reply.day_s) + "）";
        y += ui.paragraph(Title, {x, y}, w, p.text, heading) + u;
        const float bh = std::max(ui.touch_px() * 1.4f, 96 * ui.scale());
        Rect box{x, y, x + w, body.y1 - bh - 3 * u};
        ui.draw()->AddRectFilled(box.min(), box.max(), p.surface, 12 * ui.scale());
        const float offset = ui.begin_scroll("reply-text", box.inset(u));
        const float h = ui.paragraph(Heading, {box.x0 + u, box.y0 + u - offset}, box.width() - 2 * u, p.text, m_answer.reply.reply);
        ui.end_scroll(h);
        const float by = body.y1 - bh - u, bw = (w - 2 * u) / 2;
        if (ui.button(ui.tr("查询其他回执码"), {x, by, x + bw, by + bh}, ButtonStyle::Surface, Title)) reset();
        if (ui.button(ui.tr("完成"), {x + bw + 2 * u, by, x + w, by + bh}, ButtonStyle::Accent, Title)) ctx.go_to = Route{"home", ""};
    }

    CodeKeypad m_keypad{k_receipt_code_length};
    int64_t m_waiting = -1;  // the model's answer count when 确认 was pressed
    services::ReplyAnswer m_answer;
};

}  // namespace

std::unique_ptr<Screen> make_reply_screen() { return std::make_unique<ReplyScreen>(); }

}  // namespace linli::ui
