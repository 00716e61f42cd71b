// 朗读's loudspeaker (issue 13): what is queued really comes out, at the volume set, stop silences
// it at once, and a kiosk without sound is told why in words. Heard through SDL's disk driver
// (tests/support/sound_capture.hpp), so no loudspeaker is needed.
#include "platform/audio_out.hpp"

#include "../support/sound_capture.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace linli;
using namespace linli::platform;
using namespace std::chrono_literals;

namespace {

constexpr int k_tone_rate = 22050;

// A 440 Hz tone at the given peak, seconds long.
std::vector<int16_t> tone_samples(double seconds, int peak)
{
    std::vector<int16_t> out(size_t(seconds * k_tone_rate));
    for (size_t i = 0; i < out.size(); ++i) out[i] = int16_t(peak * std::sin(2 * M_PI * 440 * double(i) / k_tone_rate));
    return out;
}

int peak_of(const std::vector<int16_t>& samples)
{
    int peak = 0;
    for (int16_t s : samples) peak = std::max(peak, std::abs(int(s)));
    return peak;
}

}  // namespace

TEST_CASE("audio: what is queued comes out of the device, at the volume set", "[platform]")
{
    test::TempDir dir("audio-out");
    const std::string heard = dir.file("heard.raw");
    test::use_sdl_audio_driver("disk", heard);
    {
        auto out = AudioOut::open(k_tone_rate, 50);
        REQUIRE(out);
        CHECK((*out)->driver() == "disk");
        const auto tone = tone_samples(0.5, 20000);
        REQUIRE((*out)->queue(tone.data(), tone.size()));
        CHECK((*out)->queued_samples() > 0);
        // The device plays in real time: half a second of tone is gone within two.
        CHECK(test::wait_until([&] { return (*out)->queued_samples() == 0; }, 2000ms));
    }
    const auto samples = test::captured_samples(heard);
    INFO(samples.size() << " samples written");
    CHECK(test::audible_samples(samples) > size_t(0.45 * k_tone_rate));
    CHECK(test::audible_samples(samples) < size_t(0.55 * k_tone_rate));
    // 50: half the amplitude (integer rounding aside).
    CHECK(peak_of(samples) >= 9990);
    CHECK(peak_of(samples) <= 10000);
}

TEST_CASE("audio: stop silences the loudspeaker at once, dropping what was still to play", "[platform]")
{
    test::TempDir dir("audio-stop");
    const std::string heard = dir.file("heard.raw");
    test::use_sdl_audio_driver("disk", heard);
    {
        auto out = AudioOut::open(k_tone_rate, 100);
        REQUIRE(out);
        const auto tone = tone_samples(3.0, 12000);
        REQUIRE((*out)->queue(tone.data(), tone.size()));
        std::this_thread::sleep_for(200ms);
        (*out)->stop();
        CHECK((*out)->queued_samples() == 0);
        std::this_thread::sleep_for(400ms);  // the device goes on, with silence
    }
    const auto samples = test::captured_samples(heard);
    INFO(samples.size() << " samples written, " << test::audible_samples(samples) << " audible");
    CHECK(samples.size() > size_t(0.5 * k_tone_rate));
    // 0.2 s were heard before the stop, and at most a device buffer or two after it: not 3 s.
    CHECK(test::audible_samples(samples) > size_t(0.1 * k_tone_rate));
    CHECK(test::audible_samples(samples) < size_t(0.45 * k_tone_rate));
}

TEST_CASE("audio: volume 0 is silence and the dummy driver plays in real time", "[platform]")
{
    test::use_sdl_audio_driver("dummy");
    auto out = AudioOut::open(k_tone_rate, 0);
    REQUIRE(out);
    CHECK((*out)->volume() == 0);
    (*out)->set_volume(250);
    CHECK((*out)->volume() == 100);  // clamped
    const auto tone = tone_samples(0.3, 12000);
    REQUIRE((*out)->queue(tone.data(), tone.size()));
    CHECK((*out)->queued_samples() > size_t(0.2 * k_tone_rate));
    CHECK(test::wait_until([&] { return (*out)->queued_samples() == 0; }, 2000ms));
}

TEST_CASE("audio: a kiosk without sound is told why, in words an administrator understands", "[platform]")
{
    SECTION("no driver can start")
    {
        test::use_sdl_audio_driver("no-such-driver");
        auto out = AudioOut::open(k_tone_rate, 80);
        REQUIRE_FALSE(out);
        INFO(out.error().message);
        CHECK(out.error().message.starts_with("audio: 没有声音设备（SDL 无法启动声音："));
        CHECK(out.error().message.find("no-such-driver") != std::string::npos);  // SDL names it
    }
    SECTION("the device refuses to open")
    {
        test::use_sdl_audio_driver("disk", "/nonexistent-folder/heard.raw");
        auto out = AudioOut::open(k_tone_rate, 80);
        REQUIRE_FALSE(out);
        INFO(out.error().message);
        CHECK(out.error().message.starts_with("audio: 声音设备打不开（disk："));
        CHECK(out.error().message.find("/nonexistent-folder/heard.raw") != std::string::npos);
    }
    test::use_sdl_audio_driver("dummy");
}
