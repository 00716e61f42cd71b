// 投票表决: every ballot of the content with its state by the kiosk's trusted clock (进行中 with
// the turnout here, 未开始, 已结束, 已公布结果); a ballot opens by its title.
#include "ui/ballot_words.hpp"
#include "ui/item_page.hpp"
#include "ui/screen.hpp"

namespace linli::ui {

namespace {

class BallotsScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "投票表决"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const float u = ui.unit();
        const auto& ballots = ctx.model.ballots.ballots;
        if (ballots.empty()) return draw_empty(ui, body, "暂无投票");
        Page page = begin_page(ui, body, "ballots", 1500, false);
        float y = page.top;
        // Open ballots under 正在投票, then those to come, then the ended ones (the order the
        // service lists them in).
        auto group = [](services::BallotState s) {
            return s == services::BallotState::Open ? 0 : s == services::BallotState::Upcoming ? 1 : 2;
        };
        constexpr const char* k_headings[] = {"正在投票", "即将开始", "已结束的投票"};
        for (size_t i = 0; i < ballots.size(); ++i) {
            const services::BallotEntry& entry = ballots[i];
            if (i == 0 || group(entry.state) != group(ballots[i - 1].state)) {
                if (i > 0) y += u;
                y += draw_section_heading(ui, k_headings[group(entry.state)], page.x, y, page.width);
            }
            y += draw_card(ctx, entry, page.x, y, page.width) + 1.5f * u;
        }
        end_page(ui, page, y);
    }

private:
    float draw_card(ScreenContext& ctx, const services::BallotEntry& entry, float x, float y, float width)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        const float inner = width - 4 * u;
        const std::string period = ballot_period_line(ui, entry, ctx.model.now_s);
        std::string outcome;
        if (entry.result) outcome = outcome_line(ui, entry);
        const float title_h = ui.paragraph_height(Heading, inner, entry.ballot.title);
        float h = 1.5f * u + ui.line_height(Small) + u * 0.6f + title_h + ui.paragraph_height(Body, inner, period) + 1.5f * u;
        if (!outcome.empty()) h += ui.paragraph_height(Heading, inner, outcome);
        Rect card{x, y, x + width, y + h};
        if (!card.overlaps(ui.clip_rect())) return h;
        ui.draw()->AddRectFilled(card.min(), card.max(), ui.is_pressed(card) ? p.surface_pressed : p.surface, 16 * ui.scale());
        if (entry.state == services::BallotState::Open)
            ui.draw()->AddRectFilled(card.min(), {card.x0 + 10 * ui.scale(), card.y1}, ballot_state_color(entry.state),
                                     16 * ui.scale(), ImDrawFlags_RoundCornersLeft);
        float ty = card.y0 + 1.5f * u;
        float tx = card.x0 + 2 * u;
        tx += draw_tag(ui, {tx, ty}, ballot_state_color(entry.state), ui.tr(ballot_state_label(entry.state)));
        tx += draw_tag(ui, {tx, ty}, p.accent, ui.tr(ballot_kind_label(entry.ballot)));
        ty += ui.line_height(Small) + u * 0.6f;
        ty += ui.paragraph(Heading, {card.x0 + 2 * u, ty}, inner, p.text, entry.ballot.title);
        ty += ui.paragraph(Body, {card.x0 + 2 * u, ty}, inner, p.text_muted, period);
        if (!outcome.empty()) ui.paragraph(Heading, {card.x0 + 2 * u, ty}, inner, p.text, outcome);
        if (ui.tap_area(entry.ballot.title, card)) ctx.go_to = Route{"ballot", entry.ballot.id};
        return h;
    }

    static std::string outcome_line(const Ui& ui, const services::BallotEntry& entry)
    {
        const BallotCount& c = entry.result->count;
        if (entry.ballot.kind == BallotKind::Motion)
            return ui.tr(c.outcome == BallotOutcome::Passed ? "表决结果：通过" : "表决结果：未通过");
        if (!entry.ballot.is_election()) return "";
        std::string names;
        for (const auto& name : c.elected) names += (names.empty() ? "" : "、") + name;
        if (c.outcome == BallotOutcome::Tie)
            return (names.empty() ? std::string() : names + " " + ui.tr("当选") + "；") + ui.tr("最后一个名额票数相同，需另行决定");
        return names.empty() ? std::string(ui.tr("无人当选")) : names + " " + ui.tr("当选");
    }
};

}  // namespace

std::unique_ptr<Screen> make_ballots_screen() { return std::make_unique<BallotsScreen>(); }

}  // namespace linli::ui
