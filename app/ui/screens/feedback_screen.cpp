// 意见箱: leave a message anonymously by touch. Steps: the box (写意见, 查看回复), the topic, the
// message (an optional rating of four faces, each with its word; the text written by pinyin,
// symbols or Latin letters), the review (修改 / 确认提交), and 已收到 with the receipt code, large
// and as a QR code, shown only once the kiosk's commit returned. Idle reset and leaving the
// screen forget everything written (F4).
#include "core/i18n.hpp"
#include "ui/item_page.hpp"
#include "ui/qr_view.hpp"
#include "ui/screen.hpp"
#include "ui/text_composer.hpp"

#include <algorithm>

namespace linli::ui {

namespace {

enum class Step { Box, Topic, Compose, Review, Sent };

struct Face {
    const char* word;
    int mouth;  // -2 very sad ... +2 very happy
};
constexpr Face k_faces[4] = {{"很不满意", -2}, {"不满意", -1}, {"满意", 1}, {"很满意", 2}};

const char* refusal_text(services::FeedbackRefusal why)
{
    using R = services::FeedbackRefusal;
    switch (why) {
    case R::None: return "";
    case R::Empty: return "请写下意见内容，或选择一个评价";
    case R::TooLong: return "意见太长了，最多500字";
    case R::CoolingDown: return "刚刚有人提交过意见，请稍等片刻再提交";
    case R::DailyCap: return "今天本机收到的意见已满，请明天再来，或扫码在手机上提交";
    case R::NoSealKey: return "意见箱暂未开放：管理员尚未设置加密密钥";
    case R::NotDurable: return "意见箱暂时无法保存，请稍后再试或联系管理员";
    case R::DiskFull: return "存储空间不足，意见箱暂停收取，请联系管理员";
    }
    return "";
}

// A round face with a mouth curved by mood; the word under it says the same (never colour alone).
void draw_face(Ui& ui, ImVec2 c, float r, int mouth, ImU32 color)
{
    ImDrawList* d = ui.draw();
    const float w = 3 * ui.scale();
    d->AddCircle(c, r, color, 40, w);
    d->AddCircleFilled({c.x - r * 0.35f, c.y - r * 0.25f}, r * 0.1f, color);
    d->AddCircleFilled({c.x + r * 0.35f, c.y - r * 0.25f}, r * 0.1f, color);
    const float y = c.y + r * 0.35f, bend = r * 0.14f * float(mouth);
    d->AddBezierQuadratic({c.x - r * 0.45f, y}, {c.x, y + bend * 2}, {c.x + r * 0.45f, y}, color, w, 16);
}

class FeedbackScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "意见箱"; }

    void reset() override
    {
        m_step = Step::Box;
        m_topic.clear();
        m_rating = 0;
        m_composer.clear();
        m_receipt.clear();
        m_waiting_answer = -1;
        m_message.clear();
        m_about.clear();
        m_about_title.clear();
    }

    bool hides_urgent_banner(const services::AppModel&) const override { return m_step == Step::Compose; }
    bool holds_input() const override
    {
        return (m_step == Step::Compose || m_step == Step::Review) && (m_composer.holds_input() || m_rating > 0);
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        // Opened from a notice (提意见): the message is about it, and starts at the topic.
        if (ctx.route.arg != m_about) {
            reset();
            m_about = ctx.route.arg;
            m_about_title = title_of(ctx.model, m_about);
            // A box that cannot take messages now says why on its first step instead.
            if (m_about_title.empty()) m_about.clear();
            else if (ctx.model.feedback.availability == services::FeedbackRefusal::None) m_step = Step::Topic;
        }
        take_answer(ctx.model);
        switch (m_step) {
        case Step::Box: return draw_box(ctx, body);
        case Step::Topic: return draw_topics(ctx, body);
        case Step::Compose: return draw_compose(ctx, body);
        case Step::Review: return draw_review(ctx, body);
        case Step::Sent: return draw_sent(ctx, body);
        }
    }

private:
    // The title of the notice a route names ("document:charter-draft"), or "" when it is gone.
    static std::string title_of(const services::AppModel& model, const std::string& about)
    {
        auto route = parse_route(about);
        if (!route) return "";
        const Notice* n = nullptr;
        if (route->name == "announcement") n = model.find_announcement(route->arg) ? &model.find_announcement(route->arg)->notice : nullptr;
        if (route->name == "recruitment") n = model.find_recruitment(route->arg) ? &model.find_recruitment(route->arg)->notice : nullptr;
        if (route->name == "document") n = model.find_document(route->arg) ? &model.find_document(route->arg)->notice : nullptr;
        if (route->name == "meeting") n = model.find_meeting(route->arg) ? &model.find_meeting(route->arg)->notice : nullptr;
        return n ? n->title : "";
    }

    // "关于：《……》" at the top of each step of a message about a notice; returns the height used.
    std::string about_words(const Ui& ui) const { return std::string(ui.tr("关于：")) + "《" + m_about_title + "》"; }
    float draw_about(Ui& ui, float x, float y, float w) const
    {
        if (m_about_title.empty()) return 0;
        return ui.paragraph(Heading, {x, y}, w, palette().accent, about_words(ui)) + ui.unit() * 0.5f;
    }
    float about_height(Ui& ui, float w) const
    {
        return m_about_title.empty() ? 0.0f : ui.paragraph_height(Heading, w, about_words(ui)) + ui.unit() * 0.5f;
    }

    // The kiosk's answer to 确认提交 arrives in the model; only then does 已收到 show (B6, F).
    void take_answer(const services::AppModel& model)
    {
        if (m_waiting_answer < 0 || model.feedback.answers == m_waiting_answer) return;
        m_waiting_answer = -1;
        const auto& last = model.feedback.last;
        if (last.taken()) {
            m_receipt = last.receipt;
            m_composer.clear();  // the text and what the decoder learnt go at once
            m_topic.clear();
            m_rating = 0;
            m_step = Step::Sent;
        } else {
            m_message = refusal_text(last.refusal);
            if (last.refusal == services::FeedbackRefusal::CoolingDown)
                m_message += "（" + std::to_string(last.wait_s) + "秒）";
        }
    }

    // The box's first page scrolls as one: what it says, 写意见 and 查看回复 (with the online form's
    // QR code beside them when there is room, else below), then every public reply.
    void draw_box(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1400 * ui.scale(), x);
        const float offset = ui.begin_scroll("feedback-box", body);
        float y = body.y0 + 3 * u - offset;
        y += ui.paragraph(Heading, {x, y}, w, p.text,
                          ui.tr("您的意见是匿名的：不记录姓名、房号和提交时间。管理员回复后，凭回执码可在任一信息屏查看。")) +
             2 * u;
        const auto availability = ctx.model.feedback.availability;
        if (availability != services::FeedbackRefusal::None) {
            y += ui.paragraph(Body, {x, y}, w, p.urgent, ui.tr(refusal_text(availability))) + u;
        }
        const bool online = !ctx.model.feedback.online_url.empty();
        const float qr_w = online ? 300 * ui.scale() : 0;
        const float label_w = std::max(ui.measure(Title, ui.tr("写意见")).x, ui.measure(Title, ui.tr("查看回复")).x) + 4 * u;
        const bool qr_beside = online && w - qr_w - 2 * u >= 2 * label_w + 2 * u;
        const float row_w = qr_beside ? w - qr_w - 2 * u : w;
        const bool stacked = row_w < 2 * label_w + 2 * u;
        const float bh = std::max(ui.touch_px() * 2.2f, 150 * ui.scale());
        Rect write{x, y, x + row_w, y + bh}, reply{x, y + bh + 2 * u, x + row_w, y + 2 * bh + 2 * u};
        if (!stacked) {
            const float bw = (row_w - 2 * u) / 2;
            write = {x, y, x + bw, y + bh};
            reply = {x + bw + 2 * u, y, x + row_w, y + bh};
        }
        if (ui.button(ui.tr("写意见"), write, ButtonStyle::Accent, Title) &&
            availability == services::FeedbackRefusal::None) {
            m_message.clear();
            m_step = Step::Topic;
        }
        if (ui.button(ui.tr("查看回复"), reply, ButtonStyle::Surface, Title)) ctx.go_to = Route{"reply", ""};
        float bottom = reply.y1;
        if (online) {
            const float qx = qr_beside ? x + w - qr_w : x, qy = qr_beside ? y : bottom + 2 * u;
            // The caption under the code is as wide as the column when the code stands alone.
            const float cap_w = qr_beside ? qr_w : w;
            Rect qr = m_qr.draw(ui, {qx, qy, qx + cap_w, qy + qr_w}, ctx.model.feedback.online_url, ui.tr("扫码在手机上提意见"));
            bottom = std::max(bottom, qr.y1);
        }
        y = bottom + 2 * u;
        ui.text(Heading, {x, y}, p.text, ui.tr("最新回复"));
        y += ui.line_height(Heading) + u * 0.5f;
        y = draw_public_replies(ctx, x, y, w);
        ui.end_scroll(y + offset - body.y0);
    }

    // 最新回复: every public reply as a card (topic and date, the message as edited, the reply);
    // returns where the list ends.
    float draw_public_replies(ScreenContext& ctx, float x, float y, float width)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        const auto& replies = ctx.model.feedback.public_replies;
        if (replies.empty()) {
            ui.text(Body, {x, y}, p.text_muted, ui.tr("暂无公开回复"));
            return y + ui.line_height(Body) + u;
        }
        const float inner = width - 3 * u;
        for (const PublicReply& r : replies) {
            std::string head = r.topic.empty() ? std::string() : r.topic;
            if (r.day_s > 0) head += (head.empty() ? "" : "  ·  ") + format_short_date(ui.language(), r.day_s);
            const std::string message = r.message.empty() ? std::string() : std::string(ui.tr("留言：")) + r.message;
            const std::string answer = std::string(ui.tr("回复：")) + r.reply;
            float h = u;
            if (!head.empty()) h += ui.line_height(Body);
            if (!message.empty()) h += ui.paragraph_height(Body, inner, message) + u * 0.4f;
            h += ui.paragraph_height(Heading, inner, answer) + u;
            Rect card{x, y, x + width, y + h};
            if (ui.clip_rect().overlaps(card)) {
                ui.draw()->AddRectFilled(card.min(), card.max(), p.surface, 12 * ui.scale());
                float ty = y + u * 0.6f;
                if (!head.empty()) {
                    ui.text(Body, {card.x0 + 1.5f * u, ty}, p.text_muted, head);
                    ty += ui.line_height(Body);
                }
                if (!message.empty()) ty += ui.paragraph(Body, {card.x0 + 1.5f * u, ty}, inner, p.text, message) + u * 0.4f;
                ui.paragraph(Heading, {card.x0 + 1.5f * u, ty}, inner, p.text, answer);
            }
            y += h + u;
        }
        return y;
    }

    void draw_topics(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1400 * ui.scale(), x);
        // The grid scrolls when its rows are taller than the screen (特大 on a landscape panel).
        const float offset = ui.begin_scroll("feedback-topics", body);
        float y = body.y0 + 3 * u - offset;
        y += draw_about(ui, x, y, w);
        y += ui.paragraph(Title, {x, y}, w, p.text, ui.tr("请选择意见的主题")) + 2 * u;
        const auto& topics = ctx.model.feedback.topics;
        const int columns = 3;
        const float bw = (w - float(columns - 1) * 2 * u) / float(columns);
        const float bh = std::max(ui.touch_px() * 1.8f, 120 * ui.scale());
        for (size_t i = 0; i < topics.size(); ++i) {
            float bx = x + float(i % columns) * (bw + 2 * u), by = y + float(i / columns) * (bh + 2 * u);
            if (ui.button(topics[i], {bx, by, bx + bw, by + bh}, ButtonStyle::Surface, Title)) {
                m_topic = topics[i];
                m_step = Step::Compose;
            }
        }
        const float rows = float((topics.size() + columns - 1) / columns);
        ui.end_scroll(y + rows * (bh + 2 * u) + u + offset - body.y0);
    }

    // The topic (tap to choose another) and the rating faces, beside it or two a row under it
    // (face_layout); returns the height, as topic_block_height says it beforehand.
    float draw_topic_and_rating(Ui& ui, float x, float y, float w)
    {
        const Palette& p = palette();
        const float u = ui.unit();
        const float top = y;
        y += draw_about(ui, x, y, w);
        const std::string topic_label = topic_words(ui);
        const FaceLayout faces = face_layout(ui, w);
        const float tw = faces.topic_w, row_h = topic_row_height(ui);
        if (ui.button(topic_label, {x, y, x + tw, y + row_h}, ButtonStyle::Surface, Heading)) m_step = Step::Topic;
        float fx = x + tw + 3 * u;
        const bool beside = faces.beside;
        const float face_w = faces.face_w;
        const float gap = ui.target_gap();
        float bottom = y + row_h;
        for (int i = 0; i < 4; ++i) {
            float fy = y;
            if (!beside) {
                fx = x + float(i % 2) * (face_w + u);
                fy = y + float(1 + i / 2) * (row_h + gap);
            }
            Rect r{fx, fy, fx + face_w, fy + row_h};
            bottom = std::max(bottom, r.y1);
            const bool chosen = m_rating == i + 1;
            ui.draw()->AddRectFilled(r.min(), r.max(), chosen ? p.accent : p.surface, 12 * ui.scale());
            if (!chosen) ui.draw()->AddRect(r.min(), r.max(), p.border, 12 * ui.scale(), 0, 2 * ui.scale());
            const ImU32 ink = chosen ? p.text_on_color : p.text;
            const float radius = row_h * 0.3f;
            draw_face(ui, {r.x0 + u + radius, r.center().y}, radius, k_faces[i].mouth, ink);
            ui.text(Body, {r.x0 + 2 * u + 2 * radius, r.center().y - ui.font_px(Body) * 0.6f}, ink,
                    std::string(chosen ? "✓ " : "") + ui.tr(k_faces[i].word));
            if (ui.tap_area(k_faces[i].word, r)) m_rating = chosen ? 0 : i + 1;
            fx += face_w + u;
        }
        return bottom - top;
    }

    static float topic_row_height(const Ui& ui) { return std::max(ui.touch_px() * 1.25f, 80 * ui.scale()); }
    std::string topic_words(const Ui& ui) const { return std::string(ui.tr("主题：")) + m_topic; }

    // Each face as wide as its word; four beside the topic when they fit, else two a row under
    // it (an upright screen, 特大, the English words).
    struct FaceLayout {
        float topic_w = 0, face_w = 0;
        bool beside = true;
    };
    FaceLayout face_layout(Ui& ui, float w) const
    {
        const float u = ui.unit(), row_h = topic_row_height(ui);
        FaceLayout f;
        f.topic_w = std::max(ui.measure(Heading, topic_words(ui)).x + 3 * u, ui.touch_px() * 3);
        float word_w = 0;
        for (const auto& face : k_faces) word_w = std::max(word_w, ui.measure(Body, std::string("✓ ") + ui.tr(face.word)).x);
        const float face_least = 3 * u + row_h * 0.6f + word_w + u;
        f.face_w = std::max({ui.touch_px() * 2.2f, (w - f.topic_w - 6 * u) / 4.5f, face_least});
        f.beside = f.topic_w + 3 * u + 4 * f.face_w + 3 * u <= w;
        if (!f.beside) f.face_w = (w - u) / 2;
        return f;
    }
    // The height draw_topic_and_rating takes at width w (without the 关于 line).
    float topic_block_height(Ui& ui, float w) const
    {
        const float row_h = topic_row_height(ui);
        return face_layout(ui, w).beside ? row_h : row_h + 2 * (row_h + ui.target_gap());
    }

    // The message with 提交 beside it; the note under 提交 says why it was not taken.
    void draw_message_field(Ui& ui, const Rect& field, float submit_w)
    {
        const float u = ui.unit();
        m_composer.draw_field(ui, {field.x0, field.y0, field.x1 - submit_w - u, field.y1});
        Rect submit{field.x1 - submit_w, field.y0, field.x1, field.y0 + std::min(field.height(), ui.touch_px() * 2.0f)};
        if (ui.button(ui.tr("提交"), submit, ButtonStyle::Accent, Title)) {
            if (m_composer.text().empty() && m_rating == 0) m_message = refusal_text(services::FeedbackRefusal::Empty);
            else {
                m_message.clear();
                m_step = Step::Review;
            }
        }
        if (!m_message.empty())
            ui.paragraph(Small, {submit.x0, submit.y1 + u * 0.5f}, submit.width(), palette().urgent, ui.tr(m_message.c_str()));
    }

    // Topic and rating, the message and 提交, the keyboard to the bottom. A screen too short for
    // all three at full size (大 and 特大 on a landscape panel) keeps the keyboard whole at the
    // bottom, shrunk towards its floor, and above it the message first, then topic and rating
    // in a view that scrolls.
    void draw_compose(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1760 * ui.scale(), x);
        const float top = body.y0 + 1.2f * u;
        const float submit_w = std::max(ui.touch_px() * 2.4f, 180 * ui.scale());
        const float kb_full = TextComposer::keyboard_height(ui);
        const float topic_h = about_height(ui, w) + topic_block_height(ui, w);
        // A line and a half: the counter then sits beside the text (TextComposer::draw_field).
        const float field_min = ui.line_height(Heading) * 1.5f;
        // The keys may give up to 15% of their height before the page changes its arrangement.
        const float kb_least = std::max(TextComposer::compact_keyboard_height(ui), kb_full * 0.85f);
        if (top + topic_h + u + field_min + u + kb_least + u <= body.y1) {
            float y = top + draw_topic_and_rating(ui, x, top, w) + u;
            const float field_h = std::max(body.y1 - u - kb_full - u - y, field_min);
            draw_message_field(ui, {x, y, x + w, y + field_h}, submit_w);
            m_composer.draw_keyboard(ui, {x, y + field_h + u, x + w, body.y1 - u});
            return;
        }
        // One line of text at least above the keyboard (the counter then beside it).
        const float field_least = ui.line_height(Heading) + 1.2f * u;
        const float kb_h = std::clamp(body.y1 - u - top - field_least - u, TextComposer::compact_keyboard_height(ui), kb_full);
        const Rect keys{x, body.y1 - u - kb_h, x + w, body.y1 - u};
        const Rect view{body.x0, body.y0, body.x1, keys.y0 - ui.target_gap()};
        const float offset = ui.begin_scroll("feedback-compose", view);
        const float field_h = std::max(view.y1 - top - u, field_least);
        draw_message_field(ui, {x, top - offset, x + w, top - offset + field_h}, submit_w);
        const float below = top - offset + field_h + ui.target_gap();
        const float used = draw_topic_and_rating(ui, x, below, w);
        ui.end_scroll(below + used + u + offset - view.y0);
        m_composer.draw_keyboard(ui, keys);
    }

    void draw_review(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1400 * ui.scale(), x);
        const float bh = std::max(ui.touch_px() * 1.4f, 96 * ui.scale());
        const std::string note = ui.tr("提交后内容立即加密保存，本机无法读取，只有管理员能打开。");
        const float note_h = ui.paragraph_height(Small, w, note);
        // What will be sent, in a view that scrolls above the buttons (large text: the whole
        // page scrolls, the message in its box as tall as it is).
        const float message_h = m_message.empty() ? 0.0f : ui.line_height(Body);
        const Rect view{body.x0, body.y0, body.x1, body.y1 - bh - 3 * u - note_h - message_h};
        const float offset = ui.begin_scroll("feedback-review", view);
        float y = view.y0 + 2 * u - offset;
        y += ui.paragraph(Title, {x, y}, w, p.text, ui.tr("请核对您的意见")) + u;
        y += draw_about(ui, x, y, w);
        y += ui.paragraph(Heading, {x, y}, w, p.text, std::string(ui.tr("主题：")) + m_topic);
        if (m_rating > 0)
            y += ui.paragraph(Heading, {x, y}, w, p.text, std::string(ui.tr("评价：")) + ui.tr(k_faces[m_rating - 1].word));
        y += u * 0.5f;
        const std::string text = m_composer.text().empty() ? std::string(ui.tr("（只有评价，没有文字）")) : m_composer.text();
        const float text_h = ui.paragraph_height(Heading, w - 2 * u, text);
        // The box fills the view's rest, or is as tall as the text.
        const Rect text_box{x, y, x + w, std::max(view.y1 - u, y + text_h + 2 * u)};
        ui.draw()->AddRectFilled(text_box.min(), text_box.max(), p.surface, 12 * ui.scale());
        ui.paragraph(Heading, {text_box.x0 + u, text_box.y0 + u}, text_box.width() - 2 * u, p.text, text);
        ui.end_scroll(text_box.y1 + u + offset - view.y0);
        float by = body.y1 - bh - 2 * u - note_h;
        if (!m_message.empty()) ui.text(Body, {x, by - ui.line_height(Body)}, p.urgent, ui.tr(m_message.c_str()));
        const float bw = (w - 2 * u) / 2;
        if (ui.button(ui.tr("修改"), {x, by, x + bw, by + bh}, ButtonStyle::Surface, Title)) {
            m_message.clear();
            m_step = Step::Compose;
        }
        if (ui.button(ui.tr("确认提交"), {x + bw + 2 * u, by, x + w, by + bh}, ButtonStyle::Accent, Title) &&
            m_waiting_answer < 0) {
            services::FeedbackDraft draft;
            draft.topic = m_topic;
            draft.rating = m_rating;
            draft.text = m_composer.text();
            draft.about = m_about;
            draft.about_title = m_about_title;
            m_waiting_answer = ctx.model.feedback.answers;
            ctx.intents.emplace_back(std::in_place_type<services::intent::SubmitFeedback>, std::move(draft));
        }
        ui.paragraph(Small, {x, by + bh + u * 0.5f}, w, p.text_muted, note);
    }

    void draw_sent(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1500 * ui.scale(), x);
        // One page that scrolls: the code and what to do with it, the QR code beside them where
        // there is room (under them on a narrow screen or with large text), then 完成.
        const float offset = ui.begin_scroll("feedback-sent", body);
        float y = body.y0 + 2 * u - offset;
        y += ui.paragraph(Display, {x, y}, w, palette().success, std::string("✓ ") + ui.tr("已收到")) + u;
        const float qr_side = std::min(360 * ui.scale(), std::max(body.height() - 4 * u, ui.touch_px() * 3));
        const bool beside = w - qr_side - 3 * u >= 14 * ui.font_px(Heading);
        const float text_w = beside ? w - qr_side - 3 * u : w;
        const float qr_y = y;
        y += ui.paragraph(Heading, {x, y}, text_w, p.text, ui.tr("您的回执码"));
        // XXXX-XXXX (INTERFACES.md §4), as the resident will type it back.
        const std::string code = m_receipt.substr(0, 4) + "-" + m_receipt.substr(4);
        y += ui.paragraph(Display, {x, y}, text_w, p.text, code) + u;
        y += ui.paragraph(Heading, {x, y}, text_w, p.text,
                          ui.tr("请记下或拍下回执码：它是查看回复的唯一凭证。您的意见不记录任何能识别您身份的信息。")) +
             2 * u;
        float qr_bottom = 0;
        if (beside) {
            qr_bottom = qr_y + qr_side + ui.line_height(Body) * 2;
            m_qr.draw(ui, {x + w - qr_side, qr_y, x + w, qr_bottom}, code, ui.tr("拍照保存回执码"));
        } else {
            qr_bottom = y + qr_side + ui.line_height(Body) * 2;
            // The whole width, so the caption under the code has room at 特大.
            m_qr.draw(ui, {x, y, x + w, qr_bottom}, code, ui.tr("拍照保存回执码"));
            y = qr_bottom + 2 * u;
        }
        const float bh = std::max(ui.touch_px() * 1.15f, 96 * ui.scale());
        if (ui.button(ui.tr("完成"), {x, y, x + std::min(text_w, 420 * ui.scale()), y + bh}, ButtonStyle::Accent, Title))
            ctx.go_to = Route{"home", ""};
        ui.end_scroll(std::max(y + bh, qr_bottom) + 2 * u + offset - body.y0);
    }

    Step m_step = Step::Box;
    std::string m_topic;
    int m_rating = 0;
    TextComposer m_composer{services::k_max_feedback_chars};
    std::string m_receipt;
    int64_t m_waiting_answer = -1;  // the model's answer count when 确认提交 was pressed
    std::string m_message;          // why the last try was refused, or a hint
    std::string m_about;            // the route of the notice the message is about ("" none)
    std::string m_about_title;
    QrView m_qr;
};

}  // namespace

std::unique_ptr<Screen> make_feedback_screen() { return std::make_unique<FeedbackScreen>(); }

}  // namespace linli::ui
