// Pieces shared by the content screens: list cards, a detail page's header (tags, title,
// dates), section headings, bullet lists and the body text. One look for every kind of item.
#pragma once

#include "content/markdown.hpp"
#include "core/content_model.hpp"
#include "services/app_model.hpp"
#include "ui/ui.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace linli::ui {

// Coloured tags in a row (紧急通知, 置顶, the category); returns the x where the row ends.
float draw_notice_tags(Ui& ui, ImVec2 pos, const Notice& n);
// A small coloured tag; returns its width plus a gap.
float draw_tag(Ui& ui, ImVec2 pos, ImU32 color, const std::string& text);

// A tappable card of a list: tags, a meta line and the title; extra lines below (may be empty).
// Returns the card's height; sets tapped when the resident tapped it.
float draw_item_card(Ui& ui, const Notice& n, const std::string& meta, const std::vector<std::string>& extra,
                     float x, float y, float width, bool& tapped);

// The top of a detail page: tags, title, publish date (and expire); returns the height used.
// reading_title: 朗读 is reading the title now (it is marked).
float draw_item_header(Ui& ui, const Notice& n, float x, float y, float width, bool reading_title = false);
// Whether 朗读 is reading the title of the page at route.
bool title_being_read(const services::AppModel& model, const std::string& route);
// A column of at most max_w pixels centred in body, 4 units from each side: its width, and its
// left edge in x.
float centred_column(const Ui& ui, const Rect& body, float max_w, float& x);
// The foot of a detail page: "对这条内容有意见或建议？" and a 提意见 button; returns the height
// used, and sets tapped when the resident pressed it (the screen then opens the 意见箱 about it).
float draw_comment_prompt(Ui& ui, float x, float y, float width, bool& tapped);
// A section heading inside a page (报名条件, 会议决定...); returns the height used.
float draw_section_heading(Ui& ui, const char* zh, float x, float y, float width);
// Bullet (or numbered) list of plain strings; returns the height used.
float draw_bullets(Ui& ui, const std::vector<std::string>& items, float x, float y, float width, bool numbered);
// The body of an item, its Markdown rendered (headings, lists, emphasis, tables...); returns the
// height used.
// highlight: the block 朗读 is reading (-1: none).
float draw_body(Ui& ui, std::string_view body, float x, float y, float width, int highlight = -1);
// What 朗读 reads for an item: its title, then each block of its body (readable_paragraphs()[k]
// is body block k - 1).
std::vector<std::string> readable_paragraphs(const Notice& n);
// The body block being read aloud on the page at route, or -1.
int block_being_read(const services::AppModel& model, const std::string& route);
// The display list of a Markdown text, parsed on first use and kept.
const content::DisplayList& display_list(std::string_view markdown);

// A scrolling page (a list, or a detail page on a white sheet): begin_page opens the scroll
// view and says where content starts; end_page closes it at the content's end y.
struct Page {
    float x = 0;       // left edge of the content column
    float width = 0;   // content column width
    float top = 0;     // first content y (already scrolled)
    Rect view;
};
Page begin_page(Ui& ui, const Rect& body, const std::string& scroll_id, float max_width, bool sheet);
// The content column's width begin_page gives (to lay out what goes beside the page first).
float page_width(const Ui& ui, const Rect& body, float max_width, bool sheet);
void end_page(Ui& ui, const Page& page, float end_y);
// The calm message of an empty list ("暂无公告").
void draw_empty(Ui& ui, const Rect& body, const char* zh);

// Whole days from now until t (rounded up), for countdowns.
int days_until(int64_t now_s, int64_t t_s);

}  // namespace linli::ui
