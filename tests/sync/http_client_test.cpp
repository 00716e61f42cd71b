// HttpClient against a real nginx (what an administrator serves bundles with) and against
// hostile raw servers (endless bodies and headers, silence, broken-off bodies): SECURITY.md U5.
//   [SECTION] Helpers
//   [SECTION] nginx: GET into memory, conditional GET, 404, redirects
//   [SECTION] nginx: GET into a file of declared length
//   [SECTION] nginx: PUT
//   [SECTION] Hostile servers: endless data, silence, broken connections
#include "sync/http_client.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "nginx_fixture.hpp"
#include "raw_server.hpp"

using namespace std::chrono_literals;
using linli::ErrorKind;
using linli::sync::HttpClient;
using linli::sync::HttpOptions;
using linli::sync::Validators;
using linli::sync::WhenMissing;
using linli::test::NginxFixture;
using linli::test::RawServer;
using linli::test::read_text;
using linli::test::write_bytes;
namespace fs = std::filesystem;

// [SECTION] Helpers =============================================================================
namespace {

HttpClient make_client(HttpOptions options = {})
{
    if (options.kiosk_id.empty())
        options.kiosk_id = "lobby-1";
    auto client = HttpClient::create(std::move(options));
    REQUIRE(client);
    return std::move(client).value();
}

std::string random_bytes(std::size_t n, unsigned seed)
{
    std::mt19937 engine(seed);
    std::string bytes(n, '\0');
    for (auto& c : bytes)
        c = static_cast<char>(engine() & 0xff);
    return bytes;
}

// A scratch directory for downloads, removed afterwards.
struct ScratchDir {
    fs::path path;
    ScratchDir()
    {
        std::string pattern = (fs::temp_directory_path() / "linli-http-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident memory since the last reset_peak_rss(), in KiB (Linux: VmHWM; writing 5 to
// clear_refs resets it).
long peak_rss_kib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    FAIL("no VmHWM in /proc/self/status");
    return 0;
}

long current_rss_kib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    FAIL("no VmRSS in /proc/self/status");
    return 0;
}

void reset_peak_rss()
{
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.close();
    REQUIRE(clear.good());
}

}  // namespace

// [SECTION] nginx: GET into memory, conditional GET, 404, redirects =============================

TEST_CASE("http get returns nginx's bytes and sends the kiosk's name", "[sync]")
{
    NginxFixture nginx;
    auto bytes = random_bytes(100'000, 1);
    write_bytes(nginx.root() / "bundle" / "manifest.toml", bytes);
    auto client = make_client();

    auto fetched = client.get(nginx.url("/bundle/manifest.toml"), 4 << 20);
    REQUIRE(fetched);
    CHECK_FALSE(fetched->not_modified);
    CHECK_FALSE(fetched->absent);
    CHECK(fetched->body == bytes);
    CHECK_FALSE(fetched->validators.etag.empty());
    CHECK_FALSE(fetched->validators.last_modified.empty());
    CHECK_THAT(nginx.access_log("GET /bundle/manifest.toml 200"),
               Catch::Contains("GET /bundle/manifest.toml 200 \"linli-kiosk/") && Catch::Contains("\" \"lobby-1\"\n"));
    CHECK_THAT(nginx.access_log(), !Catch::Contains("linli-kiosk/\""));
}

TEST_CASE("http get allows exactly the limit and rejects one byte more", "[sync]")
{
    NginxFixture nginx;
    write_bytes(nginx.root() / "m.toml", std::string(5000, 'x'));
    auto client = make_client();

    CHECK(client.get(nginx.url("/m.toml"), 5000));
    auto over = client.get(nginx.url("/m.toml"), 4999);
    REQUIRE_FALSE(over);
    CHECK(over.error().kind == ErrorKind::Rejected);
    CHECK(over.error().message == "sync: " + nginx.url("/m.toml") + ": is longer than 4999 bytes");
}

TEST_CASE("http get is conditional on the previous ETag or Last-Modified", "[sync]")
{
    NginxFixture nginx;
    auto file = nginx.root() / "manifest.toml";
    write_bytes(file, "version = 1\n");
    fs::last_write_time(file, fs::file_time_type::clock::now() - 1h);
    auto client = make_client();
    auto url = nginx.url("/manifest.toml");

    auto first = client.get(url, 1 << 20);
    REQUIRE(first);
    Validators previous = first->validators;

    auto by_etag = client.get(url, 1 << 20, Validators{previous.etag, ""});
    REQUIRE(by_etag);
    CHECK(by_etag->not_modified);
    CHECK(by_etag->body.empty());
    CHECK(by_etag->validators.etag == previous.etag);

    auto by_date = client.get(url, 1 << 20, Validators{"", previous.last_modified});
    REQUIRE(by_date);
    CHECK(by_date->not_modified);

    write_bytes(file, "version = 22\n");
    auto changed = client.get(url, 1 << 20, previous);
    REQUIRE(changed);
    CHECK_FALSE(changed->not_modified);
    CHECK(changed->body == "version = 22\n");
    CHECK(changed->validators.etag != previous.etag);
    CHECK_THAT(nginx.access_log("GET /manifest.toml 304"), Catch::Contains("GET /manifest.toml 304"));
}

TEST_CASE("http get tells a missing file apart when asked to", "[sync]")
{
    NginxFixture nginx;
    auto client = make_client();
    auto url = nginx.url("/bundle/keys.toml");

    auto failed = client.get(url, 1 << 20);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().kind == ErrorKind::Internal);
    CHECK(failed.error().message == "sync: " + url + ": the server answered HTTP 404");

    auto absent = client.get(url, 1 << 20, {}, WhenMissing::ReportAbsent);
    REQUIRE(absent);
    CHECK(absent->absent);
    CHECK(absent->body.empty());

    // Only 404 means absent: a 403 stays an error.
    fs::create_directories(nginx.root() / "locked");
    auto forbidden = client.get(nginx.url("/locked/"), 1 << 20, {}, WhenMissing::ReportAbsent);
    REQUIRE_FALSE(forbidden);
    CHECK_THAT(forbidden.error().message, Catch::Contains("HTTP 403"));
}

TEST_CASE("http get does not follow redirects", "[sync]")
{
    NginxFixture nginx;
    write_bytes(nginx.root() / "moved-here", "elsewhere");
    auto client = make_client();
    auto moved = client.get(nginx.url("/moved"), 1 << 20);
    REQUIRE_FALSE(moved);
    CHECK_THAT(moved.error().message, Catch::Contains("HTTP 301") && Catch::Contains("redirects are not followed"));
    CHECK_THAT(nginx.access_log("GET /moved 301"), Catch::Contains("GET /moved 301") && !Catch::Contains("/moved-here"));
}

TEST_CASE("http client refuses other schemes and a kiosk id that would break a header", "[sync]")
{
    auto client = make_client();
    for (const char* url : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "127.0.0.1/x"}) {
        auto fetched = client.get(url, 1024);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().kind == ErrorKind::Rejected);
        CHECK_THAT(fetched.error().message, Catch::StartsWith(std::string("sync: ") + url + ": only http://"));
    }
    for (const char* id : {"lobby-1\r\nX-Evil: 1", "lobby\t1", ""}) {
        HttpOptions options;
        options.kiosk_id = id;
        auto bad = HttpClient::create(options);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().kind == ErrorKind::Rejected);
    }
}

// [SECTION] nginx: GET into a file of declared length ==========================================

TEST_CASE("http get_to_file writes exactly the declared bytes, private and synced", "[sync]")
{
    NginxFixture nginx;
    ScratchDir scratch;
    auto bytes = random_bytes(300'000, 2);
    write_bytes(nginx.root() / "files" / "ab12", bytes);
    auto client = make_client();
    auto target = scratch.path / "ab12.part";
    write_bytes(target, "stale leftover from an interrupted run, longer than nothing");
    ::chmod(target.c_str(), 0644);

    auto got = client.get_to_file(nginx.url("/files/ab12"), target, bytes.size());
    REQUIRE(got);
    CHECK(*got == bytes.size());
    CHECK(read_text(target) == bytes);
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("http get_to_file rejects a body of any other length and leaves no file", "[sync]")
{
    NginxFixture nginx;
    ScratchDir scratch;
    write_bytes(nginx.root() / "files" / "cd34", std::string(1000, 'y'));
    auto client = make_client();
    auto url = nginx.url("/files/cd34");
    auto target = scratch.path / "cd34.part";

    auto longer = client.get_to_file(url, target, 999);
    REQUIRE_FALSE(longer);
    CHECK(longer.error().kind == ErrorKind::Rejected);
    CHECK(longer.error().message == "sync: " + url + ": is longer than the 999 bytes declared");
    CHECK_FALSE(fs::exists(target));

    auto shorter = client.get_to_file(url, target, 1001);
    REQUIRE_FALSE(shorter);
    CHECK(shorter.error().kind == ErrorKind::Rejected);
    CHECK(shorter.error().message == "sync: " + url + ": is 1000 bytes, but 1001 were declared");
    CHECK_FALSE(fs::exists(target));

    auto missing = client.get_to_file(nginx.url("/files/none"), target, 10);
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::EndsWith("HTTP 404"));
    CHECK_FALSE(fs::exists(target));
}

TEST_CASE("http get_to_file does not write through a symlink", "[sync]")
{
    NginxFixture nginx;
    ScratchDir scratch;
    write_bytes(nginx.root() / "f", "data");
    write_bytes(scratch.path / "victim", "keep me");
    fs::create_symlink(scratch.path / "victim", scratch.path / "link");
    auto client = make_client();

    auto got = client.get_to_file(nginx.url("/f"), scratch.path / "link", 4);
    REQUIRE_FALSE(got);
    CHECK(got.error().kind == ErrorKind::Internal);
    CHECK(read_text(scratch.path / "victim") == "keep me");
    CHECK(fs::is_symlink(scratch.path / "link"));
}

// [SECTION] nginx: PUT ==========================================================================

TEST_CASE("http put_file uploads an export byte for byte", "[sync]")
{
    NginxFixture nginx;
    ScratchDir scratch;
    // Past libcurl's 1 MiB threshold for "Expect: 100-continue", which nginx must handle.
    auto bytes = random_bytes(3'000'000, 3);
    write_bytes(scratch.path / "export-7.bin", bytes);
    auto client = make_client();

    REQUIRE(client.put_file(nginx.url("/inbox/lobby-1/export-7.bin"), scratch.path / "export-7.bin"));
    CHECK(read_text(nginx.root() / "inbox" / "lobby-1" / "export-7.bin") == bytes);
    // Overwriting answers 204 instead of 201; still a success.
    REQUIRE(client.put_file(nginx.url("/inbox/lobby-1/export-7.bin"), scratch.path / "export-7.bin"));
    CHECK_THAT(nginx.access_log("PUT /inbox/lobby-1/export-7.bin 204"),
               Catch::Contains("PUT /inbox/lobby-1/export-7.bin 201 \"linli-kiosk/") &&
                   Catch::Contains("PUT /inbox/lobby-1/export-7.bin 204"));

    // Outside /inbox/ nginx takes no PUT: 405 for a small file, 413 for one over its default
    // 1 MiB body limit. Either way the error names the status.
    write_bytes(scratch.path / "small.bin", "small");
    auto refused = client.put_file(nginx.url("/not-inbox/small.bin"), scratch.path / "small.bin");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::Internal);
    CHECK(refused.error().message == "sync: " + nginx.url("/not-inbox/small.bin") + ": the server answered HTTP 405");
    auto too_large = client.put_file(nginx.url("/not-inbox/export-7.bin"), scratch.path / "export-7.bin");
    REQUIRE_FALSE(too_large);
    CHECK_THAT(too_large.error().message, Catch::EndsWith("the server answered HTTP 413"));
    CHECK_FALSE(fs::exists(nginx.root() / "not-inbox"));

    auto no_file = client.put_file(nginx.url("/inbox/x"), scratch.path / "missing.bin");
    REQUIRE_FALSE(no_file);
    CHECK_THAT(no_file.error().message, Catch::Contains("missing.bin: cannot open"));
}

// [SECTION] Hostile servers: endless data, silence, broken connections ==========================

namespace {

// Answers 200 with a chunked body that never ends, counting what it managed to send.
RawServer::Handler endless_chunked(std::atomic<std::uint64_t>& sent)
{
    return [&sent](int fd, const std::atomic<bool>& stop) {
        if (!RawServer::read_request_head(fd, stop))
            return;
        if (!RawServer::send_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", stop))
            return;
        std::string chunk = "10000\r\n" + std::string(0x10000, 'z') + "\r\n";
        while (RawServer::send_all(fd, chunk, stop))
            sent += chunk.size();
    };
}

}  // namespace

TEST_CASE("http get cuts off an endless body at the limit with bounded memory", "[sync]")
{
    std::atomic<std::uint64_t> sent{0};
    RawServer server(endless_chunked(sent));
    HttpOptions options;
    options.total_timeout_s = 5;  // a client without the limit fails on time instead of hanging
    auto client = make_client(options);

    // Warm up (libcurl, TLS libraries, allocator) so the measurement below sees only the transfer.
    REQUIRE_FALSE(client.get(server.url("/warm-up"), 64 << 10));
    long rss_before = current_rss_kib();
    reset_peak_rss();
    auto start = std::chrono::steady_clock::now();
    auto fetched = client.get(server.url("/manifest.toml"), 1 << 20);
    double elapsed = seconds_since(start);
    long peak_growth_kib = peak_rss_kib() - rss_before;

    REQUIRE_FALSE(fetched);
    CHECK(fetched.error().kind == ErrorKind::Rejected);
    CHECK(fetched.error().message == "sync: " + server.url("/manifest.toml") + ": is longer than 1048576 bytes");
    CHECK(elapsed < 2.0);
    CHECK(peak_growth_kib < 8 * 1024);
    // The server really pushed past the limit, and stopped soon after: the socket buffers hold a
    // few MB at most, an unbounded reader would have taken hundreds in that time.
    CHECK(sent.load() > (1u << 20));
    CHECK(sent.load() < (1u << 20) + (16u << 20));
}

TEST_CASE("http get_to_file cuts off an endless body one byte past the declared length", "[sync]")
{
    std::atomic<std::uint64_t> sent{0};
    RawServer server(endless_chunked(sent));
    ScratchDir scratch;
    HttpOptions options;
    options.total_timeout_s = 5;
    auto client = make_client(options);

    auto start = std::chrono::steady_clock::now();
    auto got = client.get_to_file(server.url("/files/ef56"), scratch.path / "ef56", 1000);
    REQUIRE_FALSE(got);
    CHECK(got.error().kind == ErrorKind::Rejected);
    CHECK_THAT(got.error().message, Catch::EndsWith("is longer than the 1000 bytes declared"));
    CHECK(seconds_since(start) < 2.0);
    CHECK_FALSE(fs::exists(scratch.path / "ef56"));
}

TEST_CASE("http get cuts off endless headers", "[sync]")
{
    RawServer server([](int fd, const std::atomic<bool>& stop) {
        if (!RawServer::read_request_head(fd, stop))
            return;
        if (!RawServer::send_all(fd, "HTTP/1.1 200 OK\r\n", stop))
            return;
        std::string header = "X-Filler: " + std::string(1000, 'h') + "\r\n";
        while (RawServer::send_all(fd, header, stop)) {
        }
    });
    HttpOptions options;
    options.total_timeout_s = 5;
    auto client = make_client(options);
    auto start = std::chrono::steady_clock::now();
    auto fetched = client.get(server.url("/manifest.toml"), 1 << 20);
    REQUIRE_FALSE(fetched);
    CHECK(fetched.error().kind == ErrorKind::Rejected);
    CHECK_THAT(fetched.error().message, Catch::EndsWith("the response headers are longer than 65536 bytes"));
    CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("http get gives up on a server that accepts and never answers", "[sync]")
{
    RawServer silent;  // listens, never accepts, never answers
    auto url = silent.url("/manifest.toml");

    SECTION("total timeout") {
        HttpOptions options;
        options.total_timeout_s = 2;
        auto client = make_client(options);
        auto start = std::chrono::steady_clock::now();
        auto fetched = client.get(url, 1 << 20);
        double elapsed = seconds_since(start);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().kind == ErrorKind::Internal);
        CHECK(fetched.error().message == "sync: " + url + ": timed out after 2 s");
        CHECK(elapsed > 1.5);
        CHECK(elapsed < 5.0);
    }
    SECTION("too slow") {
        HttpOptions options;
        options.low_speed_time_s = 1;
        options.total_timeout_s = 20;
        auto client = make_client(options);
        auto start = std::chrono::steady_clock::now();
        auto fetched = client.get(url, 1 << 20);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().kind == ErrorKind::Internal);
        CHECK(fetched.error().message == "sync: " + url + ": too slow: under 1024 bytes/s for 1 s");
        CHECK(seconds_since(start) < 5.0);  // well before the 20 s total
    }
    SECTION("cancelled from another thread") {
        std::atomic<bool> cancel{false};
        HttpOptions options;
        options.total_timeout_s = 20;
        options.cancel = &cancel;
        auto client = make_client(options);
        std::thread canceller([&] {
            std::this_thread::sleep_for(200ms);
            cancel = true;
        });
        auto start = std::chrono::steady_clock::now();
        auto fetched = client.get(url, 1 << 20);
        double elapsed = seconds_since(start);
        canceller.join();
        REQUIRE_FALSE(fetched);
        CHECK(fetched.error().message == "sync: " + url + ": cancelled");
        // libcurl looks at the flag about once a second while nothing arrives.
        CHECK(elapsed < 5.0);
    }
}

TEST_CASE("http get_to_file reports a body that breaks off as a network failure", "[sync]")
{
    RawServer server([](int fd, const std::atomic<bool>& stop) {
        if (RawServer::read_request_head(fd, stop))
            RawServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + std::string(100, 'p'), stop);
    });
    ScratchDir scratch;
    auto client = make_client();
    auto got = client.get_to_file(server.url("/files/0a"), scratch.path / "0a", 10000);
    REQUIRE_FALSE(got);
    CHECK(got.error().kind == ErrorKind::Internal);
    CHECK_THAT(got.error().message, Catch::Contains("the connection broke off after 100 bytes"));
    CHECK_FALSE(fs::exists(scratch.path / "0a"));
}

TEST_CASE("http errors name an unreachable server without its password", "[sync]")
{
    int port = linli::test::free_local_port();  // nothing listens there
    auto client = make_client();
    auto fetched = client.get("http://admin:s3cret@127.0.0.1:" + std::to_string(port) + "/m.toml", 1024);
    REQUIRE_FALSE(fetched);
    CHECK(fetched.error().kind == ErrorKind::Internal);
    CHECK_THAT(fetched.error().message,
               Catch::StartsWith("sync: http://***@127.0.0.1:" + std::to_string(port) + "/m.toml: could not connect"));
    CHECK_THAT(fetched.error().message, !Catch::Contains("s3cret"));
}
