// The console's replies (content/replies_edit): a reply added or replaced by its receipt code,
// the rest of feedback/replies.toml byte for byte, and the result what the kiosk's parser reads.
#include "content/replies.hpp"
#include "content/replies_edit.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::content;

namespace {

constexpr std::string_view k_replies = "# 意见箱回复\n"
                                       "\n"
                                       "[[reply]]\n"
                                       "code = \"7K3M-Q9TZ\"\n"
                                       "reply = \"已处理\"  # 物业确认\n"
                                       "date = 2026-11-18\n"
                                       "\n"
                                       "# 下面这条等物业回复\n"
                                       "[[reply]]\n"
                                       "code = \"H4WP-2RXD\"\n"
                                       "reply = \"灯已修好。\"\n";

ContentSet parsed(const std::string& text, size_t& problems)
{
    Diagnostics d(Language::English);
    ContentSet content;
    parse_replies_text(d, "feedback/replies.toml", text, content);
    problems = d.count();
    return content;
}

}  // namespace

TEST_CASE("replies edit: a new reply is added at the end, everything before it as it was", "[content]")
{
    AuthoredReply r;
    r.code = "c8nv5gje";
    r.reply = "维修师傅本周上门，请保持电话畅通。";
    const std::string text = set_reply(k_replies, r, "2026-11-21");
    CHECK(text.starts_with(k_replies));
    CHECK(text.substr(k_replies.size()) ==
          "\n[[reply]]\ncode = \"C8NV-5GJE\"\nreply = \"维修师傅本周上门，请保持电话畅通。\"\ndate = 2026-11-21\n");
    size_t problems = 0;
    const ContentSet c = parsed(text, problems);
    CHECK(problems == 0);
    REQUIRE(c.authored_replies.size() == 3);
    CHECK(c.authored_replies[2].code == "C8NV5GJE");
}

TEST_CASE("replies edit: a second reply to the same code replaces its table alone, comments around it kept", "[content]")
{
    AuthoredReply r;
    r.code = "7K3M-Q9TZ";
    r.reply = "已与保洁公司商定每天清运两次。";
    r.is_public = true;
    r.message = "5号楼东侧的垃圾桶经常满出来。";
    r.topic = "环境卫生";
    const std::string text = set_reply(k_replies, r, "2026-11-19");
    CHECK(text == "# 意见箱回复\n"
                  "\n"
                  "[[reply]]\n"
                  "code = \"7K3M-Q9TZ\"\n"
                  "topic = \"环境卫生\"\n"
                  "message = \"5号楼东侧的垃圾桶经常满出来。\"\n"
                  "reply = \"已与保洁公司商定每天清运两次。\"\n"
                  "public = true\n"
                  "date = 2026-11-19\n"
                  "\n"
                  "# 下面这条等物业回复\n"
                  "[[reply]]\n"
                  "code = \"H4WP-2RXD\"\n"
                  "reply = \"灯已修好。\"\n");
    size_t problems = 0;
    const ContentSet c = parsed(text, problems);
    CHECK(problems == 0);
    REQUIRE(c.authored_replies.size() == 2);
    CHECK(c.authored_replies[0].is_public);
    CHECK(c.public_replies.size() == 1);
}

TEST_CASE("replies edit: the last table replaced, and a file that did not exist", "[content]")
{
    AuthoredReply r;
    r.code = "H4WP2RXD";
    r.reply = "\"引号\"和\\反斜杠\n第二行";
    const std::string text = set_reply(k_replies, r, "");
    CHECK(text.ends_with("[[reply]]\ncode = \"H4WP-2RXD\"\nreply = \"\\\"引号\\\"和\\\\反斜杠\\n第二行\"\n"));
    size_t problems = 0;
    CHECK(parsed(text, problems).authored_replies.at(1).reply == r.reply);
    CHECK(problems == 0);
    CHECK(set_reply("", r, "2026-12-01").starts_with("[[reply]]\ncode = \"H4WP-2RXD\"\n"));
}
