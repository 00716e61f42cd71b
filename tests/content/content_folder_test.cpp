// load_content_folder on valid folders (every kind parsed to the right values and Unix times in
// the board's zone) and on what cannot live in git: symbolic links, pipes, huge images, GBK and
// BOM+CRLF spreadsheets written at run time.
#include "content/content_folder.hpp"
#include "content_test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace linli;
using namespace linli::content;
using linli::content::testing::ScopedTimeZone;
using linli::content::testing::ScratchFolder;

namespace {

std::string valid_folder()
{
    return (std::filesystem::path(LINLI_SOURCE_DIR) / "tests/content/corpus/valid/basic").string();
}

std::vector<std::string> messages_of(const ContentLoad& load)
{
    std::vector<std::string> out;
    for (const Diagnostic& d : load.problems)
        out.push_back(format_diagnostic(d));
    return out;
}

ContentLoad load_ok(const std::string& dir)
{
    auto load = load_content_folder(dir, Language::English);
    REQUIRE(load.has_value());
    return std::move(load).value();
}

}  // namespace

TEST_CASE("a valid folder loads every kind with no problems", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ContentLoad load = load_ok(valid_folder());
    CHECK(messages_of(load).empty());
    const ContentSet& c = load.content;
    CHECK(c.board.board.name == "幸福里社区居民自管会");
    CHECK(c.board.locale == "zh-CN");

    REQUIRE(c.announcements.size() == 2);
    const Announcement& water = c.announcements[1];
    CHECK(water.notice.id == "water-outage");
    CHECK(water.notice.title == "停水通知");
    CHECK(water.notice.urgent);
    CHECK(water.notice.pinned);
    CHECK(water.notice.publish_s == 1795132800);  // 2026-11-20 08:00 Beijing = 00:00 UTC
    CHECK(water.notice.expire_s == 1795363200);   // 2026-11-23 00:00 Beijing
    CHECK(water.notice.body == "\n# 停水\n\n11月22日 9:00-17:00 停水。\n");
    CHECK(water.extras.images == std::vector<std::string>{"media/valve.jpg"});
    CHECK(water.extras.qr_url == "https://example.org/water");

    REQUIRE(c.recruitment.size() == 1);
    const Recruitment& r = c.recruitment[0];
    REQUIRE(r.positions.size() == 2);
    CHECK(r.positions[0].name == "环境组组员");
    CHECK(r.positions[0].count == 3);
    CHECK(r.requirements.size() == 2);
    CHECK(r.deadline_s == 1797264000);
    CHECK(r.apply_url == "https://example.org/signup");

    REQUIRE(c.documents.size() == 1);
    CHECK(c.documents[0].kind == DocumentKind::CharterDraft);
    CHECK(c.documents[0].comment_until_s == 1798646400);

    REQUIRE(c.meetings.size() == 1);
    CHECK(c.meetings[0].date_s == 1795865400);  // 19:30 Beijing
    CHECK(c.meetings[0].location == "活动室");
    CHECK(c.meetings[0].decisions.size() == 2);

    REQUIRE(c.tasks.size() == 2);
    CHECK(c.tasks[0].status == TaskStatus::Doing);
    CHECK(c.tasks[0].progress == 40);
    CHECK(c.tasks[1].title == "修理路灯, 3号楼");
    CHECK(c.tasks[1].due_s == 0);
    REQUIRE(c.goals.size() == 1);
    CHECK(c.goals[0].year == 2026);

    REQUIRE(c.ledger.size() == 2);
    CHECK(c.ledger[0].date_s == 1790784000);
    CHECK(c.ledger[0].amount.fen() == 123450);
    CHECK(c.ledger[0].voucher == "media/receipt.png");
    CHECK(c.ledger[0].line == 2);
    CHECK(c.ledger[1].type == EntryType::Expense);
    CHECK(c.ledger[1].description == "买茶叶 \"龙井\"");
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods[0].period == "2026-10");
    CHECK(c.periods[0].closing.fen() == 114650);

    REQUIRE(c.ballots.size() == 2);
    const BallotDefinition& vote = c.ballots[0];
    CHECK(vote.id == "charter-vote");
    CHECK(vote.kind == BallotKind::Motion);
    CHECK(vote.codes_required);
    CHECK(vote.quorum == 50);
    CHECK(vote.threshold == Threshold{2, 3, true});  // a bare "2/3": at least two thirds
    CHECK(vote.opens_s == 1796083200);
    CHECK(vote.closes_s == 1796644800);
    REQUIRE(c.ballots[1].questions.size() == 2);
    CHECK(c.ballots[1].questions[0].options.size() == 3);
    CHECK(c.ballots[1].questions[1].kind == QuestionKind::Scale);

    CHECK(c.media.size() == 2);
}

TEST_CASE("a missing folder or a file instead of a folder is rejected", "[content]")
{
    auto missing = load_content_folder("/nonexistent/linli-content", Language::English);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().kind == ErrorKind::Rejected);
    CHECK(missing.error().message == "content: /nonexistent/linli-content: no such folder");
    auto missing_zh = load_content_folder("/nonexistent/linli-content", Language::Chinese);
    REQUIRE_FALSE(missing_zh.has_value());
    CHECK(missing_zh.error().message == "content: /nonexistent/linli-content: 文件夹不存在");

    ScratchFolder scratch;
    scratch.write("file", "x");
    auto file = load_content_folder((scratch.path() / "file").string(), Language::English);
    REQUIRE_FALSE(file.has_value());
    CHECK(file.error().message.ends_with(": not a folder"));
}

TEST_CASE("links leaving the folder, pipes and huge images are refused (U10)", "[content]")
{
    ScratchFolder outside;
    outside.write("secret.md", "+++\ntitle = \"secret\"\n+++\n");
    outside.write("photos/a.jpg", "\xFF\xD8\xFF\xE0");
    ScratchFolder scratch;
    scratch.write("board.toml", testing::k_board_toml);
    scratch.write("announcements/ok.md", "+++\ntitle = \"ok\"\n+++\n");
    scratch.write("announcements/inside-target.md.txt", "");
    std::filesystem::create_directories(scratch.path() / "media");
    std::filesystem::create_symlink(outside.path() / "secret.md", scratch.path() / "announcements/leak.md");
    std::filesystem::create_symlink(outside.path() / "photos", scratch.path() / "media/linked");
    std::filesystem::create_symlink(scratch.path() / "announcements/ok.md", scratch.path() / "announcements/alias.md");
    REQUIRE(mkfifo((scratch.path() / "announcements/pipe.md").c_str(), 0600) == 0);
    // A sparse file: 21 MB on paper, nothing on disk.
    std::filesystem::path big = scratch.path() / "media/big.png";
    scratch.write("media/big.png", "\x89PNG\r\n\x1A\n");
    std::filesystem::resize_file(big, 21 * 1024 * 1024);

    ContentLoad load = load_ok(scratch.str());
    CHECK(messages_of(load) == std::vector<std::string>{
                                   "announcements/inside-target.md.txt: not a .md file (ignored; only .md files belong here)",
                                   "announcements/leak.md: refused: symbolic link pointing outside the content folder",
                                   "announcements/pipe.md: refused: not a regular file (device, pipe or socket)",
                                   "media/big.png: image too large (21 MB, limit 20 MB)",
                                   "media/linked: refused: symbolic link pointing outside the content folder",
                               });
    // A link that stays inside the folder is an ordinary file.
    REQUIRE(load.content.announcements.size() == 2);
    CHECK(load.content.announcements[0].notice.id == "alias");
}

TEST_CASE("a GBK ledger with CRLF, as Excel saves it on Chinese Windows, reads the same", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder scratch;
    scratch.write("board.toml", testing::k_board_toml);
    // 日期,类型,科目,摘要,金额,凭证号 / 收入 会费 十月会费 / 支出 活动 买茶叶, in GBK bytes.
    scratch.write("finance/ledger.csv",
                  "\xC8\xD5\xC6\xDA,\xC0\xE0\xD0\xCD,\xBF\xC6\xC4\xBF,\xD5\xAA\xD2\xAA,\xBD\xF0\xB6\xEE,"
                  "\xC6\xBE\xD6\xA4\xBA\xC5\r\n"
                  "2026-10-01,\xCA\xD5\xC8\xEB,\xBB\xE1\xB7\xD1,\xCA\xAE\xD4\xC2\xBB\xE1\xB7\xD1,\"1,234.50\",V-1\r\n"
                  "2026/10/2,\xD6\xA7\xB3\xF6,\xBB\xEE\xB6\xAF,\xC2\xF2\xB2\xE8\xD2\xB6,88,\r\n");
    ContentLoad load = load_ok(scratch.str());
    CHECK(messages_of(load).empty());
    REQUIRE(load.content.ledger.size() == 2);
    CHECK(load.content.ledger[0].type == EntryType::Income);
    CHECK(load.content.ledger[0].category == "会费");
    CHECK(load.content.ledger[0].description == "十月会费");
    CHECK(load.content.ledger[0].amount.fen() == 123450);
    CHECK(load.content.ledger[0].voucher == "V-1");
    CHECK(load.content.ledger[1].type == EntryType::Expense);
    CHECK(load.content.ledger[1].date_s == 1790870400);  // 2026/10/2, Excel's own date form
    CHECK(load.content.ledger[1].line == 3);
}

TEST_CASE("a UTF-8 ledger with BOM, CRLF and quoted multi-line fields", "[content]")
{
    ScratchFolder scratch;
    scratch.write("board.toml", testing::k_board_toml);
    scratch.write("finance/ledger.csv",
                  "\xEF\xBB\xBF" "date,type,category,description,amount,voucher\r\n"
                  "2026-10-01,收入,会费,\"两行\r\n摘要, 带逗号和 \"\"引号\"\"\",\"12,345.00\",\r\n"
                  "2026-10-03,expense,活动,x,0.5,\r\n"
                  ",,,,,\r\n"
                  "2026-10-04,expense,活动,y,bad,\r\n");
    ContentLoad load = load_ok(scratch.str());
    // The bad row is on line 6: the quoted newline counts, the blank Excel row is skipped.
    CHECK(messages_of(load) ==
          std::vector<std::string>{"finance/ledger.csv:6: unparsable amount \"bad\" (write 1234.50 or 1,234.50)"});
    REQUIRE(load.content.ledger.size() == 2);
    CHECK(load.content.ledger[0].description == "两行\n摘要, 带逗号和 \"引号\"");
    CHECK(load.content.ledger[0].amount.fen() == 1234500);
    CHECK(load.content.ledger[1].line == 4);
    CHECK(load.content.ledger[1].amount.fen() == 50);
}

TEST_CASE("a CRLF front matter file with a BOM keeps its line numbers", "[content]")
{
    ScratchFolder scratch;
    scratch.write("board.toml", testing::k_board_toml);
    scratch.write("announcements/a.md", "\xEF\xBB\xBF+++\r\ntitle = \"A\"\r\nexpire = \"soon\"\r\n+++\r\nbody\r\n");
    ContentLoad load = load_ok(scratch.str());
    CHECK(messages_of(load) == std::vector<std::string>{
                                   "announcements/a.md:3: expire is not a valid date \"soon\" (write 2026-11-25 or "
                                   "2026-11-25T08:00:00)"});
    REQUIRE(load.content.announcements.size() == 1);
    CHECK(load.content.announcements[0].notice.body == "body\n");
}

TEST_CASE("an unclosed quote in a CSV is reported where it opens", "[content]")
{
    ScratchFolder scratch;
    scratch.write("board.toml", testing::k_board_toml);
    scratch.write("progress/goals.csv", "year,goal,target,result,status\n2026,\"open,T,R,S\n2027,G,T,R,S\n");
    ContentLoad load = load_ok(scratch.str());
    CHECK(messages_of(load) == std::vector<std::string>{
                                   "progress/goals.csv:2: quote not closed (the field starting on this line has no "
                                   "closing \")",
                                   "progress/goals.csv:2: row has 2 columns, the header has 5"});
}

TEST_CASE("scheduling fields: offsets, dates and TOML's own date types agree", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder scratch;
    scratch.write("board.toml", testing::k_board_toml);
    // The same instant, 2026-03-08 18:00 Beijing, written four ways.
    scratch.write("announcements/a.md", "+++\ntitle = \"A\"\npublish = 2026-03-08T18:00:00\nexpire = 2026-03-09\n+++\n");
    scratch.write("announcements/b.md", "+++\ntitle = \"B\"\npublish = 2026-03-08T10:00:00Z\n+++\n");
    scratch.write("announcements/c.md", "+++\ntitle = \"C\"\npublish = \"2026-03-08T18:00:00+08:00\"\n+++\n");
    scratch.write("announcements/d.md", "+++\ntitle = \"D\"\npublish = \"2026-03-08 18:00\"\n+++\n");
    // Equal publish and expire would never be shown: refused.
    scratch.write("announcements/e.md", "+++\ntitle = \"E\"\npublish = 2026-03-08\nexpire = \"2026-03-08\"\n+++\n");
    ContentLoad load = load_ok(scratch.str());
    CHECK(messages_of(load) ==
          std::vector<std::string>{"announcements/e.md:4: expire must be after publish (otherwise this is never shown)"});
    REQUIRE(load.content.announcements.size() == 5);
    for (size_t i = 0; i < 4; ++i) {
        INFO(load.content.announcements[i].notice.id);
        CHECK(load.content.announcements[i].notice.publish_s == 1772964000);
    }
    CHECK(load.content.announcements[0].notice.expire_s == 1772985600);  // 2026-03-09 00:00 Beijing
    CHECK(load.content.announcements[0].notice.visible_at(1772964000));
    CHECK_FALSE(load.content.announcements[0].notice.visible_at(1772964000 - 1));
    CHECK_FALSE(load.content.announcements[0].notice.visible_at(1772985600));
}
