#include "crypto/password.hpp"
#include "crypto/sodium.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace linli::crypto;

TEST_CASE("sodium initialises and stays initialised", "[crypto]")
{
    CHECK(init_sodium().has_value());
    CHECK(init_sodium().has_value());
}

TEST_CASE("a PIN hash verifies the PIN it was made from", "[crypto]")
{
    auto hash = hash_pin("1234");
    REQUIRE(hash.has_value());
    CHECK(hash->starts_with("$argon2id$v=19$m=32768,t=2,p=1$"));
    CHECK(is_pin_hash(*hash));
    CHECK(verify_pin(*hash, "1234"));
}

TEST_CASE("a wrong PIN does not verify", "[crypto]")
{
    auto hash = hash_pin("482915");
    REQUIRE(hash.has_value());
    CHECK_FALSE(verify_pin(*hash, "482916"));
    CHECK_FALSE(verify_pin(*hash, "48291"));
    CHECK_FALSE(verify_pin(*hash, "4829150"));
    CHECK_FALSE(verify_pin(*hash, ""));
}

TEST_CASE("the hash is salted and does not contain the PIN", "[crypto]")
{
    auto a = hash_pin("2580");
    auto b = hash_pin("2580");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(*a != *b);  // fresh salt each time
    CHECK(a->find("2580") == std::string::npos);
    CHECK(b->find("2580") == std::string::npos);
    CHECK(verify_pin(*a, "2580"));
    CHECK(verify_pin(*b, "2580"));
}

TEST_CASE("malformed or foreign hashes never verify", "[crypto]")
{
    auto good = hash_pin("1234");
    REQUIRE(good.has_value());
    const std::string& h = *good;

    std::string flipped = h;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';

    std::string long_garbage = "$argon2id$v=19$m=32768,t=2,p=1$" + std::string(300, 'A') + "$AAAA";

    const std::string tail = h.substr(h.find("p=1$") + 4);  // "salt$hash"
    const std::vector<std::string> bad_hashes = {
             std::string(),
             std::string("1234"),
             std::string("$argon2id$"),
             h.substr(0, h.size() - 10),                            // cut short when pasting
             h.substr(0, h.rfind('$')),                             // hash field missing
             h + "$",
             h.substr(0, h.size() - 1),                             // last character lost
             h + "A",
             "$argon2i$" + h.substr(10),                            // argon2i, not argon2id
             std::string("$2b$12$abcdefghijklmnopqrstuuCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"),  // bcrypt
             "$argon2id$v=16$m=32768,t=2,p=1$" + tail,
             "$argon2id$v=19$m=4194304,t=2,p=1$" + tail,  // 4 GiB
             "$argon2id$v=19$m=32768,t=2,p=4$" + tail,
             "$argon2id$v=19$m=32768,t=0,p=1$" + tail,
             "$argon2id$v=19$m=,t=2,p=1$" + tail,
             "$argon2id$v=19$m=-1,t=2,p=1$" + tail,
             "$argon2id$v=19$m=99999999999999999999,t=2,p=1$" + tail,
             std::string(h).insert(40, 1, '\0'),
             std::string(h).insert(40, 1, '!'),
             " " + h,
             long_garbage,
    };
    for (const std::string& bad : bad_hashes) {
        INFO("hash: " << bad);
        CHECK_FALSE(is_pin_hash(bad));
        CHECK_FALSE(verify_pin(bad, "1234"));
    }
    // Well-formed but altered: the shape passes, the PIN does not.
    CHECK(is_pin_hash(flipped));
    CHECK_FALSE(verify_pin(flipped, "1234"));
}

TEST_CASE("an empty PIN hashes and verifies like any other", "[crypto]")
{
    auto hash = hash_pin("");
    REQUIRE(hash.has_value());
    CHECK(verify_pin(*hash, ""));
    CHECK_FALSE(verify_pin(*hash, "0"));
}
