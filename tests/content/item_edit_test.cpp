// The console's item editor (content/item_edit): fields read from a file, the file written back
// with only the edited fields' lines changed, and problems found where the form shows them.
#include "content/item_edit.hpp"

#include "content_test_support.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::content;

namespace {

constexpr std::string_view k_hand_written = "+++\n"
                                            "# 物业提供的停水时间，如有变化请同步修改\n"
                                            "title = \"关于3号楼临时停水的通知\"\n"
                                            "publish = 2026-11-24T16:00:00+08:00  # 周二下午\n"
                                            "category = \"通知\"\n"
                                            "images = [\"media/map.png\"]\n"
                                            "+++\n"
                                            "因管道抢修，3号楼临时停水。\n";

std::vector<std::string> text_lines(std::string_view text)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        out.emplace_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("item edit: the form's fields are read from a hand-written file", "[content]")
{
    auto f = read_item_fields(k_hand_written);
    REQUIRE(f.has_value());
    CHECK(f->title == "关于3号楼临时停水的通知");
    CHECK(f->publish == "2026-11-24T16:00:00+08:00");
    CHECK(f->category == "通知");
    CHECK(f->expire.empty());
    CHECK_FALSE(f->urgent);
    CHECK(f->body == "因管道抢修，3号楼临时停水。\n");
    CHECK_FALSE(read_item_fields("no front matter here").has_value());
}

TEST_CASE("item edit: editing the title changes its line alone, comments and other keys stay byte for byte", "[content]")
{
    auto f = *read_item_fields(k_hand_written);
    f.title = "关于3号楼、5号楼临时停水的通知";
    const EditedItem edited = write_item_fields(k_hand_written, f);
    CHECK_FALSE(edited.rewritten);
    const auto before = text_lines(k_hand_written), after = text_lines(edited.text);
    REQUIRE(before.size() == after.size());
    for (size_t i = 0; i < before.size(); ++i) {
        INFO("line " << i + 1);
        if (i == 2) CHECK(after[i] == "title = \"关于3号楼、5号楼临时停水的通知\"");
        else CHECK(after[i] == before[i]);  // the comment, publish's trailing comment, images, the body
    }
    CHECK_FALSE(edit_loses_comments(k_hand_written));
}

TEST_CASE("item edit: a field set anew is added before the closing +++, an emptied one removed", "[content]")
{
    auto f = *read_item_fields(k_hand_written);
    f.category.clear();
    f.urgent = true;
    f.expire = "2026-11-27T18:00";  // as a browser's date-and-time field gives it
    const std::string text = write_item_fields(k_hand_written, f).text;
    CHECK(text.find("category") == std::string::npos);
    CHECK(text.find("expire = 2026-11-27T18:00:00\nurgent = true\nimages") == std::string::npos);
    CHECK(text.find("images = [\"media/map.png\"]\nexpire = 2026-11-27T18:00:00\nurgent = true\n+++\n") != std::string::npos);
    auto back = read_item_fields(text);
    REQUIRE(back.has_value());
    CHECK(back->expire == "2026-11-27T18:00:00");
    CHECK(back->urgent);
}

TEST_CASE("item edit: quotes, backslashes and line breaks in a title survive the round trip", "[content]")
{
    ItemFields f;
    f.title = "“停水”通知 \"A\\B\"\t第二行\n";
    f.body = "正文";
    const EditedItem edited = write_item_fields("", f);
    CHECK_FALSE(edited.rewritten);
    auto back = read_item_fields(edited.text);
    REQUIRE(back.has_value());
    CHECK(back->title == f.title);
    CHECK(back->body == "正文\n");
}

TEST_CASE("item edit: a Windows file keeps its byte order mark and CRLF line ends", "[content]")
{
    std::string windows = "\xEF\xBB\xBF";
    for (char c : k_hand_written) windows += c == '\n' ? std::string("\r\n") : std::string(1, c);
    auto f = *read_item_fields(windows);
    CHECK(f.title == "关于3号楼临时停水的通知");
    f.pinned = true;
    const std::string text = write_item_fields(windows, f).text;
    CHECK(text.starts_with("\xEF\xBB\xBF+++\r\n# 物业"));
    CHECK(text.find("pinned = true\r\n+++\r\n") != std::string::npos);
    CHECK(text.find('\n') == text.find("\r\n") + 1);
}

TEST_CASE("item edit: a title over several lines cannot be edited in place: the front matter is written anew, and the form is told", "[content]")
{
    const std::string text = "+++\n# 注释\ntitle = \"\"\"\n两行的\n标题\"\"\"\nsource = \"物业\"\n+++\n正文\n";
    CHECK(edit_loses_comments(text));
    auto f = *read_item_fields(text);
    f.title = "一行的标题";
    const EditedItem edited = write_item_fields(text, f);
    CHECK(edited.rewritten);
    CHECK(edited.text == "+++\ntitle = \"一行的标题\"\n+++\n正文\n");
}

TEST_CASE("item edit: problems are found before writing, at the line of the field the form shows them by", "[content]")
{
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    ItemFields f;
    f.title = "电梯停运通知";
    f.publish = "明天上午";
    f.urgent = true;  // without expire
    f.body = "2号楼电梯检修。";
    const std::string text = write_item_fields("", f).text;
    const auto problems = check_announcement_text(folder.str(), "announcements/lift.md", text, Language::English);
    std::vector<std::string> fields;
    for (const auto& d : problems) {
        CHECK(d.file == "announcements/lift.md");
        fields.push_back(field_at_line(text, d.line));
    }
    CHECK(fields == std::vector<std::string>{"publish", "urgent"});
    CHECK(testing::formatted(problems)[0].find("publish is not a valid date") != std::string::npos);
    CHECK(field_at_line(text, int(text_lines(text).size())) == "body");

    f.publish = "2026-12-06T09:00";
    f.expire = "2026-12-08T18:00";
    const std::string fixed = write_item_fields(text, f).text;
    CHECK(check_announcement_text(folder.str(), "announcements/lift.md", fixed, Language::English).empty());
}
