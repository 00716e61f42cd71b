// Markdown to display list, on the kind of Chinese notices the board publishes: headings, nested
// lists, emphasis, tables with alignment, links, images, and soft-wrapped Chinese paragraphs.
#include "content/markdown.hpp"

#include "core/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace linli::content;

namespace {

DisplayList parse(std::string_view md)
{
    auto result = parse_markdown(md);
    REQUIRE(result.has_value());
    return std::move(result).value();
}

template <typename T>
const T& block(const DisplayList& list, size_t i)
{
    REQUIRE(i < list.blocks.size());
    REQUIRE(std::holds_alternative<T>(list.blocks[i]));
    return std::get<T>(list.blocks[i]);
}

const char* const k_notice = R"(# 关于小区停水的通知

各位业主：

因市政管网检修，本小区将于**11月28日**停水一天。
请提前储水，给您带来不便，
敬请谅解。

## 注意事项

1. 关闭家中水龙头
2. 储备饮用水
   - 每户至少 *两桶*
   - 老人家庭可到物业领取
3. ~~周六~~ 改为周日恢复供水

| 楼栋 | 停水时间 | 户数 |
|:-----|:--------:|-----:|
| 1号楼 | 8:00-18:00 | 120 |
| 2号楼 | 9:00-17:00 | 96 |

详情见[业委会网站](https://example.org/notice?id=1&amp;x=2)。

![停水范围示意图](media/outage-map.png)

---

> 业委会 敬上
)";

}  // namespace

TEST_CASE("a Chinese notice becomes headings, paragraphs, nested lists, a table, a link and an image", "[content]")
{
    DisplayList list = parse(k_notice);
    CHECK(list.source_hash != 0);
    REQUIRE(list.blocks.size() == 14);

    const auto& h1 = block<Heading>(list, 0);
    CHECK(h1.level == 1);
    CHECK(plain_text(h1.spans) == "关于小区停水的通知");

    CHECK(plain_text(block<Paragraph>(list, 1).spans) == "各位业主：");

    // Hard-wrapped Chinese lines join without spaces; the bold date is its own span.
    const auto& para = block<Paragraph>(list, 2);
    CHECK(plain_text(para.spans) == "因市政管网检修，本小区将于11月28日停水一天。请提前储水，给您带来不便，敬请谅解。");
    REQUIRE(para.spans.size() == 3);
    CHECK(para.spans[1].text == "11月28日");
    CHECK(para.spans[1].style.bold);
    CHECK_FALSE(para.spans[0].style.bold);

    CHECK(block<Heading>(list, 3).level == 2);

    const auto& item1 = block<ListItem>(list, 4);
    CHECK(item1.ordered);
    CHECK(item1.number == 1);
    CHECK(item1.depth == 0);
    CHECK(plain_text(item1.spans) == "关闭家中水龙头");
    CHECK(block<ListItem>(list, 5).number == 2);

    const auto& nested = block<ListItem>(list, 6);
    CHECK_FALSE(nested.ordered);
    CHECK(nested.depth == 1);
    CHECK(plain_text(nested.spans) == "每户至少 两桶");
    REQUIRE(nested.spans.size() == 2);
    CHECK(nested.spans[1].style.italic);
    CHECK(block<ListItem>(list, 7).depth == 1);

    const auto& item3 = block<ListItem>(list, 8);
    CHECK(item3.number == 3);
    CHECK(item3.depth == 0);
    REQUIRE(item3.spans.size() == 2);
    CHECK(item3.spans[0].text == "周六");
    CHECK(item3.spans[0].style.strike);

    const auto& table = block<Table>(list, 9);
    CHECK(table.header);
    REQUIRE(table.align.size() == 3);
    CHECK(table.align[0] == Align::Left);
    CHECK(table.align[1] == Align::Center);
    CHECK(table.align[2] == Align::Right);
    REQUIRE(table.rows.size() == 3);
    CHECK(plain_text(table.rows[0][1]) == "停水时间");
    CHECK(plain_text(table.rows[2][0]) == "2号楼");
    CHECK(plain_text(table.rows[2][2]) == "96");

    const auto& link_para = block<Paragraph>(list, 10);
    REQUIRE(link_para.spans.size() == 3);
    CHECK(link_para.spans[1].text == "业委会网站");
    CHECK(link_para.spans[1].style.link);
    CHECK(link_para.spans[1].url == "https://example.org/notice?id=1&x=2");
    CHECK(link_para.spans[2].text == "。");

    const auto& image = block<Image>(list, 11);
    CHECK(image.path == "media/outage-map.png");
    CHECK(image.alt == "停水范围示意图");

    CHECK(std::holds_alternative<Rule>(list.blocks[12]));
    const auto& quote = block<Paragraph>(list, 13);
    CHECK(quote.style == ParagraphStyle::Quote);
    CHECK(plain_text(quote.spans) == "业委会 敬上");
}

TEST_CASE("soft breaks: a space between Latin words, nothing between Chinese characters", "[content]")
{
    CHECK(plain_text(block<Paragraph>(parse("请各位业主\n相互转告。"), 0).spans) == "请各位业主相互转告。");
    CHECK(plain_text(block<Paragraph>(parse("Water is off\non Sunday."), 0).spans) == "Water is off on Sunday.");
    // Mixed: a break next to a Chinese character on either side joins directly.
    CHECK(plain_text(block<Paragraph>(parse("联系电话 12345\n物业值班室"), 0).spans) == "联系电话 12345物业值班室");
    CHECK(plain_text(block<Paragraph>(parse("详见 WeChat\ngroup 通知"), 0).spans) == "详见 WeChat group 通知");
    // Across a style change.
    CHECK(plain_text(block<Paragraph>(parse("停水**时间**\n为一天"), 0).spans) == "停水时间为一天");
    // A hard break stays a line break.
    CHECK(plain_text(block<Paragraph>(parse("第一行  \n第二行"), 0).spans) == "第一行\n第二行");
}

TEST_CASE("entities are decoded, and HTML is shown as text, never interpreted", "[content]")
{
    CHECK(plain_text(block<Paragraph>(parse("A &amp; B &lt;3 &#20013;&#x6587; &copy; &bogus;"), 0).spans) ==
          "A & B <3 中文 © &bogus;");
    DisplayList html = parse("<script>alert(1)</script>\n\n段落<b>粗</b>");
    std::string all;
    for (const auto& b : html.blocks)
        if (auto* p = std::get_if<Paragraph>(&b)) all += plain_text(p->spans);
    CHECK(all.find("<script>") != std::string::npos);
    CHECK(all.find("<b>粗</b>") != std::string::npos);
}

TEST_CASE("code, quotes and a loose list's second paragraph keep their style and indent", "[content]")
{
    DisplayList list = parse("> 引用一句\n\n```\n第一行\n  第二行\n```\n\n- 项目\n\n  续段\n\n用 `npm` 安装");
    REQUIRE(list.blocks.size() == 5);
    CHECK(block<Paragraph>(list, 0).style == ParagraphStyle::Quote);
    const auto& code = block<Paragraph>(list, 1);
    CHECK(code.style == ParagraphStyle::Code);
    CHECK(plain_text(code.spans) == "第一行\n  第二行");
    CHECK(plain_text(block<ListItem>(list, 2).spans) == "项目");
    CHECK(block<Paragraph>(list, 3).indent == 1);
    const auto& inline_code = block<Paragraph>(list, 4);
    REQUIRE(inline_code.spans.size() == 3);
    CHECK(inline_code.spans[1].style.code);
}

TEST_CASE("ordered lists keep their start number, and images in running text split the paragraph", "[content]")
{
    DisplayList list = parse("5. 五\n6. 六\n\n文字![图](a.png)后文");
    REQUIRE(list.blocks.size() == 5);
    CHECK(block<ListItem>(list, 0).number == 5);
    CHECK(block<ListItem>(list, 1).number == 6);
    CHECK(plain_text(block<Paragraph>(list, 2).spans) == "文字");
    CHECK(block<Image>(list, 3).alt == "图");
    CHECK(plain_text(block<Paragraph>(list, 4).spans) == "后文");
}

TEST_CASE("bad input never crashes: deep nesting is flattened, invalid UTF-8 is replaced", "[content]")
{
    std::string deep;
    for (int i = 0; i < 40; ++i) deep += std::string(size_t(i) * 2, ' ') + "- 层\n";
    DisplayList list = parse(deep);
    REQUIRE(!list.blocks.empty());
    for (const auto& b : list.blocks)
        if (auto* item = std::get_if<ListItem>(&b)) CHECK(item->depth <= k_max_list_depth);

    std::string quotes(5000, '>');
    CHECK(parse(quotes + " 深").blocks.size() == 1);

    DisplayList bad = parse("坏\xff\xfe字节\n\n| a |\n|---|\n| \xc3 |");
    for (const auto& b : bad.blocks) {
        if (auto* p = std::get_if<Paragraph>(&b)) CHECK(linli::is_valid_utf8(plain_text(p->spans)));
        if (auto* t = std::get_if<Table>(&b))
            for (const auto& row : t->rows)
                for (const auto& cell : row) CHECK(linli::is_valid_utf8(plain_text(cell)));
    }

    CHECK(parse("").blocks.empty());
    std::string nul("a\0b", 3);
    CHECK(plain_text(block<Paragraph>(parse(nul), 0).spans) == "a\xEF\xBF\xBD" "b");
}

TEST_CASE("a table row with missing cells is padded to the column count", "[content]")
{
    DisplayList list = parse("| 项目 | 金额 |\n|---|---:|\n| 保洁 |\n| 绿化 | 1,200.00 | 多余 |");
    const auto& t = block<Table>(list, 0);
    REQUIRE(t.rows.size() == 3);
    for (const auto& row : t.rows) CHECK(row.size() == 2);
    CHECK(t.rows[1][1].empty());
    CHECK(plain_text(t.rows[2][1]) == "1,200.00");
}
