// The 意见箱 use case: a message is taken only sealed, with a receipt code the kiosk keeps only
// hashed; nothing of it is in clear in any file (F2 canary); empty, too long, flooding (F5), a
// missing seal key are refused with the reason and change nothing.
#include "services/feedback_box.hpp"

#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "../store/store_test_support.hpp"
#include "../support/test_helpers.hpp"

#include <toml++/toml.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

using namespace linli;
using namespace linli::services;
using linli::store::test::TempDir;

namespace {

struct Box {
    TempDir dir;
    crypto::KeyPair keys = std::move(crypto::generate_seal_key()).value();
    FeedbackBox box;
    explicit Box(FeedbackLimits limits = {}, bool with_key = true)
        : box(dir.file("residents.db"), with_key ? std::optional(keys.public_key) : std::nullopt, limits, "lobby-1")
    {
    }
    std::string path() const { return dir.file("residents.db"); }
};

FeedbackDraft message(std::string text, std::string topic = "环境卫生", int rating = 0)
{
    FeedbackDraft d;
    d.topic = std::move(topic);
    d.rating = rating;
    d.text = std::move(text);
    return d;
}


}  // namespace

TEST_CASE("feedback: a message is stored sealed, with a receipt code only its hash is kept of", "[services]")
{
    Box b;
    FeedbackDraft draft = message("三号楼电梯经常停在五楼不动，请尽快维修。", "安全", 2);
    draft.about = "document:charter-draft";
    draft.about_title = "幸福里社区居民自管会章程（草案）";
    FeedbackOutcome sent = b.box.submit(draft, "2026-11-25", 1000);
    REQUIRE(sent.taken());
    REQUIRE(sent.receipt.size() == crypto::k_receipt_code_length);
    CHECK(crypto::normalize_code(sent.receipt, 8) == sent.receipt);

    auto db = store::ResidentsDb::open(b.path());
    REQUIRE(db);
    auto records = db->pending_records();
    REQUIRE(records);
    REQUIRE(records->size() == 1);
    CHECK((*records)[0].kind == "feedback");
    CHECK((*records)[0].day == "2026-11-25");
    // Only the administrators' key opens it; inside, everything the resident gave.
    auto opened = crypto::open_sealed((*records)[0].sealed, b.keys.public_key, b.keys.secret_key);
    REQUIRE(opened);
    toml::table payload = toml::parse(*opened);
    CHECK(payload["format"].value<int64_t>() == 1);
    CHECK(payload["text"].value<std::string>() == draft.text);
    CHECK(payload["topic"].value<std::string>() == "安全");
    CHECK(payload["rating"].value<int64_t>() == 2);
    CHECK(payload["about"].value<std::string>() == "document:charter-draft");
    CHECK(payload["receipt"].value<std::string>() == sent.receipt);
    CHECK(payload["kiosk"].value<std::string>() == "lobby-1");

    // 查看回复 here knows the code, typed in lower case with its dash; not another one.
    std::string typed = crypto::format_code(sent.receipt);
    for (char& c : typed) c = char(std::tolower(static_cast<unsigned char>(c)));
    CHECK(*b.box.knows_receipt(typed));
    const std::string other = sent.receipt == "ABCDEFGH" ? "ABCD-EFGJ" : "ABCD-EFGH";
    CHECK_FALSE(*b.box.knows_receipt(other));
    CHECK_FALSE(*b.box.knows_receipt("0000-0000"));  // not the alphabet
}

TEST_CASE("feedback: no copy of the text, the topic's words or the code in any file (F2 canary)", "[services]")
{
    Box b;
    const std::string canary = "金丝雀CANARY-7391的意见";
    FeedbackOutcome sent = b.box.submit(message(canary, "邻里互助"), "2026-11-25", 0);
    REQUIRE(sent.taken());
    FeedbackOutcome second = b.box.submit(message("CANARY-7391 again"), "2026-11-25", 120000);
    REQUIRE(second.taken());
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(b.dir.path())) {
        if (!entry.is_regular_file()) continue;
        ++files;
        const std::string bytes = linli::test::file_bytes(entry.path());
        INFO(entry.path());
        CHECK(bytes.find("CANARY-7391") == std::string::npos);
        CHECK(bytes.find("金丝雀") == std::string::npos);
        CHECK(bytes.find(sent.receipt) == std::string::npos);
        CHECK(bytes.find(second.receipt) == std::string::npos);
    }
    CHECK(files >= 2);  // residents.db and its -wal at least
}

TEST_CASE("feedback: empty, too long and malformed messages are refused and nothing is stored", "[services]")
{
    Box b;
    CHECK(b.box.submit(message(""), "2026-11-25", 0).refusal == FeedbackRefusal::Empty);
    // A rating alone is a message.
    CHECK(b.box.submit(message("", "其他", 4), "2026-11-25", 0).taken());
    std::string long_text;
    for (int i = 0; i < 501; ++i) long_text += "字";
    CHECK(feedback_length(long_text) == 501);
    CHECK(b.box.submit(message(long_text), "2026-11-25", 100000).refusal == FeedbackRefusal::TooLong);
    long_text.resize(long_text.size() - 3);
    CHECK(b.box.submit(message(long_text), "2026-11-25", 100000).taken());  // exactly 500
    CHECK(b.box.submit(message("x", "其他", 5), "2026-11-25", 300000).refusal == FeedbackRefusal::Empty);
    CHECK(b.box.submit(message("\xff\xfe"), "2026-11-25", 300000).refusal == FeedbackRefusal::Empty);
    auto db = store::ResidentsDb::open(b.path());
    CHECK(*db->record_count() == 2);
}

TEST_CASE("feedback: a cool-down between messages and a daily cap (F5), reading is never held up", "[services]")
{
    Box b(FeedbackLimits{60, 3});
    REQUIRE(b.box.submit(message("一"), "2026-11-25", 10'000).taken());
    FeedbackOutcome soon = b.box.submit(message("二"), "2026-11-25", 25'000);
    CHECK(soon.refusal == FeedbackRefusal::CoolingDown);
    CHECK(soon.wait_s == 45);
    CHECK(b.box.submit(message("二"), "2026-11-25", 70'000).taken());
    CHECK(b.box.submit(message("三"), "2026-11-25", 130'000).taken());
    CHECK(b.box.availability("2026-11-25") == FeedbackRefusal::DailyCap);
    CHECK(b.box.submit(message("四"), "2026-11-25", 200'000).refusal == FeedbackRefusal::DailyCap);
    // The next day the box is open again.
    CHECK(b.box.availability("2026-11-26") == FeedbackRefusal::None);
    CHECK(b.box.submit(message("四"), "2026-11-26", 260'000).taken());
    auto db = store::ResidentsDb::open(b.path());
    CHECK(*db->record_count() == 4);
}

TEST_CASE("feedback: without a seal key nothing is taken, and the reason is given", "[services]")
{
    Box b(FeedbackLimits{}, false);
    CHECK(b.box.availability("2026-11-25") == FeedbackRefusal::NoSealKey);
    FeedbackOutcome sent = b.box.submit(message("有人吗"), "2026-11-25", 0);
    CHECK(sent.refusal == FeedbackRefusal::NoSealKey);
    CHECK_THAT(sent.detail, Catch::Contains("seal_key"));
    CHECK(sent.receipt.empty());
    CHECK_FALSE(std::filesystem::exists(b.path()));
}

TEST_CASE("feedback: receipt codes are random, 8 of the alphabet", "[services]")
{
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        std::string code = crypto::random_code(8);
        REQUIRE(crypto::normalize_code(code, 8) == code);
        seen.insert(code);
    }
    CHECK(seen.size() == 2000);
    CHECK(crypto::format_code("ABCD2345") == "ABCD-2345");
    CHECK(crypto::format_code("ABCDE23456") == "ABCDE-23456");
    CHECK(crypto::normalize_code("abcd-2345", 8) == std::optional<std::string>("ABCD2345"));
    CHECK_FALSE(crypto::normalize_code("ABCD-234", 8));
    CHECK_FALSE(crypto::normalize_code("ABCD-2340", 8));  // 0 is not in the alphabet
}
