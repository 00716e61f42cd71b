#include "crypto/seal.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace linli;
using namespace linli::crypto;

TEST_CASE("a sealed record opens with the matching key pair only", "[crypto]")
{
    auto admins = generate_seal_key();
    auto others = generate_seal_key();
    REQUIRE(admins);
    REQUIRE(others);
    const std::string text = "电梯三号楼又坏了 / the lift is broken again";
    auto sealed = seal(text, admins->public_key);
    REQUIRE(sealed);
    CHECK(sealed->size() == text.size() + k_seal_overhead);
    CHECK(sealed->find("lift") == std::string::npos);
    // Each seal uses a fresh ephemeral key: the same text never gives the same bytes twice.
    CHECK(*seal(text, admins->public_key) != *sealed);

    auto opened = open_sealed(*sealed, admins->public_key, admins->secret_key);
    REQUIRE(opened);
    CHECK(*opened == text);

    auto wrong_key = open_sealed(*sealed, others->public_key, others->secret_key);
    REQUIRE_FALSE(wrong_key);
    CHECK(wrong_key.error().kind == ErrorKind::Rejected);
    CHECK_THAT(wrong_key.error().message, Catch::Contains("does not open"));
}

TEST_CASE("a changed, truncated or empty sealed record is rejected", "[crypto]")
{
    auto keys = generate_seal_key();
    REQUIRE(keys);
    const std::string sealed = *seal("x", keys->public_key);
    for (size_t i = 0; i < sealed.size(); ++i) {
        std::string changed = sealed;
        changed[i] = static_cast<char>(changed[i] ^ 1);
        auto opened = open_sealed(changed, keys->public_key, keys->secret_key);
        REQUIRE_FALSE(opened);
        CHECK(opened.error().kind == ErrorKind::Rejected);
    }
    CHECK_FALSE(open_sealed(sealed.substr(0, sealed.size() - 1), keys->public_key, keys->secret_key));
    CHECK_FALSE(open_sealed("", keys->public_key, keys->secret_key));
    CHECK_FALSE(open_sealed(std::string(10, 'a'), keys->public_key, keys->secret_key));
    auto empty_text = seal("", keys->public_key);
    REQUIRE(empty_text);
    CHECK(*open_sealed(*empty_text, keys->public_key, keys->secret_key) == "");
}

TEST_CASE("base64 round-trips and accepts only the canonical text", "[crypto]")
{
    for (std::string bytes : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                              std::string("foob"), std::string("\0\xff\x10", 3)}) {
        std::string back;
        REQUIRE(from_base64(to_base64(bytes), back));
        CHECK(back == bytes);
    }
    CHECK(to_base64("foob") == "Zm9vYg==");
    std::string out;
    CHECK_FALSE(from_base64("Zm9vYg=", out));    // missing padding
    CHECK_FALSE(from_base64("Zm9vYh==", out));   // non-zero trailing bits
    CHECK_FALSE(from_base64("Zm9v Yg==", out));  // whitespace
    CHECK_FALSE(from_base64("Zm9-", out));       // URL alphabet
}

TEST_CASE("random_below stays in range and reaches every value", "[crypto]")
{
    std::set<uint32_t> seen;
    for (int i = 0; i < 2000; ++i) {
        uint32_t v = random_below(7);
        REQUIRE(v < 7);
        seen.insert(v);
    }
    CHECK(seen.size() == 7);
    CHECK(random_below(1) == 0);
}
