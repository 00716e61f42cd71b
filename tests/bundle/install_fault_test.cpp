// The install fault table (SQLite's `*fault` style, SECURITY.md U1-U10): each row damages a good
// bundle in one way and names the error the kiosk must give. Every refused row must leave what
// the kiosk has installed byte-identical; the rows that are harmless (an unlisted extra file)
// must install.
#include "bundle_test_support.hpp"

#include "bundle/manifest.hpp"
#include "bundle/source.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <functional>

using namespace linli;
using namespace linli::bundle;
using namespace linli::bundle::test;
namespace fs = std::filesystem;

namespace {

// The stored name of the bundle's file for a content path.
std::string stored_path(const std::string& bundle_dir, const Manifest& m, const std::string& path)
{
    for (const ManifestFile& f : m.files)
        if (f.path == path) return bundle_dir + "/" + stored_name(f.sha256);
    FAIL("no such path in the manifest: " << path);
    return {};
}

void flip_bit(const std::string& path, size_t byte, int bit)
{
    std::string data = read_all(path);
    REQUIRE(byte < data.size());
    data[byte] = static_cast<char>(data[byte] ^ (1 << bit));
    write_all(path, data);
}

// Flips the lowest bit of the value of the hex digit at byte: a 1-bit change of the signature or
// key it belongs to (flipping a bit of the character itself could make it no hex digit at all).
void flip_hex_bit(const std::string& path, size_t byte)
{
    std::string data = read_all(path);
    REQUIRE(byte < data.size());
    const char c = data[byte];
    int value = c >= 'a' ? c - 'a' + 10 : c - '0';
    REQUIRE((value >= 0 && value < 16));
    value ^= 1;
    data[byte] = static_cast<char>(value < 10 ? '0' + value : 'a' + value - 10);
    write_all(path, data);
}

// The byte offset of the first occurrence of needle in the file.
size_t offset_of(const std::string& path, std::string_view needle)
{
    size_t at = read_all(path).find(needle);
    REQUIRE(at != std::string::npos);
    return at;
}

void replace_in(const std::string& path, std::string_view from, std::string_view to)
{
    std::string data = read_all(path);
    size_t at = data.find(from);
    REQUIRE(at != std::string::npos);
    data.replace(at, from.size(), to);
    write_all(path, data);
}

struct Fixture {
    TempDir tmp;
    TestKey key{tmp.file("keys")};
    TestKey stranger{tmp.file("stranger-keys")};
    std::string data = tmp.file("data");
    std::string v1 = tmp.file("bundle-v1");
    std::string v2 = tmp.file("bundle-v2");
    Manifest m2;

    Fixture()
    {
        // Version 1 differs from the demo in the files the table damages, so the kiosk must
        // fetch them for version 2 (unchanged files come from its own store, never re-read).
        TempDir older;
        fs::copy(demo_folder(), older.path(), fs::copy_options::recursive);
        for (const char* path : {"board.toml", "finance/ledger.csv", "announcements/water-outage.md"})
            write_all(older.file(path), read_all(older.file(path)) + "\n");
        build(older.path().string(), key, v1, 100);
        auto installed = install_bundle(*std::make_unique<DirectorySource>(v1), target_for(data, key));
        REQUIRE(installed);
        m2 = build(demo_folder(), key, v2, 200, k_now + 60).manifest;
    }
};

struct FaultRow {
    const char* name;
    std::function<void(Fixture&)> damage;  // applied to bundle-v2 (or the install target)
    const char* expected;                  // a part of the error; nullptr: must install
    int64_t now_s = k_now + 120;
    const char* kiosk_id = "lobby-1";
};

const FaultRow k_rows[] = {
    {"1-bit flip in the manifest's version", [](Fixture& f) { flip_bit(f.v2 + "/manifest.toml", offset_of(f.v2 + "/manifest.toml", "version = 2") + 10, 0); },
     "signature does not verify"},
    {"1-bit flip in a listed hash", [](Fixture& f) { flip_bit(f.v2 + "/manifest.toml", offset_of(f.v2 + "/manifest.toml", "sha256 = \"") + 12, 1); },
     "signature does not verify"},
    {"1-bit flip in a path", [](Fixture& f) { flip_bit(f.v2 + "/manifest.toml", offset_of(f.v2 + "/manifest.toml", "announcements/") + 3, 2); },
     "signature does not verify"},
    {"1-bit flip in the signature", [](Fixture& f) { flip_hex_bit(f.v2 + "/manifest.sig", 8 + 65 + 10); },
     "signature does not verify"},
    {"1-bit flip in the signer's key", [](Fixture& f) { flip_hex_bit(f.v2 + "/manifest.sig", 8 + 5); },
     "does not trust"},
    {"1-bit flip in an announcement file", [](Fixture& f) { flip_bit(stored_path(f.v2, f.m2, "announcements/water-outage.md"), 40, 3); },
     "does not match the manifest's hash"},
    {"1-bit flip in the ledger", [](Fixture& f) { flip_bit(stored_path(f.v2, f.m2, "finance/ledger.csv"), 100, 0); },
     "does not match the manifest's hash"},
    {"signed by a key the kiosk does not trust", [](Fixture& f) { resign(f.v2, f.stranger); }, "does not trust"},
    {"no signature", [](Fixture& f) { fs::remove(f.v2 + "/manifest.sig"); }, "not signed"},
    {"empty signature file", [](Fixture& f) { write_all(f.v2 + "/manifest.sig", ""); }, "no signature"},
    {"no manifest", [](Fixture& f) { fs::remove(f.v2 + "/manifest.toml"); }, "not a Linli bundle"},
    {"rollback to an older version", [](Fixture& f) { fs::remove_all(f.v2); build(demo_folder(), f.key, f.v2, 50, k_now + 60); },
     "older than the installed version 100"},
    {"the installed version again, rebuilt", [](Fixture& f) { fs::remove_all(f.v2); build(demo_folder(), f.key, f.v2, 100, k_now + 60); },
     "already installed"},
    {"expired, with the kiosk's clock set back a year",
     [](Fixture& f) { fs::remove_all(f.v2); build(demo_folder(), f.key, f.v2, 300, k_now - 400 * 86400, {}, 60); },
     "expired", k_now - 365 * 86400},
    {"for other kiosks", [](Fixture& f) { fs::remove_all(f.v2); build(demo_folder(), f.key, f.v2, 300, k_now + 60, {"lobby-2", "lobby-3"}); },
     "meant for other kiosks"},
    {"a listed file missing", [](Fixture& f) { fs::remove(stored_path(f.v2, f.m2, "board.toml")); }, "missing"},
    {"a listed file truncated", [](Fixture& f) {
         std::string path = stored_path(f.v2, f.m2, "finance/ledger.csv");
         write_all(path, read_all(path).substr(0, 200));
     }, "truncated"},
    {"a listed file longer than listed", [](Fixture& f) {
         std::string path = stored_path(f.v2, f.m2, "finance/ledger.csv");
         write_all(path, read_all(path) + "2026-11-01,income,x,y,1.00,\n");
     }, "longer than"},
    {"a file renamed", [](Fixture& f) {
         std::string path = stored_path(f.v2, f.m2, "board.toml");
         fs::rename(path, f.v2 + "/files/renamed");
     }, "missing"},
    {"an extra, unlisted file (never read)", [](Fixture& f) { write_all(f.v2 + "/files/" + std::string(64, 'a'), "junk"); },
     nullptr},
    {"a listed file replaced by a symbolic link to it", [](Fixture& f) {
         std::string path = stored_path(f.v2, f.m2, "board.toml");
         fs::rename(path, f.tmp.file("outside"));
         fs::create_symlink(f.tmp.file("outside"), path);
     }, "symbolic link"},
    {"files/ is a symbolic link", [](Fixture& f) {
         fs::rename(f.v2 + "/files", f.tmp.file("files-elsewhere"));
         fs::create_directory_symlink(f.tmp.file("files-elsewhere"), f.v2 + "/files");
     }, "symbolic link"},
    {"manifest.toml is a symbolic link", [](Fixture& f) {
         fs::rename(f.v2 + "/manifest.toml", f.tmp.file("manifest-elsewhere"));
         fs::create_symlink(f.tmp.file("manifest-elsewhere"), f.v2 + "/manifest.toml");
     }, "symbolic link"},
    {"a listed file is a named pipe", [](Fixture& f) {
         std::string path = stored_path(f.v2, f.m2, "board.toml");
         fs::remove(path);
         REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
     }, "not a regular file"},
    {"manifest over the size limit", [](Fixture& f) {
         write_all(f.v2 + "/manifest.toml", read_all(f.v2 + "/manifest.toml") + std::string(k_max_manifest_bytes, '#'));
     }, "larger than"},
    {"signed manifest with a .. path", [](Fixture& f) {
         replace_in(f.v2 + "/manifest.toml", "path = \"board.toml\"", "path = \"../../etc/passwd\"");
         resign(f.v2, f.key);
     }, "not a plain relative path"},
    {"signed manifest with an absolute path", [](Fixture& f) {
         replace_in(f.v2 + "/manifest.toml", "path = \"board.toml\"", "path = \"/etc/passwd\"");
         resign(f.v2, f.key);
     }, "not a plain relative path"},
    {"signed manifest of an unknown format", [](Fixture& f) {
         replace_in(f.v2 + "/manifest.toml", "format = 1", "format = 2");
         resign(f.v2, f.key);
     }, "format 2 is not known"},
    {"signed manifest listing a path twice", [](Fixture& f) {
         std::string text = read_all(f.v2 + "/manifest.toml");
         size_t at = text.find("[[file]]");
         size_t next = text.find("[[file]]", at + 1);
         write_all(f.v2 + "/manifest.toml", text + "\n" + text.substr(at, next - at));
         resign(f.v2, f.key);
     }, "listed twice"},
    {"signed bundle whose content has a problem", [](Fixture& f) {
         TempDir content;
         fs::copy(demo_folder(), content.path(), fs::copy_options::recursive);
         write_all(content.file("announcements/broken.md"), "+++\npublish = 2026-11-01\n+++\nNo title.\n");
         // build_bundle refuses such a folder; forge the bundle as a careless tool might.
         fs::remove(content.file("announcements/broken.md"));
         fs::remove_all(f.v2);
         Manifest m = build(content.path().string(), f.key, f.v2, 300, k_now + 60).manifest;
         std::string broken = "+++\npublish = 2026-11-01\n+++\nNo title.\n";
         crypto::Sha256 hash = crypto::sha256(broken);
         write_all(f.v2 + "/" + stored_name(hash), broken);
         m.files.push_back({"announcements/broken.md", static_cast<int64_t>(broken.size()), hash});
         std::sort(m.files.begin(), m.files.end(), [](auto& a, auto& b) { return a.path < b.path; });
         write_all(f.v2 + "/manifest.toml", write_manifest(m));
         resign(f.v2, f.key);
     }, "announcements/broken.md:"},
    {"key rotation signed by a stranger", [](Fixture& f) {
         KeyRotation rotation{1, k_now, {f.stranger.public_key}};
         write_all(f.v2 + "/keys.toml", write_key_rotation(rotation));
         write_all(f.v2 + "/keys.sig", signature_line(read_all(f.v2 + "/keys.toml"), f.stranger.public_key, f.stranger.secret));
         resign(f.v2, f.stranger);
     }, "keys.sig: signed by a key this kiosk does not trust"},
    {"keys.toml without keys.sig", [](Fixture& f) {
         write_all(f.v2 + "/keys.toml", write_key_rotation({1, k_now, {f.stranger.public_key}}));
     }, "keys.sig: missing"},
};

}  // namespace

TEST_CASE("install fault table: every damaged bundle is refused with its reason and changes nothing", "[bundle]")
{
    for (const FaultRow& row : k_rows) {
        DYNAMIC_SECTION(row.name)
        {
            Fixture f;
            const InstalledFingerprint before = fingerprint(f.data);
            REQUIRE(before.version == 100);
            row.damage(f);
            DirectorySource source(f.v2);
            auto result = install_bundle(source, target_for(f.data, f.key, row.now_s, row.kiosk_id));
            if (row.expected) {
                REQUIRE_FALSE(result);
                CHECK(result.error().kind == ErrorKind::Rejected);
                CHECK_THAT(result.error().message, Catch::Contains(row.expected));
                CHECK(result.error().message.find('\n') == std::string::npos);
                CHECK(fingerprint(f.data) == before);
            } else {
                REQUIRE(result);
                CHECK(fingerprint(f.data).version == 200);
            }
            CHECK_FALSE(fs::exists(f.data + "/staging"));
        }
    }
}

TEST_CASE("a refused bundle is logged and shown as the last sync result", "[bundle]")
{
    Fixture f;
    resign(f.v2, f.stranger);
    DirectorySource source(f.v2);
    REQUIRE_FALSE(install_bundle(source, target_for(f.data, f.key)));
    auto state = store::KioskState::open(f.data + "/kiosk.db");
    REQUIRE(state);
    auto last = state->last_sync();
    REQUIRE(last);
    REQUIRE(*last);
    CHECK((*last)->source == "import");
    CHECK_THAT((*last)->result, Catch::Contains("does not trust"));
    auto events = state->recent_events_of("sync", 5);
    REQUIRE(events);
    REQUIRE_FALSE(events->empty());
    CHECK_THAT(events->front().message, Catch::StartsWith("rejected from import"));
}

TEST_CASE("the clock floor rises to each installed bundle's creation time", "[bundle]")
{
    Fixture f;
    DirectorySource source(f.v2);
    // The kiosk's own clock says 1970 (a Pi without a battery): the floor still judges expiry.
    REQUIRE(install_bundle(source, target_for(f.data, f.key, 0)));
    auto state = store::KioskState::open(f.data + "/kiosk.db");
    REQUIRE(state);
    auto floor = state->clock_floor_s();
    REQUIRE(floor);
    CHECK(*floor == k_now + 60);
}

TEST_CASE("a second install copies only the files that changed", "[bundle]")
{
    Fixture f;
    DirectorySource demo(f.v2);
    REQUIRE(install_bundle(demo, target_for(f.data, f.key)));
    TempDir content;
    fs::copy(demo_folder(), content.path(), fs::copy_options::recursive);
    std::string notice = content.file("announcements/water-outage.md");
    write_all(notice, read_all(notice) + "\n补充：请提前储水。\n");
    std::string v3 = f.tmp.file("bundle-v3");
    build(content.path().string(), f.key, v3, 300, k_now + 60);
    DirectorySource source(v3);
    auto report = install_bundle(source, target_for(f.data, f.key));
    REQUIRE(report);
    CHECK(report->files_fetched == 1);
    CHECK(report->files > 10);
    CHECK(fingerprint(f.data).version == 300);
    // Only the installed bundle's files remain in the object store.
    size_t objects = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(f.data + "/objects")) ++objects;
    CHECK(objects <= static_cast<size_t>(report->files));
}

TEST_CASE("a key rotation signed by the old key is accepted, the old key is then no longer trusted", "[bundle]")
{
    Fixture f;
    TestKey next(f.tmp.file("next-keys"));
    KeyRotation rotation{1, k_now, {next.public_key}};
    const std::string text = write_key_rotation(rotation);
    write_all(next.dir + "/keys.toml", text);
    write_all(next.dir + "/keys.sig", signature_line(text, f.key.public_key, f.key.secret));

    std::string v3 = f.tmp.file("bundle-v3");
    build(demo_folder(), next, v3, 300, k_now + 60);
    DirectorySource rotated(v3);
    auto report = install_bundle(rotated, target_for(f.data, f.key));
    REQUIRE(report);
    CHECK(report->keys_rotated);

    std::string v4 = f.tmp.file("bundle-v4");
    build(demo_folder(), f.key, v4, 400, k_now + 90);
    DirectorySource old_key(v4);
    auto refused = install_bundle(old_key, target_for(f.data, f.key));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("does not trust"));
}

TEST_CASE("a stick pulled out halfway through the copy changes nothing", "[bundle]")
{
    Fixture f;
    const InstalledFingerprint before = fingerprint(f.data);
    // The stick "goes" (its bundle folder vanishes) as soon as the first bytes are in: version 2
    // differs from version 1 in three files, so at least two are still to be read then.
    InstallTarget target = target_for(f.data, f.key);
    bool pulled = false;
    target.on_progress = [&](const InstallProgress& p) {
        if (!pulled && p.stage == std::string_view("copying") && p.done > 0) {
            fs::remove_all(f.v2);
            pulled = true;
        }
    };
    DirectorySource source(f.v2);
    auto result = install_bundle(source, target);
    REQUIRE(pulled);
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == ErrorKind::Rejected);
    CHECK(fingerprint(f.data) == before);
}

TEST_CASE("tidying at start leaves alone an install that another process is running", "[bundle]")
{
    Fixture f;
    fs::create_directories(f.data + "/staging/300/announcements");
    const int other = ::open((f.data + "/install.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    REQUIRE(other >= 0);
    REQUIRE(::flock(other, LOCK_EX) == 0);  // as `linli-kiosk --import` holds it while installing
    auto state = store::KioskState::open(f.data + "/kiosk.db");
    REQUIRE(state);
    REQUIRE(tidy_data_dir(f.data, *state));
    CHECK(fs::exists(f.data + "/staging/300"));
    ::close(other);
    REQUIRE(tidy_data_dir(f.data, *state));
    CHECK_FALSE(fs::exists(f.data + "/staging"));
}
