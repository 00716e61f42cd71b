// 财务公示: the statement of a period (opening balance, income and expense by category, closing
// balance), a bar chart of income vs expense per month, reconciliation against the declared
// balances — a mismatch is shown loudly, never hidden — and the entry list, virtualised so a
// 100,000-row ledger scrolls smoothly, filtered by period and category.
// Route: `finance` (the latest month) or `finance:<period>` (2026-10, 2026-Q3, 2026).
#include "core/i18n.hpp"
#include "ui/image_provider.hpp"
#include "ui/item_page.hpp"
#include "ui/markdown_view.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <functional>

namespace linli::ui {

namespace {

constexpr int k_page_rows = 64;

std::string period_label(Language language, const Period& p)
{
    bool zh = language == Language::Chinese;
    switch (p.kind) {
    case PeriodKind::Year: return std::to_string(p.year) + (zh ? "年" : "");
    case PeriodKind::Quarter:
        return zh ? std::to_string(p.year) + "年第" + std::to_string(p.index) + "季度"
                  : "Q" + std::to_string(p.index) + " " + std::to_string(p.year);
    case PeriodKind::Month:
        return zh ? std::to_string(p.year) + "年" + std::to_string(p.index) + "月"
                  : std::to_string(p.year) + "-" + (p.index < 10 ? "0" : "") + std::to_string(p.index);
    }
    return p.format();
}

std::string chip_label(Ui& ui, const Period& p)
{
    bool zh = ui.language() == Language::Chinese;
    if (p.kind == PeriodKind::Year) return std::to_string(p.year) + (zh ? "全年" : "");
    if (p.kind == PeriodKind::Quarter) return zh ? "第" + std::to_string(p.index) + "季度" : "Q" + std::to_string(p.index);
    static const char* k_months_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return zh ? std::to_string(p.index) + "月" : k_months_en[p.index - 1];
}

float chip_width(Ui& ui, const std::string& label)
{
    return std::max(ui.measure(Body, label).x + 2 * ui.unit(), ui.touch_px() * 0.9f);
}

// A chip: a small rounded toggle; returns true when tapped.
bool chip(Ui& ui, const std::string& label, float x, float y, bool selected, float& width)
{
    const Palette& p = palette();
    width = chip_width(ui, label);
    Rect r{x, y, x + width, y + ui.touch_px() * 0.8f};
    bool pressed = ui.is_pressed(r);
    ImU32 fill = selected ? p.accent : (pressed ? p.surface_pressed : p.surface);
    ui.draw()->AddRectFilled(r.min(), r.max(), fill, r.height() / 2);
    if (!selected) ui.draw()->AddRect(r.min(), r.max(), p.border, r.height() / 2, 0, 1.5f * ui.scale());
    ui.text_centered(Body, r, selected ? p.text_on_color : p.text, label);
    return ui.tap_area(label, r);
}

// The entry list's type column: a word for each, so colour is never the only signal.
const char* type_label(EntryType type)
{
    switch (type) {
    case EntryType::Income: return "收入";
    case EntryType::Expense: return "支出";
    case EntryType::CarryForward: return "上期结转";
    }
    return "";
}

ImU32 type_color(EntryType type)
{
    switch (type) {
    case EntryType::Income: return palette().success;
    case EntryType::Expense: return palette().pinned;
    case EntryType::CarryForward: return palette().text;
    }
    return palette().text;
}

// Right-aligned text ending at x_right.
void text_right(Ui& ui, FontRole role, float x_right, float y, ImU32 color, const std::string& text)
{
    ui.text(role, {x_right - ui.measure(role, text).x, y}, color, text);
}

// The statement's lines in order: 结转调整 only where a 结转 and the entries before it disagree
// (check warns about it).
std::vector<std::pair<const char*, Money>> statement_rows(const Statement& s)
{
    std::vector<std::pair<const char*, Money>> rows = {{"期初余额", s.opening}, {"本期收入", s.income}, {"本期支出", s.expense}};
    if (s.carry_adjustment.fen() != 0) rows.push_back({"结转调整", s.carry_adjustment});
    rows.push_back({"期末余额", s.closing});
    return rows;
}

class FinanceScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "财务公示"; }

    // 朗读 on the statement (in Mandarin, the voice's language): its title, each line with its
    // amount, then what the income and the spending were made of.
    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        services::FinanceView* finance = model.finance;
        if (m_tab_entries || !finance || finance->count({}) == 0) return {};
        Period period = finance->default_period();
        if (auto parsed = Period::parse(route.arg)) period = *parsed;
        const Statement& s = finance->statement(period);
        std::vector<std::string> paragraphs{period_label(Language::Chinese, period) + " 收支报表"};
        for (const auto& [label, amount] : statement_rows(s)) paragraphs.push_back(std::string(label) + " " + amount.format());
        for (const auto& [heading, totals] : {std::pair{"收入构成", &s.income_by_category}, std::pair{"支出构成", &s.expense_by_category}}) {
            std::string said = std::string(heading) + "：";
            for (size_t i = 0; i < totals->size(); ++i)
                said += (i ? "，" : "") + (*totals)[i].category + " " + (*totals)[i].amount.format();
            paragraphs.push_back(said);
        }
        return paragraphs;
    }

    void reset() override
    {
        m_tab_entries = false;
        m_category.clear();
        m_selected.reset();
        m_chips_scrolled_to.reset();
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        services::FinanceView* finance = ctx.model.finance;
        if (!finance || finance->count({}) == 0) return draw_empty(ui, body, "暂无财务公示");
        Period period = finance->default_period();
        if (auto parsed = Period::parse(ctx.route.arg)) period = *parsed;
        float u = ui.unit();
        const float x0 = body.x0 + 2 * u, width = body.width() - 4 * u;
        const float h = ui.touch_px() * 0.8f, gap = ui.target_gap();
        float y = body.y0 + 1.5f * u;
        const PeriodChips chips = period_chips(ui, *finance, period);
        std::function<float(float)> above_statement;  // drawn at the top of the statement's scroll
        // Periods, the check of the accounts and the two tabs stacked leave the statement less
        // than half the page at 大 and 特大 on a landscape screen; then the tabs go first on one
        // row and the periods beside them scroll sideways.
        const int rows = chips.rows(width, gap);
        const float stacked = rows * (h + gap) + u + ui.line_height(Body) + u + h + u;
        if (rows > 1 && body.height() - 1.5f * u - stacked < body.height() * 0.5f) {
            const float tabs_x1 = draw_tabs(ui, x0, y);
            const float chips_x0 = tabs_x1 + 2 * gap;
            ui.draw()->AddLine({tabs_x1 + gap, y}, {tabs_x1 + gap, y + h}, palette().border, 2 * ui.scale());
            y = draw_chips_sideways(ctx, chips, period, {chips_x0, y, x0 + width, y + h + 0.75f * u});
            // The page is short: on the statement the check of the accounts scrolls with it.
            if (m_tab_entries) y = draw_reconciliation(ui, *finance, x0, y, width, body.height() * 0.3f);
            else
                above_statement = [&](float top) {
                    return draw_reconciliation(ui, *finance, x0, top, width, body.height() * 0.3f) - top;
                };
        } else {
            y = draw_chips_wrapped(ctx, chips, period, x0, y, width);
            y = draw_reconciliation(ui, *finance, x0, y, width, body.height() * 0.3f);
            draw_tabs(ui, x0, y);
            y += h + u;
        }
        Rect rest{x0, y, body.x1 - 2 * u, body.y1 - u};
        if (m_tab_entries) draw_entries(ctx, *finance, period, rest);
        else {
            const auto& speech = ctx.model.speech;
            const int heard = speech.speaking && speech.item == ctx.route.to_string() ? speech.paragraph : -1;
            draw_statement_tab(ui, *finance, period, rest, heard, above_statement);
        }
    }

private:
    // The periods a resident can choose: the year, its quarters and its months so far.
    struct PeriodChips {
        std::vector<Period> periods;
        std::vector<float> widths;
        int rows(float width, float gap) const
        {
            int rows = 1;
            for (float x = 0; float w : widths) {
                if (x + w > width && x > 0) ++rows, x = 0;
                x += w + gap;
            }
            return rows;
        }
    };

    static PeriodChips period_chips(Ui& ui, services::FinanceView& finance, const Period& shown)
    {
        const int year = shown.year;
        PeriodChips chips;
        chips.periods = {Period::whole_year(year)};
        for (int q = 1; q <= 4; ++q) chips.periods.push_back(Period::quarter(year, q));
        const Period latest = finance.default_period();
        const int last_month = latest.year == year && latest.kind == PeriodKind::Month ? latest.index : 12;
        for (int m = 1; m <= last_month; ++m) chips.periods.push_back(Period::month(year, m));
        for (const auto& p : chips.periods) chips.widths.push_back(chip_width(ui, chip_label(ui, p)));
        return chips;
    }

    // 收支报表 and 收支明细 from x0; returns where they end.
    float draw_tabs(Ui& ui, float x0, float y)
    {
        float w = 0;
        if (chip(ui, ui.tr("收支报表"), x0, y, !m_tab_entries, w)) m_tab_entries = false;
        float x = x0 + w + ui.target_gap();
        if (chip(ui, ui.tr("收支明细"), x, y, m_tab_entries, w)) m_tab_entries = true;
        return x + w;
    }

    void period_chip(ScreenContext& ctx, const Period& p, const Period& shown, float x, float y)
    {
        float w = 0;
        if (chip(ctx.ui, chip_label(ctx.ui, p), x, y, p == shown, w)) {
            ctx.go_to = Route{"finance", p.format()};
            m_selected.reset();
        }
    }

    float draw_chips_wrapped(ScreenContext& ctx, const PeriodChips& chips, const Period& shown, float x0, float y,
                             float width)
    {
        Ui& ui = ctx.ui;
        const float h = ui.touch_px() * 0.8f, gap = ui.target_gap();
        float x = x0;
        for (size_t i = 0; i < chips.periods.size(); ++i) {
            if (x + chips.widths[i] > x0 + width && x > x0) x = x0, y += h + gap;
            period_chip(ctx, chips.periods[i], shown, x, y);
            x += chips.widths[i] + gap;
        }
        return y + h + ui.unit();
    }

    // One row in view that the finger moves sideways; returns the y below it.
    float draw_chips_sideways(ScreenContext& ctx, const PeriodChips& chips, const Period& shown, const Rect& view)
    {
        Ui& ui = ctx.ui;
        const float gap = ui.target_gap();
        float row_width = 0, shown_x0 = 0, shown_x1 = 0;
        for (size_t i = 0; i < chips.periods.size(); ++i) {
            if (chips.periods[i] == shown) shown_x0 = row_width, shown_x1 = row_width + chips.widths[i];
            row_width += chips.widths[i] + (i + 1 < chips.periods.size() ? gap : 0);
        }
        float offset = ui.begin_sideways_scroll("finance.periods", view);
        // A period chosen elsewhere (the latest month, shown first) is scrolled into sight, and
        // again when the row changes its length (another text size or language).
        if (m_chips_scrolled_to != std::pair{shown, row_width}) {
            m_chips_scrolled_to = std::pair{shown, row_width};
            float wanted = offset;
            if (shown_x1 - wanted > view.width()) wanted = shown_x1 - view.width();
            if (shown_x0 < wanted) wanted = shown_x0;
            if (wanted != offset) ui.scroll_to("finance.periods", offset = wanted);
        }
        float x = view.x0 - offset;
        for (size_t i = 0; i < chips.periods.size(); ++i) {
            if (x + chips.widths[i] > view.x0 && x < view.x1) period_chip(ctx, chips.periods[i], shown, x, view.y0);
            x += chips.widths[i] + gap;
        }
        ui.end_sideways_scroll(row_width);
        return view.y1 + ui.unit();
    }

    // Declared balances that do not match the ledger, in red for everyone to see.
    // max_h: the most the red block may take of the page.
    float draw_reconciliation(Ui& ui, services::FinanceView& finance, float x, float y, float width, float max_h)
    {
        const Palette& p = palette();
        float u = ui.unit();
        std::vector<std::string> problems;
        bool any_declared = false;
        for (const auto& r : finance.reconciliation()) {
            any_declared = true;
            if (!r.period) {
                problems.push_back(r.period_text + ": " + ui.tr("申报的期间无法识别"));
                continue;
            }
            auto describe = [&](const char* what, const BalanceCheck& c) {
                if (c.matches()) return;
                problems.push_back(period_label(ui.language(), *r.period) + " " + ui.tr(what) + ": " + ui.tr("账面") + " " +
                                   c.computed.format() + ", " + ui.tr("申报") + " " + c.declared_amount.format() + ", " +
                                   ui.tr("差额") + " " + Money::from_fen(c.difference_fen).format());
            };
            describe("期初余额", r.opening);
            describe("期末余额", r.closing);
        }
        if (problems.empty()) {
            if (!any_declared) return y;
            return y + ui.paragraph(Body, {x, y}, width, palette().success, std::string("✓ ") + ui.tr("账目与申报余额核对一致")) +
                   u * 0.5f;
        }
        // At most a few lines here, and no more than max_h (large text on a short screen): the
        // count of the rest keeps the page usable, the first ones (oldest periods first) say where
        // the accounts went wrong. Every line wraps rather than run off the side.
        constexpr size_t k_most = 3;
        const float tw = width - 2 * u;
        const std::string heading = ui.tr("账目核对不符，请向理事会了解原因");
        auto rest_line = [&](size_t shown) {
            const std::string n = std::to_string(problems.size() - shown);
            if (ui.language() == Language::Chinese) return (shown ? "另有 " : "共 ") + n + " 处不符";
            return (shown ? "and " + n + " more" : n + " periods do not agree");
        };
        float h = ui.paragraph_height(Heading, tw, heading) + u;
        size_t shown = 0;
        for (; shown < std::min(k_most, problems.size()); ++shown) {
            const float line_h = ui.paragraph_height(Body, tw, problems[shown]);
            const bool last = shown + 1 == problems.size();
            const float rest_h = last ? 0.0f : ui.paragraph_height(Body, tw, rest_line(shown + 1));
            if (h + line_h + rest_h > max_h) break;
            h += line_h;
        }
        std::vector<std::string> lines(problems.begin(), problems.begin() + long(shown));
        if (shown < problems.size()) {
            lines.push_back(rest_line(shown));
            h += ui.paragraph_height(Body, tw, lines.back());
        }
        ui.draw()->AddRectFilled({x, y}, {x + width, y + h}, p.urgent, 10 * ui.scale());
        float ly = y + u * 0.4f;
        ly += ui.paragraph(Heading, {x + u, ly}, tw, p.urgent_text, heading);
        for (const auto& line : lines) ly += ui.paragraph(Body, {x + u, ly}, tw, p.urgent_text, line);
        return y + h + u;
    }

    // Where the statement and the chart go in `area` (its top already scrolled).
    struct StatementLayout {
        Rect statement, chart;
        bool categories_side_by_side = false;
        float height = 0;  // of both together: more than area's when they need to scroll
    };

    static StatementLayout layout_statement(Ui& ui, const Statement& s, const Rect& area)
    {
        float u = ui.unit();
        StatementLayout l;
        // Tall enough for its title, legend, month labels and bars worth reading.
        const float chart_min = ui.line_height(Heading) + 2 * ui.line_height(Small) + 16 * u;
        // Upright screens (and views too narrow for two columns) stack the statement and chart.
        if (area.height() > area.width() || ui.screen().height() > ui.screen().width()) {
            // Portrait (a screen hung upright): the statement on top at the height it needs, the
            // chart below it, at least 40% of the view tall.
            // The categories stay under each other: side by side they would not fit the width, and
            // the whole tab scrolls anyway.
            l.categories_side_by_side = false;
            const float sh = statement_height(ui, s, l.categories_side_by_side, area.width());
            const float ch = std::max({area.height() - sh - 2 * u, area.height() * 0.4f, chart_min});
            l.statement = Rect{area.x0, area.y0, area.x1, area.y0 + sh};
            l.chart = Rect{area.x0, l.statement.y1 + 2 * u, area.x1, l.statement.y1 + 2 * u + ch};
            l.height = sh + 2 * u + ch;
        } else {
            // Landscape: side by side. When the two category lists do not fit under each other
            // (many categories, large text) they go side by side in a wider panel; when even that
            // is too tall, the whole statement scrolls. No category is ever cut off.
            const float under = statement_height(ui, s, false, area.width() * 0.42f);
            l.categories_side_by_side = under > area.height() && statement_height(ui, s, true, area.width() * 0.5f) < under;
            const float split = l.categories_side_by_side ? 0.5f : 0.42f;
            l.height = std::max(area.height(), statement_height(ui, s, l.categories_side_by_side, area.width() * split));
            l.statement = Rect{area.x0, area.y0, area.x0 + area.width() * split, area.y0 + l.height};
            // The chart keeps the view's height (a scrolled statement does not stretch it), or
            // its least height when the view is shorter (at 特大), and then scrolls with it.
            const float ch = std::max(area.height(), chart_min);
            l.chart = Rect{l.statement.x1 + 2 * u, area.y0, area.x1, area.y0 + ch};
            l.height = std::max(l.height, ch);
        }
        return l;
    }

    // The statement tab, scrolling when it is taller than `view`.
    // heard: the paragraph 朗读 reads (0 the title, then the rows, then the two breakdowns), -1 none.
    // above, when given, draws what scrolls above the statement from a y and returns its height.
    void draw_statement_tab(Ui& ui, services::FinanceView& finance, const Period& period, const Rect& view, int heard,
                            const std::function<float(float)>& above)
    {
        const float offset = ui.begin_scroll("finance-statement", view);
        const float above_h = above ? above(view.y0 - offset) : 0.0f;
        // The statement and chart fill the rest of the view, as they would below it.
        const Rect area{view.x0, view.y0 - offset + above_h, view.x1, view.y1 - offset};
        const StatementLayout layout = layout_statement(ui, finance.statement(period), area);
        draw_statement(ui, finance, period, layout, heard);
        ui.end_scroll(above_h + layout.height);
    }

    void draw_statement(Ui& ui, services::FinanceView& finance, const Period& period, const StatementLayout& layout, int heard)
    {
        const Palette& p = palette();
        float u = ui.unit();
        const Statement& s = finance.statement(period);
        const Rect& left = layout.statement;
        const bool categories_side_by_side = layout.categories_side_by_side;

        // Left: the statement, amounts right-aligned so the columns add up by eye.
        ui.draw()->AddRectFilled(left.min(), left.max(), p.surface, 16 * ui.scale());
        float x = left.x0 + 2 * u, xr = left.x1 - 2 * u, y = left.y0 + 1.5f * u;
        if (heard == 0) draw_reading_mark(ui, {x, y, xr, y + ui.line_height(Heading)});
        ui.text(Heading, {x, y}, p.text, period_label(ui.language(), period) + " " + ui.tr("收支报表"));
        y += ui.line_height(Heading) + u * 0.5f;
        const auto rows = statement_rows(s);
        int row_index = 0;
        for (const auto& [label, amount] : rows) {
            bool total = label == rows.back().first;
            // 朗读's paragraph 0 is the title, 1.. these rows.
            if (heard == ++row_index)
                draw_reading_mark(ui, {x, y, xr, y + ui.line_height(total ? Heading : Body)});
            if (total) ui.draw()->AddLine({x, y}, {xr, y}, p.text, 2 * ui.scale());
            ui.text(total ? Heading : Body, {x, y + u * 0.3f}, total ? p.text : p.text_muted, ui.tr(label));
            text_right(ui, total ? Heading : Body, xr, y + u * 0.3f, p.text, amount.format());
            y += ui.line_height(total ? Heading : Body) + u * 0.3f;
        }
        y += u;
        ui.push_clip(left);
        const int income_heard = int(rows.size()) + 1, expense_heard = income_heard + 1;
        if (categories_side_by_side) {
            float middle = (x + xr) / 2;
            draw_categories(ui, "收入构成", s.income_by_category, s.income, palette().success, x, middle - u, y, heard == income_heard);
            draw_categories(ui, "支出构成", s.expense_by_category, s.expense, p.pinned, middle + u, xr, y, heard == expense_heard);
        } else {
            y = draw_categories(ui, "收入构成", s.income_by_category, s.income, palette().success, x, xr, y, heard == income_heard);
            draw_categories(ui, "支出构成", s.expense_by_category, s.expense, p.pinned, x, xr, y + u * 0.5f, heard == expense_heard);
        }
        ui.pop_clip();

        // Right (or below): income and expense per month of the year, as bars.
        draw_chart(ui, finance.monthly(period.year), period, layout.chart);
    }

    // The height draw_statement's statement panel fills, to the pixel, at panel_w wide: heading,
    // the rows, and the two category lists under each other or side by side.
    static float statement_height(Ui& ui, const Statement& s, bool categories_side_by_side, float panel_w)
    {
        float u = ui.unit();
        float h = 1.5f * u + ui.line_height(Heading) + u * 0.5f;
        const int body_rows = s.carry_adjustment.fen() != 0 ? 4 : 3;
        h += float(body_rows) * (ui.line_height(Body) + u * 0.3f) + ui.line_height(Heading) + u * 0.3f + u;
        const float inner = panel_w - 4 * u, column = categories_side_by_side ? inner / 2 - u : inner;
        const int in = category_lines(ui, s.income_by_category, column), out = category_lines(ui, s.expense_by_category, column);
        if (categories_side_by_side)
            h += ui.line_height(Body) + float(std::max(in, out)) * ui.line_height(Small);
        else
            h += 2 * ui.line_height(Body) + u * 0.5f + float(in + out) * ui.line_height(Small);
        return h + 1.5f * u;
    }

    // A breakdown's widest name and amount: a row is name, bar, amount on one line when both fit
    // the column with room between, else the amount goes on a second line under the name.
    struct CategoryColumns {
        float name_w = 0, amount_w = 0;
        bool two_lines = false;
    };
    static CategoryColumns category_columns(Ui& ui, const std::vector<CategoryTotal>& totals, float width)
    {
        CategoryColumns c;
        for (const auto& t : totals) {
            c.name_w = std::max(c.name_w, ui.measure(Small, t.category).x);
            c.amount_w = std::max(c.amount_w, ui.measure(Small, t.amount.format()).x);
        }
        c.two_lines = c.name_w + c.amount_w + 3 * ui.unit() > width;
        return c;
    }
    static int category_lines(Ui& ui, const std::vector<CategoryTotal>& totals, float width)
    {
        return int(totals.size()) * (category_columns(ui, totals, width).two_lines ? 2 : 1);
    }

    // heard: 朗读 reads this breakdown now (it is marked).
    float draw_categories(Ui& ui, const char* title, const std::vector<CategoryTotal>& totals, Money sum, ImU32 color,
                          float x, float xr, float y, bool heard)
    {
        const Palette& p = palette();
        float u = ui.unit();
        const CategoryColumns columns = category_columns(ui, totals, xr - x);
        const float lh = ui.line_height(Small);
        if (heard)
            draw_reading_mark(ui, {x, y, xr, y + ui.line_height(Body) + float(category_lines(ui, totals, xr - x)) * lh});
        ui.text(Body, {x, y}, p.text, ui.tr(title));
        y += ui.line_height(Body);
        // The bar between the names and the amounts, or on the amount's own line.
        float bar_x = x + (xr - x) * 0.38f, bar_w = (xr - x) * 0.30f;
        if (columns.two_lines) {
            bar_x = x + u;
            bar_w = std::min(bar_w, xr - columns.amount_w - 2 * u - bar_x);
        } else {
            bar_x = std::max(bar_x, x + u + columns.name_w + u);
            bar_w = std::min(bar_w, xr - columns.amount_w - u - bar_x);
        }
        for (const auto& c : totals) {
            float share = sum.fen() > 0 ? float(double(c.amount.fen()) / double(sum.fen())) : 0;
            ui.text(Small, {x + u, y}, p.text_muted, c.category);
            if (columns.two_lines) y += lh;
            if (bar_w >= 2 * u)
                ui.draw()->AddRectFilled({bar_x, y + u * 0.35f}, {bar_x + bar_w * share, y + ui.font_px(Small) - u * 0.1f}, color,
                                         4 * ui.scale());
            text_right(ui, Small, xr, y, p.text, c.amount.format());
            y += lh;
        }
        return y;
    }

    void draw_chart(Ui& ui, const std::vector<MonthFlow>& months, const Period& shown, const Rect& area)
    {
        const Palette& p = palette();
        float u = ui.unit();
        ui.draw()->AddRectFilled(area.min(), area.max(), p.surface, 16 * ui.scale());
        const std::string title =
            std::to_string(shown.year) + (ui.language() == Language::Chinese ? "年" : "") + " " + ui.tr("每月收支");
        ImU32 income_color = palette().success, expense_color = p.pinned;
        // Legend: right of the title, or under it when the panel is too narrow for both (the
        // title wraps when it is too long even alone). Each entry is as wide as its word.
        const float key = u * 1.2f, key_gap = u * 0.6f;
        const float income_w = key + key_gap + ui.measure(Small, ui.tr("收入")).x;
        const float legend_w = income_w + 2 * u + key + key_gap + ui.measure(Small, ui.tr("支出")).x;
        float lx = area.x1 - 2 * u - legend_w, ly = area.y0 + 1.5f * u + u * 0.4f;
        const bool beside = area.x0 + 2 * u + ui.measure(Heading, title).x + 2 * u <= lx;
        const ImVec2 title_at{area.x0 + 2 * u, area.y0 + 1.5f * u};
        const float title_w = area.width() - 4 * u;
        float title_h = ui.line_height(Heading);
        if (ui.measure(Heading, title).x <= title_w) ui.text(Heading, title_at, p.text, title);
        else title_h = ui.paragraph(Heading, title_at, title_w, p.text, title);
        float top = area.y0 + 1.5f * u + title_h + 1.5f * u;
        if (!beside) {
            lx = area.x0 + 2 * u;
            ly = area.y0 + 1.5f * u + title_h;
            top += ui.line_height(Small);
        }
        const float key_y = ly + (ui.font_px(Small) - key) / 2;
        ui.draw()->AddRectFilled({lx, key_y}, {lx + key, key_y + key}, income_color);
        ui.text(Small, {lx + key + key_gap, ly}, p.text, ui.tr("收入"));
        const float ex = lx + income_w + 2 * u;
        ui.draw()->AddRectFilled({ex, key_y}, {ex + key, key_y + key}, expense_color);
        ui.text(Small, {ex + key + key_gap, ly}, p.text, ui.tr("支出"));

        Rect plot{area.x0 + 2 * u, top, area.x1 - 2 * u,
                  area.y1 - ui.line_height(Small) - 2 * u};
        int64_t max_fen = 1;
        for (const auto& m : months) max_fen = std::max({max_fen, m.income.fen(), m.expense.fen()});
        ui.draw()->AddLine({plot.x0, plot.y1}, {plot.x1, plot.y1}, p.border, 2 * ui.scale());
        float slot = plot.width() / 12.0f, bar = slot * 0.32f;
        // Month labels where they fit: every month, else every other one, else every third
        // (the bars still stand in month order).
        float widest = 0;
        for (const auto& m : months) widest = std::max(widest, ui.measure(Small, chip_label(ui, m.month)).x);
        const int label_every = widest <= slot - u * 0.3f ? 1 : widest <= 2 * slot - u * 0.3f ? 2 : 3;
        for (const auto& m : months) {
            float sx = plot.x0 + float(m.month.index - 1) * slot;
            bool in_shown = shown.contains(m.month.start_s());
            if (in_shown && shown.kind != PeriodKind::Year)
                ui.draw()->AddRectFilled({sx, plot.y0}, {sx + slot, plot.y1}, IM_COL32(24, 96, 168, 22));
            float ih = plot.height() * float(double(m.income.fen()) / double(max_fen));
            float eh = plot.height() * float(double(m.expense.fen()) / double(max_fen));
            ui.draw()->AddRectFilled({sx + slot * 0.16f, plot.y1 - ih}, {sx + slot * 0.16f + bar, plot.y1}, income_color);
            ui.draw()->AddRectFilled({sx + slot * 0.52f, plot.y1 - eh}, {sx + slot * 0.52f + bar, plot.y1}, expense_color);
            if ((m.month.index - 1) % label_every != 0) continue;
            std::string label = chip_label(ui, m.month);
            ui.text(Small, {sx + (slot - ui.measure(Small, label).x) / 2, plot.y1 + u * 0.4f}, p.text_muted, label);
        }
    }

    void draw_entries(ScreenContext& ctx, services::FinanceView& finance, const Period& period, const Rect& area)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        // Category filter chips.
        float x = area.x0, y = area.y0, h = ui.touch_px() * 0.8f, w = 0;
        if (chip(ui, ui.tr("全部科目"), x, y, m_category.empty(), w)) m_category.clear();
        x += w + ui.target_gap();
        for (const auto& c : finance.categories()) {
            if (x + chip_width(ui, c) > area.x1) {
                x = area.x0;
                y += h + ui.target_gap();
            }
            if (chip(ui, c, x, y, m_category == c, w)) m_category = m_category == c ? "" : c;
            x += w + ui.target_gap();
        }
        services::LedgerQuery query{period, m_category};
        int64_t total = finance.count(query);
        // How many entries: at the end of the chips' last row, or under it when there is no room.
        const std::string count_line = std::string(ui.tr("共")) + " " + std::to_string(total) + " " + ui.tr("条");
        if (x + ui.measure(Small, count_line).x > area.x1) y += h + ui.target_gap(), h = ui.line_height(Small);
        text_right(ui, Small, area.x1, y + (h - ui.font_px(Small)) / 2, p.text_muted, count_line);
        y += h + u;

        // Columns: date, type, category, description, amount (right-aligned), voucher.
        const float cols[] = {0.0f, 0.12f, 0.20f, 0.34f, 0.80f, 0.82f};
        auto col = [&](int i) { return area.x0 + area.width() * cols[i]; };
        float amount_right = col(4);  // amounts end where the voucher column begins
        const char* heads[] = {"日期", "类型", "科目", "摘要", "金额", "凭证"};
        for (int i = 0; i < 6; ++i) {
            if (i == 4) text_right(ui, Small, amount_right, y, p.text_muted, ui.tr(heads[i]));
            else ui.text(Small, {col(i), y}, p.text_muted, ui.tr(heads[i]));
        }
        y += ui.line_height(Small);
        ui.draw()->AddLine({area.x0, y}, {area.x1, y}, p.border, 2 * ui.scale());

        float row_h = std::max(ui.touch_px() * 0.75f, ui.line_height(Body));
        Rect view{area.x0, y, area.x1, area.y1};
        float offset = ui.begin_scroll("finance-entries", view);
        // Only the rows in view are fetched and drawn: the list costs the same at 100 or 100,000.
        int64_t first = std::max<int64_t>(0, int64_t(offset / row_h));
        int rows_in_view = int(view.height() / row_h) + 2;
        fetch(finance, query, first, rows_in_view);
        for (int i = 0; i < rows_in_view && first + i < total; ++i) {
            int64_t index = first + i;
            int64_t slot = index - m_page_offset;
            if (slot < 0 || slot >= int64_t(m_page.size())) break;
            const LedgerEntry& e = m_page[size_t(slot)];
            float ry = view.y0 + float(index) * row_h - offset;
            Rect row{area.x0, ry, area.x1, ry + row_h};
            bool selected = m_selected && *m_selected == index;
            if (selected || ui.is_pressed(row))
                ui.draw()->AddRectFilled(row.min(), row.max(), selected ? IM_COL32(24, 96, 168, 40) : p.surface_pressed);
            else if (index % 2) ui.draw()->AddRectFilled(row.min(), row.max(), IM_COL32(255, 255, 255, 140));
            float ty = ry + (row_h - ui.font_px(Body)) / 2;
            ui.text(Body, {col(0), ty}, p.text, format_iso_date(e.date_s));
            ui.text(Body, {col(1), ty}, type_color(e.type), ui.tr(type_label(e.type)));
            ui.text(Body, {col(2), ty}, p.text, e.category);
            ui.push_clip({col(3), ry, col(4) - area.width() * 0.14f, ry + row_h});
            ui.text(Body, {col(3), ty}, p.text, e.description);
            ui.pop_clip();
            text_right(ui, Body, amount_right, ty, p.text, e.amount.format_plain());
            ui.push_clip({col(5), ry, area.x1, ry + row_h});
            ui.text(Small, {col(5), ry + (row_h - ui.font_px(Small)) / 2}, p.text_muted, e.voucher);
            ui.pop_clip();
            if (ui.tap_area(e.description + " " + e.amount.format_plain(), row)) {
                m_selected = selected ? std::optional<int64_t>() : std::optional<int64_t>(index);
                m_voucher = selected ? std::string() : e.voucher;
            }
        }
        ui.end_scroll(float(total) * row_h);
        draw_voucher(ui, area);
    }

    // The voucher photo of the tapped entry, over the right of the list; a voucher number is
    // already in its column, so only pictures get the panel.
    void draw_voucher(Ui& ui, const Rect& area)
    {
        if (!m_selected || m_voucher.find('/') == std::string::npos) return;
        const Palette& p = palette();
        float u = ui.unit();
        Rect panel{area.x1 - area.width() * 0.45f, area.y0, area.x1, area.y1};
        ui.draw()->AddRectFilled(panel.min(), panel.max(), p.surface, 16 * ui.scale());
        ui.draw()->AddRect(panel.min(), panel.max(), p.border, 16 * ui.scale(), 0, 2 * ui.scale());
        ui.text(Heading, {panel.x0 + 2 * u, panel.y0 + u}, p.text, ui.tr("凭证照片"));
        float close_w = std::max(ui.measure(Body, ui.tr("关闭")).x + 3 * u, ui.touch_px() * 1.4f);
        Rect close{panel.x1 - close_w - u, panel.y0 + u, panel.x1 - u, panel.y0 + u + ui.touch_px() * 0.8f};
        float top = panel.y0 + ui.touch_px() + u;
        draw_image(ui, ui.images(), m_voucher, panel.x0 + 2 * u, top, panel.width() - 4 * u, panel.y1 - top - 2 * u);
        if (ui.button(ui.tr("关闭"), close, ButtonStyle::Surface, Body)) m_selected.reset();
    }

    // Keeps a window of rows around what is in view; queries only when the view leaves it.
    void fetch(services::FinanceView& finance, const services::LedgerQuery& query, int64_t first, int rows)
    {
        if (query == m_page_query && first >= m_page_offset && first + rows <= m_page_offset + int64_t(m_page.size()))
            return;
        m_page_query = query;
        m_page_offset = std::max<int64_t>(0, first - k_page_rows / 4);
        m_page = finance.page(query, m_page_offset, k_page_rows);
    }

    bool m_tab_entries = false;
    std::string m_category;
    std::optional<int64_t> m_selected;
    // The period the sideways chip row last brought into sight, and the row's length then.
    std::optional<std::pair<Period, float>> m_chips_scrolled_to;
    std::string m_voucher;
    services::LedgerQuery m_page_query;
    int64_t m_page_offset = -1;
    std::vector<LedgerEntry> m_page;
};

}  // namespace

std::unique_ptr<Screen> make_finance_screen() { return std::make_unique<FinanceScreen>(); }

}  // namespace linli::ui
