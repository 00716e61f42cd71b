// [audio] in kiosk.toml (issue 13): 朗读 on or off and its volume, read and checked like every
// other key, with messages an administrator can act on (file:line, what is wrong).
#include "services/kiosk_config.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace linli::services;

namespace {

// The message for an [audio] table's text, or "ok".
std::string audio_config_message(const std::string& text)
{
    auto result = parse_kiosk_config(text, "kiosk.toml");
    if (result) return "ok";
    CHECK(result.error().kind == linli::ErrorKind::Rejected);
    return result.error().message;
}

}  // namespace

TEST_CASE("config: read-aloud is on at volume 80 unless [audio] says otherwise", "[services]")
{
    const KioskConfig defaults = default_kiosk_config();
    CHECK(defaults.audio_enabled);
    CHECK(defaults.audio_volume == 80);
    auto cfg = parse_kiosk_config("[audio]\nenabled = false\nvolume = 0\n", "kiosk.toml");
    REQUIRE(cfg);
    CHECK_FALSE(cfg->audio_enabled);
    CHECK(cfg->audio_volume == 0);
    cfg = parse_kiosk_config("[audio]\nvolume = 100\n", "kiosk.toml");
    REQUIRE(cfg);
    CHECK(cfg->audio_enabled);
    CHECK(cfg->audio_volume == 100);
}

TEST_CASE("config: [audio] mistakes name the line and what is wrong", "[services]")
{
    const std::pair<const char*, const char*> cases[] = {
        {"[audio]\nvolume = 120\n",
         "config: kiosk.toml:2: volume must be 0 (silent) to 100 (the voice's full loudness), not 120"},
        {"[audio]\nvolume = -5\n",
         "config: kiosk.toml:2: volume must be 0 (silent) to 100 (the voice's full loudness), not -5"},
        {"[audio]\nvolume = \"80%\"\n", "config: kiosk.toml:2: volume must be a whole number from 0 to 100, not a string"},
        {"[audio]\nvolume = 80.5\n",
         "config: kiosk.toml:2: volume must be a whole number from 0 to 100, not a decimal number"},
        {"[audio]\nenabled = \"yes\"\n", "config: kiosk.toml:2: enabled must be true or false, not a string"},
        {"[audio]\nenable = true\n", "config: kiosk.toml:2: unknown key enable in [audio] (did you mean enabled?)"},
        {"[display]\nvolume = 50\n", "config: kiosk.toml:2: volume belongs under [audio], not [display]"},
        {"[audo]\n", "config: kiosk.toml:1: unknown section [audo] (did you mean [audio]?)"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        CHECK(audio_config_message(text) == message);
    }
    // The list of sections an administrator is shown names it too.
    CHECK(audio_config_message("[sound]\nvolume = 50\n").find("[ballots], [audio])") != std::string::npos);
}

TEST_CASE("config: the documented example shows [audio] with its defaults", "[services]")
{
    const std::string path = std::string(LINLI_SOURCE_DIR) + "/kiosk-config/kiosk.toml";
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* line : {"\n[audio]\n", "\nenabled = true\n", "\nvolume = 80\n"}) {
        INFO(line);
        CHECK(text.find(line) != std::string::npos);
    }
    auto cfg = load_kiosk_config(path);
    REQUIRE(cfg);
    CHECK(cfg->audio_enabled);
    CHECK(cfg->audio_volume == 80);
}
