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

TEST_CASE("item edit: a title written over several lines is replaced in place, the comment and the unknown key stay", "[content]")
{
    const std::string text = "+++\n# 注释\ntitle = \"\"\"\n两行的\n标题\"\"\"\nsource = \"物业\"\n+++\n正文\n";
    CHECK_FALSE(edit_loses_comments(text));
    auto f = *read_item_fields(text);
    CHECK(f.title == "两行的\n标题");
    f.title = "一行的标题";
    const EditedItem edited = write_item_fields(text, f);
    CHECK_FALSE(edited.rewritten);
    CHECK(edited.text == "+++\n# 注释\ntitle = \"一行的标题\"\nsource = \"物业\"\n+++\n正文\n");
    // Unchanged, it stays over its lines.
    CHECK(write_item_fields(text, *read_item_fields(text)).text == text);
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
    const auto problems = check_item_text(folder.str(), EditedKind::Announcement, "announcements/lift.md", text, Language::English);
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
    CHECK(check_item_text(folder.str(), EditedKind::Announcement, "announcements/lift.md", fixed, Language::English).empty());
}

TEST_CASE("item edit: a meeting's decisions over several lines are replaced whole, the rest kept", "[content]")
{
    constexpr std::string_view meeting = "+++\n"
                                         "title = \"11月例会\"\n"
                                         "date = 2026-11-11T19:30:00+08:00\n"
                                         "location = \"社区活动室\"  # 3号楼一层\n"
                                         "kind = \"regular\"\n"
                                         "decisions = [\n"
                                         "  \"楼道堆物集中清理 [环境组]\",\n"
                                         "  \"12月例会通报财务\",  # 财务组\n"
                                         "]\n"
                                         "recorder = \"李明\"\n"
                                         "+++\n"
                                         "出席：理事 5 人。\n";
    CHECK_FALSE(edit_loses_comments(meeting, EditedKind::Meeting));
    auto f = read_item_fields(meeting, EditedKind::Meeting);
    REQUIRE(f.has_value());
    CHECK(f->extra.at("date") == "2026-11-11T19:30:00+08:00");
    CHECK(f->extra.at("location") == "社区活动室");
    CHECK(f->lists.at("decisions") == std::vector<std::string>{"楼道堆物集中清理 [环境组]", "12月例会通报财务"});

    // Unchanged: byte for byte, the multi-line array and its comment included.
    CHECK(write_item_fields(meeting, *f, EditedKind::Meeting).text == meeting);

    f->lists["decisions"].push_back("下次例会定于12月9日");
    const EditedItem edited = write_item_fields(meeting, *f, EditedKind::Meeting);
    CHECK_FALSE(edited.rewritten);
    CHECK(edited.text == "+++\n"
                         "title = \"11月例会\"\n"
                         "date = 2026-11-11T19:30:00+08:00\n"
                         "location = \"社区活动室\"  # 3号楼一层\n"
                         "kind = \"regular\"\n"
                         "decisions = [\"楼道堆物集中清理 [环境组]\", \"12月例会通报财务\", \"下次例会定于12月9日\"]\n"
                         "recorder = \"李明\"\n"
                         "+++\n"
                         "出席：理事 5 人。\n");
    f->lists["decisions"].clear();
    CHECK(write_item_fields(meeting, *f, EditedKind::Meeting).text.find("decisions") == std::string::npos);
}

TEST_CASE("item edit: a new meeting, document and recruitment notice check as the folder would", "[content]")
{
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    ItemFields meeting;
    meeting.title = "12月例会";
    meeting.extra = {{"date", "2026-12-09T19:30"}, {"location", "社区活动室"}, {"kind", "regular"}};
    meeting.lists = {{"decisions", {"通过年度预算"}}};
    const std::string m = write_item_fields("", meeting, EditedKind::Meeting).text;
    CHECK(m.starts_with("+++\ntitle = \"12月例会\"\ndate = 2026-12-09T19:30:00\nlocation = \"社区活动室\"\nkind = \"regular\"\ndecisions = [\"通过年度预算\"]\n+++\n"));
    CHECK(check_item_text(folder.str(), EditedKind::Meeting, "meetings/m.md", m, Language::English).empty());

    ItemFields doc;
    doc.title = "章程草案";
    doc.extra = {{"kind", "charter-draftt"}};
    const std::string d = write_item_fields("", doc, EditedKind::Document).text;
    const auto problems = check_item_text(folder.str(), EditedKind::Document, "documents/d.md", d, Language::English);
    REQUIRE(problems.size() == 1);
    CHECK(field_at_line(d, problems[0].line) == "kind");

    ItemFields job;
    job.title = "招募楼长";
    job.extra = {{"deadline", "2026-12-20"}, {"apply", "到社区服务中心报名"}};
    job.lists = {{"requirements", {"本楼常住居民", "热心公益"}}};
    const std::string r = write_item_fields("", job, EditedKind::Recruitment).text;
    CHECK(check_item_text(folder.str(), EditedKind::Recruitment, "recruitment/r.md", r, Language::English).empty());
    CHECK(read_item_fields(r, EditedKind::Recruitment)->lists.at("requirements").size() == 2);
}

TEST_CASE("item edit: a recruitment notice's positions are a table: read, kept when unchanged, written over several lines, problems at the table", "[content]")
{
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    constexpr std::string_view notice = "+++\n"
                                        "title = \"环境组成员招募公告\"\n"
                                        "positions = [\n"
                                        "  { name = \"环境组组员\", count = 5 },  # 每栋楼一人\n"
                                        "  { name = \"垃圾分类督导员\", count = 2 },\n"
                                        "]\n"
                                        "deadline = 2026-12-15T18:00:00+08:00\n"
                                        "+++\n"
                                        "欢迎报名。\n";
    auto f = read_item_fields(notice, EditedKind::Recruitment);
    REQUIRE(f.has_value());
    CHECK(f->positions == std::vector<PositionRow>{{"环境组组员", "5"}, {"垃圾分类督导员", "2"}});

    // Another field edited: the table stays as written, its comment too.
    f->title = "环境组、绿化组成员招募公告";
    std::string text = write_item_fields(notice, *f, EditedKind::Recruitment).text;
    CHECK(text.find("  { name = \"环境组组员\", count = 5 },  # 每栋楼一人\n") != std::string::npos);

    // A row added: the table is written anew, a row a line, as the demo writes it.
    f->positions.push_back({"绿化养护员", "3"});
    text = write_item_fields(text, *f, EditedKind::Recruitment).text;
    CHECK(text == "+++\n"
                  "title = \"环境组、绿化组成员招募公告\"\n"
                  "positions = [\n"
                  "  { name = \"环境组组员\", count = 5 },\n"
                  "  { name = \"垃圾分类督导员\", count = 2 },\n"
                  "  { name = \"绿化养护员\", count = 3 },\n"
                  "]\n"
                  "deadline = 2026-12-15T18:00:00+08:00\n"
                  "+++\n"
                  "欢迎报名。\n");
    CHECK(check_item_text(folder.str(), EditedKind::Recruitment, "recruitment/r.md", text, Language::English).empty());

    // A count that is not a number is named at its row's line, which the form shows at the table.
    f->positions[2].count = "三";
    text = write_item_fields(text, *f, EditedKind::Recruitment).text;
    const auto problems = check_item_text(folder.str(), EditedKind::Recruitment, "recruitment/r.md", text, Language::English);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 6);
    CHECK(field_at_line(text, problems[0].line) == "positions");
    CHECK(field_at_line(text, 8) == "deadline");

    f->positions.clear();
    CHECK(write_item_fields(text, *f, EditedKind::Recruitment).text.find("positions") == std::string::npos);
}

TEST_CASE("item edit: a list holding text over several lines cannot be edited in place: the front matter is written anew, and the form is told", "[content]")
{
    const std::string text = "+++\n# 注释\ntitle = \"例会\"\ndecisions = [\"\"\"两行的\n决议\"\"\"]\n+++\n正文\n";
    CHECK(edit_loses_comments(text, EditedKind::Meeting));
    auto f = *read_item_fields(text, EditedKind::Meeting);
    CHECK(f.lists.at("decisions") == std::vector<std::string>{"两行的\n决议"});
    f.title = "11月例会";
    const EditedItem edited = write_item_fields(text, f, EditedKind::Meeting);
    CHECK(edited.rewritten);
    CHECK(edited.text == "+++\ntitle = \"11月例会\"\ndecisions = [\"两行的\\n决议\"]\n+++\n正文\n");
}
