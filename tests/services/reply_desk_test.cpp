// 查看回复 at the desk: a code finds its reply in the background, a code this kiosk gave out but
// nobody answered is 尚未回复, anything else counts as wrong, and five wrong codes in a row pause
// entry for a minute, whatever is typed meanwhile.
#include "crypto/reply_lock.hpp"
#include "services/reply_desk.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace linli;
using namespace linli::services;

namespace {

ReplyAnswer answer_to(ReplyDesk& desk, const std::string& typed, int64_t now_s)
{
    desk.ask(typed, now_s);
    for (int i = 0; i < 2000; ++i) {
        if (auto a = desk.take(now_s)) return *a;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    FAIL("no answer within 4 s");
    return {};
}

std::vector<LockedReply> replies()
{
    std::vector<LockedReply> out;
    out.push_back(crypto::lock_reply("ABCD2345", {"已安排保洁每天清运两次。", 0}).value());
    out.push_back(crypto::lock_reply("WXYZ6789", {"谢谢。", 0}).value());
    return out;
}

}  // namespace

TEST_CASE("a receipt code finds its reply, typed in any case and with the dash", "[services]")
{
    ReplyDesk desk([](const std::string&) { return false; });
    desk.set_replies(replies());
    ReplyAnswer a = answer_to(desk, "abcd-2345", 1000);
    CHECK(a.status == ReplyStatus::Found);
    CHECK(a.reply.reply == "已安排保洁每天清运两次。");
    CHECK(answer_to(desk, "WXYZ6789", 1000).reply.reply == "谢谢。");
    CHECK(answer_to(desk, "ABCD234", 1000).status == ReplyStatus::Malformed);
}

TEST_CASE("a code this kiosk gave out is 尚未回复 until answered, others count as wrong", "[services]")
{
    ReplyDesk desk([](const std::string& code) { return code == "HJKL2345"; });
    desk.set_replies(replies());
    ReplyAnswer waiting = answer_to(desk, "HJKL2345", 1000);
    CHECK(waiting.status == ReplyStatus::NotYet);
    ReplyAnswer wrong = answer_to(desk, "MNPQ2345", 1000);
    CHECK(wrong.status == ReplyStatus::NotFound);
    CHECK(wrong.attempts_left == 4);
}

TEST_CASE("five wrong codes pause entry for a minute, a right code afterwards works", "[services]")
{
    ReplyDesk desk([](const std::string&) { return false; });
    desk.set_replies(replies());
    for (int i = 0; i < 4; ++i) CHECK(answer_to(desk, "MNPQ234" + std::to_string(i + 2), 1000).status == ReplyStatus::NotFound);
    ReplyAnswer fifth = answer_to(desk, "MNPQ2349", 1000);
    CHECK(fifth.status == ReplyStatus::Paused);
    CHECK(fifth.paused_until_s == 1060);
    CHECK(desk.paused_until(1030) == 1060);
    // While paused even the right code is not looked up.
    CHECK(answer_to(desk, "ABCD2345", 1059).status == ReplyStatus::Paused);
    CHECK(answer_to(desk, "ABCD2345", 1060).status == ReplyStatus::Found);
}

TEST_CASE("an answer still coming when the kiosk resets is never shown", "[services]")
{
    ReplyDesk desk([](const std::string&) { return false; });
    std::vector<LockedReply> many;
    for (int i = 0; i < 40; ++i) many.push_back(replies()[0]);
    desk.set_replies(many);
    desk.ask("ABCD2345", 1000);
    desk.forget();
    for (int i = 0; i < 2000 && desk.busy(); ++i) {
        CHECK_FALSE(desk.take(1000).has_value());
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK_FALSE(desk.take(1000).has_value());
}
