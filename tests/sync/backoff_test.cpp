// Backoff: the delays after failures, with the random source pinned to its extremes.
#include "sync/backoff.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace std::chrono_literals;
using linli::sync::Backoff;

namespace {

// Always draws the lowest value: the delay is the lower bound w/2.
std::uint64_t lowest(std::uint64_t) { return 0; }
// Always draws the highest value: the delay is w itself.
std::uint64_t highest(std::uint64_t bound) { return bound; }

std::vector<long long> failures_ms(Backoff& backoff, int count)
{
    std::vector<long long> delays;
    for (int i = 0; i < count; ++i)
        delays.push_back(backoff.after_failure().count());
    return delays;
}

}  // namespace

TEST_CASE("backoff doubles from 30 s up to the poll interval", "[sync]")
{
    Backoff high(300s, highest);
    CHECK(failures_ms(high, 6) == std::vector<long long>{30'000, 60'000, 120'000, 240'000, 300'000, 300'000});
    CHECK(high.failures() == 6);

    Backoff low(300s, lowest);
    CHECK(failures_ms(low, 6) == std::vector<long long>{15'000, 30'000, 60'000, 120'000, 150'000, 150'000});
}

TEST_CASE("backoff jitter stays in the upper half of the doubled wait", "[sync]")
{
    std::vector<std::uint64_t> bounds;
    Backoff backoff(300s, [&](std::uint64_t bound) {
        bounds.push_back(bound);
        return bound / 4;
    });
    CHECK(backoff.after_failure() == 15'000ms + 3'750ms);
    CHECK(backoff.after_failure() == 30'000ms + 7'500ms);
    CHECK(bounds == std::vector<std::uint64_t>{15'000, 30'000});
}

TEST_CASE("backoff with a long interval stops doubling at one hour", "[sync]")
{
    Backoff backoff(24h, highest);
    auto delays = failures_ms(backoff, 10);
    CHECK(delays[0] == 30'000);
    CHECK(delays[6] == 1'920'000);
    CHECK(delays[7] == 3'600'000);
    CHECK(delays[9] == 3'600'000);
    CHECK(backoff.after_success() == 24h);
}

TEST_CASE("backoff with an interval shorter than 30 s never waits longer than the interval", "[sync]")
{
    Backoff backoff(10s, highest);
    CHECK(failures_ms(backoff, 3) == std::vector<long long>{10'000, 10'000, 10'000});
    CHECK(backoff.after_success() == 10s);
}

TEST_CASE("backoff starts over after a success", "[sync]")
{
    Backoff backoff(300s, highest);
    failures_ms(backoff, 4);
    CHECK(backoff.next_retry_ceiling() == 300s);
    CHECK(backoff.after_success() == 300s);
    CHECK(backoff.failures() == 0);
    CHECK(backoff.next_retry_ceiling() == 30s);
    CHECK(backoff.after_failure() == 30s);
}

TEST_CASE("backoff survives endless failures and a random source that overshoots", "[sync]")
{
    Backoff backoff(24h, [](std::uint64_t bound) { return bound * 10 + 7; });
    for (int i = 0; i < 10'000; ++i)
        REQUIRE(backoff.after_failure() <= 1h);
    CHECK(backoff.after_failure() == 1h);
}

TEST_CASE("backoff with the default random source stays within its bounds", "[sync]")
{
    Backoff backoff(300s);
    for (int i = 0; i < 200; ++i) {
        auto ceiling = backoff.next_retry_ceiling();
        auto delay = backoff.after_failure();
        REQUIRE(delay >= ceiling / 2);
        REQUIRE(delay <= ceiling);
    }
}
