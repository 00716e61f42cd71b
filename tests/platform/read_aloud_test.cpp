// 朗读 (issue 13) as a resident hears it: a notice's paragraphs in order with the highlight on the
// one being heard, sound that starts at once, 停止 that silences it, a new reading that replaces
// the old, and a kiosk without sound that says why. Heard through SDL's disk driver.
#include "platform/read_aloud.hpp"

#include "core/speech_text.hpp"

#include "../support/sound_capture.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::platform;
using namespace std::chrono_literals;

namespace {

constexpr int k_voice_rate = 22050;  // eSpeak NG's

// A reading's states over time, polled as the kiosk's frames would, until it is no longer speaking.
std::vector<ReadAloudState> follow_reading(const ReadAloud& reader, std::chrono::milliseconds limit)
{
    std::vector<ReadAloudState> seen;
    test::wait_until([&] {
        seen.push_back(reader.state());
        return !seen.back().speaking;
    }, limit);
    return seen;
}

std::vector<std::string> spoken(std::initializer_list<const char*> paragraphs)
{
    std::vector<std::string> out;
    for (const char* p : paragraphs) out.push_back(speech_text(p));
    return out;
}

// About twenty seconds of speech: enough that it is still talking whenever a test interrupts it.
std::vector<std::string> long_notice()
{
    return spoken({"关于3号楼停水的通知：因管道维修，3号楼将于明天上午8:30至中午12:00停水，请各位居民提前储水，"
                   "关好水龙头，以免来水时跑水。维修期间如有紧急情况，请拨打物业电话，我们将尽快处理。"
                   "感谢大家的理解和支持。本次维修费用¥12,345.50由公共维修基金支出，明细将在财务公示中列出。"});
}

}  // namespace

TEST_CASE("朗读: a notice is heard paragraph by paragraph, the highlight following the voice, to the end", "[platform]")
{
    test::TempDir dir("read-aloud");
    const std::string heard = dir.file("heard.raw");
    test::use_sdl_audio_driver("disk", heard);
    std::vector<ReadAloudState> seen;
    ReadingTiming timing;
    {
        ReadAloud reader;
        REQUIRE(test::wait_until([&] { return reader.probed(); }, 5000ms));
        CHECK(reader.problem().empty());
        reader.speak(spoken({"停水通知", "明天上午停水。", "请提前储水。"}), SpeechSpeed::Fast);
        // At once, before any sound: speaking, the first paragraph highlighted.
        CHECK(reader.state().speaking);
        CHECK(reader.state().paragraph == 0);
        seen = follow_reading(reader, 20000ms);
        timing = reader.timing();
        CHECK(reader.state().finished);
        CHECK(reader.state().paragraph == -1);
    }
    REQUIRE(seen.size() > 2);
    CHECK_FALSE(seen.back().speaking);
    CHECK(seen.back().finished);
    // Every paragraph was highlighted in turn, never going back.
    std::vector<int> order;
    for (const auto& s : seen)
        if (s.speaking && (order.empty() || order.back() != s.paragraph)) order.push_back(s.paragraph);
    CHECK(order == std::vector<int>{0, 1, 2});
    // Sound started within a fraction of a second (the benchmark holds it to 300 ms), and
    // synthesis ran faster than speech.
    INFO("start " << timing.start_latency_us << " us, real-time factor " << timing.real_time_factor);
    CHECK(timing.start_latency_us >= 0);
    CHECK(timing.start_latency_us < 1'000'000);
    CHECK(timing.real_time_factor > 0);
    CHECK(timing.real_time_factor < 1);
    // Real speech came out: about as long as what was made.
    const auto samples = test::captured_samples(heard);
    CHECK(test::audible_samples(samples) > size_t(0.3 * timing.audio_s * k_voice_rate));
    CHECK(test::sound_rms(samples) > 200);
}

TEST_CASE("朗读: 停止 silences it within a moment, and a new reading replaces the one under way", "[platform]")
{
    test::TempDir dir("read-aloud-stop");
    const std::string heard = dir.file("heard.raw");
    test::use_sdl_audio_driver("disk", heard);
    {
        ReadAloud reader;
        reader.speak(long_notice(), SpeechSpeed::Medium);
        REQUIRE(test::wait_until([&] { return reader.timing().start_latency_us >= 0; }, 5000ms));
        std::this_thread::sleep_for(500ms);
        reader.stop();
        const ReadAloudState stopped = reader.state();
        CHECK_FALSE(stopped.speaking);
        CHECK_FALSE(stopped.finished);
        CHECK(stopped.paragraph == -1);
        std::this_thread::sleep_for(500ms);  // nothing more may come out meanwhile
    }
    auto samples = test::captured_samples(heard);
    INFO(samples.size() << " samples, " << test::audible_samples(samples) << " audible");
    // Half a second of a twenty-second notice was heard, and a device buffer or two after 停止.
    CHECK(test::audible_samples(samples) > size_t(0.1 * k_voice_rate));
    CHECK(test::audible_samples(samples) < size_t(0.9 * k_voice_rate));

    // A new reading while one is under way: the old one is not heard again.
    test::use_sdl_audio_driver("disk", heard);
    {
        ReadAloud reader;
        reader.speak(long_notice(), SpeechSpeed::Medium);
        REQUIRE(test::wait_until([&] { return reader.timing().start_latency_us >= 0; }, 5000ms));
        reader.speak(spoken({"", "好的。"}), SpeechSpeed::Medium);
        const auto seen = follow_reading(reader, 10000ms);
        CHECK(reader.state().finished);
        // The empty paragraph takes no time: the highlight is on the one heard.
        CHECK(std::any_of(seen.begin(), seen.end(), [](const ReadAloudState& s) { return s.speaking && s.paragraph == 1; }));
        CHECK(reader.timing().audio_s < 3.0);  // "好的。", not the notice
    }
    samples = test::captured_samples(heard);
    CHECK(test::audible_samples(samples) < size_t(3.0 * k_voice_rate));
}

TEST_CASE("朗读: nothing to read finishes at once", "[platform]")
{
    test::use_sdl_audio_driver("dummy");
    ReadAloud reader;
    reader.speak({}, SpeechSpeed::Slow);
    CHECK(test::wait_until([&] { return reader.state().finished; }, 5000ms));
    reader.speak({"", ""}, SpeechSpeed::Slow);
    CHECK(test::wait_until([&] { return reader.state().finished; }, 5000ms));
}

TEST_CASE("朗读: an idle kiosk holds no audio device, and the next reading opens it again", "[platform]")
{
    test::use_sdl_audio_driver("dummy");
    ReadAloud reader(ReadAloudOptions{80, 100ms});
    REQUIRE(test::wait_until([&] { return reader.probed(); }, 5000ms));
    CHECK(test::wait_until([&] { return !reader.device_open(); }, 3000ms));
    for (int round = 0; round < 2; ++round) {
        reader.speak(spoken({"好。"}), SpeechSpeed::Fast);
        CHECK(test::wait_until([&] { return reader.state().finished; }, 10000ms));
        CHECK(reader.timing().audio_s > 0.1);
        CHECK(test::wait_until([&] { return !reader.device_open(); }, 3000ms));
    }
}

TEST_CASE("朗读: a kiosk without sound says why, and a reading there ends at once", "[platform]")
{
    SECTION("the device will not open")
    {
        test::use_sdl_audio_driver("disk", "/nonexistent-folder/heard.raw");
        ReadAloud reader;
        REQUIRE(test::wait_until([&] { return reader.probed(); }, 5000ms));
        INFO(reader.problem());
        CHECK(reader.problem().starts_with("audio: 声音设备打不开（disk："));
        reader.speak(spoken({"停水通知"}), SpeechSpeed::Medium);
        CHECK(test::wait_until([&] { return !reader.state().speaking; }, 5000ms));
        CHECK_FALSE(reader.state().finished);
        CHECK(reader.timing().start_latency_us == -1);
    }
    SECTION("SDL has no sound at all")
    {
        test::use_sdl_audio_driver("no-such-driver");
        ReadAloud reader;
        CHECK(reader.problem().starts_with("audio: 没有声音设备（SDL 无法启动声音："));
        reader.speak(spoken({"停水通知"}), SpeechSpeed::Medium);
        CHECK(test::wait_until([&] { return !reader.state().speaking; }, 5000ms));
    }
    test::use_sdl_audio_driver("dummy");
}
