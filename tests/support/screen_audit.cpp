#include "screen_audit.hpp"

#include "core/contrast.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>

namespace linli::test {

namespace {

Rgb rgb_of(ImU32 c)
{
    return {uint8_t(c >> IM_COL32_R_SHIFT), uint8_t(c >> IM_COL32_G_SHIFT), uint8_t(c >> IM_COL32_B_SHIFT)};
}

int distance(Rgb a, Rgb b)
{
    return std::abs(int(a.r) - int(b.r)) + std::abs(int(a.g) - int(b.g)) + std::abs(int(a.b) - int(b.b));
}

ui::Rect intersect(const ui::Rect& a, const ui::Rect& b)
{
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

bool empty(const ui::Rect& r)
{
    return r.x1 - r.x0 < 1 || r.y1 - r.y0 < 1;
}

// A capital H's height in pixels as the font's glyph is rasterised, per font role.
float cap_px(ui::FontRole role)
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (role >= atlas->Fonts.Size) return 0;
    // Large sizes carry digits only until a Latin letter is shown; a 1 is as tall as an H.
    const ImFontGlyph* h = atlas->Fonts[role]->FindGlyphNoFallback('H');
    if (!h) h = atlas->Fonts[role]->FindGlyphNoFallback('1');
    return h ? h->Y1 - h->Y0 : 0;
}

// The colour the text is drawn on: the commonest colour in its box that is not the ink itself
// (anti-aliased edges blend the two, so they are never the commonest). nullopt for a box with
// nothing but ink.
std::optional<Rgb> background_under(const ui::Rect& box, Rgb ink, const std::vector<uint8_t>& rgba, int width, int height)
{
    const int x0 = std::max(0, int(std::floor(box.x0))), x1 = std::min(width, int(std::ceil(box.x1)));
    const int y0 = std::max(0, int(std::floor(box.y0))), y1 = std::min(height, int(std::ceil(box.y1)));
    std::unordered_map<uint32_t, int> counts;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const uint8_t* p = &rgba[(size_t(y) * size_t(width) + size_t(x)) * 4];
            if (distance({p[0], p[1], p[2]}, ink) < 60) continue;
            ++counts[uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]];
        }
    uint32_t best = 0;
    int best_count = 0;
    for (auto [c, n] : counts)
        if (n > best_count) best = c, best_count = n;
    if (best_count == 0) return std::nullopt;
    return Rgb{uint8_t(best >> 16), uint8_t(best >> 8), uint8_t(best)};
}

std::string quoted(const std::string& text)
{
    if (text.size() <= 60) return "\"" + text + "\"";
    size_t cut = 57;
    while (cut > 0 && (uint8_t(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return "\"" + text.substr(0, cut) + "...\"";
}

std::string figure(double v, const char* unit)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f%s", v, unit);
    return buf;
}

}  // namespace

AuditRules audit_rules(TextSize size, Theme theme)
{
    AuditRules rules;
    rules.min_cap_mm = size == TextSize::ExtraLarge ? 8.5f : size == TextSize::Large ? 6.4f : 4.8f;
    rules.min_contrast = theme == Theme::HighContrast ? 15.0 : 7.0;
    return rules;
}

void ScreenAudit::check(const std::string& where, const ui::Ui& ui, const std::vector<uint8_t>& rgba, int width,
                        int height, const AuditRules& rules)
{
    const float mm = ui.mm_per_px();
    const ui::Rect screen{0, 0, float(width), float(height)};
    ScreenFigures fig;
    fig.where = where;
    auto fail = [&](std::string what) { m_findings.push_back({where, std::move(what)}); };

    // Texts: the part of each run that is on screen.
    std::vector<std::pair<const ui::TextRun*, ui::Rect>> visible;
    for (const auto& run : ui.text_runs()) {
        ui::Rect shown = intersect(intersect(run.rect, run.clip), screen);
        if (empty(shown)) continue;
        visible.push_back({&run, shown});
        ++fig.texts;
        const float cap_mm = cap_px(run.role) * mm;
        fig.min_cap_mm = std::min(fig.min_cap_mm, cap_mm);
        if (cap_mm + 1e-3f < rules.min_cap_mm)
            fail("text too small: " + quoted(run.text) + " capital height " + figure(cap_mm, " mm") + " < " +
                 figure(rules.min_cap_mm, " mm"));
        const Rgb ink = rgb_of(run.color);
        if (auto bg = background_under(shown, ink, rgba, width, height)) {
            const double c = contrast_ratio(ink, *bg);
            if (c < fig.min_contrast) fig.min_contrast = c, fig.lowest_contrast_text = run.text;
            if (c < rules.min_contrast) {
                char colours[64];
                std::snprintf(colours, sizeof colours, " (ink #%02x%02x%02x on #%02x%02x%02x)", ink.r, ink.g, ink.b, bg->r, bg->g,
                              bg->b);
                fail("low contrast: " + quoted(run.text) + " " + figure(c, ":1") + colours);
            }
        }
        // Cut off: up or down only outside scroll views, sideways only outside sideways ones (a
        // scroll view cuts what it holds at its edges by design); by the screen's edges always.
        const float tol = 1.5f;
        const bool cut_side = (!run.in_sideways_scroll && (run.rect.x0 < run.clip.x0 - tol || run.rect.x1 > run.clip.x1 + tol)) ||
                              ((run.rect.x0 < -tol || run.rect.x1 > screen.x1 + tol) && !run.in_sideways_scroll);
        const bool cut_vertical = !run.in_scroll && (run.rect.y0 < run.clip.y0 - tol || run.rect.y1 > run.clip.y1 + tol);
        const bool off_screen = run.rect.y0 < -tol || run.rect.y1 > screen.y1 + tol;
        if (cut_side || cut_vertical || (off_screen && !run.in_scroll))
            fail("text cut off: " + quoted(run.text) + " drawn at x " + figure(run.rect.x0, "") + "-" + figure(run.rect.x1, "") +
                 ", y " + figure(run.rect.y0, "") + "-" + figure(run.rect.y1, "") + " but shown only in x " +
                 figure(run.clip.x0, "") + "-" + figure(run.clip.x1, "") + ", y " + figure(run.clip.y0, "") + "-" +
                 figure(run.clip.y1, ""));
    }
    // Overlaps: two runs sharing more than a sliver (glyph boxes touch along a line).
    for (size_t i = 0; i < visible.size(); ++i)
        for (size_t j = i + 1; j < visible.size(); ++j) {
            const ui::Rect o = intersect(visible[i].second, visible[j].second);
            if (o.width() > 2 && o.height() > 2)
                fail("texts overlap: " + quoted(visible[i].first->text) + " and " + quoted(visible[j].first->text) + " by " +
                     figure(o.width(), "") + "x" + figure(o.height(), " px"));
        }

    // Touch targets: their whole size, and the gap between the parts a finger can reach.
    std::vector<std::pair<const ui::TouchTarget*, ui::Rect>> reachable;
    for (const auto& t : ui.touch_targets()) {
        ui::Rect shown = intersect(intersect(t.rect, t.clip), screen);
        if (empty(shown)) continue;
        reachable.push_back({&t, shown});
        ++fig.targets;
        const float w_mm = t.rect.width() * mm, h_mm = t.rect.height() * mm;
        fig.min_target_mm = std::min({fig.min_target_mm, w_mm, h_mm});
        if (std::min(w_mm, h_mm) + 1e-3f < rules.min_target_mm)
            fail("target too small: " + quoted(t.label) + " " + figure(w_mm, "") + " x " + figure(h_mm, " mm") + " < " +
                 figure(rules.min_target_mm, " mm"));
    }
    for (size_t i = 0; i < reachable.size(); ++i)
        for (size_t j = i + 1; j < reachable.size(); ++j) {
            const ui::Rect& a = reachable[i].second;
            const ui::Rect& b = reachable[j].second;
            const float dx = std::max(a.x0, b.x0) - std::min(a.x1, b.x1);
            const float dy = std::max(a.y0, b.y0) - std::min(a.y1, b.y1);
            const std::string pair = quoted(reachable[i].first->label) + " and " + quoted(reachable[j].first->label);
            if (dx < 0 && dy < 0) {
                fail("targets overlap: " + pair);
                continue;
            }
            const float gap_mm = std::max(dx, dy) * mm;
            fig.min_gap_mm = std::min(fig.min_gap_mm, gap_mm);
            if (gap_mm + 1e-3f < rules.min_gap_mm)
                fail("targets too close: " + pair + " " + figure(gap_mm, " mm") + " apart < " + figure(rules.min_gap_mm, " mm"));
        }
    m_figures.push_back(std::move(fig));
}

std::string screen_of(const std::string& where)
{
    std::istringstream words(where);
    std::string word;
    for (int i = 0; i < 5; ++i) words >> word;
    return word.substr(0, word.find(':'));
}

void print_figures(const ScreenAudit& audit, const std::string& title)
{
    struct Worst {
        int views = 0;
        float cap = 1e9f, target = 1e9f, gap = 1e9f;
        double contrast = 1e9;
        std::string lowest;
    };
    std::map<std::pair<std::string, std::string>, Worst> by_screen;  // (screen, text size)
    for (const auto& f : audit.figures()) {
        Worst& w = by_screen[{screen_of(f.where), f.where.substr(0, f.where.find(' '))}];
        ++w.views;
        w.cap = std::min(w.cap, f.min_cap_mm);
        w.target = std::min(w.target, f.min_target_mm);
        w.gap = std::min(w.gap, f.min_gap_mm);
        if (f.min_contrast < w.contrast) w.contrast = f.min_contrast, w.lowest = f.lowest_contrast_text;
    }
    std::printf("%s\n", title.c_str());
    std::printf("%-14s %-6s %5s %10s %10s %11s %9s  %s\n", "screen", "size", "views", "cap mm", "contrast", "target mm",
                "gap mm", "lowest-contrast text");
    auto shown = [](float v) { return v > 1e8f ? 0.0f : v; };
    for (const auto& [key, w] : by_screen)
        std::printf("%-14s %-6s %5d %10.2f %10.2f %11.2f %9.2f  %s\n", key.first.c_str(), key.second.c_str(), w.views,
                    shown(w.cap), w.contrast > 1e8 ? 0.0 : w.contrast, shown(w.target), shown(w.gap),
                    w.lowest.substr(0, 30).c_str());
}

}  // namespace linli::test
