// Replies locked under their receipt code: only that code opens one, the box hides the text, and
// two locks of the same reply share nothing (a salt per reply).
#include "crypto/reply_lock.hpp"

#include <catch2/catch.hpp>

using namespace linli;

TEST_CASE("a locked reply opens with its code and no other", "[crypto]")
{
    const OpenedReply reply{"已安排保洁每天清运两次。", 1795104000};
    auto locked = crypto::lock_reply("ABCD2345", reply);
    REQUIRE(locked.has_value());
    CHECK(locked->salt.size() == 16);
    CHECK(locked->lookup.size() == 16);
    CHECK(locked->box.find("保洁") == std::string::npos);

    auto opened = crypto::open_reply("ABCD2345", *locked);
    REQUIRE(opened.has_value());
    REQUIRE(opened->has_value());
    CHECK((*opened)->reply == reply.reply);
    CHECK((*opened)->day_s == reply.day_s);

    for (const char* other : {"ABCD2346", "BACD2345", "abcd2345", ""}) {
        auto wrong = crypto::open_reply(other, *locked);
        REQUIRE(wrong.has_value());
        CHECK_FALSE(wrong->has_value());
    }

    LockedReply damaged = *locked;
    damaged.box.back() ^= 1;
    auto refused = crypto::open_reply("ABCD2345", damaged);
    REQUIRE(refused.has_value());
    CHECK_FALSE(refused->has_value());
}

TEST_CASE("each lock has its own salt, and find_reply picks the one the code opens", "[crypto]")
{
    auto a = crypto::lock_reply("ABCD2345", {"甲", 0});
    auto a_again = crypto::lock_reply("ABCD2345", {"甲", 0});
    auto b = crypto::lock_reply("WXYZ6789", {"乙", 0});
    REQUIRE(a.has_value());
    REQUIRE(a_again.has_value());
    REQUIRE(b.has_value());
    CHECK(a->salt != a_again->salt);
    CHECK(a->lookup != a_again->lookup);
    CHECK(a->box != a_again->box);

    const std::vector<LockedReply> all{*a, *b};
    auto found = crypto::find_reply("WXYZ6789", all);
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((*found)->reply == "乙");
    auto none = crypto::find_reply("ZZZZ2222", all);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
}

TEST_CASE("with the build's salt key an unchanged reply locks the same, a changed one anew", "[crypto]")
{
    crypto::ReplySaltKey key{};
    key.fill(7);
    crypto::ReplySaltKey other{};
    other.fill(8);
    auto a = crypto::lock_reply("ABCD2345", {"已修好", 0}, &key);
    auto again = crypto::lock_reply("ABCD2345", {"已修好", 0}, &key);
    auto changed = crypto::lock_reply("ABCD2345", {"已修好。", 0}, &key);
    auto elsewhere = crypto::lock_reply("ABCD2345", {"已修好", 0}, &other);
    REQUIRE(a.has_value());
    REQUIRE(again.has_value());
    REQUIRE(changed.has_value());
    REQUIRE(elsewhere.has_value());
    CHECK(a->salt == again->salt);
    CHECK(a->box == again->box);
    CHECK(a->salt != changed->salt);
    CHECK(a->salt != elsewhere->salt);
    auto opened = crypto::open_reply("ABCD2345", *changed);
    REQUIRE(opened.has_value());
    REQUIRE(opened->has_value());
    CHECK((*opened)->reply == "已修好。");
}
