// 朗读 in the running kiosk (issue 13): a notice read aloud comes out of the loudspeaker and stops
// when the resident leaves the page; while it speaks the loop keeps drawing (the highlight moves)
// and a resident who is listening is not sent home by the idle reset.
#include "kiosk/read_aloud_speaker.hpp"
#include "input/ui_script.hpp"

#include "../support/headless_kiosk.hpp"
#include "../support/sound_capture.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace std::chrono_literals;

namespace {

// A loudspeaker whose state the test plays.
class StandInSpeaker final : public services::Speaker {
public:
    services::SpeakerState now;
    int stops = 0, speaks = 0;
    std::vector<std::string> paragraphs;  // of the last reading, as the service made them speakable
    SpeechSpeed speed = SpeechSpeed::Medium;
    void speak(std::vector<std::string> said, SpeechSpeed at) override
    {
        ++speaks;
        paragraphs = std::move(said);
        speed = at;
        now = {true, 0, false};
    }
    void stop() override
    {
        ++stops;
        now = {};
    }
    services::SpeakerState state() const override { return now; }
    std::string unavailable_reason() const override { return {}; }
};

// Short idle times (attract after 5 s, reset after 6 s), the demo board, and the stand-in attached.
test::HeadlessKiosk::ServiceFactory listening_service(StandInSpeaker& speaker)
{
    return [&speaker](const std::string& dir, const Clock& clock) {
        services::KioskConfig config = services::default_kiosk_config();
        config.attract_after_s = 5;
        config.reset_after_s = 6;
        auto service = test::demo_kiosk(config, dir, clock);
        service->set_speaker(&speaker);
        return service;
    };
}

}  // namespace

TEST_CASE("朗读 in the kiosk: a notice read aloud comes out of the loudspeaker, and leaving the page silences it", "[kiosk]")
{
    test::TempDir sound_dir("kiosk-heard");
    const std::string heard = sound_dir.file("heard.raw");
    test::use_sdl_audio_driver("disk", heard);
    {
        test::TempDir dir("read-aloud-kiosk");
        FakeClock clock(test::k_start_ms, 0);
        auto service = services::KioskService::open(services::default_kiosk_config(), dir.str(), clock);
        REQUIRE(service);
        // A headless run has sound only when SDL_AUDIODRIVER names a driver, as here.
        auto speaker = kiosk::make_speaker(services::default_kiosk_config(), true);
        REQUIRE(speaker);
        (*service)->set_speaker(speaker.get());
        (*service)->apply(services::intent::ReadAloud{
            "announcement:water-outage",
            {"**停水通知**",
             "因市政供水管道抢修，3号楼、5号楼将于11月26日上午8:00至下午6:00临时停水，共约10小时。请各位居民提前储备生活用水。"}});
        CHECK((*service)->model().speech.speaking);
        CHECK((*service)->model().speech.item == "announcement:water-outage");
        // The heading is heard, then the highlight moves on to the text.
        CHECK(test::wait_until([&] { return (*service)->model().speech.paragraph == 1; }, 10000ms));
        std::this_thread::sleep_for(300ms);
        (*service)->stop_reading();  // the resident taps 返回
        CHECK_FALSE((*service)->model().speech.speaking);
        std::this_thread::sleep_for(500ms);
        (*service)->set_speaker(nullptr);
        for (const auto& e : (*service)->model().status.recent_errors) CHECK(e.component != "audio");
    }
    const auto samples = test::captured_samples(heard);
    INFO(samples.size() << " samples, " << test::audible_samples(samples) << " audible");
    // The heading and a moment of the text were heard (at 22050 Hz), not the ten-second paragraph.
    CHECK(test::audible_samples(samples) > size_t(0.4 * 22050));
    CHECK(test::audible_samples(samples) < size_t(3.0 * 22050));
    CHECK(test::sound_rms(samples) > 100);
    test::use_sdl_audio_driver("dummy");
}

TEST_CASE("朗读 in the kiosk: [audio] enabled = false gives a silent speaker that says so, a headless run without a driver gets none", "[kiosk]")
{
    services::KioskConfig off = services::default_kiosk_config();
    off.audio_enabled = false;
    auto silent = kiosk::make_speaker(off, false);
    REQUIRE(silent);
    CHECK(silent->unavailable_reason() == "朗读已关闭（(built-in defaults)：[audio] enabled = false）");
    ::unsetenv("SDL_AUDIODRIVER");
    CHECK_FALSE(kiosk::make_speaker(services::default_kiosk_config(), true));
}

TEST_CASE("朗读 in the kiosk: while it speaks frames keep coming, and a resident listening is not sent home", "[kiosk]")
{
    StandInSpeaker speaker;  // outlives the kiosk, as in main()
    test::HeadlessKiosk k(listening_service(speaker));
    REQUIRE(k.app->ui().go_to("announcements"));
    k.service->apply(services::intent::ReadAloud{"announcement:water-outage", {"停水通知"}});
    REQUIRE(k.runner->settle());
    // The highlight must move without a touch: the loop wakes within 0.2 s, never sleeps for long.
    CHECK(k.app->wait_ms() >= 0);
    CHECK(k.app->wait_ms() <= kiosk::KioskApp::k_speech_frame_ms);
    const uint64_t frames = k.app->frames_drawn();
    REQUIRE(k.runner->advance(10000));  // past attract (5 s) and reset (6 s)
    CHECK(k.app->frames_drawn() >= frames + 40);
    CHECK_FALSE(k.app->ui().attract());
    CHECK(k.app->ui().route().name == "announcements");
    CHECK(k.service->model().speech.speaking);
    // Heard to the end: the idle timers run again from there.
    speaker.now = {false, -1, true};
    REQUIRE(k.runner->advance(1000));
    CHECK_FALSE(k.service->model().speech.speaking);
    CHECK(k.app->wait_ms() > kiosk::KioskApp::k_speech_frame_ms);
    REQUIRE(k.runner->advance(7000));
    CHECK(k.app->ui().route().name == "home");
    CHECK(speaker.stops >= 1);  // the idle reset silenced whatever was left
    k.service->set_speaker(nullptr);
}

TEST_CASE("朗读 on a notice's page: 朗读 reads its title and paragraphs, the one heard is marked, 慢 slows it, 返回 stops it", "[kiosk]")
{
    StandInSpeaker speaker;
    test::HeadlessKiosk k(listening_service(speaker), 0, 1920, 1080);
    REQUIRE(k.app->ui().go_to("announcement:winter-safety"));
    REQUIRE(k.app->render(false));
    REQUIRE(k.control("朗读"));
    CHECK_FALSE(k.control("停止"));
    auto read = input::parse_ui_script("tap \"朗读\"\n", "test");
    REQUIRE(read);
    REQUIRE(k.runner->run(*read));
    REQUIRE(speaker.speaks == 1);
    // The title first, then every block of the body, made speakable (no Markdown marks).
    REQUIRE(speaker.paragraphs.size() >= 3);
    CHECK(speaker.paragraphs[0] == "冬季用电用气安全提示");
    CHECK(speaker.paragraphs[1].find("天气转冷") != std::string::npos);
    for (const auto& p : speaker.paragraphs) CHECK(p.find("**") == std::string::npos);

    // The second block (the first bullet) is heard: it is marked, the first block is not.
    speaker.now = {true, 2, false};
    REQUIRE(k.runner->advance(300));
    ui::Ui& ui = k.app->ui().ui();
    ui.set_recording(true);
    REQUIRE(k.app->render(false));
    ui.set_recording(false);
    REQUIRE(k.control("停止"));
    auto frame = k.display->read_frame();
    REQUIRE(frame);
    const ImU32 mark = ui::palette().reading;
    auto marked = [&](const std::string& starts) {
        for (const auto& run : ui.text_runs()) {
            if (run.text.rfind(starts, 0) != 0) continue;
            // Just left of the text, inside the band.
            const int x = int(run.rect.x0) - 3, y = int(run.rect.center().y);
            const uint8_t* px = &(*frame)[(size_t(y) * size_t(k.display->width()) + size_t(x)) * 4];
            return px[0] == uint8_t(mark >> IM_COL32_R_SHIFT) && px[1] == uint8_t(mark >> IM_COL32_G_SHIFT) &&
                   px[2] == uint8_t(mark >> IM_COL32_B_SHIFT);
        }
        FAIL("no text starting " << starts);
        return false;
    };
    CHECK(marked("电暖器"));
    CHECK_FALSE(marked("天气转冷"));

    // 慢: read again from the paragraph heard, slower.
    auto slower = input::parse_ui_script("tap \"慢\"\n", "test");
    REQUIRE(slower);
    REQUIRE(k.runner->run(*slower));
    CHECK(speaker.speaks == 2);
    CHECK(speaker.speed == SpeechSpeed::Slow);
    CHECK(speaker.paragraphs.front().find("电暖器") != std::string::npos);

    // 返回: the voice stops with the page.
    const int stops = speaker.stops;
    auto back = input::parse_ui_script("tap \"返回\"\n", "test");
    REQUIRE(back);
    REQUIRE(k.runner->run(*back));
    CHECK(speaker.stops > stops);
    CHECK_FALSE(k.service->model().speech.speaking);
    CHECK(k.app->ui().route().name == "announcements");
    CHECK_FALSE(k.control("朗读"));  // a list has nothing to read aloud
    k.service->set_speaker(nullptr);
}

TEST_CASE("朗读 on a ballot question: the question and its options are read, the one heard is marked, 下一步 stops it", "[kiosk]")
{
    StandInSpeaker speaker;
    // The kiosk's usual idle times: a voter is never asked 还在吗？ within these few taps.
    test::HeadlessKiosk k(
        [&speaker](const std::string& dir, const Clock& clock) {
            auto service = test::demo_kiosk(services::default_kiosk_config(), dir, clock);
            service->set_speaker(&speaker);
            return service;
        },
        0, 1920, 1080);
    auto start = input::parse_ui_script("tap \"投票表决\"\ntap \"2027年社区活动意向调查\"\ntap \"开始投票\"\ntap \"朗读\"\n", "test");
    REQUIRE(start);
    REQUIRE(k.runner->run(*start));
    REQUIRE(speaker.speaks == 1);
    REQUIRE(speaker.paragraphs.size() == 6);  // the question and its five options
    CHECK(speaker.paragraphs[0].find("您最希望参加哪类活动") != std::string::npos);
    CHECK(speaker.paragraphs[5] == "技能培训");
    CHECK(k.service->model().speech.item == "ballot:activity-survey#1");
    // The second option is heard: its card is marked; the voter's choices are untouched.
    speaker.now = {true, 2, false};
    REQUIRE(k.runner->advance(300));
    REQUIRE(k.app->render(false));
    REQUIRE(k.control("停止"));
    CHECK(k.shows("还可以选 5 项"));
    // 下一步: the next question is not read with the last one's words.
    const int stops = speaker.stops;
    auto next = input::parse_ui_script("tap \"下一步\"\n", "test");
    REQUIRE(next);
    REQUIRE(k.runner->run(*next));
    REQUIRE(k.runner->advance(300));
    CHECK(speaker.stops > stops);
    CHECK(k.shows("您方便参加活动的时间"));
    REQUIRE(k.control("朗读"));
    k.service->set_speaker(nullptr);
}
