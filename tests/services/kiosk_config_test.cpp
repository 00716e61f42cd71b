#include "services/kiosk_config.hpp"

#include "crypto/password.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace linli::services;

namespace {

// The message parse_kiosk_config gives for text, or "ok".
std::string message_for(const std::string& text, const std::string& path = "kiosk.toml")
{
    auto result = parse_kiosk_config(text, path);
    if (result)
        return "ok";
    CHECK(result.error().kind == linli::ErrorKind::Rejected);
    return result.error().message;
}

KioskConfig parsed(const std::string& text, const std::string& path = "/etc/linli/kiosk.toml")
{
    auto result = parse_kiosk_config(text, path);
    INFO((result ? std::string() : result.error().message));
    REQUIRE(result.has_value());
    return *result;
}

// A scratch directory under the build tree, removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name)
        : path(std::filesystem::path(LINLI_BINARY_DIR) / "tests" / "tmp" / name)
    {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const
    {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

}  // namespace

TEST_CASE("config: built-in defaults", "[services]")
{
    KioskConfig cfg = default_kiosk_config();
    CHECK(cfg.source == "(built-in defaults)");
    CHECK(cfg.id == "dev-kiosk");
    CHECK(cfg.name == "开发用信息屏");
    CHECK(cfg.locale == "zh-CN");
    CHECK(cfg.admin_keys.empty());
    CHECK(cfg.seal_key.empty());
    CHECK(cfg.attract_after_s == 60);
    CHECK(cfg.reset_after_s == 120);
    CHECK_FALSE(cfg.screen_off.has_value());
    CHECK(cfg.rotation == 0);
    CHECK(cfg.text_size == linli::TextSize::Standard);
    CHECK(cfg.theme == linli::Theme::Normal);
    CHECK(cfg.launch == DisplayLaunch::Kmsdrm);
    CHECK(cfg.usb_watch == std::vector<std::string>{"/media", "/run/media"});
    CHECK(cfg.lan_url.empty());
    CHECK(cfg.upload_url.empty());
    CHECK(cfg.interval_s == 300);
    CHECK(cfg.content_dir.empty());
    CHECK(cfg.pin_hash == k_default_pin_hash);
    CHECK(linli::crypto::is_pin_hash(cfg.pin_hash));
}

TEST_CASE("config: the default PIN hash is the hash of 1234", "[services]")
{
    CHECK(linli::crypto::verify_pin(default_kiosk_config().pin_hash, "1234"));
    CHECK_FALSE(linli::crypto::verify_pin(default_kiosk_config().pin_hash, "0000"));
}

TEST_CASE("config: an empty file gives the defaults", "[services]")
{
    KioskConfig cfg = parsed("", "kiosk.toml");
    CHECK(cfg.source == "kiosk.toml");
    CHECK(cfg.id == "dev-kiosk");
    CHECK(cfg.pin_hash == k_default_pin_hash);
    KioskConfig only_comments = parsed("# nothing here\n\n[kiosk]\n# still nothing\n");
    CHECK(only_comments.attract_after_s == 60);
}

TEST_CASE("config: every key is read", "[services]")
{
    const std::string hash(k_default_pin_hash);
    KioskConfig cfg = parsed(R"([kiosk]
id = "lobby_1-B"
name = "1号楼大厅"
locale = "en"
[trust]
admin_keys = ["keys/sign.pub", "/opt/keys/old.pub", "../shared/../other.pub"]
seal_key = "keys/seal.pub"
[idle]
attract_after_s = 5
reset_after_s = 6
[display]
screen_off = "7:05 - 6:30"
rotation = 270
text_size = "xlarge"
theme = "high-contrast"
diagonal_in = 32
launch = "cage"
[sync]
usb_watch = ["/mnt/usb"]
lan_url = "http://192.168.1.10:8080/"
interval_s = 10
upload_url = "HTTPS://example.org/inbox"
[admin]
pin_hash = ")" + hash + R"("
[content]
dir = "demo-content"
[feedback]
cooldown_s = 0
daily_cap = 50
[ballots]
survey_cooldown_s = 300
)");
    CHECK(cfg.source == "/etc/linli/kiosk.toml");
    CHECK(cfg.feedback_cooldown_s == 0);
    CHECK(cfg.feedback_daily_cap == 50);
    CHECK(cfg.survey_cooldown_s == 300);
    CHECK(cfg.id == "lobby_1-B");
    CHECK(cfg.name == "1号楼大厅");
    CHECK(cfg.locale == "en");
    CHECK(cfg.admin_keys ==
          std::vector<std::string>{"/etc/linli/keys/sign.pub", "/opt/keys/old.pub", "/etc/other.pub"});
    CHECK(cfg.seal_key == "/etc/linli/keys/seal.pub");
    CHECK(cfg.attract_after_s == 5);
    CHECK(cfg.reset_after_s == 6);
    REQUIRE(cfg.screen_off.has_value());
    CHECK(cfg.screen_off->start_minute == 7 * 60 + 5);
    CHECK(cfg.screen_off->end_minute == 6 * 60 + 30);
    CHECK(cfg.rotation == 270);
    CHECK(cfg.diagonal_in == 32);
    CHECK(cfg.text_size == linli::TextSize::ExtraLarge);
    CHECK(cfg.theme == linli::Theme::HighContrast);
    CHECK(cfg.launch == DisplayLaunch::Cage);
    CHECK(cfg.usb_watch == std::vector<std::string>{"/mnt/usb"});
    CHECK(cfg.lan_url == "http://192.168.1.10:8080/");
    CHECK(cfg.interval_s == 10);
    CHECK(cfg.upload_url == "HTTPS://example.org/inbox");
    CHECK(cfg.pin_hash == hash);
    CHECK(cfg.content_dir == "/etc/linli/demo-content");
}

TEST_CASE("config: relative paths follow the config file, wherever it is", "[services]")
{
    KioskConfig cfg = parsed("[trust]\nseal_key = \"seal.pub\"\n[content]\ndir = \"./c/\"\n",
                             "conf/kiosk.toml");
    auto expected = (std::filesystem::current_path() / "conf" / "seal.pub").lexically_normal();
    CHECK(cfg.seal_key == expected.string());
    CHECK(std::filesystem::path(cfg.content_dir).is_absolute());
    CHECK(cfg.content_dir == (std::filesystem::current_path() / "conf" / "c/").lexically_normal().string());
}

TEST_CASE("config: empty strings switch optional things off", "[services]")
{
    KioskConfig cfg = parsed(
        "[trust]\nadmin_keys = []\nseal_key = \"\"\n[display]\nscreen_off = \"\"\n"
        "[sync]\nusb_watch = []\nlan_url = \"\"\nupload_url = \"\"\n[content]\ndir = \"\"\n");
    CHECK(cfg.admin_keys.empty());
    CHECK(cfg.seal_key.empty());
    CHECK_FALSE(cfg.screen_off.has_value());
    CHECK(cfg.usb_watch.empty());
    CHECK(cfg.content_dir.empty());
}

TEST_CASE("config: screen_off windows", "[services]")
{
    auto window = [](const std::string& text) {
        return parsed("[display]\nscreen_off = \"" + text + "\"\n").screen_off.value();
    };
    CHECK(window("23:00-06:00").start_minute == 1380);
    CHECK(window("23:00-06:00").end_minute == 360);   // wraps midnight
    CHECK(window("00:00-23:59").end_minute == 1439);
    CHECK(window("1:30-2:45").start_minute == 90);
    CHECK(window("12:00 - 13:00").end_minute == 780);

    for (const char* bad : {"23-6", "23:00", "23:00-", "-06:00", "24:00-06:00", "23:60-06:00",
                            "23:00-06:0", "23:00-06:000", "123:00-06:00", "23.00-06.00",
                            "23:00~06:00", "晚上11点-早上6点", "23:00-06:00 daily"}) {
        INFO(bad);
        CHECK(message_for("[display]\nscreen_off = \"" + std::string(bad) + "\"\n") ==
              "config: kiosk.toml:2: screen_off: expected HH:MM-HH:MM (like \"23:00-06:00\"), not \"" +
                  std::string(bad) + "\"");
    }
    CHECK(message_for("[display]\nscreen_off = \"06:00-06:00\"\n") ==
          "config: kiosk.toml:2: screen_off starts and ends at the same time (\"06:00-06:00\")");
}

TEST_CASE("config: TOML syntax errors name the line", "[services]")
{
    CHECK(message_for("[kiosk]\nid = lobby-1\n") ==
          "config: kiosk.toml:2: not valid TOML: error while parsing value: could not determine "
          "value type (text must be in quotes, like name = \"1号楼大厅\")");
    CHECK(message_for("[kiosk]\nname = \"a\"\n\nname = \"b\"\n") ==
          "config: kiosk.toml:4: not valid TOML: error while parsing key-value pair: cannot "
          "redefine existing string 'name'");
    CHECK(message_for("# config\n[kiosk\nid = \"a\"\n") ==
          "config: kiosk.toml:2: not valid TOML: error while parsing table header: expected ']', "
          "saw '\\n'");
    CHECK(message_for("[kiosk]\n[idle]\n[kiosk]\n") ==
          "config: kiosk.toml:3: not valid TOML: error while parsing table header: cannot redefine "
          "existing table 'kiosk'");
    CHECK(message_for("[kiosk]\nname = \"\xff\"\n") ==
          "config: kiosk.toml:2: not valid TOML: encountered invalid utf-8 sequence");
    CHECK(message_for("[idle]\nattract_after_s = 99999999999999999999\n") ==
          "config: kiosk.toml:2: not valid TOML: error while parsing decimal integer: "
          "'99999999999999999999' is not representable in 64 bits");
}

TEST_CASE("config: a BOM and Windows line ends are fine", "[services]")
{
    KioskConfig cfg = parsed("\xEF\xBB\xBF[kiosk]\r\nid = \"lobby-2\"\r\n\r\n[idle]\r\nattract_after_s = 30\r\n");
    CHECK(cfg.id == "lobby-2");
    CHECK(cfg.attract_after_s == 30);
    CHECK(message_for("\xEF\xBB\xBF[kiosk]\r\n\r\nid = 7\r\n") ==
          "config: kiosk.toml:3: id must be a string in quotes, not a whole number");
}

TEST_CASE("config: unknown sections and keys, with a guess", "[services]")
{
    CHECK(message_for("[feedback]\ndaily_cap = 0\n") ==
          "config: kiosk.toml:2: daily_cap must be 1 to 100000 messages a day, not 0");
    CHECK(message_for("[idle]\nattract_after = 60\n") ==
          "config: kiosk.toml:2: unknown key attract_after in [idle] (did you mean attract_after_s?)");
    CHECK(message_for("[idle]\nAttract-After-S = 60\n") ==
          "config: kiosk.toml:2: unknown key Attract-After-S in [idle] (did you mean attract_after_s?)");
    CHECK(message_for("[display]\nrotate = 90\n") ==
          "config: kiosk.toml:2: unknown key rotate in [display] (did you mean rotation?)");
    CHECK(message_for("[admin]\npin = \"1234\"\n") ==
          "config: kiosk.toml:2: unknown key pin in [admin] (did you mean pin_hash?)");
    CHECK(message_for("[kiosk]\nid = \"a\"\ncolour = \"red\"\n") ==
          "config: kiosk.toml:3: unknown key colour in [kiosk] (the keys there are id, name, locale)");
    CHECK(message_for("[idel]\nattract_after_s = 60\n") ==
          "config: kiosk.toml:1: unknown section [idel] (did you mean [idle]?)");
    CHECK(message_for("[kiosk]\n\n[kiosks]\n") ==
          "config: kiosk.toml:3: unknown section [kiosks] (did you mean [kiosk]?)");
    CHECK(message_for("[weather]\ncity = \"Beijing\"\n") ==
          "config: kiosk.toml:1: unknown section [weather] (the sections are [kiosk], [trust], "
          "[idle], [display], [sync], [admin], [content], [feedback], [ballots], [audio])");
    CHECK(message_for("[idle]\ninterval_s = 60\n") ==
          "config: kiosk.toml:2: interval_s belongs under [sync], not [idle]");
    CHECK(message_for("id = \"lobby-1\"\n[kiosk]\nname = \"x\"\n") ==
          "config: kiosk.toml:1: id must be inside a section: put it under [kiosk]");
    CHECK(message_for("# top\nversion = 2\n[kiosk]\n") ==
          "config: kiosk.toml:2: unknown key version before the first section");
    CHECK(message_for("kiosk = \"lobby-1\"\n") ==
          "config: kiosk.toml:1: kiosk must be a section, written [kiosk] on its own line, not a string");
    CHECK(message_for("[[kiosk]]\nid = \"a\"\n") ==
          "config: kiosk.toml:1: kiosk must be a section, written [kiosk] on its own line, not a list");
    CHECK(message_for("[kiosk.extra]\nx = 1\n") ==
          "config: kiosk.toml:1: unknown key extra in [kiosk] (the keys there are id, name, locale)");
}

TEST_CASE("config: wrong types say what was expected", "[services]")
{
    struct Row {
        const char* text;
        const char* message;
    };
    const Row rows[] = {
        {"[idle]\nreset_after_s = \"120\"\n",
         "config: kiosk.toml:2: reset_after_s must be a whole number of seconds, not a string"},
        {"[idle]\nattract_after_s = 60.5\n",
         "config: kiosk.toml:2: attract_after_s must be a whole number of seconds, not a decimal number"},
        {"[sync]\ninterval_s = true\n",
         "config: kiosk.toml:2: interval_s must be a whole number of seconds, not true/false"},
        {"[kiosk]\nname = 1979-05-27\n",
         "config: kiosk.toml:2: name must be a string in quotes, not a date"},
        {"[kiosk]\nlocale = [\"zh-CN\"]\n",
         "config: kiosk.toml:2: locale must be a string in quotes, not a list"},
        {"[display]\nrotation = \"90\"\n",
         "config: kiosk.toml:2: rotation must be a whole number of degrees, not a string"},
        {"[display]\nlarge_text = \"yes\"\n",
         "config: kiosk.toml:2: large_text must be true or false, not a string"},
        {"[display]\ntext_size = \"big\"\n",
         "config: kiosk.toml:2: text_size must be \"standard\", \"large\" or \"xlarge\", not \"big\""},
        {"[display]\ntheme = \"dark\"\n",
         "config: kiosk.toml:2: theme must be \"normal\" or \"high-contrast\", not \"dark\""},
        {"[display]\nscreen_off = 23:00:00\n",
         "config: kiosk.toml:2: screen_off must be a string in quotes, not a time"},
        {"[trust]\nadmin_keys = \"keys/sign.pub\"\n",
         "config: kiosk.toml:2: admin_keys must be a list like [\"keys/sign.pub\"], not a string"},
        {"[trust]\nadmin_keys = [\n  \"keys/a.pub\",\n  42,\n]\n",
         "config: kiosk.toml:4: admin_keys: entry 2 must be a string in quotes, not a whole number"},
        {"[trust]\nseal_key = { file = \"x\" }\n",
         "config: kiosk.toml:2: seal_key must be a string in quotes, not a table"},
        {"[sync]\nusb_watch = \"/media\"\n",
         "config: kiosk.toml:2: usb_watch must be a list like [\"/media\", \"/run/media\"], not a string"},
        {"[admin]\npin_hash = 1234\n",
         "config: kiosk.toml:2: pin_hash must be a string in quotes, not a whole number"},
        {"[content]\ndir = false\n",
         "config: kiosk.toml:2: dir must be a string in quotes, not true/false"},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        CHECK(message_for(row.text) == row.message);
    }
}

TEST_CASE("config: values out of range", "[services]")
{
    struct Row {
        const char* text;
        const char* message;
    };
    const Row rows[] = {
        {"[idle]\nattract_after_s = 4\n",
         "config: kiosk.toml:2: attract_after_s must be at least 5 seconds, not 4"},
        {"[idle]\nattract_after_s = -60\n",
         "config: kiosk.toml:2: attract_after_s must be at least 5 seconds, not -60"},
        {"[idle]\nattract_after_s = 86401\nreset_after_s = 90000\n",
         "config: kiosk.toml:2: attract_after_s must be at most 86400 seconds (one day), not 86401"},
        {"[idle]\nattract_after_s = 60\nreset_after_s = 60\n",
         "config: kiosk.toml:3: reset_after_s (60) must be greater than attract_after_s (60)"},
        {"[idle]\nreset_after_s = 30\n\nattract_after_s = 45\n",
         "config: kiosk.toml:4: reset_after_s (30) must be greater than attract_after_s (45)"},
        {"[idle]\nattract_after_s = 300\n",
         "config: kiosk.toml:2: reset_after_s (120, the default) must be greater than attract_after_s (300)"},
        {"[idle]\nreset_after_s = 59\n",
         "config: kiosk.toml:2: reset_after_s (59) must be greater than attract_after_s (60)"},
        {"[idle]\nreset_after_s = 0\n",
         "config: kiosk.toml:2: reset_after_s must be at least 6 seconds, not 0"},
        {"[sync]\ninterval_s = 9\n",
         "config: kiosk.toml:2: interval_s must be at least 10 seconds, not 9"},
        {"[sync]\ninterval_s = 1000000\n",
         "config: kiosk.toml:2: interval_s must be at most 86400 seconds (one day), not 1000000"},
        {"[display]\nrotation = 45\n",
         "config: kiosk.toml:2: rotation must be 0, 90, 180 or 270, not 45"},
        {"[display]\nrotation = -90\n",
         "config: kiosk.toml:2: rotation must be 0, 90, 180 or 270, not -90"},
        {"[display]\nlaunch = \"wayland\"\n",
         "config: kiosk.toml:2: launch must be \"kmsdrm\" or \"cage\", not \"wayland\""},
        {"[kiosk]\nlocale = \"zh\"\n",
         "config: kiosk.toml:2: locale must be \"zh-CN\" or \"en\", not \"zh\""},
        {"[kiosk]\nlocale = \"zh_CN\"\n",
         "config: kiosk.toml:2: locale must be \"zh-CN\" or \"en\", not \"zh_CN\""},
        {"[kiosk]\nid = \"\"\n", "config: kiosk.toml:2: id must not be empty"},
        {"[kiosk]\nid = \"lobby 1\"\n",
         "config: kiosk.toml:2: id may contain only letters, digits, - and _, not \"lobby 1\""},
        {"[kiosk]\nid = \"大厅\"\n",
         "config: kiosk.toml:2: id may contain only letters, digits, - and _, not \"大厅\""},
        {"[kiosk]\nid = \"../etc\"\n",
         "config: kiosk.toml:2: id may contain only letters, digits, - and _, not \"../etc\""},
        {"[kiosk]\nid = \"a\\tb\"\n",
         "config: kiosk.toml:2: id may contain only letters, digits, - and _, not \"a\\x09b\""},
        {"[sync]\nlan_url = \"ftp://example.org/\"\n",
         "config: kiosk.toml:2: lan_url must be an http:// or https:// address, or \"\" for none, not "
         "\"ftp://example.org/\""},
        {"[sync]\nupload_url = \"192.168.1.10:8080\"\n",
         "config: kiosk.toml:2: upload_url must be an http:// or https:// address, or \"\" for none, "
         "not \"192.168.1.10:8080\""},
        {"[sync]\nlan_url = \"http://\"\n",
         "config: kiosk.toml:2: lan_url must be an http:// or https:// address, or \"\" for none, not "
         "\"http://\""},
        {"[sync]\nlan_url = \"http://a b/\"\n",
         "config: kiosk.toml:2: lan_url must be an http:// or https:// address, or \"\" for none, not "
         "\"http://a b/\""},
        {"[sync]\nusb_watch = [\"/media\", \"media\"]\n",
         "config: kiosk.toml:2: usb_watch: entry 2 must be an absolute folder like \"/media\", not \"media\""},
        {"[trust]\nadmin_keys = [\"keys/a.pub\", \"\"]\n",
         "config: kiosk.toml:2: admin_keys: entry 2 is empty"},
        {"[admin]\npin_hash = \"1234\"\n",
         "config: kiosk.toml:2: pin_hash must be an Argon2id hash starting with $argon2id$; make one "
         "with: linli-admin hash-pin"},
        {"[admin]\npin_hash = \"$argon2i$v=19$m=32768,t=2,p=1$c2FsdHNhbHQ$aGFzaA\"\n",
         "config: kiosk.toml:2: pin_hash must be an Argon2id hash starting with $argon2id$; make one "
         "with: linli-admin hash-pin"},
        {"[admin]\npin_hash = \"$argon2id$v=19$m=32768,t=2,p=1$YAlwvEQ4yXdbXnPayvO+sg$vGXnwboS5kfq\"\n",
         "config: kiosk.toml:2: pin_hash is not a complete Argon2id hash (cut short when pasting?); "
         "make a new one with: linli-admin hash-pin"},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        CHECK(message_for(row.text) == row.message);
    }
}

TEST_CASE("config: long values are cut short in messages", "[services]")
{
    std::string id(200, 'x');
    id += "!";
    CHECK(message_for("[kiosk]\nid = \"" + id + "\"\n") ==
          "config: kiosk.toml:2: id must be at most 64 characters long");
    std::string url = "gopher://" + std::string(100, 'a');
    CHECK(message_for("[sync]\nlan_url = \"" + url + "\"\n") ==
          "config: kiosk.toml:2: lan_url must be an http:// or https:// address, or \"\" for none, not \"" +
              url.substr(0, 60) + "...\"");
    // "a" and 25 three-byte characters: byte 60 falls inside the 20th character, which is left
    // out whole rather than cut in half.
    std::string chinese = "a";
    for (int i = 0; i < 25; ++i)
        chinese += "中";
    CHECK(message_for("[kiosk]\nlocale = \"" + chinese + "\"\n") ==
          "config: kiosk.toml:2: locale must be \"zh-CN\" or \"en\", not \"" + chinese.substr(0, 1 + 19 * 3) + "...\"");
}

TEST_CASE("config: the first problem in the file is reported", "[services]")
{
    // Sections come back from toml++ sorted by name; the report must follow the file instead.
    CHECK(message_for("[sync]\ninterval_s = 1\n[admin]\npin_hash = \"x\"\n[idle]\nattract_after_s = 1\n") ==
          "config: kiosk.toml:2: interval_s must be at least 10 seconds, not 1");
    CHECK(message_for("[kiosk]\nid = \"ok\"\n[idle]\nattract_after_s = 3\n[kiosk.x]\n") ==
          "config: kiosk.toml:4: attract_after_s must be at least 5 seconds, not 3");
}

TEST_CASE("config: messages name the path as given", "[services]")
{
    CHECK(message_for("[display]\nrotation = 1\n", "/etc/linli/kiosk.toml") ==
          "config: /etc/linli/kiosk.toml:2: rotation must be 0, 90, 180 or 270, not 1");
    CHECK(message_for("[display]\nrotation = 1\n", "../my kiosk.toml") ==
          "config: ../my kiosk.toml:2: rotation must be 0, 90, 180 or 270, not 1");
}

TEST_CASE("config: loading files", "[services]")
{
    TempDir dir("kiosk_config_test");

    SECTION("a missing file")
    {
        std::string path = (dir.path / "nope.toml").string();
        auto result = load_kiosk_config(path);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == linli::ErrorKind::Rejected);
        CHECK(result.error().message ==
              "config: " + path + ": cannot read the file (No such file or directory)");
    }
    SECTION("a folder instead of a file")
    {
        auto result = load_kiosk_config(dir.path.string());
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message ==
              "config: " + dir.path.string() + ": cannot read the file (Is a directory)");
    }
    SECTION("a file far too large")
    {
        std::string path = dir.write("big.toml", std::string((1 << 20) + 1, '#'));
        auto result = load_kiosk_config(path);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message ==
              "config: " + path + ": the file is too large for a kiosk config (over 1 MiB)");
    }
    SECTION("a good file, with paths relative to it")
    {
        std::string path = dir.write("kiosk.toml", "[kiosk]\nid = \"lobby-3\"\n[trust]\nadmin_keys = [\"k/sign.pub\"]\n");
        auto result = load_kiosk_config(path);
        REQUIRE(result.has_value());
        CHECK(result->source == path);
        CHECK(result->id == "lobby-3");
        CHECK(result->admin_keys == std::vector<std::string>{(dir.path / "k" / "sign.pub").string()});
    }
    SECTION("a bad file names itself and the line")
    {
        std::string path = dir.write("bad.toml", "[kiosk]\n\n\nid = \"a b\"\n");
        auto result = load_kiosk_config(path);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message ==
              "config: " + path + ":4: id may contain only letters, digits, - and _, not \"a b\"");
    }
}

TEST_CASE("config: the documented example kiosk-config/kiosk.toml is valid", "[services]")
{
    const std::string path = std::string(LINLI_SOURCE_DIR) + "/kiosk-config/kiosk.toml";
    auto result = load_kiosk_config(path);
    INFO((result ? std::string() : result.error().message));
    REQUIRE(result.has_value());
    const KioskConfig& cfg = *result;
    CHECK(cfg.id == "lobby-1");
    CHECK(cfg.name == "1号楼大厅");
    CHECK(cfg.locale == "zh-CN");
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    CHECK(cfg.admin_keys == std::vector<std::string>{(dir / "keys/sign.pub").lexically_normal().string()});
    CHECK(cfg.seal_key == (dir / "keys/seal.pub").lexically_normal().string());
    CHECK(cfg.attract_after_s == 60);
    CHECK(cfg.reset_after_s == 120);
    REQUIRE(cfg.screen_off.has_value());
    CHECK(cfg.screen_off->start_minute == 23 * 60);
    CHECK(cfg.screen_off->end_minute == 6 * 60);
    CHECK(cfg.rotation == 0);
    CHECK(cfg.text_size == linli::TextSize::Standard);
    CHECK(cfg.usb_watch == std::vector<std::string>{"/media", "/run/media"});
    CHECK(cfg.interval_s == 300);
    CHECK(cfg.content_dir.empty());
    // The example ships the development PIN, documented as to be replaced.
    CHECK(cfg.pin_hash == k_default_pin_hash);
}

TEST_CASE("config: every key of the schema appears in the documented example", "[services]")
{
    std::ifstream in(std::string(LINLI_SOURCE_DIR) + "/kiosk-config/kiosk.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* line : {"[kiosk]", "\nid = ", "\nname = ", "\nlocale = ", "[trust]", "\nadmin_keys = ",
                             "\nseal_key = ", "[idle]", "\nattract_after_s = ", "\nreset_after_s = ",
                             "[display]", "\nscreen_off = ", "\nrotation = ", "\ntext_size = ", "\ntheme = ", "[sync]",
                             "\nusb_watch = ", "\nlan_url = ", "\ninterval_s = ", "\nupload_url = ",
                             "[admin]", "\npin_hash = ", "[content]", "\ndir = "}) {
        INFO(line);
        CHECK(text.find(line) != std::string::npos);
    }
}

TEST_CASE("config: [display] diagonal_in takes inches as panels are sold, and refuses what no screen is", "[services]")
{
    CHECK(default_kiosk_config().diagonal_in == 21.5);
    auto cfg = parse_kiosk_config("[display]\ndiagonal_in = 21.5\n", "kiosk.toml");
    REQUIRE(cfg);
    CHECK(cfg->diagonal_in == 21.5);
    CHECK(message_for("[display]\ndiagonal_in = 200\n") ==
          "config: kiosk.toml:2: diagonal_in must be the screen's diagonal in inches, 5 to 120 (like 21.5), not 200");
    CHECK(message_for("[display]\ndiagonal_in = 0.5\n") ==
          "config: kiosk.toml:2: diagonal_in must be the screen's diagonal in inches, 5 to 120 (like 21.5), not 0.5");
    CHECK(message_for("[display]\ndiagonal_in = \"21.5 inch\"\n") ==
          "config: kiosk.toml:2: diagonal_in must be the screen's diagonal in inches, 5 to 120 (like 21.5), not a string");
}
