// Backoff: how long the LAN poller waits before its next attempt. After a success it waits the
// configured interval; after failures it retries sooner, doubling the wait each time, with
// jitter so that kiosks which lost the server together (a power cut, a router restart) do not
// come back in lockstep.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace linli::sync {

// Why these numbers:
// - First retry after about 30 s: a server being restarted or a laptop waking up is back within
//   that, while a kiosk that retried at once would fill the log with the same error.
// - Retries never wait longer than the interval: a failure must not make the kiosk slower to
//   pick up a bundle than its regular schedule would. With a long interval (say daily) they
//   stop at 1 h, so a kiosk that missed its daily poll tries again within the hour.
// - "Equal" jitter (a random point in the upper half of the doubled wait) rather than "full"
//   jitter (anywhere from 0): full jitter can draw a near-zero wait, i.e. an immediate retry.
class Backoff {
public:
    static constexpr std::chrono::milliseconds k_first_retry{30'000};
    static constexpr std::chrono::milliseconds k_longest_retry{3'600'000};

    // Returns a uniformly random integer in [0, bound]. Tests pass a fixed one.
    using Random = std::function<std::uint64_t(std::uint64_t bound)>;

    // interval: the configured poll interval ([sync] interval_s), more than zero.
    explicit Backoff(std::chrono::seconds interval, Random random = {});

    // The poll worked: forget earlier failures; the next poll is one interval away.
    std::chrono::milliseconds after_success();
    // The poll failed (n-th time in a row): wait a random time in [w/2, w], where
    // w = min(ceiling, k_first_retry * 2^(n-1)) and ceiling = min(interval, k_longest_retry).
    std::chrono::milliseconds after_failure();

    int failures() const { return m_failures; }
    // The w above for the next failure, before jitter; for tests and the admin panel.
    std::chrono::milliseconds next_retry_ceiling() const;

private:
    std::chrono::milliseconds m_interval;
    std::chrono::milliseconds m_ceiling;
    Random m_random;
    int m_failures = 0;
};

}  // namespace linli::sync
