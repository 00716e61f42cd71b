#include "ui/ballot_results_view.hpp"

#include "core/i18n.hpp"
#include "ui/ballot_words.hpp"
#include "ui/item_page.hpp"

#include <algorithm>
#include <cstdio>

namespace linli::ui {

namespace {


std::string percent(int64_t part, int64_t whole)
{
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", whole ? 100.0 * double(part) / double(whole) : 0.0);
    return text;
}

// The outcome's headline and its colour (a mark as well: never colour alone).
std::pair<std::string, ImU32> headline(const Ui& ui, const BallotDefinition& b, const BallotResult& r)
{
    const Palette& p = palette();
    if (b.kind == BallotKind::Motion) {
        if (r.count.outcome == BallotOutcome::Passed) return {std::string("✓ ") + ui.tr("表决结果：通过"), palette().success};
        return {std::string("✗ ") + ui.tr("表决结果：未通过"), p.urgent};
    }
    if (!b.is_election()) return {ui.tr("调查结果"), p.text};
    std::string names;
    for (const std::string& n : r.count.elected) names += (names.empty() ? "" : "、") + n;
    if (r.count.outcome == BallotOutcome::Tie)
        return {std::string("⚠ ") + (names.empty() ? std::string() : names + " " + ui.tr("当选") + "；") +
                    ui.tr("最后一个名额票数相同，需另行决定"),
                p.urgent};
    if (names.empty()) return {std::string("✗ ") + ui.tr("无人当选"), p.urgent};
    return {std::string("✓ ") + names + " " + ui.tr("当选"), palette().success};
}

}  // namespace

float draw_ballot_results(Ui& ui, const services::BallotEntry& entry, float x, float y, float w)
{
    const Palette& p = palette();
    const float u = ui.unit();
    const BallotResult& r = *entry.result;
    const BallotDefinition& b = entry.ballot;
    const float top = y;
    float tx = x;
    tx += draw_tag(ui, {tx, y}, ballot_state_color(entry.state), ui.tr(ballot_state_label(entry.state)));
    draw_tag(ui, {tx, y}, p.accent, ui.tr(ballot_kind_label(b)));
    y += ui.line_height(Small) + u;
    y += ui.paragraph(Title, {x, y}, w, p.text, b.title) + u * 0.3f;
    y += ui.paragraph(Body, {x, y}, w, p.text_muted, ballot_period_line(ui, entry, 0)) + u;
    const auto [head, color] = headline(ui, b, r);
    y += ui.paragraph(Title, {x, y}, w, color, head) + u * 0.3f;
    if (b.kind != BallotKind::Survey)
        y += ui.paragraph(Heading, {x, y}, w, p.text, outcome_in_words(b, r.count, ui.language())) + u;

    // A bar per option: its label (当选 beside a winner), the bar, the votes and share of all cast.
    const float label_w = std::min(w * 0.3f, 420 * ui.scale());
    const float figure_w = ui.measure(Heading, "0000 票 (100.0%)").x + u;
    const float bar_w = std::max(w - label_w - figure_w - 2 * u, 4 * u);
    for (const QuestionCount& q : r.count.questions) {
        if (r.count.questions.size() > 1 || b.kind == BallotKind::Survey) y += draw_section_heading(ui, q.text.c_str(), x, y, w);
        std::vector<OptionCount> shown = q.options;
        if (q.unanswered > 0) shown.push_back({ui.tr("未选择（弃权）"), q.unanswered});
        for (const OptionCount& o : shown) {
            const bool won = std::find(r.count.elected.begin(), r.count.elected.end(), o.label) != r.count.elected.end();
            const std::string label = won ? o.label + " ✓" + ui.tr("当选") : o.label;
            const float row_h = std::max(ui.paragraph_height(Heading, label_w, label), ui.line_height(Heading)) + u * 0.6f;
            ui.paragraph(Heading, {x, y}, label_w, won ? palette().success : p.text, label);
            const float bx = x + label_w + u, by = y + u * 0.2f, bh = ui.line_height(Heading) - u * 0.4f;
            ui.draw()->AddRectFilled({bx, by}, {bx + bar_w, by + bh}, palette().track, 6 * ui.scale());
            const float share = r.count.cast ? float(o.votes) / float(r.count.cast) : 0.0f;
            if (share > 0) ui.draw()->AddRectFilled({bx, by}, {bx + bar_w * std::min(share, 1.0f), by + bh}, palette().accent, 6 * ui.scale());
            ui.text(Heading, {bx + bar_w + u, y}, p.text,
                    std::to_string(o.votes) + " " + ui.tr("票") + " (" + percent(o.votes, r.count.cast) + ")");
            y += row_h;
        }
        y += u;
    }
    // Turnout per kiosk: how many voted where, never what they chose there.
    if (!r.turnout.empty()) {
        y += draw_section_heading(ui, "各信息屏投票人数", x, y, w);
        std::string line;
        for (const KioskTurnout& t : r.turnout)
            line += (line.empty() ? "" : "   ") + t.kiosk + "：" + std::to_string(t.ballots) + " " + ui.tr("票");
        y += ui.paragraph(Body, {x, y}, w, p.text, line) + u;
    }
    y += ui.paragraph(Body, {x, y}, w, p.text_muted,
                      std::string(ui.tr("共公布")) + " " + std::to_string(r.trackers.size()) + " " +
                          ui.tr("张选票的查询码。投票时得到查询码的居民，可点「查询我的选票」确认自己的选票已被计入。"));
    return y - top;
}

}  // namespace linli::ui
