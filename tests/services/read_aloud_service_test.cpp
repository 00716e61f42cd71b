// 朗读 through KioskService (issue 13): a screen's 朗读 reads the item's paragraphs made speakable,
// the model shows which paragraph is heard, 停止 and a navigation stop it, 慢 / 中 / 快 go on at the
// paragraph being heard, the idle reset ends it for the next resident, and a kiosk without sound
// runs and says why. The loudspeaker is a recording stand-in here (platform's tests hear the real one).
#include "services/kiosk_service.hpp"

#include "../support/temp_dir.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::services;

namespace {

// Says nothing; keeps what it was asked, and plays the state a test sets.
class RecordingSpeaker final : public Speaker {
public:
    struct Asked {
        std::vector<std::string> paragraphs;
        SpeechSpeed speed;
    };
    std::vector<Asked> asked;
    int stops = 0;
    SpeakerState now;
    std::string reason;

    void speak(std::vector<std::string> paragraphs, SpeechSpeed speed) override
    {
        asked.push_back({std::move(paragraphs), speed});
        now = {true, 0, false};
    }
    void stop() override
    {
        ++stops;
        now = {};
    }
    SpeakerState state() const override { return now; }
    std::string unavailable_reason() const override { return reason; }
};

struct SpeakingKiosk {
    test::TempDir dir{"read-aloud-service"};
    FakeClock clock{test::k_script_now_s * 1000, 0};
    std::unique_ptr<KioskService> service;
    RecordingSpeaker speaker;

    explicit SpeakingKiosk(KioskConfig config = default_kiosk_config())
    {
        auto opened = KioskService::open(std::move(config), dir.str(), clock);
        REQUIRE(opened);
        service = std::move(*opened);
        service->set_speaker(&speaker);
    }
    ~SpeakingKiosk() { service->set_speaker(nullptr); }
    const SpeechView& speech() { return service->model().speech; }
    size_t audio_errors()
    {
        size_t n = 0;
        for (const auto& e : service->model().status.recent_errors) n += e.component == "audio";
        return n;
    }
};

const std::vector<std::string> k_shown = {"**停水通知**", "3号楼停水，维修费¥1,234.50。", "请提前储水。"};

}  // namespace

TEST_CASE("朗读: tapping 朗读 reads the item's paragraphs as a voice should say them, and the model follows the paragraph heard", "[services]")
{
    SpeakingKiosk kiosk;
    CHECK(kiosk.speech().available);
    CHECK_FALSE(kiosk.speech().speaking);
    kiosk.service->apply(intent::ReadAloud{"announcement:water-outage", k_shown});
    REQUIRE(kiosk.speaker.asked.size() == 1);
    CHECK(kiosk.speaker.asked[0].paragraphs ==
          std::vector<std::string>{"停水通知", "三号楼停水，维修费一千二百三十四元五角。", "请提前储水。"});
    CHECK(kiosk.speaker.asked[0].speed == SpeechSpeed::Medium);
    CHECK(kiosk.speech().speaking);
    CHECK(kiosk.speech().item == "announcement:water-outage");
    CHECK(kiosk.speech().paragraph == 0);
    kiosk.speaker.now.paragraph = 2;  // the voice went on: the next frame's model shows it
    CHECK(kiosk.speech().paragraph == 2);
    kiosk.speaker.now = {false, -1, true};  // heard to the end
    CHECK_FALSE(kiosk.speech().speaking);
    CHECK(kiosk.speech().item.empty());
    CHECK(kiosk.speech().paragraph == -1);
}

TEST_CASE("朗读: 停止, and leaving the page, silence it", "[services]")
{
    SpeakingKiosk kiosk;
    kiosk.service->apply(intent::ReadAloud{"document:charter", k_shown});
    kiosk.service->apply(intent::StopReading{});
    CHECK(kiosk.speaker.stops >= 1);
    CHECK_FALSE(kiosk.speech().speaking);
    CHECK(kiosk.speech().item.empty());
    const int stops = kiosk.speaker.stops;
    kiosk.service->apply(intent::ReadAloud{"meeting:m1", k_shown});
    kiosk.service->stop_reading();  // what the UI calls on every navigation
    CHECK(kiosk.speaker.stops == stops + 1);
    CHECK_FALSE(kiosk.speech().speaking);
}

TEST_CASE("朗读: another speed goes on at the paragraph being heard, and the next resident starts at 中", "[services]")
{
    SpeakingKiosk kiosk;
    kiosk.service->apply(intent::ReadAloud{"announcement:water-outage", k_shown});
    kiosk.speaker.now.paragraph = 1;
    kiosk.service->apply(intent::SetSpeechSpeed{SpeechSpeed::Slow});
    REQUIRE(kiosk.speaker.asked.size() == 2);
    CHECK(kiosk.speaker.asked[1].speed == SpeechSpeed::Slow);
    CHECK(kiosk.speaker.asked[1].paragraphs ==
          std::vector<std::string>{"三号楼停水，维修费一千二百三十四元五角。", "请提前储水。"});
    CHECK(kiosk.speech().speed == SpeechSpeed::Slow);
    CHECK(kiosk.speech().paragraph == 1);  // counted in the item's paragraphs, not the restarted reading's
    kiosk.speaker.now.paragraph = 1;
    CHECK(kiosk.speech().paragraph == 2);
    // Again, from there: still the item's paragraph 2.
    kiosk.service->apply(intent::SetSpeechSpeed{SpeechSpeed::Fast});
    REQUIRE(kiosk.speaker.asked.size() == 3);
    CHECK(kiosk.speaker.asked[2].paragraphs == std::vector<std::string>{"请提前储水。"});
    CHECK(kiosk.speech().paragraph == 2);
    // The same speed again changes nothing; a speed chosen while silent waits for the next reading.
    kiosk.service->apply(intent::SetSpeechSpeed{SpeechSpeed::Fast});
    CHECK(kiosk.speaker.asked.size() == 3);
    kiosk.service->apply(intent::StopReading{});
    kiosk.service->apply(intent::SetSpeechSpeed{SpeechSpeed::Slow});
    CHECK(kiosk.speaker.asked.size() == 3);
    kiosk.service->apply(intent::ReadAloud{"announcement:water-outage", k_shown});
    CHECK(kiosk.speaker.asked.back().speed == SpeechSpeed::Slow);
    CHECK(kiosk.speaker.asked.back().paragraphs.size() == 3);  // a new reading starts at the top

    // Idle reset: silence, and 中 for whoever comes next.
    kiosk.service->reset_session();
    CHECK_FALSE(kiosk.speech().speaking);
    CHECK(kiosk.speech().speed == SpeechSpeed::Medium);
    kiosk.service->apply(intent::ReadAloud{"announcement:water-outage", k_shown});
    CHECK(kiosk.speaker.asked.back().speed == SpeechSpeed::Medium);
}

TEST_CASE("朗读: a kiosk without sound runs silent, the model says why, and the admin panel names it once", "[services]")
{
    SpeakingKiosk kiosk;
    kiosk.speaker.reason = "audio: 没有声音设备（alsa：ALSA: Couldn't open audio device: No such file or directory）";
    CHECK_FALSE(kiosk.speech().available);
    CHECK(kiosk.speech().unavailable_reason == kiosk.speaker.reason);
    kiosk.service->model();
    CHECK(kiosk.audio_errors() == 1);
    // A loudspeaker plugged in later works again without a restart.
    kiosk.speaker.reason.clear();
    CHECK(kiosk.speech().available);
    CHECK(kiosk.audio_errors() == 1);
}

TEST_CASE("朗读: with [audio] enabled = false nothing is heard and nothing is reported as wrong", "[services]")
{
    KioskConfig config = default_kiosk_config();
    config.audio_enabled = false;
    NullSpeaker off("朗读已关闭（kiosk.toml [audio] enabled = false）");  // outlives the kiosk, as in main()
    SpeakingKiosk kiosk(config);
    kiosk.service->set_speaker(&off);
    kiosk.service->apply(intent::ReadAloud{"announcement:water-outage", k_shown});
    CHECK_FALSE(kiosk.speech().speaking);
    CHECK_FALSE(kiosk.speech().available);
    CHECK(kiosk.speech().unavailable_reason == "朗读已关闭（kiosk.toml [audio] enabled = false）");
    CHECK(kiosk.audio_errors() == 0);
}

TEST_CASE("朗读: a service with no loudspeaker attached (one-shot commands, tests) reads nothing and logs nothing", "[services]")
{
    test::TempDir dir("read-aloud-none");
    FakeClock clock(test::k_script_now_s * 1000, 0);
    auto service = KioskService::open(default_kiosk_config(), dir.str(), clock);
    REQUIRE(service);
    (*service)->apply(intent::ReadAloud{"announcement:water-outage", k_shown});
    const AppModel& model = (*service)->model();
    CHECK_FALSE(model.speech.speaking);
    CHECK_FALSE(model.speech.available);
    CHECK_FALSE(model.speech.unavailable_reason.empty());
    for (const auto& e : model.status.recent_errors) CHECK(e.component != "audio");
}
