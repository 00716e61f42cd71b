// Voting codes (issue 12): the code alphabet and length, the hash a kiosk checks a typed code
// against, and the fingerprint that ties codes to the ballot they were issued for.
#include "crypto/codes.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace linli;

namespace {

CodeBatch batch(char salt_byte)
{
    CodeBatch b;
    b.salt = std::string(k_code_salt_bytes, salt_byte);
    b.ops = crypto::k_voting_code_ops;
    b.mem_kib = crypto::k_voting_code_mem_kib;
    return b;
}

BallotDefinition election()
{
    BallotDefinition b;
    b.id = "leader";
    b.title = "组长选举";
    b.kind = BallotKind::Multi;
    b.options = {"王芳", "赵强", "周敏"};
    b.max_choices = 2;
    b.seats = 2;
    b.quorum = 100;
    b.codes_required = true;
    b.opens_s = 1796000000;
    b.closes_s = 1796600000;
    return b;
}

}  // namespace

TEST_CASE("codes: voting codes are 10 characters of the alphabet and all differ", "[crypto]")
{
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string code = crypto::random_code(k_voting_code_length);
        REQUIRE(code.size() == 10);
        for (char c : code) REQUIRE(k_code_alphabet.find(c) != std::string_view::npos);
        CHECK(seen.insert(code).second);
        CHECK(normalize_code(format_code(code), k_voting_code_length) == code);
    }
    CHECK(format_code("ABCDE23456") == "ABCDE-23456");
}

TEST_CASE("codes: a code's hash depends on the code and the batch's salt only", "[crypto]")
{
    const auto a = crypto::hash_voting_code("ABCDE23456", batch('a'));
    REQUIRE(a);
    CHECK(a->size() == k_code_hash_bytes);
    CHECK(crypto::hash_voting_code("ABCDE23456", batch('a')).value() == *a);
    CHECK(crypto::hash_voting_code("ABCDE23457", batch('a')).value() != *a);
    CHECK(crypto::hash_voting_code("ABCDE23456", batch('b')).value() != *a);
    CodeBatch bad = batch('a');
    bad.salt.resize(8);
    CHECK_FALSE(crypto::hash_voting_code("ABCDE23456", bad));
}

TEST_CASE("codes: the fingerprint changes with what decides the count, not with texts or dates", "[crypto]")
{
    const BallotDefinition base = election();
    const std::string fp = crypto::ballot_fingerprint(base);
    CHECK(fp.size() == 64);
    CHECK(crypto::ballot_fingerprint(base) == fp);

    BallotDefinition b = base;
    b.title = "环境组组长选举（更正）";
    b.description = "新的说明";
    b.opens_s += 3600;
    b.closes_s += 86400;
    b.candidates = {{"王芳", "media/wang.jpg", "退休教师"}};
    CHECK(crypto::ballot_fingerprint(b) == fp);

    auto changed = [&](auto edit) {
        BallotDefinition c = base;
        edit(c);
        return crypto::ballot_fingerprint(c) != fp;
    };
    CHECK(changed([](BallotDefinition& c) { c.options[2] = "李娜"; }));
    CHECK(changed([](BallotDefinition& c) { std::swap(c.options[0], c.options[1]); }));
    CHECK(changed([](BallotDefinition& c) { c.options.push_back("李娜"); }));
    CHECK(changed([](BallotDefinition& c) { c.max_choices = 1; }));
    CHECK(changed([](BallotDefinition& c) { c.seats = 1; }));
    CHECK(changed([](BallotDefinition& c) { c.quorum = 99; }));
    CHECK(changed([](BallotDefinition& c) { c.kind = BallotKind::Single; }));
    // An option's text cannot pass for two options: lengths come before texts.
    BallotDefinition three = base, two = base;
    three.options = {"甲", "乙", "丙"};
    two.options = {"甲\noption 乙", "丙"};  // without lengths: the same text as three
    CHECK(crypto::ballot_fingerprint(three) != crypto::ballot_fingerprint(two));

    BallotDefinition motion;
    motion.kind = BallotKind::Motion;
    motion.threshold = {1, 2, false};
    BallotDefinition two_thirds = motion;
    two_thirds.threshold = {2, 3, true};
    CHECK(crypto::ballot_fingerprint(motion) != crypto::ballot_fingerprint(two_thirds));
}
