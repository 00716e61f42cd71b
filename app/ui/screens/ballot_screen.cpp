// One ballot (ballot:<id>). Before and while it is open: its rules in plain words and 开始投票.
// Casting, after VotingWorks' VxMark: the code from the slip on a large keypad (B2, B3), one
// question per screen with the options as large cards (an overvote is prevented, never undone by
// itself), a review of every answer (tap to change), 确认投票, and 投票成功 with the ballot's
// tracker only once the kiosk's commit returned (B6); back to the list within 10 s. Once the
// results are published: the count per question, the outcome in words, the turnout per kiosk, and
// 查询我的选票 against the published trackers.
//
// What a voter chose lives in this screen's memory only until it is sealed; leaving the screen,
// an idle reset, or the cast itself wipes it (B8).
#include "core/codes.hpp"
#include "core/i18n.hpp"
#include "ui/ballot_results_view.hpp"
#include "ui/ballot_words.hpp"
#include "ui/code_keypad.hpp"
#include "ui/image_provider.hpp"
#include "ui/item_page.hpp"
#include "ui/markdown_view.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <functional>

namespace linli::ui {

namespace {

using services::BallotRefusal;
using services::BallotState;
using services::CodeCheck;

enum class Step { Rules, Code, Question, Review, Done, Lookup };
enum class Lookup { None, Found, Missing };

constexpr int64_t k_done_shown_s = 8;  // 投票成功 stays this long, then the list (within 10 s)

// Inactive options (the choices are full): a quiet grey on which the text keeps about 13:1.

std::string dashed(const std::string& code, size_t first_group)
{
    return code.size() > first_group ? code.substr(0, first_group) + "-" + code.substr(first_group) : code;
}

class BallotScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "投票表决"; }

    void reset() override
    {
        m_step = Step::Rules;
        m_keypad.clear();
        m_lookup_keypad.clear();
        m_code.clear();
        m_questions.clear();
        m_answers.clear();
        m_question = 0;
        m_from_review = false;
        m_message.clear();
        m_waiting_code = m_waiting_cast = -1;
        m_tracker.clear();
        m_done_at_s = 0;
        m_lookup = Lookup::None;
        m_ballot.clear();
    }

    // From the code to 确认投票 the ballot has the screen: the urgent banner waits.
    bool hides_urgent_banner(const services::AppModel&) const override
    {
        return m_step == Step::Code || m_step == Step::Question || m_step == Step::Review;
    }

    // 朗读 on a question: the question, then each option (with a candidate's introduction).
    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        const services::BallotEntry* entry = model.ballots.find(route.arg);
        if (!entry || m_step != Step::Question || m_question >= m_questions.size()) return {};
        const BallotQuestion& q = m_questions[m_question];
        std::vector<std::string> paragraphs{q.text};
        for (const auto& label : q.options) {
            std::string said = label;
            for (const Candidate& c : entry->ballot.candidates)
                if (c.name == label && !c.bio.empty()) said += "。" + c.bio;
            paragraphs.push_back(std::move(said));
        }
        return paragraphs;
    }
    // Each question is read under its own name, so 下一步 never goes on reading the last one.
    std::string reading_item(const Route& route) const override
    {
        return route.to_string() + "#" + std::to_string(m_question + 1);
    }
    bool holds_input() const override
    {
        // From 开始投票 to 确认投票 (a pause after wrong codes included): no attract loop over it,
        // "还在吗？" before the wipe.
        return m_step == Step::Code || m_step == Step::Question || m_step == Step::Review;
    }
    const char* still_there_reason() const override { return "您的选票还没有投出。如果您还在，请点「继续」。"; }
    const char* still_there_clears() const override { return "秒后将清除已选的内容"; }
    bool counting_down(const services::AppModel& model) const override
    {
        return m_step == Step::Done || (m_step == Step::Code && model.ballots.paused_until_s > model.now_s);
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        const services::BallotEntry* entry = ctx.model.ballots.find(ctx.route.arg);
        if (ctx.route.arg != m_ballot) {
            reset();
            m_ballot = ctx.route.arg;
        }
        if (!entry) return draw_empty(ctx.ui, body, "没有找到这项投票");
        // A question read aloud stops when the voter moves to another question or step.
        const auto& speech = ctx.model.speech;
        if (speech.speaking && speech.item.rfind(ctx.route.to_string() + "#", 0) == 0 &&
            (m_step != Step::Question || speech.item != reading_item(ctx.route)))
            ctx.intents.emplace_back(std::in_place_type<services::intent::StopReading>);
        take_answers(ctx, *entry);
        switch (m_step) {
        case Step::Rules: return entry->result ? draw_results(ctx, body, *entry) : draw_rules(ctx, body, *entry);
        case Step::Code: return draw_code(ctx, body, *entry);
        case Step::Question: return draw_question(ctx, body, *entry);
        case Step::Review: return draw_review(ctx, body, *entry);
        case Step::Done: return draw_done(ctx, body);
        case Step::Lookup: return draw_lookup(ctx, body, *entry);
        }
    }

private:
    // The kiosk answers 确认 and 确认投票 through the model.
    void take_answers(ScreenContext& ctx, const services::BallotEntry& entry)
    {
        const services::BallotsView& view = ctx.model.ballots;
        if (m_waiting_code >= 0 && view.code.answers != m_waiting_code) {
            m_waiting_code = -1;
            if (view.code.check == CodeCheck::Valid) {
                m_code = m_keypad.code();
                m_keypad.clear();
                begin_questions(entry);
            } else {
                m_message = code_message(ctx.ui, view.code);
                if (view.code.check != CodeCheck::Malformed) m_keypad.clear();
            }
        }
        if (m_waiting_cast >= 0 && view.cast.answers != m_waiting_cast) {
            m_waiting_cast = -1;
            const services::CastOutcome& outcome = view.cast.outcome;
            if (outcome.taken()) {
                // Sealed and committed: the choices and the code are gone from memory at once.
                m_tracker = outcome.tracker;
                m_answers.clear();
                m_code.clear();
                m_message.clear();
                m_step = Step::Done;
                m_done_at_s = ctx.model.now_s;
            } else {
                m_message = ballot_refusal_text(ctx.ui, entry, outcome.refusal, ctx.model.now_s);
                // A code spent or refused meanwhile: the resident types it again (or another).
                if (outcome.refusal == BallotRefusal::CodeUsed || outcome.refusal == BallotRefusal::Invalid) {
                    m_code.clear();
                    m_step = Step::Code;
                }
            }
        }
    }

    void begin_questions(const services::BallotEntry& entry)
    {
        m_questions = ballot_questions(entry.ballot);
        m_answers.assign(m_questions.size(), {});
        m_question = 0;
        m_from_review = false;
        m_message.clear();
        m_step = m_questions.empty() ? Step::Review : Step::Question;
    }

    static std::string code_message(const Ui& ui, const services::BallotsView::CodeReply& reply)
    {
        switch (reply.check) {
        case CodeCheck::Valid: return "";
        case CodeCheck::Malformed: return ui.tr("投票码是 10 位，请把两组都输入完整");
        case CodeCheck::Wrong:
            return std::string(ui.tr("投票码不正确，请对照选票逐位核对。")) +
                   (reply.attempts_left > 0
                        ? std::string(ui.tr("还可以再试")) + " " + std::to_string(reply.attempts_left) + " " + ui.tr("次")
                        : std::string());
        case CodeCheck::Used: return ui.tr("这个投票码已经投过票了，每个投票码只能投一次");
        case CodeCheck::OtherKiosk: return ui.tr("这个投票码不是本机的，请到发给您选票的楼栋信息屏投票");
        case CodeCheck::OtherBallot:
            return std::string(ui.tr("这个投票码属于另一项投票")) +
                   (reply.other_title.empty() ? std::string() : "：《" + reply.other_title + "》");
        case CodeCheck::Unavailable: return ui.tr("本机暂时无法核对投票码，请稍后再试或联系管理员");
        }
        return "";
    }

    // The top of a keypad page: the ballot's title, what to type, and the code typed so far;
    // returns the y below them.
    static float draw_keypad_head(Ui& ui, float x, float y, float w, const std::string& ballot_title, const char* prompt_zh,
                                  CodeKeypad& keypad, float field_max_w)
    {
        const Palette& p = palette();
        y += ui.paragraph(Heading, {x, y}, w, p.text_muted, ballot_title);
        y += ui.paragraph(Title, {x, y}, w, p.text, ui.tr(prompt_zh)) + ui.unit() * 0.5f;
        return y + keypad.draw_field(ui, {x, y}, std::min(w, field_max_w)) + ui.unit() * 0.5f;
    }

    // A button bar at the foot of the body: returns the rect above it for the page.
    static float bar_height(const Ui& ui) { return std::max(ui.touch_px() * 1.15f, 96 * ui.scale()); }
    static Rect above_bar(const Ui& ui, const Rect& body, float& bar_y)
    {
        bar_y = body.y1 - bar_height(ui) - ui.unit();
        return {body.x0, body.y0, body.x1, bar_y - ui.target_gap()};
    }

    void draw_rules(ScreenContext& ctx, const Rect& body, const services::BallotEntry& entry)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        const BallotDefinition& b = entry.ballot;
        // The bar: 开始投票, or why one cannot vote now, which may take more than a line.
        const std::string why = ballot_refusal_text(ui, entry, entry.refusal, ctx.model.now_s);
        const bool cooling = entry.ready_at_s > ctx.model.now_s;
        const std::string shown = cooling ? ballot_refusal_text(ui, entry, BallotRefusal::CoolingDown, ctx.model.now_s) : why;
        float bar_y = 0;
        Rect page_rect = above_bar(ui, body, bar_y);
        const float page_w = page_width(ui, body, 1500, true);
        const float said_h = shown.empty() ? 0.0f : ui.paragraph_height(Heading, page_w, shown);
        if (said_h > bar_height(ui)) {
            bar_y = body.y1 - ui.unit() - said_h;
            page_rect.y1 = bar_y - ui.target_gap();
        }
        Page page = begin_page(ui, page_rect, "ballot:" + b.id, 1500, true);
        float x = page.x, w = page.width, y = page.top;
        float tx = x;
        tx += draw_tag(ui, {tx, y}, ballot_state_color(entry.state), ui.tr(ballot_state_label(entry.state)));
        draw_tag(ui, {tx, y}, p.accent, ui.tr(ballot_kind_label(b)));
        y += ui.line_height(Small) + u;
        y += ui.paragraph(Title, {x, y}, w, p.text, b.title) + u * 0.5f;
        y += ui.paragraph(Body, {x, y}, w, p.text_muted, ballot_period_line(ui, entry, ctx.model.now_s)) + u;
        if (!b.description.empty()) y += ui.paragraph(Body, {x, y}, w, p.text, b.description) + u;
        y += draw_section_heading(ui, "投票规则", x, y, w);
        y += draw_bullets(ui, rules_in_words(b, ui.language()), x, y, w, false) + u;
        if (!b.candidates.empty()) {
            y += draw_section_heading(ui, "候选人", x, y, w);
            for (const Candidate& c : b.candidates) {
                y += ui.paragraph(Heading, {x, y}, w, p.text, c.name);
                if (!c.bio.empty()) y += ui.paragraph(Body, {x, y}, w, p.text_muted, c.bio);
                y += u * 0.5f;
            }
        }
        end_page(ui, page, y);

        const float bh = bar_height(ui);
        const float bw = std::min(page.width, 640 * ui.scale());
        if (why.empty() && !cooling) {
            if (ui.button(ui.tr("开始投票"), {page.x, bar_y, page.x + bw, bar_y + bh}, ButtonStyle::Accent, Title)) {
                m_message.clear();
                if (b.codes_required) m_step = Step::Code;
                else begin_questions(entry);
            }
        } else {
            const ImU32 color = entry.state == BallotState::Open ? p.urgent : p.text;
            ui.paragraph(Heading, {page.x, bar_y + std::max(0.0f, (bh - said_h) / 2)}, page.width, color, shown);
        }
    }

    void draw_code(ScreenContext& ctx, const Rect& body, const services::BallotEntry& entry)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1500 * ui.scale(), x);
        const int64_t paused_until = ctx.model.ballots.paused_until_s;
        const bool paused = paused_until > ctx.model.now_s;
        std::string status;
        ImU32 color = p.text;
        if (paused) {
            status = std::string(ui.tr("输错次数过多，请稍后再试")) + "（" + std::to_string(paused_until - ctx.model.now_s) +
                     ui.tr("秒") + "）";
            color = p.urgent;
        } else if (!m_message.empty()) {
            status = m_message;
            color = p.urgent;
        } else {
            status = group_hint(ui);
        }
        auto head = [&](float y) {
            y = draw_keypad_head(ui, x, y + 1.5f * u, w, entry.ballot.title, "请输入选票上的投票码（10 位，分两组）", m_keypad,
                                 1100 * ui.scale());
            return y + ui.paragraph(Heading, {x, y}, w, color, status) + u * 0.5f;
        };
        const size_t typed = m_keypad.code().size();
        if (m_keypad.draw_page(ui, body, "ballot-code:" + entry.ballot.id, x, w, head, !paused && m_waiting_code < 0)) {
            m_waiting_code = ctx.model.ballots.code.answers;
            m_message.clear();
            ctx.intents.emplace_back(std::in_place_type<services::intent::CheckBallotCode>, entry.ballot.id, m_keypad.code());
        } else if (m_keypad.code().size() != typed) {
            m_message.clear();  // typing again: the last answer no longer applies
        }
    }

    // Which group is being typed, so an elderly voter always knows where on the slip to look.
    std::string group_hint(const Ui& ui) const
    {
        const size_t first = (k_voting_code_length + 1) / 2, typed = m_keypad.code().size();
        if (typed < first)
            return std::string(ui.tr("请输入第一组（前 5 位）")) + "，" + ui.tr("还差") + " " + std::to_string(first - typed) + " " + ui.tr("位");
        if (typed < k_voting_code_length)
            return std::string(ui.tr("请输入第二组（后 5 位）")) + "，" + ui.tr("还差") + " " +
                   std::to_string(k_voting_code_length - typed) + " " + ui.tr("位");
        return ui.tr("已输完，请核对后点「确认」");
    }

    void draw_question(ScreenContext& ctx, const Rect& body, const services::BallotEntry& entry)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        const BallotQuestion& q = m_questions[m_question];
        std::vector<int>& chosen = m_answers[m_question];
        float x = 0;
        const float w = centred_column(ui, body, 1600 * ui.scale(), x);
        const std::string n = std::to_string(m_question + 1), of = std::to_string(m_questions.size());
        const std::string count = ui.language() == Language::Chinese ? "第 " + n + " 题，共 " + of + " 题"
                                                                     : "Question " + n + " of " + of;
        const int heard = ctx.model.speech.speaking && ctx.model.speech.item == reading_item(ctx.route) ? ctx.model.speech.paragraph : -1;
        // How many may still be chosen, under the question.
        const int left = q.max_choices - int(chosen.size());
        const char* unit = choice_unit(entry.ballot);
        std::string rule = q.max_choices > 1 ? std::string(ui.tr("最多可选")) + " " + std::to_string(q.max_choices) + " " + ui.tr(unit)
                                             : std::string(ui.tr("只能选")) + " 1 " + ui.tr(unit);
        if (q.kind == QuestionKind::Scale) rule += std::string("  ·  ") + ui.tr("1 表示最低，5 表示最高");
        rule += "  ·  " + std::string(ui.tr("还可以选")) + " " + std::to_string(left) + " " + ui.tr(unit);
        // Which question of how many, and of which ballot (a motion's question is its title), the
        // question, the rule and the last refusal; returns the height.
        const bool with_count = m_questions.size() > 1 || q.text != entry.ballot.title;
        bool header_scrolls = false;
        auto draw_header = [&](float y) {
            const float top = y;
            if (with_count) {
                ui.paragraph(Body, {x, y}, w, p.text_muted, m_questions.size() > 1 ? count + "  ·  " + entry.ballot.title : entry.ballot.title);
                y += ui.paragraph_height(Body, w, m_questions.size() > 1 ? count + "  ·  " + entry.ballot.title : entry.ballot.title);
            }
            if (heard == 0) draw_reading_mark(ui, {x, y, x + w, y + ui.paragraph_height(Title, w, q.text)});
            y += ui.paragraph(Title, {x, y}, w, p.text, q.text) + u * 0.3f;
            y += ui.paragraph(Heading, {x, y}, w, p.text, rule);
            // A fixed header keeps the refusal's line, so the cards do not jump when one shows.
            if (!m_message.empty()) y += ui.paragraph(Heading, {x, y}, w, p.urgent, "⚠ " + m_message);
            else if (!header_scrolls) y += ui.line_height(Heading);
            return y + u * 0.3f - top;
        };

        float bar_y = 0;
        above_bar(ui, body, bar_y);
        const float top = body.y0 + 1.2f * u;
        // The header stays put above the options while they keep room for two cards; on a shorter
        // screen (特大 on a landscape panel) it scrolls with them.
        const float header_h = (with_count ? ui.paragraph_height(Body, w, count + "  ·  " + entry.ballot.title) : 0.0f) +
                               ui.paragraph_height(Title, w, q.text) + ui.paragraph_height(Heading, w, rule) +
                               ui.line_height(Heading) * (m_message.empty() ? 1.0f : 2.0f) + u * 0.6f;
        header_scrolls = bar_y - u - top - header_h < 2.2f * ui.touch_px() * 1.5f;
        if (header_scrolls) {
            draw_options(ctx, entry, q, chosen, {x, top, x + w, bar_y - u}, heard - 1, draw_header);
        } else {
            const float y = top + draw_header(top);
            draw_options(ctx, entry, q, chosen, {x, y, x + w, bar_y - u}, heard - 1, {});
        }

        const float bh = bar_height(ui), bw = std::min((w - 2 * u) / 2, 600 * ui.scale());
        if (m_question > 0 && !m_from_review &&
            ui.button(ui.tr("上一步"), {x, bar_y, x + bw, bar_y + bh}, ButtonStyle::Surface, Title)) {
            --m_question;
            m_message.clear();
        }
        if (m_from_review) {
            ui.paragraph(Body, {x, bar_y + (bh - ui.line_height(Body)) / 2}, w - bw - 2 * u, p.text_muted,
                         ui.tr("改好后点「下一步」回到核对页"));
        } else if (header_scrolls) {
            // The header (with how many are left) scrolls away with the cards: say it in the bar,
            // between the buttons, so a voter far down the list still knows.
            const float x0 = m_question > 0 ? x + bw + u : x, x1 = x + w - bw - u;
            const std::string left_words = std::string(ui.tr("还可以选")) + " " + std::to_string(left) + " " + ui.tr(unit);
            const float said_h = ui.paragraph_height(Heading, x1 - x0, left_words);
            if (x1 - x0 > 3 * ui.line_height(Heading) && said_h <= bh)
                ui.paragraph(Heading, {x0, bar_y + (bh - said_h) / 2}, x1 - x0, p.text, left_words);
        }
        if (ui.button(ui.tr("下一步"), {x + w - bw, bar_y, x + w, bar_y + bh}, ButtonStyle::Accent, Title)) {
            m_message.clear();
            if (m_from_review || m_question + 1 >= m_questions.size()) {
                m_from_review = false;
                m_step = Step::Review;
            } else {
                ++m_question;
            }
        }
    }

    // The options as large cards: a box with ✓ when chosen (and the word 已选), the inactive ones
    // marked 不能再选 once the choices are full. Tapping an inactive one says why; nothing is ever
    // deselected but by the voter's own tap.
    // heard: the option 朗读 is reading (-1: none), marked around its card.
    // header, when given, is drawn first inside the options' scroll view (returning its height).
    void draw_options(ScreenContext& ctx, const services::BallotEntry& entry, const BallotQuestion& q,
                      std::vector<int>& chosen, const Rect& area, int heard, const std::function<float(float)>& header)
    {
        Ui& ui = ctx.ui;
        const float u = ui.unit();
        const bool scale_row = q.kind == QuestionKind::Scale;
        const int n = int(q.options.size());
        const int columns = scale_row ? n : (n > 4 && area.width() > 1100 * ui.scale() ? 2 : 1);
        const float gap = u;
        const float card_w = (area.width() - float(columns - 1) * gap) / float(columns);
        const float offset = ui.begin_scroll("ballot-options:" + entry.ballot.id + ":" + std::to_string(m_question), area);
        float y = area.y0 - offset;
        if (header) y += header(y);
        float row_h = 0;
        const bool full = int(chosen.size()) >= q.max_choices;
        for (int i = 0; i < n; ++i) {
            const std::string& label = q.options[size_t(i)];
            const Candidate* candidate = nullptr;
            for (const Candidate& c : entry.ballot.candidates)
                if (c.name == label) candidate = &c;
            const bool is_chosen = std::find(chosen.begin(), chosen.end(), i) != chosen.end();
            const bool inactive = full && !is_chosen;
            const int col = i % columns;
            if (col == 0 && i > 0) y += row_h + gap;
            if (col == 0) row_h = option_height(ui, candidate, card_w, label);
            const float cx = area.x0 + float(col) * (card_w + gap);
            const Rect card{cx, y, cx + card_w, y + row_h};
            if (i == heard && card.overlaps(ui.clip_rect())) draw_reading_mark(ui, card);
            if (card.overlaps(ui.clip_rect())) draw_option(ui, card, label, candidate, is_chosen, inactive);
            if (ui.tap_area(label, card)) {
                if (is_chosen) {
                    chosen.erase(std::find(chosen.begin(), chosen.end(), i));
                    m_message.clear();
                } else if (inactive) {
                    m_message = overvote_message(ui, entry.ballot, q.max_choices);
                } else {
                    chosen.insert(std::upper_bound(chosen.begin(), chosen.end(), i), i);
                    m_message.clear();
                }
            }
        }
        y += row_h;
        ui.end_scroll(y + offset - area.y0);
    }

    static std::string overvote_message(const Ui& ui, const BallotDefinition& b, int max)
    {
        if (b.is_election())
            return std::string(ui.tr("已选满")) + std::to_string(max) + ui.tr("人，如需改选请先取消一个已选项");
        return std::string(ui.tr("已选满")) + std::to_string(max) + ui.tr("项，如需改选请先取消一个已选项");
    }

    float option_height(Ui& ui, const Candidate* candidate, float card_w, const std::string& label) const
    {
        const float u = ui.unit();
        const float text_w = card_w - text_left(ui) - (candidate && !candidate->photo.empty() ? photo_w(ui) + u : 0) - 1.5f * u;
        float h = ui.paragraph_height(Title, text_w, label) + 1.6f * u;
        if (candidate && !candidate->bio.empty()) h += ui.paragraph_height(Body, text_w, candidate->bio);
        if (candidate && !candidate->photo.empty()) h = std::max(h, photo_w(ui) * 1.25f + 1.6f * u);
        return std::max(h, std::max(ui.touch_px() * 1.5f, 110 * ui.scale()));
    }
    static float text_left(const Ui& ui) { return ui.unit() * 2 + ui.font_px(Title) * 1.3f; }
    static float photo_w(const Ui& ui) { return 150 * ui.scale(); }

    void draw_option(Ui& ui, const Rect& card, const std::string& label, const Candidate* candidate, bool chosen, bool inactive)
    {
        const Palette& p = palette();
        const float u = ui.unit(), s = ui.scale();
        ImDrawList* d = ui.draw();
        const ImU32 fill = chosen ? p.surface_pressed : inactive ? p.track : ui.is_pressed(card) ? p.surface_pressed : p.surface;
        d->AddRectFilled(card.min(), card.max(), fill, 14 * s);
        d->AddRect(card.min(), card.max(), chosen ? p.accent : p.border, 14 * s, 0, (chosen ? 6 : 2) * s);
        // The box: ✓ when chosen, empty when open, crossed out when no more may be chosen.
        const float box = ui.font_px(Title) * 1.1f;
        const Rect b{card.x0 + 1.5f * u, card.center().y - box / 2, card.x0 + 1.5f * u + box, card.center().y + box / 2};
        if (chosen) {
            d->AddRectFilled(b.min(), b.max(), p.accent, 6 * s);
            d->AddPolyline(std::array<ImVec2, 3>{ImVec2{b.x0 + box * 0.2f, b.y0 + box * 0.52f},
                                                 ImVec2{b.x0 + box * 0.42f, b.y0 + box * 0.75f},
                                                 ImVec2{b.x0 + box * 0.8f, b.y0 + box * 0.28f}}
                               .data(),
                           3, p.text_on_color, 0, 5 * s);
        } else {
            d->AddRect(b.min(), b.max(), p.text, 6 * s, 0, 3 * s);
            if (inactive) d->AddLine({b.x0 + box * 0.2f, b.y1 - box * 0.2f}, {b.x1 - box * 0.2f, b.y0 + box * 0.2f}, p.text, 3 * s);
        }
        const bool photo = candidate && !candidate->photo.empty();
        const float tx = card.x0 + text_left(ui);
        const float text_w = card.width() - text_left(ui) - (photo ? photo_w(ui) + u : 0) - 1.5f * u;
        const bool bio = candidate && !candidate->bio.empty();
        float ty = bio ? card.y0 + 0.8f * u : card.center().y - ui.paragraph_height(Title, text_w, label) / 2;
        ty += ui.paragraph(Title, {tx, ty}, text_w, p.text, label);
        // Grey on a chosen or inactive card's fill would fall below 7:1: the biography goes black there.
        if (bio) ui.paragraph(Body, {tx, ty}, text_w, fill == p.surface ? p.text_muted : p.text, candidate->bio);
        // The state in a word too (never colour alone).
        const char* word = chosen ? "已选" : inactive ? "不能再选" : nullptr;
        if (word) {
            const std::string t = ui.tr(word);
            const ImVec2 ts = ui.measure(Small, t);
            const float wx = card.x1 - (photo ? photo_w(ui) + 2 * u : u) - ts.x - u;
            const ImU32 tag = chosen ? p.accent : p.neutral_chip;
            d->AddRectFilled({wx, card.y0 + u * 0.5f}, {wx + ts.x + u, card.y0 + u * 0.5f + ts.y + u * 0.4f}, tag, 6 * s);
            ui.text(Small, {wx + u * 0.5f, card.y0 + u * 0.7f}, p.text_on_color, t);
        }
        if (photo)
            draw_image(ui, ui.images(), candidate->photo, card.x1 - photo_w(ui) - u, card.y0 + 0.8f * u, photo_w(ui),
                       card.height() - 1.6f * u);
    }

    void draw_review(ScreenContext& ctx, const Rect& body, const services::BallotEntry& entry)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1500 * ui.scale(), x);
        float y = body.y0 + 1.5f * u;
        y += ui.paragraph(Title, {x, y}, w, p.text, ui.tr("请核对您的选择"));
        y += ui.paragraph(Body, {x, y}, w, p.text_muted, ui.tr("点任一题可以修改；确认无误后点「确认投票」。投出后不能更改。")) +
             u * 0.5f;
        float bar_y = 0;
        above_bar(ui, body, bar_y);
        const float msg_h = m_message.empty() ? 0 : ui.paragraph_height(Heading, w, m_message) + u * 0.5f;
        const Rect list{x, y, x + w, bar_y - u - msg_h};
        const float offset = ui.begin_scroll("ballot-review:" + entry.ballot.id, list);
        float cy = list.y0 - offset;
        const float inner = w - 4 * u;
        // 修改 stands at the top right of each card: the question's words keep clear of it.
        const std::string change = ui.tr("修改");
        const float change_w = ui.measure(Heading, change).x, head_w = inner - change_w - 2 * u;
        for (size_t i = 0; i < m_questions.size(); ++i) {
            const BallotQuestion& q = m_questions[i];
            std::string answer;
            for (int option : m_answers[i]) answer += (answer.empty() ? "" : "、") + q.options[size_t(option)];
            const bool unanswered = answer.empty();
            const std::string head = m_questions.size() > 1 ? std::to_string(i + 1) + ". " + q.text : q.text;
            const std::string shown = unanswered ? std::string("⚠ ") + ui.tr("未选择，将记为弃权") : "✓ " + answer;
            const float h = 1.2f * u + std::max(ui.paragraph_height(Body, head_w, head), ui.line_height(Heading)) +
                            ui.paragraph_height(Title, inner, shown) + 1.2f * u;
            const Rect card{x, cy, x + w, cy + h};
            if (card.overlaps(ui.clip_rect())) {
                ui.draw()->AddRectFilled(card.min(), card.max(), ui.is_pressed(card) ? p.surface_pressed : p.surface, 14 * ui.scale());
                ui.draw()->AddRect(card.min(), card.max(), unanswered ? p.urgent : p.border, 14 * ui.scale(), 0,
                                   (unanswered ? 4 : 2) * ui.scale());
                float ty = cy + 1.2f * u;
                ty += std::max(ui.paragraph(Body, {x + 2 * u, ty}, head_w, p.text_muted, head), ui.line_height(Heading));
                ui.paragraph(Title, {x + 2 * u, ty}, inner, unanswered ? p.urgent : p.text, shown);
                ui.text(Heading, {card.x1 - 2 * u - change_w, cy + 1.2f * u}, p.accent, change);
            }
            if (ui.tap_area(q.text, card)) {
                m_question = i;
                m_from_review = true;
                m_message.clear();
                m_step = Step::Question;
            }
            cy += h + u;
        }
        ui.end_scroll(cy + offset - list.y0);
        if (!m_message.empty()) ui.paragraph(Heading, {x, bar_y - u * 0.5f - msg_h}, w, p.urgent, m_message);

        const float bh = bar_height(ui), bw = std::min((w - 2 * u) / 2, 600 * ui.scale());
        if (ui.button(ui.tr("上一步"), {x, bar_y, x + bw, bar_y + bh}, ButtonStyle::Surface, Title)) {
            m_message.clear();
            m_question = m_questions.empty() ? 0 : m_questions.size() - 1;
            if (!m_questions.empty()) m_step = Step::Question;
        }
        if (ui.button(ui.tr("确认投票"), {x + w - bw, bar_y, x + w, bar_y + bh}, ButtonStyle::Accent, Title) &&
            m_waiting_cast < 0) {
            CastBallot choices;
            choices.answers = m_answers;
            m_waiting_cast = ctx.model.ballots.cast.answers;
            ctx.intents.emplace_back(std::in_place_type<services::intent::SubmitBallot>, entry.ballot.id, m_code,
                                     std::move(choices));
        }
    }

    void draw_done(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        const int64_t left = m_done_at_s + k_done_shown_s - ctx.model.now_s;
        if (left <= 0) {
            ctx.go_to = Route{"ballots", ""};
            return;
        }
        // The receipt scrolls above the bar with 完成 and the countdown.
        float bar_y = 0;
        const Rect view = above_bar(ui, body, bar_y);
        float x = 0;
        const float w = centred_column(ui, body, 1400 * ui.scale(), x);
        const float offset = ui.begin_scroll("ballot-done", view);
        float y = view.y0 + 3 * u - offset;
        y += ui.paragraph(Display, {x, y}, w, palette().success, std::string("✓ ") + ui.tr("投票成功")) + u;
        y += ui.paragraph(Heading, {x, y}, w, p.text, ui.tr("您的选票已加密保存，任何人都看不到您选了什么。")) + 2 * u;
        y += ui.paragraph(Heading, {x, y}, w, p.text, ui.tr("选票查询码"));
        y += ui.paragraph(Display, {x, y}, w, p.text, dashed(m_tracker, m_tracker.size() / 2)) + u;
        y += ui.paragraph(Body, {x, y}, w, p.text,
                          ui.tr("结果公布后，可在这次投票的页面点「查询我的选票」输入此码，确认您的选票已被计入。"
                                "查询码只证明选票被计入，不显示您的选择。")) +
             u;
        ui.end_scroll(y + offset - view.y0);
        const float bh = bar_height(ui), bw = std::min(w * 0.45f, 420 * ui.scale());
        if (ui.button(ui.tr("完成"), {x, bar_y, x + bw, bar_y + bh}, ButtonStyle::Accent, Title)) ctx.go_to = Route{"ballots", ""};
        const std::string countdown = std::to_string(left) + " " + ui.tr("秒后返回投票列表");
        const float cw = w - bw - 2 * u;
        ui.paragraph(Body, {x + bw + 2 * u, bar_y + std::max(0.0f, (bh - ui.paragraph_height(Body, cw, countdown)) / 2)}, cw,
                     p.text_muted, countdown);
    }

    void draw_results(ScreenContext& ctx, const Rect& body, const services::BallotEntry& entry)
    {
        Ui& ui = ctx.ui;
        float bar_y = 0;
        const Rect page_rect = above_bar(ui, body, bar_y);
        Page page = begin_page(ui, page_rect, "ballot-results:" + entry.ballot.id, 1500, true);
        const float y = page.top + draw_ballot_results(ui, entry, page.x, page.top, page.width);
        end_page(ui, page, y);
        const float bh = bar_height(ui), bw = std::min(page.width, 640 * ui.scale());
        if (ui.button(ui.tr("查询我的选票"), {page.x, bar_y, page.x + bw, bar_y + bh}, ButtonStyle::Accent, Title)) {
            m_lookup = Lookup::None;
            m_lookup_keypad.clear();
            m_step = Step::Lookup;
        }
    }

    void draw_lookup(ScreenContext& ctx, const Rect& body, const services::BallotEntry& entry)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        float x = 0;
        const float w = centred_column(ui, body, 1500 * ui.scale(), x);
        ImU32 color = p.text;
        std::string status = ui.tr("查询码只证明选票被计入，不显示任何人的选择。");
        if (m_lookup == Lookup::Found) {
            status = std::string("✓ ") + ui.tr("已计入：这张选票在公布的计票结果之中。");
            color = palette().success;
        } else if (m_lookup == Lookup::Missing) {
            status = std::string("⚠ ") + ui.tr("未找到：请核对查询码。如确认无误，请联系管理员。");
            color = p.urgent;
        }
        auto head = [&](float y) {
            y = draw_keypad_head(ui, x, y + 1.5f * u, w, entry.ballot.title, "查询我的选票：请输入投票成功时显示的 8 位查询码",
                                 m_lookup_keypad, 1000 * ui.scale());
            return y + ui.paragraph(Heading, {x, y}, w, color, status) + u * 0.5f;
        };
        const size_t typed = m_lookup_keypad.code().size();
        if (m_lookup_keypad.draw_page(ui, body, "ballot-lookup:" + entry.ballot.id, x, w, head, true)) {
            const auto& trackers = entry.result->trackers;
            const auto code = normalize_code(m_lookup_keypad.code(), k_receipt_code_length);
            m_lookup = code && std::binary_search(trackers.begin(), trackers.end(), *code) ? Lookup::Found : Lookup::Missing;
            m_lookup_keypad.clear();
        } else if (m_lookup_keypad.code().size() != typed) {
            m_lookup = Lookup::None;
        }
    }

    Step m_step = Step::Rules;
    std::string m_ballot;  // the ballot shown (the route's id)
    CodeKeypad m_keypad{k_voting_code_length};
    CodeKeypad m_lookup_keypad{k_receipt_code_length};
    std::string m_code;  // the valid code, until the ballot is cast
    std::vector<BallotQuestion> m_questions;
    std::vector<std::vector<int>> m_answers;  // per question, the chosen options ascending
    size_t m_question = 0;
    bool m_from_review = false;  // a question opened from the review returns to it
    std::string m_message;
    int64_t m_waiting_code = -1, m_waiting_cast = -1;  // the model's answer counts when asked
    std::string m_tracker;
    int64_t m_done_at_s = 0;
    Lookup m_lookup = Lookup::None;
};

}  // namespace

std::unique_ptr<Screen> make_ballot_screen() { return std::make_unique<BallotScreen>(); }

}  // namespace linli::ui
