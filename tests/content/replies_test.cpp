// feedback/replies.toml as an administrator writes it (codes in any case, with or without the
// dash; public replies with their edited message) and board.toml's [feedback]; every mistake
// reported as FILE:LINE; the locked file bundles carry read back as written.
#include "content/content_folder.hpp"
#include "content/replies.hpp"
#include "content_test_support.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::content;
using linli::content::testing::formatted;
using linli::content::testing::load;
using linli::content::testing::k_board_toml;
using linli::content::testing::ScopedTimeZone;
using linli::content::testing::ScratchFolder;

namespace {



}  // namespace

TEST_CASE("replies are read by code, public ones listed without it", "[content]")
{
    ScopedTimeZone beijing("Asia/Shanghai");
    ScratchFolder folder;
    folder.write("board.toml", k_board_toml);
    folder.write("feedback/replies.toml",
                 "[[reply]]\n"
                 "code = \"abcd-2345\"\n"
                 "reply = \"已安排保洁每天清运两次。\"\n"
                 "public = true\n"
                 "topic = \"环境卫生\"\n"
                 "message = \"3号楼的垃圾桶总是满的。\"\n"
                 "date = 2026-11-20\n"
                 "\n"
                 "[[reply]]\n"
                 "code = \"WXYZ6789\"\n"
                 "reply = \"\"\"\n谢谢您的建议，\n下次例会讨论。\n\"\"\"\n");
    ContentLoad load_result = load(folder);
    CHECK(formatted(load_result.problems).empty());
    CHECK(formatted(load_result.warnings).empty());
    const ContentSet& c = load_result.content;
    REQUIRE(c.authored_replies.size() == 2);
    CHECK(c.authored_replies[0].code == "ABCD2345");
    CHECK(c.authored_replies[0].is_public);
    CHECK(c.authored_replies[0].line == 1);
    CHECK(c.authored_replies[1].code == "WXYZ6789");
    CHECK(c.authored_replies[1].reply == "谢谢您的建议，\n下次例会讨论。");
    CHECK_FALSE(c.authored_replies[1].is_public);
    REQUIRE(c.public_replies.size() == 1);
    CHECK(c.public_replies[0].topic == "环境卫生");
    CHECK(c.public_replies[0].message == "3号楼的垃圾桶总是满的。");
    CHECK(c.public_replies[0].reply == "已安排保洁每天清运两次。");
    CHECK(c.public_replies[0].day_s == 1795104000);  // 2026-11-20 00:00 Beijing
}

TEST_CASE("check reports malformed codes, empty replies and a code answered twice at their lines", "[content]")
{
    ScratchFolder folder;
    folder.write("board.toml", k_board_toml);
    folder.write("feedback/replies.toml",
                 "[[reply]]\n"
                 "code = \"ABCD-2340\"\n"     // 0 is not in the alphabet
                 "reply = \"好的\"\n"
                 "[[reply]]\n"
                 "code = \"ABCD-234\"\n"      // too short
                 "reply = \"好的\"\n"
                 "[[reply]]\n"
                 "code = \"ABCD-2345\"\n"
                 "reply = \"   \"\n"          // empty
                 "[[reply]]\n"
                 "code = \"WXYZ-6789\"\n"
                 "reply = \"好的\"\n"
                 "[[reply]]\n"
                 "code = \"wxyz6789\"\n"      // the same code again
                 "reply = \"也好\"\n"
                 "[[reply]]\n"
                 "reply = \"没有回执码\"\n"
                 "publik = true\n");
    ContentLoad l = load(folder);
    const auto problems = formatted(l.problems);
    CHECK(problems == std::vector<std::string>{
                          "feedback/replies.toml:2: receipt code \"ABCD-2340\" is malformed: 8 characters like \"ABCD-2345\", digits 2-9 and letters (no 0, 1, I or O)",
                          "feedback/replies.toml:5: receipt code \"ABCD-234\" is malformed: 8 characters like \"ABCD-2345\", digits 2-9 and letters (no 0, 1, I or O)",
                          "feedback/replies.toml:9: reply must not be empty",
                          "feedback/replies.toml:14: receipt code WXYZ-6789 already has a reply at line 11 (one reply per code)",
                          "feedback/replies.toml:16: missing code",
                          "feedback/replies.toml:18: unknown key publik (did you mean public?)",
                      });
}

TEST_CASE("a private reply with a message is warned about, stray files in feedback/ too", "[content]")
{
    ScratchFolder folder;
    folder.write("board.toml", k_board_toml);
    folder.write("feedback/replies.toml", "[[reply]]\ncode = \"ABCD2345\"\nreply = \"好的\"\nmessage = \"原文\"\n");
    folder.write("feedback/feedback.csv", "x");
    ContentLoad l = load(folder);
    CHECK(formatted(l.problems).empty());
    CHECK(formatted(l.warnings) == std::vector<std::string>{
                                       "feedback/feedback.csv: warning: only replies.toml is read in feedback/: this file is not used",
                                       "feedback/replies.toml:4: warning: message and topic are shown only for public replies (public = true); this reply is private",
                                   });
}

TEST_CASE("the locked replies file reads back as written, and nothing in it is a code", "[content]")
{
    ScopedTimeZone beijing("Asia/Shanghai");
    std::vector<PublicReply> pub{{"安全", "楼道灯坏了", "已修好\n谢谢", 1795104000}};
    std::vector<LockedReply> locked{{std::string(16, '\x01'), std::string(16, '\xfe'), std::string(60, 'x')}};
    const std::string text = locked_replies_text(pub, locked);
    ContentSet c;
    Diagnostics d(Language::English);
    parse_replies_text(d, std::string(k_locked_replies_path), text, c);
    CHECK(formatted(d.take_sorted()).empty());
    REQUIRE(c.public_replies.size() == 1);
    CHECK(c.public_replies[0].reply == "已修好\n谢谢");
    CHECK(c.public_replies[0].day_s == 1795104000);
    REQUIRE(c.locked_replies.size() == 1);
    CHECK(c.locked_replies[0].salt == locked[0].salt);
    CHECK(c.locked_replies[0].lookup == locked[0].lookup);
    CHECK(c.locked_replies[0].box == locked[0].box);

    Diagnostics bad(Language::English);
    ContentSet none;
    parse_replies_text(bad, std::string(k_locked_replies_path), "format = 1\n[[locked]]\nsalt = \"zz\"\nlookup = \"00\"\nbox = \"\"\n", none);
    CHECK(bad.count() == 3);
    CHECK(none.locked_replies.empty());
}

TEST_CASE("board.toml [feedback] names the topics and the online form", "[content]")
{
    ScratchFolder folder;
    folder.write("board.toml", std::string(k_board_toml) +
                                   "\n[feedback]\ntopics = [\"环境卫生\", \"停车\", \"其他\"]\nonline_url = \"https://example.org/form\"\n");
    ContentLoad l = load(folder);
    CHECK(formatted(l.problems).empty());
    CHECK(l.content.feedback.topics == std::vector<std::string>{"环境卫生", "停车", "其他"});
    CHECK(l.content.feedback.online_url == "https://example.org/form");

    ScratchFolder wrong;
    wrong.write("board.toml", std::string(k_board_toml) +
                                  "\n[feedback]\ntopics = [\"环境卫生\", \"\", \"环境卫生\"]\nonline_url = \"ftp://x\"\nnote = 1\n");
    ContentLoad w = load(wrong);
    CHECK(formatted(w.problems) == std::vector<std::string>{
                                       "board.toml:5: topics: a topic is empty",
                                       "board.toml:5: topics: 环境卫生 is listed twice",
                                       "board.toml:6: online_url must start with https:// or http://, not \"ftp://x\"",
                                       "board.toml:7: unknown key note",
                                   });
}
