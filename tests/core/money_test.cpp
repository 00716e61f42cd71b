#include "core/money.hpp"

#include <catch2/catch.hpp>

#include <random>

using linli::Money;

TEST_CASE("yuan text parses to exact fen", "[core]")
{
    CHECK(Money::parse_yuan("1234.5")->fen() == 123450);
    CHECK(Money::parse_yuan("1,234.50")->fen() == 123450);
    CHECK(Money::parse_yuan("0.07")->fen() == 7);
    CHECK(Money::parse_yuan("\xC2\xA5" "12")->fen() == 1200);
    CHECK(Money::parse_yuan("1,234,567.89")->fen() == 123456789);
    CHECK(Money::parse_yuan(" 5 ")->fen() == 500);
}

TEST_CASE("malformed or negative amounts are refused", "[core]")
{
    for (const char* bad : {"", "-5", "1.234", "12,34", "1,2345", ",123", "123,", "abc", "1.", ".5",
                            "1e3", "1..2", "99999999999999999999"})
        CHECK_FALSE(Money::parse_yuan(bad).has_value());
    CHECK(Money::parse_yuan("-5", true)->fen() == -500);
}

TEST_CASE("amounts print the Chinese way", "[core]")
{
    CHECK(Money::from_fen(123450).format() == "\xC2\xA5" "1,234.50");
    CHECK(Money::from_fen(5).format() == "\xC2\xA5" "0.05");
    CHECK(Money::from_fen(100000000).format_plain() == "1,000,000.00");
    CHECK(Money::from_fen(-1999).format() == "-\xC2\xA5" "19.99");
}

TEST_CASE("format and parse round-trip for any amount", "[core]")
{
    std::mt19937_64 rng(42);
    for (int i = 0; i < 10000; ++i) {
        auto fen = int64_t(rng() % 100000000000ULL);
        auto parsed = Money::parse_yuan(Money::from_fen(fen).format_plain());
        REQUIRE(parsed.has_value());
        CHECK(parsed->fen() == fen);
    }
}
