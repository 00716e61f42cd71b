// The log sink: lines reach the installed sink with their component and event, and go back to
// stderr when it is removed.
#include "core/log.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace linli;

TEST_CASE("log lines reach the installed sink with component, event and level", "[core]")
{
    std::vector<std::string> seen;
    set_log_sink([&](const LogLine& line) {
        seen.push_back(std::string(line.component) + "/" + std::string(line.event) + "/" +
                       std::to_string(int(line.level)) + ": " + std::string(line.message));
    });
    log_line(LogLevel::Warning, "sync", "failed", "usb: bundle: manifest.sig: signature does not verify");
    log_line(LogLevel::Info, "sync", "installed", "lan: installed version 7");
    set_log_sink(nullptr);
    log_line(LogLevel::Info, "test", "ignored", "to stderr, not to the removed sink");
    REQUIRE(seen.size() == 2);
    CHECK(seen[0] == "sync/failed/1: usb: bundle: manifest.sig: signature does not verify");
    CHECK(seen[1] == "sync/installed/0: lan: installed version 7");
}
