// 章程制度: the charter draft with its comment period (征求意见至 …) and a 提意见 action that
// opens feedback about the document; the final charter, rules and reports.
#include "core/i18n.hpp"
#include "ui/item_page.hpp"
#include "ui/markdown_view.hpp"
#include "ui/screen.hpp"

#include <map>

namespace linli::ui {

namespace {

const char* kind_label(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::CharterDraft: return "章程草案";
    case DocumentKind::Charter: return "章程";
    case DocumentKind::Rule: return "规章制度";
    case DocumentKind::Report: return "报告";
    }
    return "规章制度";
}

bool open_for_comment(const Document& d, int64_t now_s)
{
    return d.kind == DocumentKind::CharterDraft && (d.comment_until_s == 0 || d.comment_until_s > now_s);
}

// "征求意见至 12月20日（还有 25 天）" / "征求意见已结束".
std::string comment_line(Ui& ui, const Document& d, int64_t now_s)
{
    if (d.kind != DocumentKind::CharterDraft || d.comment_until_s == 0) return {};
    if (!open_for_comment(d, now_s)) return ui.tr("征求意见已结束");
    int days = days_until(now_s, d.comment_until_s);
    std::string line = std::string(ui.tr("征求意见至")) + " " + format_short_date(ui.language(), d.comment_until_s);
    if (ui.language() == Language::Chinese) line += "（还有 " + std::to_string(days) + " 天）";
    else line += " (" + std::to_string(days) + (days == 1 ? " day left)" : " days left)");
    return line;
}

class DocumentsScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "章程制度"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        float u = ui.unit();
        if (ctx.model.documents.empty()) return draw_empty(ui, body, "暂无文件");
        Page page = begin_page(ui, body, "documents", 1500, false);
        float y = page.top;
        for (const auto& d : ctx.model.documents) {
            Notice shown = d.notice;
            if (shown.category.empty()) shown.category = ui.tr(kind_label(d.kind));
            std::string meta = comment_line(ui, d, ctx.model.now_s);
            if (meta.empty()) meta = std::string(ui.tr("发布于")) + " " + format_short_date(ui.language(), d.notice.publish_s);
            bool tapped = false;
            y += draw_item_card(ui, shown, meta, {}, page.x, y, page.width, tapped) + 1.5f * u;
            if (tapped) ctx.go_to = Route{"document", d.notice.id};
        }
        end_page(ui, page, y);
    }
};

// A document cut at its chapter headings (levels 1 and 2), for the table of contents.
struct Section {
    std::string title;  // empty for text before the first heading
    content::DisplayList list;
};

std::vector<Section> split_sections(const content::DisplayList& whole)
{
    std::vector<Section> sections(1);
    for (const auto& block : whole.blocks) {
        if (auto* heading = std::get_if<content::Heading>(&block); heading && heading->level <= 2) {
            if (!sections.back().list.blocks.empty() || !sections.back().title.empty()) sections.emplace_back();
            sections.back().title = content::plain_text(heading->spans);
        }
        sections.back().list.blocks.push_back(block);
    }
    for (size_t i = 0; i < sections.size(); ++i) sections[i].list.source_hash = whole.source_hash * 31 + i;
    return sections;
}

class DocumentScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "章程制度"; }

    std::vector<std::string> read_aloud(const Route& route, const services::AppModel& model) const override
    {
        const Document* d = model.find_document(route.arg);
        return d ? readable_paragraphs(d->notice) : std::vector<std::string>{};
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        const Document* d = ctx.model.find_document(ctx.route.arg);
        if (!d) return draw_empty(ui, body, "暂无文件");
        const auto& sections = sections_of(*d);
        int chapters = 0;
        for (const auto& section : sections) chapters += section.title.empty() ? 0 : 1;
        // Long documents get a table of contents on the left that jumps to each chapter.
        Rect page_area = body;
        std::string scroll_id = "document:" + d->notice.id;
        if (chapters >= 3 && body.width() > 1200 * ui.scale()) {
            float toc_w = std::min(420 * ui.scale(), body.width() * 0.25f);
            draw_contents(ui, sections, {body.x0 + 2 * u, body.y0 + 2 * u, body.x0 + 2 * u + toc_w, body.y1 - u}, scroll_id);
            page_area.x0 += toc_w + 2 * u;
        }
        Page page = begin_page(ui, page_area, scroll_id, 1400, true);
        float y = page.top;
        Notice shown = d->notice;
        if (shown.category.empty()) shown.category = ui.tr(kind_label(d->kind));
        y += draw_item_header(ui, shown, page.x, y, page.width, title_being_read(ctx.model, ctx.route.to_string()));
        if (open_for_comment(*d, ctx.model.now_s)) {
            // The draft invites comment: the period and the way to comment come first.
            std::string line = comment_line(ui, *d, ctx.model.now_s);
            float bw = std::max(ui.measure(Heading, ui.tr("提意见")).x + 4 * u, 220 * ui.scale());
            float bh = ui.touch_px();
            // The line wraps beside the button; the row is as tall as the taller of the two.
            const float line_h = ui.paragraph_height(Heading, page.width - bw - 2 * u, line);
            const float row_h = std::max(bh, line_h);
            ui.paragraph(Heading, {page.x, y + (row_h - line_h) / 2}, page.width - bw - 2 * u, p.urgent, line);
            if (ui.button(ui.tr("提意见"), {page.x + page.width - bw, y + (row_h - bh) / 2, page.x + page.width, y + (row_h + bh) / 2},
                          ButtonStyle::Accent, Heading))
                ctx.go_to = Route{"feedback", "document:" + d->notice.id};
            y += row_h + 2 * u;
        }
        m_section_y.assign(sections.size(), 0);
        // The block read aloud counts through the whole body; sections hold its blocks in order.
        int reading = block_being_read(ctx.model, ctx.route.to_string());
        for (size_t i = 0; i < sections.size(); ++i) {
            m_section_y[i] = y - page.top;
            y += draw_markdown(ui, sections[i].list, {page.x, y}, page.width, reading);
            reading -= int(sections[i].list.blocks.size());
        }
        bool comment = false;
        y += draw_comment_prompt(ui, page.x, y, page.width, comment);
        if (comment) ctx.go_to = Route{"feedback", "document:" + d->notice.id};
        end_page(ui, page, y);
    }

private:
    const std::vector<Section>& sections_of(const Document& d)
    {
        auto& cached = m_sections[d.notice.id];
        const auto& list = display_list(d.notice.body);
        if (cached.first != list.source_hash || cached.second.empty()) cached = {list.source_hash, split_sections(list)};
        return cached.second;
    }

    void draw_contents(Ui& ui, const std::vector<Section>& sections, const Rect& area, const std::string& scroll_id)
    {
        const Palette& p = palette();
        float u = ui.unit();
        // No card behind the contents: on a software-rendered Pi every filled pixel costs.
        ui.draw()->AddLine({area.x1, area.y0}, {area.x1, area.y1}, p.border, 2 * ui.scale());
        float y = area.y0 + u;
        ui.text(Heading, {area.x0 + 1.5f * u, y}, p.text, ui.tr("目录"));
        y += ui.line_height(Heading);
        // The contents scroll on their own when large text makes them longer than the page.
        const Rect list{area.x0, y, area.x1, area.y1};
        const float top = list.y0;
        const float offset = ui.begin_scroll(scroll_id + ".contents", list);
        y = top - offset;
        for (size_t i = 0; i < sections.size() && i < m_section_y.size(); ++i) {
            if (sections[i].title.empty()) continue;
            float h = std::max(ui.touch_px() * 0.8f, ui.paragraph_height(Body, area.width() - 3 * u, sections[i].title) + u);
            Rect row{area.x0 + u * 0.5f, y, area.x1 - u * 0.5f, y + h};
            if (ui.is_pressed(row)) ui.draw()->AddRectFilled(row.min(), row.max(), p.surface_pressed, 8 * ui.scale());
            ui.paragraph(Body, {row.x0 + u, y + u * 0.5f}, area.width() - 3 * u, p.accent, sections[i].title);
            if (ui.tap_area(sections[i].title, row)) ui.scroll_to(scroll_id, std::max(0.0f, m_section_y[i] - u));
            y += h + ui.target_gap();
        }
        ui.end_scroll(y + offset - top);
    }

    std::map<std::string, std::pair<uint64_t, std::vector<Section>>> m_sections;
    std::vector<float> m_section_y;
};

}  // namespace

std::unique_ptr<Screen> make_documents_screen() { return std::make_unique<DocumentsScreen>(); }
std::unique_ptr<Screen> make_document_screen() { return std::make_unique<DocumentScreen>(); }

}  // namespace linli::ui
