// Content updates end to end through the kiosk's sync worker: a folder standing in for the USB
// mount point, and a real nginx on 127.0.0.1 for the LAN. The service shows the new content
// without a restart; a bad stick changes nothing and says why; an unchanged bundle costs one
// conditional request; a changed notice costs only its own file.
#include "../bundle/bundle_test_support.hpp"
#include "../sync/nginx_fixture.hpp"

#include "services/backup.hpp"
#include "services/exports.hpp"
#include "services/kiosk_service.hpp"
#include "store/residents_db.hpp"
#include "services/sync_worker.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

using namespace linli;
using namespace linli::bundle::test;
namespace fs = std::filesystem;

namespace {

struct SyncedKiosk {
    TempDir tmp;
    TestKey key{tmp.file("keys")};
    std::string data = tmp.file("data");
    std::string usb_root = tmp.file("media");
    FakeClock clock{k_now * 1000, 0};
    services::KioskConfig config = services::default_kiosk_config();
    std::unique_ptr<services::KioskService> service;

    explicit SyncedKiosk(std::string lan_url = {}, std::string upload_url = {})
    {
        fs::create_directories(usb_root);
        config.id = "lobby-1";
        config.admin_keys = {key.dir + "/sign.pub"};
        config.usb_watch = {usb_root};
        config.lan_url = std::move(lan_url);
        config.upload_url = std::move(upload_url);
        config.interval_s = 3600;
        auto opened = services::KioskService::open_installed(config, data, clock, [this] {
            return services::load_demo(services::default_demo_dir(), clock.now_s());
        });
        REQUIRE(opened);
        service = std::move(*opened);
        auto worker = std::make_unique<services::SyncWorker>(config, data, clock, [] {});
        REQUIRE(worker->start());
        service->attach_sync(std::move(worker));
    }
    ~SyncedKiosk() { service->attach_sync(nullptr); }

    // Polls the model (as frames would) until done(model) or 10 s pass.
    template <typename Done>
    const services::AppModel& wait_for(Done done)
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!done(service->model()) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return service->model();
    }

    // The sync notice once the stick's job is done (or whatever shows after 10 s).
    const services::AppModel& wait_for_result()
    {
        return wait_for([](const services::AppModel& m) { return m.sync.visible && !m.sync.running; });
    }

    // A stick appears at usb_root/label, its linli/ folder filled by prepare(stick root) first.
    void plug_in(const std::string& label, const std::function<void(const std::string&)>& prepare = {})
    {
        std::string staging = tmp.file("staging-" + label);
        fs::create_directories(staging + "/linli");
        if (prepare) prepare(staging);
        fs::rename(staging, usb_root + "/" + label);  // appears at once, as a mount does
    }
    // A stick with linli/bundle/ holding a copy of bundle_dir.
    void insert_stick(const std::string& bundle_dir, const std::string& label = "STICK")
    {
        plug_in(label, [&](const std::string& stick) {
            fs::copy(bundle_dir, stick + "/linli/bundle", fs::copy_options::recursive);
        });
    }
    // A resident's submission waiting for an export.
    void add_record(const std::string& sealed)
    {
        auto db = store::ResidentsDb::open(data + "/residents.db");
        REQUIRE(db);
        REQUIRE(db->add_sealed_record("feedback", "2026-11-25", sealed));
    }
};

// Another stick's backup of lobby-1, copied onto the stick being prepared.
void copy_backup(const std::string& from_stick, const std::string& to_stick)
{
    fs::create_directories(to_stick + "/linli/backup/lobby-1");
    fs::copy(from_stick + "/linli/backup/lobby-1", to_stick + "/linli/backup/lobby-1");
}

size_t count_matches(const std::string& text, const std::string& pattern)
{
    std::regex re(pattern);
    return size_t(std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

}  // namespace

TEST_CASE("a USB stick with a bundle updates the shown content and says the stick may be removed", "[services]")
{
    SyncedKiosk k;
    CHECK(k.service->model().status.content_version == "demo");
    build(demo_folder(), k.key, k.tmp.file("bundle"), 200);
    k.insert_stick(k.tmp.file("bundle"));
    const auto& m = k.wait_for_result();
    CHECK(m.sync.ok);
    CHECK(m.sync.installed);
    CHECK(m.sync.stick_done);
    CHECK_THAT(m.sync.text, Catch::StartsWith("installed version 200"));
    CHECK(m.status.content_version == "200");
    CHECK(m.status.content_source == "bundle (usb)");
    CHECK(m.status.last_sync.source == "usb");
    CHECK_FALSE(m.announcements.empty());
    // The result panel goes away by itself after a few seconds.
    k.clock.advance_ms(11000);
    CHECK_FALSE(k.service->model().sync.visible);
}

TEST_CASE("a USB stick with a tampered bundle changes nothing and shows why", "[services]")
{
    SyncedKiosk k;
    build(demo_folder(), k.key, k.tmp.file("bundle"), 200);
    write_all(k.tmp.file("bundle") + "/manifest.toml", read_all(k.tmp.file("bundle") + "/manifest.toml") + "\n");
    k.insert_stick(k.tmp.file("bundle"));
    const auto& m = k.wait_for_result();
    CHECK_FALSE(m.sync.ok);
    CHECK_THAT(m.sync.text, Catch::Contains("signature does not verify"));
    CHECK(m.status.content_version == "demo");
    REQUIRE_FALSE(m.status.sync_events.empty());
    CHECK_THAT(m.status.sync_events.front().message, Catch::StartsWith("rejected from usb"));
}

TEST_CASE("a USB stick without linli/ is ignored, and one without a bundle installs nothing", "[services]")
{
    SyncedKiosk k;
    fs::create_directories(k.usb_root + "/PHOTOS/DCIM");
    fs::create_directories(k.usb_root + "/EXPORTS-ONLY/linli");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const auto& m = k.service->model();
    CHECK_FALSE(m.sync.visible);
    CHECK(m.status.content_version == "demo");
}

TEST_CASE("LAN sync from a real nginx: install, then a no-change poll is one 304, then only the changed file",
          "[services]")
{
    linli::test::NginxFixture nginx;
    const std::string published = (nginx.root() / "bundle").string();
    SyncedKiosk k(nginx.url("/bundle/"));
    // The first poll ran at start and found nothing (404): the kiosk keeps the demo.
    k.wait_for([](const services::AppModel& m) { return !m.status.last_sync.source.empty(); });
    CHECK(k.service->model().status.content_version == "demo");

    // The administrator publishes, then presses "sync now" on the unlocked admin panel. Their
    // umask keeps their own files private; the bundle is for everyone all the same (nginx's
    // workers are www-data here, and answered 403 to a bundle written 0600).
    const mode_t umask_before = ::umask(077);
    build(demo_folder(), k.key, published, 200);
    ::umask(umask_before);
    for (const auto& entry : fs::recursive_directory_iterator(published)) {
        INFO(entry.path());
        CHECK((fs::status(entry).permissions() & fs::perms::others_read) != fs::perms::none);
    }
    k.service->apply(services::intent::SubmitPin{"1234"});
    REQUIRE(k.service->model().admin.unlocked);
    k.service->apply(services::intent::SyncNow{});
    const auto& installed = k.wait_for([](const services::AppModel& m) { return m.status.content_version == "200"; });
    REQUIRE(installed.status.content_version == "200");
    CHECK(installed.status.content_source == "bundle (lan)");
    CHECK_FALSE(installed.sync.visible);  // LAN syncs stay off the residents' screen
    std::string log = nginx.access_log("GET /bundle/manifest.toml 200");
    const size_t files_first = count_matches(log, "GET /bundle/files/[0-9a-f]+ 200");
    CHECK(files_first >= 20);
    const size_t requests_before = count_matches(log, "\\n");

    // Nothing changed: one request, a 304, and the kiosk notes "up to date".
    k.service->apply(services::intent::SyncNow{});
    k.wait_for([](const services::AppModel& m) { return m.status.last_sync.result == "up to date"; });
    CHECK(k.service->model().status.last_sync.result == "up to date");
    log = nginx.access_log("GET /bundle/manifest.toml 304");
    CHECK(count_matches(log, "\\n") == requests_before + 1);
    CHECK(count_matches(log, "GET /bundle/manifest.toml 304") == 1);

    // One notice changed: the manifest, its signature, the optional key files, and that one file.
    TempDir changed;
    fs::copy(demo_folder(), changed.path(), fs::copy_options::recursive);
    write_all(changed.file("announcements/water-outage.md"),
              read_all(changed.file("announcements/water-outage.md")) + "\n补充：请提前储水。\n");
    build(changed.path().string(), k.key, published, 300, k_now + 60);
    k.service->apply(services::intent::SyncNow{});
    k.wait_for([](const services::AppModel& m) { return m.status.content_version == "300"; });
    REQUIRE(k.service->model().status.content_version == "300");
    log = nginx.access_log("GET /bundle/manifest.sig 200");
    CHECK(count_matches(log, "GET /bundle/files/[0-9a-f]+ 200") == files_first + 1);
    CHECK_THAT(k.service->model().status.last_sync.result, Catch::StartsWith("installed version 300 (1 of"));
}

TEST_CASE("a stick with only linli/ takes the residents' pending data, synced, and says it may be removed",
          "[services]")
{
    SyncedKiosk k;
    k.add_record(std::string(80, 's'));
    k.add_record(std::string(90, 't'));
    k.plug_in("STICK");
    const auto& m = k.wait_for_result();
    CHECK(m.sync.ok);
    CHECK(m.sync.export_only);
    CHECK(m.sync.stick_done);
    CHECK_THAT(m.sync.text, Catch::StartsWith("exported 2 record(s) to " + k.usb_root + "/STICK/linli/exports/"));
    CHECK(m.status.content_version == "demo");  // no bundle on that stick
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(k.usb_root + "/STICK/linli/exports")) {
        ++files;
        auto parsed = services::parse_export(read_all(entry.path().string()), entry.path().string());
        REQUIRE(parsed);
        CHECK(parsed->records.size() == 2);
        CHECK(parsed->kiosk == "lobby-1");
    }
    CHECK(files == 1);
    CHECK(*services::pending_export_records(k.data) == 0);
    // With the export, a backup of residents.db for replacing a broken SD card (backup.hpp).
    const std::string backup = k.usb_root + "/STICK/linli/backup/lobby-1";
    CHECK_THAT(m.sync.text, Catch::EndsWith("; backup written to " + backup));
    auto info = services::parse_backup_info(read_all(backup + "/backup.toml"), backup + "/backup.toml");
    REQUIRE(info);
    CHECK(info->last_export_seq == 1);
    CHECK(info->db_sha256 == crypto::sha256(read_all(backup + "/" + info->db_file)));

    // "Export to USB" with nothing pending writes nothing more and says so.
    k.service->apply(services::intent::SubmitPin{"1234"});
    k.clock.advance_ms(11000);
    k.service->model();
    k.service->apply(services::intent::ExportToUsb{});
    const auto& again = k.wait_for([](const services::AppModel& m) { return m.sync.visible; });
    CHECK(again.sync.export_only);
    CHECK(again.sync.text == "nothing to export");
}

TEST_CASE("a failed backup is reported after the export it follows, which stands", "[services]")
{
    SyncedKiosk k;
    k.add_record(std::string(80, 's'));
    k.plug_in("STICK", [](const std::string& stick) {
        write_all(stick + "/linli/backup", "a file where the backup folder would go");
    });
    const auto& m = k.wait_for_result();
    CHECK(m.sync.ok);  // the residents' data is on the stick: it may be removed
    CHECK_THAT(m.sync.text, Catch::StartsWith("exported 1 record(s) to " + k.usb_root + "/STICK/linli/exports/") &&
                                Catch::Contains("; backup failed: usb: " + k.usb_root + "/STICK/linli/backup: exists and is not a directory"));
    CHECK(*services::pending_export_records(k.data) == 0);
}

TEST_CASE("a stick without a current backup of this kiosk gets one with nothing to export, one with it stays quiet",
          "[services]")
{
    SyncedKiosk k;
    k.add_record(std::string(80, 's'));
    REQUIRE(services::export_to_folder(k.config, k.data, k.tmp.file(""), k_now));  // nothing pending now
    k.plug_in("NEW");
    const auto& m = k.wait_for_result();
    CHECK(m.sync.ok);
    CHECK(m.sync.text == "backup written to " + k.usb_root + "/NEW/linli/backup/lobby-1");
    CHECK(fs::exists(k.usb_root + "/NEW/linli/backup/lobby-1/backup.toml"));
    CHECK_FALSE(fs::exists(k.usb_root + "/NEW/linli/exports"));

    k.clock.advance_ms(11000);
    CHECK_FALSE(k.service->model().sync.visible);
    k.plug_in("OLD", [&](const std::string& stick) { copy_backup(k.usb_root + "/NEW", stick); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK_FALSE(k.service->model().sync.visible);

    // Exports went elsewhere since (a folder here; the LAN on a kiosk): that backup is behind now.
    REQUIRE(services::export_to_folder(k.config, k.data, k.tmp.file(""), k_now));
    k.plug_in("STALE", [&](const std::string& stick) { copy_backup(k.usb_root + "/NEW", stick); });
    const auto& stale = k.wait_for_result();
    CHECK(stale.sync.text == "backup written to " + k.usb_root + "/STALE/linli/backup/lobby-1");
    auto info = services::parse_backup_info(read_all(k.usb_root + "/STALE/linli/backup/lobby-1/backup.toml"));
    REQUIRE(info);
    CHECK(info->last_export_seq == 2);

    // A copy cut short (a stick that lost writes) is replaced too.
    k.clock.advance_ms(11000);
    CHECK_FALSE(k.service->model().sync.visible);
    k.plug_in("TORN", [&](const std::string& stick) {
        copy_backup(k.usb_root + "/STALE", stick);
        write_all(stick + "/linli/backup/lobby-1/" + info->db_file, "half a copy");
    });
    const auto& torn = k.wait_for_result();
    CHECK(torn.sync.text == "backup written to " + k.usb_root + "/TORN/linli/backup/lobby-1");
    auto repaired = services::parse_backup_info(read_all(k.usb_root + "/TORN/linli/backup/lobby-1/backup.toml"));
    REQUIRE(repaired);
    CHECK(repaired->db_sha256 == crypto::sha256(read_all(k.usb_root + "/TORN/linli/backup/lobby-1/" + repaired->db_file)));
}

TEST_CASE("an export-only stick says at once that residents' data is being saved", "[services]")
{
    TempDir tmp;
    const std::string data = tmp.file("data");
    fs::create_directories(data);
    {
        auto db = store::ResidentsDb::open(data + "/residents.db");
        REQUIRE(db);
        REQUIRE(db->add_sealed_record("feedback", "2026-11-25", std::string(80, 's')));
    }
    fs::create_directories(tmp.file("STICK/linli"));
    services::KioskConfig config = services::default_kiosk_config();
    config.id = "lobby-1";
    FakeClock clock{k_now * 1000, 0};
    services::SyncWorker worker(config, data, clock, [] {});
    REQUIRE(worker.start());
    worker.request_usb(tmp.file("STICK/linli"));
    std::vector<services::SyncNotice> notices;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((notices.empty() || notices.back().kind != services::SyncNotice::Kind::Finished) &&
           std::chrono::steady_clock::now() < deadline) {
        for (auto& n : worker.take_notices()) notices.push_back(std::move(n));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    worker.stop();
    REQUIRE(notices.size() == 2);
    CHECK(notices[0].kind == services::SyncNotice::Kind::Started);  // the screen shows it is busy
    CHECK(notices[0].source == "usb");
    CHECK(notices[0].export_only);  // "正在导出居民数据…", not "正在更新内容…"
    CHECK(notices[1].kind == services::SyncNotice::Kind::Finished);
    CHECK(notices[1].ok);
    CHECK(notices[1].stick_done);
}

TEST_CASE("a stick holding a newer backup of another SD card keeps it, and the panel says why", "[services]")
{
    // The old card: three exports, then its backup on the stick the administrator brings.
    TempDir old;
    const std::string old_data = old.file("data");
    fs::create_directories(old_data);
    services::KioskConfig config = services::default_kiosk_config();
    config.id = "lobby-1";
    {
        auto db = store::ResidentsDb::open(old_data + "/residents.db");
        REQUIRE(db);
        for (int seq = 1; seq <= 3; ++seq) {
            REQUIRE(db->add_sealed_record("feedback", "2026-11-25", std::string(80, 'o')));
            REQUIRE(services::export_to_folder(config, old_data, old.file(""), k_now));
        }
    }
    SyncedKiosk k;  // the replacement card, running before its restore
    const std::string backup = k.usb_root + "/STICK/linli/backup/lobby-1";
    const std::string expected = "backup not written: the stick holds a newer backup of lobby-1 from another SD card "
                                 "(export 3, this kiosk's last is 1); restore it first with linli-kiosk --restore, or remove " +
                                 backup;
    k.add_record(std::string(80, 'n'));
    std::string old_toml;
    k.plug_in("STICK", [&](const std::string& stick) {  // the old card's backup on it
        fs::create_directories(stick + "/linli/backup");
        REQUIRE(services::write_backup(config, old_data, stick + "/linli/backup", k_now));
        old_toml = read_all(stick + "/linli/backup/lobby-1/backup.toml");
    });
    const auto& m = k.wait_for_result();
    CHECK(m.sync.ok);  // the export stands: the stick may go
    CHECK_THAT(m.sync.text, Catch::StartsWith("exported 1 record(s) to " + k.usb_root + "/STICK/linli/exports/") &&
                                Catch::EndsWith("; " + expected));
    CHECK(read_all(backup + "/backup.toml") == old_toml);

    // Plugged in again with nothing to export: still said, as a failure the administrator acts on.
    k.clock.advance_ms(11000);
    CHECK_FALSE(k.service->model().sync.visible);
    fs::rename(k.usb_root + "/STICK", k.tmp.file("unplugged"));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    fs::rename(k.tmp.file("unplugged"), k.usb_root + "/STICK");
    const auto& again = k.wait_for([](const services::AppModel& m) { return m.sync.visible && !m.sync.running; });
    CHECK_FALSE(again.sync.ok);
    CHECK(again.sync.text == expected);
    CHECK(read_all(backup + "/backup.toml") == old_toml);
}

TEST_CASE("pending residents' data is uploaded by PUT to a real nginx with each poll, then no longer pending",
          "[services]")
{
    linli::test::NginxFixture nginx;
    build(demo_folder(), TestKey((nginx.root() / "keys").string()), (nginx.root() / "unused").string(), 1);
    SyncedKiosk k(nginx.url("/bundle/"), nginx.url("/inbox/"));
    k.add_record(std::string(80, 's'));
    // The record was added after the first poll began, or before: "sync now" makes sure a poll
    // (and its upload) runs after it.
    k.service->apply(services::intent::SubmitPin{"1234"});
    k.service->apply(services::intent::SyncNow{});
    const std::string uploaded = (nginx.root() / "inbox" / "lobby-1-000001.linli-export").string();
    k.wait_for([&](const services::AppModel&) { return *services::pending_export_records(k.data) == 0; });
    REQUIRE(fs::exists(uploaded));
    if (linli::test::NginxFixture::as_packaged()) {
        // The README's inbox: written by www-data, readable by its group for collect.
        struct stat st {};
        REQUIRE(::stat(uploaded.c_str(), &st) == 0);
        CHECK(st.st_uid == ::getpwnam("www-data")->pw_uid);
        CHECK(st.st_gid == ::getpwnam("www-data")->pw_gid);
        CHECK((st.st_mode & 0777) == 0640);
    }
    CHECK_THAT(nginx.access_log("PUT /inbox/lobby-1-000001.linli-export 201"),
               Catch::Contains("PUT /inbox/lobby-1-000001.linli-export 201"));
    auto parsed = services::parse_export(read_all(uploaded), uploaded);
    REQUIRE(parsed);
    CHECK(parsed->records.size() == 1);
    CHECK(*services::pending_export_records(k.data) == 0);
    CHECK_FALSE(fs::exists(k.data + "/outbox/lobby-1-000001.linli-export"));
}

namespace {

// `linli-admin serve` on 127.0.0.1, as an administrator runs it on the office PC.
struct AdminServe {
    pid_t pid = -1;
    int port = 0;
    std::string log;
    AdminServe(const std::string& bundle, const std::string& inbox, const std::string& log_path) : log(log_path)
    {
        const std::string admin = std::string(LINLI_BINARY_DIR) + "/app/admin/linli-admin";
        REQUIRE(::access(admin.c_str(), X_OK) == 0);
        for (int attempt = 0; attempt < 5 && pid < 0; ++attempt) {
            port = linli::test::free_local_port();
            posix_spawn_file_actions_t actions;
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            posix_spawn_file_actions_adddup2(&actions, 1, 2);
            std::vector<std::string> args = {admin, "serve", bundle, "--port", std::to_string(port), "--bind",
                                             "127.0.0.1", "--inbox", inbox};
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            pid_t child = -1;
            REQUIRE(::posix_spawn(&child, admin.c_str(), &actions, nullptr, argv.data(), environ) == 0);
            posix_spawn_file_actions_destroy(&actions);
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            while (std::chrono::steady_clock::now() < deadline) {
                if (read_all(log).find("serve: Ctrl-C stops") != std::string::npos) {
                    pid = child;
                    break;
                }
                if (::waitpid(child, nullptr, WNOHANG) == child) break;  // port taken: try another
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (pid < 0 && ::kill(child, 0) == 0) {
                ::kill(child, SIGKILL);
                ::waitpid(child, nullptr, 0);
            }
        }
        REQUIRE(pid > 0);
    }
    ~AdminServe()
    {
        ::kill(pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

}  // namespace

TEST_CASE("LAN sync with linli-admin serve: the bundle comes in, the residents' data goes out to its inbox",
          "[services]")
{
    TempDir office;
    const std::string bundle = office.file("bundle"), inbox = office.file("inbox");
    // serve wants a bundle from the start: an older one, signed by a key the kiosk does not
    // trust (refused, logged); the administrator then rebuilds into the same folder while serving.
    build(demo_folder(), TestKey(office.file("old-keys")), bundle, 100);
    AdminServe serve(bundle, inbox, office.file("serve.log"));
    auto k = std::make_unique<SyncedKiosk>(serve.url("/"), serve.url("/inbox/"));
    SyncedKiosk* kiosk = k.get();
    build(demo_folder(), kiosk->key, bundle, 200);
    {
        auto db = store::ResidentsDb::open(kiosk->data + "/residents.db");
        REQUIRE(db);
        REQUIRE(db->add_sealed_record("feedback", "2026-11-25", std::string(70, 'q')));
    }
    kiosk->service->apply(services::intent::SubmitPin{"1234"});
    kiosk->service->apply(services::intent::SyncNow{});
    kiosk->wait_for([&](const services::AppModel& m) {
        return m.status.content_version == "200" && *services::pending_export_records(kiosk->data) == 0;
    });
    CHECK(kiosk->service->model().status.content_version == "200");
    CHECK(*services::pending_export_records(kiosk->data) == 0);
    CHECK(fs::exists(inbox + "/lobby-1-000001.linli-export"));
    CHECK_THAT(read_all(office.file("serve.log")), Catch::Contains("lobby-1"));
}

TEST_CASE("an upload whose answer was lost is sent again byte for byte, and linli-admin serve accepts the repeat",
          "[services]")
{
    TempDir office;
    const std::string bundle = office.file("bundle"), inbox = office.file("inbox");
    TestKey admins(office.file("keys"));
    build(demo_folder(), admins, bundle, 100);
    AdminServe serve(bundle, inbox, office.file("serve.log"));
    // The earlier attempt: prepared into the outbox, delivered to the inbox, never committed.
    std::string data = office.file("data");
    services::KioskConfig config = services::default_kiosk_config();
    config.id = "lobby-1";
    {
        fs::create_directories(data);
        auto db = store::ResidentsDb::open(data + "/residents.db");
        REQUIRE(db);
        // Eight records: a fresh export would come out in another shuffled order (1 in 40,320
        // it would not), which the inbox refuses under the same name.
        for (char c = 'a'; c < 'i'; ++c) REQUIRE(db->add_sealed_record("feedback", "2026-11-25", std::string(64, c)));
        fs::create_directories(data + "/outbox");
        auto prepared = services::prepare_export_in(*db, config, data, data + "/outbox", k_now);
        REQUIRE(prepared);
        fs::create_directories(inbox);
        write_all(inbox + "/" + prepared->name, prepared->bytes);
    }
    // The kiosk comes back and polls: the same bytes again, a 200 for the repeat, then committed.
    config.admin_keys = {admins.dir + "/sign.pub"};
    config.lan_url = serve.url("/");
    config.upload_url = serve.url("/inbox/");
    config.usb_watch = {};
    FakeClock clock{k_now * 1000, 0};
    services::SyncWorker worker(config, data, clock, [] {});
    REQUIRE(worker.start());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (*services::pending_export_records(data) != 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    worker.stop();
    CHECK(*services::pending_export_records(data) == 0);
    CHECK_FALSE(fs::exists(data + "/outbox/lobby-1-000001.linli-export"));
    size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(inbox)) ++files;
    CHECK(files == 1);
}
