// Backoff: the numbers are explained in the header.
#include "sync/backoff.hpp"

#include <algorithm>
#include <cassert>
#include <random>

namespace linli::sync {

namespace {

Backoff::Random default_random()
{
    // Jitter needs to differ between kiosks, not to be unpredictable: a seeded mt19937_64 will do.
    return [engine = std::mt19937_64(std::random_device{}())](std::uint64_t bound) mutable {
        return std::uniform_int_distribution<std::uint64_t>(0, bound)(engine);
    };
}

}  // namespace

Backoff::Backoff(std::chrono::seconds interval, Random random)
    : m_interval(interval),
      m_ceiling(std::min<std::chrono::milliseconds>(interval, k_longest_retry)),
      m_random(random ? std::move(random) : default_random())
{
    assert(interval.count() > 0);
}

std::chrono::milliseconds Backoff::after_success()
{
    m_failures = 0;
    return m_interval;
}

std::chrono::milliseconds Backoff::next_retry_ceiling() const
{
    // Doubling stops at the ceiling, so no shift can overflow however many failures pile up.
    auto wait = std::min(k_first_retry, m_ceiling);
    for (int i = 0; i < m_failures && wait < m_ceiling; ++i)
        wait = std::min(wait * 2, m_ceiling);
    return wait;
}

std::chrono::milliseconds Backoff::after_failure()
{
    auto ceiling = next_retry_ceiling();
    if (m_failures < 1'000'000)
        ++m_failures;
    auto half = ceiling.count() / 2;
    auto span = static_cast<std::uint64_t>(ceiling.count() - half);
    auto drawn = std::min(m_random(span), span);  // a source that overshoots must not break the cap
    return std::chrono::milliseconds(half + static_cast<std::int64_t>(drawn));
}

}  // namespace linli::sync
