// The event loop driven directly on a headless display: an idle kiosk draws nothing, a touch
// wakes it at once, a drag never presses the tile it started on, idle reset goes home.
#include "../bundle/bundle_test_support.hpp"
#include "../scoped_time_zone.hpp"
#include "../support/headless_kiosk.hpp"
#include "kiosk/kiosk_app.hpp"
#include "input/ui_script.hpp"
#include "kiosk/script_runner.hpp"
#include "platform/cage_session.hpp"
#include "platform/journal_log.hpp"
#include "core/log.hpp"
#include <sys/stat.h>
#include "services/content_source.hpp"
#include "services/kiosk_config.hpp"
#include "store/residents_db.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <SDL.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <csignal>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>
#include <random>

using namespace linli;
using platform::InputKind;
using test::demo_kiosk;
using test::HeadlessKiosk;
using test::k_start_ms;

namespace {

// A kiosk on its installed content (the demo until a bundle comes) with its sync worker running,
// watching config.usb_watch as on a Pi.
std::unique_ptr<services::KioskService> kiosk_with_sync(const services::KioskConfig& config, const std::string& data_dir,
                                                        const Clock& clock)
{
    auto opened = services::KioskService::open_installed(config, data_dir, clock, [&] {
        return services::load_demo(services::default_demo_dir(), clock.now_s());
    });
    REQUIRE(opened);
    auto worker = std::make_unique<services::SyncWorker>(config, data_dir, clock, [] {});
    REQUIRE(worker->start());
    (*opened)->attach_sync(std::move(worker));
    return std::move(*opened);
}

}  // namespace

TEST_CASE("an idle kiosk draws no frames and wakes at once on a touch", "[kiosk]")
{
    HeadlessKiosk k;
    uint64_t frames = k.app->frames_drawn();
    REQUIRE(frames > 0);
    REQUIRE(k.runner->advance(30000).has_value());
    CHECK(k.app->frames_drawn() == frames);
    // The loop would sleep until the clock's next minute, not spin.
    CHECK(k.app->wait_ms() > 20000);

    k.app->pointer(InputKind::PointerDown, 640, 360);
    CHECK(k.app->wait_ms() == 0);
    auto drew = k.app->tick(true);
    REQUIRE(drew.has_value());
    CHECK(drew.value());
}

TEST_CASE("the clock on screen is redrawn once a minute", "[kiosk]")
{
    HeadlessKiosk k;
    uint64_t frames = k.app->frames_drawn();
    REQUIRE(k.runner->advance(59000).has_value());
    CHECK(k.app->frames_drawn() == frames + 1);
}

TEST_CASE("a drag that starts on a tile does not open it, a tap does", "[kiosk]")
{
    HeadlessKiosk k;
    const ui::Control* tile = k.control("公告");
    REQUIRE(tile);
    ImVec2 c = tile->rect.center();
    k.app->pointer(InputKind::PointerDown, c.x, c.y);
    REQUIRE(k.runner->advance(50).has_value());
    for (int i = 1; i <= 10; ++i) {
        k.app->pointer(InputKind::PointerMove, c.x, c.y - float(i) * 10);
        REQUIRE(k.runner->advance(16).has_value());
    }
    k.app->pointer(InputKind::PointerUp, c.x, c.y - 100);
    REQUIRE(k.runner->settle().has_value());
    CHECK(k.app->ui().route().name == "home");

    k.app->pointer(InputKind::PointerDown, c.x, c.y);
    REQUIRE(k.runner->advance(60).has_value());
    k.app->pointer(InputKind::PointerUp, c.x + 3, c.y + 2);
    REQUIRE(k.runner->settle().has_value());
    CHECK(k.app->ui().route().name == "announcements");
}

TEST_CASE("idle: attract loop, then reset to home with preferences back to default", "[kiosk]")
{
    HeadlessKiosk k;
    REQUIRE(k.app->ui().go_to("announcements").has_value());
    // A resident chose 特大 and high contrast with the footer's buttons.
    auto choose = input::parse_ui_script("tap \"字号\"\ntap \"字号\"\ntap \"高对比度\"\nexpect \"字号 特大\"\n", "test");
    REQUIRE(choose);
    REQUIRE(k.runner->run(*choose).has_value());
    CHECK(k.service->model().text_size == TextSize::ExtraLarge);
    CHECK(k.service->model().theme == Theme::HighContrast);
    REQUIRE(k.runner->settle().has_value());
    REQUIRE(k.runner->advance(61000).has_value());
    CHECK(k.app->ui().attract());
    CHECK(k.app->ui().route().name == "announcements");
    REQUIRE(k.runner->advance(60000).has_value());
    CHECK(k.app->ui().route().name == "home");
    // The next resident starts from the kiosk's defaults.
    CHECK(k.service->model().text_size == TextSize::Standard);
    CHECK(k.service->model().theme == Theme::Normal);
}

TEST_CASE("what residents write never grows the glyph atlas past 2048x2048 (passing glyphs are dropped)", "[kiosk]")
{
    HeadlessKiosk k;
    REQUIRE(k.app->render(false).has_value());
    const size_t lasting = k.fonts->glyph_count();
    // As if residents had typed and seen candidates for 3,000 different characters.
    std::vector<char32_t> many;
    for (char32_t c = 0x4E00; c < 0x4E00 + 3000; ++c) many.push_back(c);
    CHECK(k.fonts->add_code_points(ui::Title, many, platform::FontAtlas::Glyphs::Passing));
    CHECK(k.fonts->passing_count() > 2900);  // a few were the interface's already
    REQUIRE(k.app->render(false).has_value());
    CHECK(k.fonts->passing_count() < 800);
    CHECK(k.fonts->glyph_count() < lasting + 800);
    CHECK(k.fonts->texture_width() <= 2048);
    CHECK(k.fonts->texture_height() <= 2048);
    CHECK(k.fonts->trimmed_sizes() == 0);
    // The lasting glyphs (the interface, the content) are all still there.
    std::vector<char32_t> home = {U'意', U'见', U'箱'};
    CHECK_FALSE(k.fonts->add_code_points(ui::Title, home));
}

TEST_CASE("a USB stick's update shows progress over the screen, then the result, then goes away", "[kiosk]")
{
    bundle::test::TempDir keys;
    bundle::test::TestKey key(keys.file("keys"));
    bundle::test::build(bundle::test::demo_folder(), key, keys.file("bundle"), 200);
    std::string usb_root;
    HeadlessKiosk k([&](const std::string& dir, const Clock& clock) {
        services::KioskConfig config = services::default_kiosk_config();
        config.id = "lobby-1";
        config.admin_keys = {key.dir + "/sign.pub"};
        usb_root = dir + "/media";
        std::filesystem::create_directories(usb_root);
        config.usb_watch = {usb_root};
        return kiosk_with_sync(config, dir + "/data", clock);
    });
    REQUIRE(k.app->ui().go_to("announcements").has_value());
    REQUIRE(k.runner->settle().has_value());
    CHECK_FALSE(k.shows("内容已更新"));

    std::filesystem::create_directories(k.dir / "stick" / "linli");
    std::filesystem::copy(keys.file("bundle"), k.dir / "stick" / "linli" / "bundle", std::filesystem::copy_options::recursive);
    std::filesystem::rename(k.dir / "stick", usb_root + "/STICK");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!k.shows("内容已更新") && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        REQUIRE(k.app->render(true).has_value());
    }
    CHECK(k.shows("内容已更新"));
    CHECK(k.shows("现在可以拔出U盘"));
    CHECK(k.service->model().status.content_version == "200");
    // Kept for a person to look at (the script tests' pictures are beside it).
    const std::string out = std::string(LINLI_BINARY_DIR) + "/tests/kiosk/out";
    std::filesystem::create_directories(out);
    REQUIRE(k.display->write_png(out + "/usb-update-result.png").has_value());
    // A tap on the panel does not open anything underneath, and the panel leaves by itself.
    REQUIRE(k.runner->advance(11000).has_value());
    REQUIRE(k.app->render(true).has_value());
    CHECK_FALSE(k.shows("内容已更新"));
}

TEST_CASE("a stick that only collects residents' data says it is saving it, not updating content", "[kiosk]")
{
    std::string usb_root;
    HeadlessKiosk k([&](const std::string& dir, const Clock& clock) {
        services::KioskConfig config = services::default_kiosk_config();
        config.id = "lobby-1";
        usb_root = dir + "/media";
        std::filesystem::create_directories(usb_root);
        config.usb_watch = {usb_root};
        // Enough records that the export and the backup take a while (frames keep coming).
        std::filesystem::create_directories(dir + "/data");
        auto db = store::Database::open(dir + "/data/residents.db");
        REQUIRE(db);
        REQUIRE(store::ResidentsDb::open(dir + "/data/residents.db"));  // the schema
        REQUIRE(db->exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                         "INSERT INTO record (id, kind, day, sealed, hold_until_s) "
                         "SELECT randomblob(16), 'feedback', '2026-11-25', randomblob(300), 0 FROM n"));
        return kiosk_with_sync(config, dir + "/data", clock);
    });
    REQUIRE(k.app->ui().go_to("announcements").has_value());
    REQUIRE(k.runner->settle().has_value());

    std::filesystem::create_directories(k.dir / "stick" / "linli");
    std::filesystem::rename(k.dir / "stick", usb_root + "/STICK");
    const std::string out = std::string(LINLI_BINARY_DIR) + "/tests/kiosk/out";
    std::filesystem::create_directories(out);
    bool saw_saving = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!k.shows("居民数据已导出") && std::chrono::steady_clock::now() < deadline) {
        REQUIRE(k.app->render(true).has_value());
        if (!saw_saving && k.shows("正在导出居民数据…")) {
            saw_saving = true;
            CHECK(k.shows("请不要拔出U盘"));
            REQUIRE(k.display->write_png(out + "/usb-export-running.png").has_value());
        }
        CHECK_FALSE(k.shows("正在更新内容…"));  // no content is read from such a stick
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(saw_saving);
    CHECK(k.shows("居民数据已导出"));
    CHECK(k.shows("现在可以拔出U盘"));
}

namespace {

// A datagram socket standing in for systemd's NOTIFY_SOCKET; collects what the kiosk says.
// How many READY=1 (with or without a STATUS= after it) and WATCHDOG=1 systemd would have got.
std::pair<int, int> count_ready_and_pings(const std::vector<std::string>& messages)
{
    int ready = 0, pings = 0;
    for (const auto& m : messages) {
        if (m.starts_with("READY=1")) ++ready;
        if (m == "WATCHDOG=1") ++pings;
    }
    return {ready, pings};
}

struct FakeNotifySocket {
    std::string path;
    int fd = -1;
    FakeNotifySocket()
    {
        path = (std::filesystem::temp_directory_path() / ("linli-notify-" + std::to_string(std::random_device{}()))).string();
        fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        int on = 1;  // every message carries its sender's PID (messages_with_sender)
        ::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    }
    ~FakeNotifySocket()
    {
        ::close(fd);
        ::unlink(path.c_str());
    }
    std::vector<std::string> messages()
    {
        std::vector<std::string> out;
        for (auto& [message, pid] : messages_with_sender()) out.push_back(message);
        return out;
    }
    // Each message with the PID that sent it (the kernel's SCM_CREDENTIALS), as systemd sees it:
    // it takes notifications only from the service's main process (NotifyAccess=main).
    std::vector<std::pair<std::string, pid_t>> messages_with_sender()
    {
        std::vector<std::pair<std::string, pid_t>> out;
        for (;;) {
            char buffer[4096];
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
            iovec data{buffer, sizeof buffer};
            msghdr header{};
            header.msg_iov = &data;
            header.msg_iovlen = 1;
            header.msg_control = control;
            header.msg_controllen = sizeof control;
            ssize_t n = ::recvmsg(fd, &header, MSG_DONTWAIT);
            if (n <= 0) break;
            pid_t sender = 0;
            for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c))
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
                    sender = reinterpret_cast<ucred*>(CMSG_DATA(c))->pid;
            out.emplace_back(std::string(buffer, size_t(n)), sender);
        }
        return out;
    }
};

}  // namespace

TEST_CASE("under systemd the loop says READY after the first frame and pings the watchdog while idle", "[kiosk]")
{
    FakeNotifySocket notify;
    ::setenv("NOTIFY_SOCKET", notify.path.c_str(), 1);
    ::setenv("WATCHDOG_USEC", "200000", 1);  // a ping at least every 100 ms
    ::unsetenv("WATCHDOG_PID");
    platform::ServiceManager manager;
    struct Unset {  // sd_notify reads NOTIFY_SOCKET at every call
        ~Unset() { ::unsetenv("NOTIFY_SOCKET"), ::unsetenv("WATCHDOG_USEC"); }
    } unset;
    REQUIRE(manager.under_systemd());
    CHECK(manager.watchdog_interval_ms() == 100);

    HeadlessKiosk k;
    platform::EventPump pump(k.display->driver_can_wait(), true);
    std::thread quitter([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        SDL_Event quit{};
        quit.type = SDL_QUIT;
        SDL_PushEvent(&quit);
    });
    auto ran = k.app->run(pump, &manager);
    quitter.join();
    REQUIRE(ran.has_value());
    auto messages = notify.messages();
    REQUIRE_FALSE(messages.empty());
    auto [ready, pings] = count_ready_and_pings(messages);
    CHECK(ready == 1);
    CHECK(pings >= 4);  // 700 ms at one ping per 100 ms, with room for a slow machine
    CHECK(messages.back() == "STOPPING=1");
}

TEST_CASE("cage mode: the launcher passes the inner kiosk's READY, STATUS and pings on to systemd", "[kiosk]")
{
    // Under PAMName= systemd hears only the service's main process, here the launcher: the kiosk
    // under cage must reach it through the launcher's relay. A stand-in "cage" runs the real
    // kiosk offscreen; what matters is what arrives on systemd's (here our) notify socket.
    if (::access("/usr/bin/Xwayland", X_OK) != 0) {
        WARN("skipped: no Xwayland (the cage mode refuses to start without it)");
        return;
    }
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("linli-cage-relay-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir / "bin");
    {
        std::ofstream cage(dir / "bin" / "cage");
        cage << "#!/bin/sh\n# stands in for cage: runs the program after -- on the offscreen driver\n"
                "while [ \"$#\" -gt 0 ] && [ \"$1\" != -- ]; do shift; done; shift\n"
                "SDL_VIDEODRIVER=offscreen exec \"$@\"\n";
    }
    std::filesystem::permissions(dir / "bin" / "cage", std::filesystem::perms::owner_all);
    const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
    FakeNotifySocket notify;
    ::setenv("PATH", ((dir / "bin").string() + ":" + old_path).c_str(), 1);
    ::setenv("NOTIFY_SOCKET", notify.path.c_str(), 1);
    ::setenv("WATCHDOG_USEC", "200000", 1);  // the kiosk pings every 100 ms
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    struct Restore {
        std::string path;
        std::filesystem::path dir;
        ~Restore()
        {
            ::setenv("PATH", path.c_str(), 1);
            ::unsetenv("NOTIFY_SOCKET"), ::unsetenv("WATCHDOG_USEC"), ::unsetenv("WATCHDOG_PID");
            std::filesystem::remove_all(dir);
        }
    } restore{old_path, dir};

    // Once READY=1 is in and some pings followed, stop the kiosk as systemd would (SIGTERM).
    std::vector<std::string> heard;
    std::vector<pid_t> senders;
    auto listen = [&] {
        for (auto& [message, pid] : notify.messages_with_sender()) heard.push_back(message), senders.push_back(pid);
    };
    std::thread stopper([&] {
        auto ready = [&] {
            return std::any_of(heard.begin(), heard.end(), [](const std::string& m) { return m.starts_with("READY=1"); });
        };
        for (int i = 0; i < 300 && !ready(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            listen();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        std::ifstream children("/proc/self/task/" + std::to_string(::getpid()) + "/children");
        pid_t child = 0;
        while (children >> child) ::kill(child, SIGTERM);
    });
    auto code = platform::run_inside_cage({"--data-dir", (dir / "data").string()}, LINLI_KIOSK_BINARY);
    stopper.join();
    listen();
    REQUIRE(code.has_value());
    // Every message came from the launcher (this process), none straight from the kiosk.
    CHECK(std::all_of(senders.begin(), senders.end(), [](pid_t pid) { return pid == ::getpid(); }));
    CHECK(*code == 0);  // a stop, reported by the inner kiosk through the launcher
    auto [ready, pings] = count_ready_and_pings(heard);
    CHECK(ready == 1);
    CHECK(pings >= 3);  // 600 ms at one ping per 100 ms, with room for a slow machine
    REQUIRE_FALSE(heard.empty());
    CHECK(heard.back() == "STOPPING=1");
}

TEST_CASE("the screen goes dark by the schedule, and a touch only lights it", "[kiosk]")
{
    // 10:00 Beijing time is inside a 09:00-11:00 window.
    linli::test::ScopedTimeZone beijing;
    HeadlessKiosk k([](const std::string& dir, const Clock& clock) {
        services::KioskConfig config = services::default_kiosk_config();
        config.screen_off = services::ScreenOffWindow{9 * 60, 11 * 60};
        auto opened = services::KioskService::open(config, dir, clock);
        REQUIRE(opened);
        return std::move(*opened);
    });
    // Just started: lit for the first two minutes, like after a touch.
    CHECK_FALSE(k.service->model().status.screen_off_by_schedule);
    const ui::Control* tile = k.control("公告");
    REQUIRE(tile);
    const ImVec2 c = tile->rect.center();
    // A resident switched to English, then left; the screen goes dark before idle reset would run.
    k.service->apply(services::intent::ToggleLanguage{});
    REQUIRE(k.runner->advance(121000).has_value());
    CHECK(k.service->model().status.screen_off_by_schedule);
    const uint64_t frames = k.app->frames_drawn();
    REQUIRE(k.runner->advance(60000).has_value());
    CHECK(k.app->frames_drawn() == frames);  // dark: nothing drawn

    // A tap on a tile wakes the screen without opening the tile.
    REQUIRE(k.app->ui().route().name == "home");
    auto tap = input::parse_ui_script("tap-xy " + std::to_string(int(c.x)) + " " + std::to_string(int(c.y)) + "\n", "test");
    REQUIRE(tap);
    REQUIRE(k.runner->run(*tap).has_value());
    CHECK_FALSE(k.service->model().status.screen_off_by_schedule);
    CHECK(k.app->ui().route().name == "home");
    CHECK(k.app->frames_drawn() > frames);
    // Lit, it shows the attract loop as after any idle spell, with the last resident's choices
    // gone: the next tap leaves it, and the one after opens what is under the finger.
    CHECK(k.app->ui().attract());
    CHECK(k.service->model().language == Language::Chinese);
    REQUIRE(k.runner->run(*tap).has_value());
    CHECK_FALSE(k.app->ui().attract());
    REQUIRE(k.runner->run(*tap).has_value());
    CHECK(k.app->ui().route().name == "announcements");
}

TEST_CASE("on a screen hung in portrait, a touch opens the tile under the finger", "[kiosk]")
{
    // A 1280x720 panel turned a quarter clockwise: the UI is 720 wide and 1280 tall.
    HeadlessKiosk k({}, 90);
    CHECK(k.display->width() == 720);
    CHECK(k.display->height() == 1280);
    CHECK(ImGui::GetIO().DisplaySize.x == 720);
    // The panel's edge pixels land on the UI's edge pixels, not one past them.
    for (Point2 corner : {Point2{0, 0}, Point2{1279, 719}, Point2{0, 719}, Point2{1279, 0}}) {
        Point2 at = k.display->to_logical(corner.x, corner.y);
        CHECK((at.x >= 0 && at.x < 720 && at.y >= 0 && at.y < 1280));
    }
    const ui::Control* tile = k.control("财务公示");
    REQUIRE(tile);
    // The finger lands on the panel where the turned picture shows the tile; SDL reports panel
    // pixels, as the touchscreen does, and the real event loop takes it from there.
    const Point2 at = k.display->rotation().to_physical({tile->rect.center().x, tile->rect.center().y});
    const Point2 upright{tile->rect.center().x, tile->rect.center().y};
    REQUIRE((at.x != upright.x || at.y != upright.y));  // otherwise this would not test the mapping
    for (Uint32 type : {Uint32(SDL_MOUSEBUTTONDOWN), Uint32(SDL_MOUSEBUTTONUP)}) {
        SDL_Event e{};
        e.type = type;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.x = int(at.x);
        e.button.y = int(at.y);
        SDL_PushEvent(&e);
    }
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    std::thread quitter([&quit] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        SDL_PushEvent(&quit);
    });
    platform::EventPump pump(k.display->driver_can_wait(), true);
    auto ran = k.app->run(pump, nullptr);
    quitter.join();
    REQUIRE(ran.has_value());
    CHECK(k.app->ui().route().name == "finance");
}

TEST_CASE("log lines go to the journal only when stderr is the journal's stream", "[kiosk]")
{
    ::unsetenv("JOURNAL_STREAM");
    CHECK_FALSE(platform::log_to_journal_if_connected());
    ::setenv("JOURNAL_STREAM", "1:2", 1);  // another stream: a child of the service, say
    CHECK_FALSE(platform::log_to_journal_if_connected());
    struct stat st {};
    REQUIRE(::fstat(2, &st) == 0);
    ::setenv("JOURNAL_STREAM", (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)).c_str(), 1);
    CHECK(platform::log_to_journal_if_connected());
    linli::log_line(LogLevel::Info, "test", "journal", "a line for the journal (lost without one: harmless)");
    linli::set_log_sink(nullptr);
    ::unsetenv("JOURNAL_STREAM");
}

