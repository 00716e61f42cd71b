// ScopedTimeZone: runs a test in a given time zone (the board's: China, UTC+8, no daylight
// saving) and puts TZ back afterwards, since other tests in the same executable format local
// times too. Shared by the tests of every layer that turns dates into Unix seconds.
#pragma once

#include <time.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace linli::test {

// Sets TZ for the scope and restores it after, so times without an offset are Beijing time.
class ScopedTimeZone {
public:
    explicit ScopedTimeZone(const char* zone = "Asia/Shanghai")
    {
        if (const char* old = std::getenv("TZ"))
            m_old = old;
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ScopedTimeZone()
    {
        if (m_old)
            setenv("TZ", m_old->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
    std::optional<std::string> m_old;
};

}  // namespace linli::test
