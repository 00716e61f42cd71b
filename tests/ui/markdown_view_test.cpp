// The Markdown view on a headless display with the real fonts: page heights, texts recorded for
// scripts, CJK wrapping through our line breaker, drawing only what the clip shows, and a
// screenshot of a realistic notice (tests/ui/out/markdown_view.png in the build dir) to look at.
#include "content/markdown.hpp"
#include "core/line_break.hpp"
#include "platform/display.hpp"
#include "platform/font_atlas.hpp"
#include "ui/markdown_view.hpp"
#include "ui/rich_text.hpp"
#include "ui/ui.hpp"

#include "../support/headless_frame.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <functional>

using namespace linli;

namespace {

// A portrait 1080x1920 lobby screen by default: scale 1.0, the sizes the kiosk uses at 1080p.
struct HeadlessPage : test::HeadlessFrame {
    explicit HeadlessPage(int width = 1080, int height = 1920) : HeadlessFrame(width, height) {}
};

content::DisplayList parse(std::string_view md)
{
    auto list = content::parse_markdown(md);
    REQUIRE(list.has_value());
    return std::move(list).value();
}

const char* const k_notice = R"(# 关于第三季度物业费收支情况的公示

各位业主：根据《业主大会议事规则》第十二条，业委会每季度向全体业主公开物业费收支情况。本季度收支明细已经财务小组核对，现予公示，公示期为**十五天**。如有疑问，请在公示期内向业委会书面提出，我们将在五个工作日内答复。

## 一、收支概况

| 项目 | 金额（元） | 说明 |
|:-----|----------:|:----:|
| 上季度结余 | 128,450.00 | 见上期公示 |
| 物业费收入 | 356,200.50 | 收缴率 92.3% |
| 公共收益（广告、停车） | 41,800.00 | 含电梯广告 |
| 支出合计 | -298,716.35 | 明细见附件 |
| **本季度结余** | **227,734.15** | 已存入共管账户 |

## 二、主要支出

1. 保洁与绿化服务费，按合同*每月*支付
2. 电梯维保：
   - 3 号楼电梯更换曳引钢丝绳
   - 年度安全检测（市特检院）
3. ~~外墙清洗~~ 推迟至明年春季

详情请扫描公告栏二维码，或访问[业委会公示页面](https://example.org/gongshi)查阅；也可到物业服务中心索取纸质版。

- 物业服务中心：每天 8:00-20:00
- 业委会信箱：1 号楼大堂

![三季度支出构成图](media/q3-expense.png)

---

> 业委会财务小组　二〇二六年十月八日
)";

}  // namespace

TEST_CASE("a notice is drawn as a page: heights add up, every text is recorded, and a screenshot", "[ui]")
{
    HeadlessPage page(1080, 3000);  // tall enough for the whole notice at 标准 size, with 1080p pixels
    page.set_mm_per_px(ui::mm_per_px(1080, 1920, 21.5));
    content::DisplayList list = parse(k_notice);
    const float width = 960;
    const ImVec2 origin{60, 60};
    float drawn = page.frame_value([&] {
        const ui::Palette& p = ui::palette();
        float h = ui::markdown_height(page.ui, list, width);
        page.ui.draw()->AddRectFilled({origin.x - 30, origin.y - 30}, {origin.x + width + 30, origin.y + h + 30},
                                      p.surface, 16);
        return ui::draw_markdown(page.ui, list, origin, width);
    });
    CHECK(drawn == ui::markdown_height(page.ui, list, width));
    CHECK(drawn > 1000);
    CHECK(drawn < 3000 - 2 * origin.y);  // the whole page is on screen for the checks below

    std::filesystem::path out = std::filesystem::path(LINLI_BINARY_DIR) / "tests/ui/out";
    std::filesystem::create_directories(out);
    CHECK(page.display->write_png((out / "markdown_view.png").string()).has_value());

    // Every text of the page is recorded whole, as scripts look for it.
    int texts = 0;
    for (const auto& block : list.blocks) {
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, content::Table>) {
                    for (const auto& row : b.rows)
                        for (const auto& cell : row) {
                            CHECK(page.has_text(content::plain_text(cell)));
                            ++texts;
                        }
                } else if constexpr (std::is_same_v<T, content::Image>) {
                    CHECK(page.has_text("图片：" + b.alt));
                    ++texts;
                } else if constexpr (!std::is_same_v<T, content::Rule>) {
                    CHECK(page.has_text(content::plain_text(b.spans)));
                    ++texts;
                }
            },
            block);
    }
    CHECK(texts == 32);
    CHECK(page.has_text("1."));
    CHECK(page.has_text("3."));
}

TEST_CASE("rich text wraps Chinese with our line breaker: no 。， at a line start", "[ui]")
{
    HeadlessPage page;
    content::DisplayList list = parse(k_notice);
    const auto& para = std::get<content::Paragraph>(list.blocks[1]);
    std::string text = content::plain_text(para.spans);
    const float width = 613;  // an awkward width, so some line would start with 。 or ， if allowed
    float height = page.frame_value([&] {
        return ui::rich_text(page.ui, {20, 20}, width, para.spans, ui::RichTextStyle{});
    });
    ImFont* font = page.ui.font(ui::Body);
    auto lines = break_lines(text, width, [font](std::string_view run) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, run.data(), run.data() + run.size()).x;
    });
    REQUIRE(lines.size() >= 4);
    CHECK(height == float(lines.size()) * page.ui.line_height(ui::Body));
    CHECK(ui::rich_text_height(page.ui, ui::Body, width, para.spans) == height);
    for (const auto& line : lines) {
        std::string_view start = std::string_view(text).substr(line.begin);
        for (const char* banned : {"。", "，", "、", "：", "）", "》"}) CHECK_FALSE(start.starts_with(banned));
        // Each line fits the width the paragraph was given.
        CHECK(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data() + line.begin, text.data() + line.end).x <=
              width);
    }
    CHECK(page.has_text(text));

    // Narrower is taller; a list item is indented, so it wraps sooner than a paragraph.
    CHECK(ui::rich_text_height(page.ui, ui::Body, 300, para.spans) > height);
    content::DisplayList as_item = parse("- " + text);
    content::DisplayList as_para = parse(text);
    CHECK(ui::markdown_height(page.ui, as_item, 700) >= ui::markdown_height(page.ui, as_para, 700));
}

TEST_CASE("table columns fit their content and share the width when the table is too wide", "[ui]")
{
    HeadlessPage page;
    content::DisplayList narrow = parse("| 楼 | 户数 |\n|---|--:|\n| 1 | 120 |");
    content::DisplayList wide = parse(std::string("| 说明 | 金额 |\n|---|--:|\n| ") +
                                      "本季度公共收益包括电梯广告、地面停车费和快递柜场地费，均已入账，明细见附件一至附件三" +
                                      " | 41,800.00 |");
    float narrow_h = 0, wide_h = 0;
    page.frame_value([&] {
        narrow_h = ui::draw_markdown(page.ui, narrow, {20, 20}, 900);
        wide_h = ui::draw_markdown(page.ui, wide, {20, 400}, 600);
        return 0.0f;
    });
    // Two rows of one line each; the wide table's long cell wraps instead of overflowing.
    float row = page.ui.line_height(ui::Body);
    CHECK(narrow_h > 2 * row);
    CHECK(narrow_h < 2 * row + 3 * page.ui.unit());
    CHECK(wide_h > narrow_h + 1.5f * row);
    CHECK(page.has_text("41,800.00"));
}

TEST_CASE("a long document draws only what the clip shows, from a cached layout", "[ui]")
{
    HeadlessPage page;
    std::string md;
    for (int i = 1; i <= 400; ++i)
        md += "## 第" + std::to_string(i) + "条\n\n业主大会会议每年至少召开一次，经百分之二十以上业主提议可以临时召开。\n\n";
    content::DisplayList list = parse(md);
    const float width = 900;
    // Measured once in a frame, so the headings' glyphs are in the atlas before the real layout.
    page.frame_value([&] { return ui::markdown_height(page.ui, list, width); });
    float total = ui::markdown_height(page.ui, list, width);
    CHECK(total > 30 * 1920);

    // Scrolled to the middle, clipped to a 1000 px view.
    float offset = total / 2;
    page.frame_value([&] {
        page.ui.push_clip({0, 200, 1080, 1200});
        float h = ui::draw_markdown(page.ui, list, {60, 200 - offset}, width);
        page.ui.pop_clip();
        return h;
    });
    size_t texts = page.ui.texts().size();
    CHECK(texts > 4);
    CHECK(texts < 40);
    bool middle_seen = false;
    for (const auto& t : page.ui.texts()) middle_seen |= t.label == "第200条" || t.label == "第201条";
    CHECK(middle_seen);

    // Cached: a thousand height queries cost far less than laying the document out once did.
    auto started = std::chrono::steady_clock::now();
    int mismatches = 0;
    for (int i = 0; i < 1000; ++i) mismatches += ui::markdown_height(page.ui, list, width) != total;
    CHECK(mismatches == 0);
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(took < std::chrono::milliseconds(200));
}

TEST_CASE("on a 7-inch 800x480 panel the page wraps to the narrow width, tables included", "[ui]")
{
    HeadlessPage page(800, 480);
    content::DisplayList list = parse(k_notice);
    const float width = 740;
    // Scrolled so the table is in view (a screenshot to look at: markdown_view_small.png).
    const auto& table = std::get<content::Table>(list.blocks[3]);
    float drawn = page.frame_value([&] {
        page.ui.draw()->AddRectFilled({0, 0}, {800, 480}, ui::palette().surface);
        return ui::draw_markdown(page.ui, list, {30, -120}, width);
    });
    CHECK(drawn == ui::markdown_height(page.ui, list, width));
    std::filesystem::path out = std::filesystem::path(LINLI_BINARY_DIR) / "tests/ui/out";
    std::filesystem::create_directories(out);
    CHECK(page.display->write_png((out / "markdown_view_small.png").string()).has_value());
    // Every recorded text lies within the page's width.
    int cells = 0;
    for (const auto& t : page.ui.texts()) {
        CHECK(t.rect.x0 >= 30);
        CHECK(t.rect.x1 <= 30 + width + 1);
        for (const auto& row : table.rows)
            for (const auto& cell : row) cells += t.label == content::plain_text(cell);
    }
    CHECK(cells > 6);
}

TEST_CASE("lines are 1.5 em apart or more, and paragraphs 1.3 lines apart or more (MIIT 适老化)", "[ui]")
{
    HeadlessPage page(1080, 1920);
    content::DisplayList list = parse("天气转冷，请大家注意用电安全，电暖器、电热毯不要长时间无人使用，出门前断电；电动自行车不得在楼道、"
                                      "家中充电，请使用小区充电桩。\n\n第二段。\n");
    page.ui.set_recording(true);
    page.frame_value([&] { return ui::draw_markdown(page.ui, list, {40, 40}, 600); });
    std::vector<float> tops;
    for (const auto& run : page.ui.text_runs()) tops.push_back(run.rect.y0);
    std::sort(tops.begin(), tops.end());
    tops.erase(std::unique(tops.begin(), tops.end()), tops.end());
    REQUIRE(tops.size() >= 3);  // two lines or more of the first paragraph, then the second
    const float within = tops[1] - tops[0], across = tops.back() - tops[tops.size() - 2];
    const float em = page.ui.font_px(ui::Body) * page.fonts->em_ratio();
    INFO("line pitch " << within << " px, em " << em << " px, paragraph pitch " << across << " px");
    CHECK(within >= 1.5f * em);
    CHECK(across >= 1.3f * within);
}
