// 朗读's figures (issue 13), printed, never judged (tests/bench/read-aloud-bench.sh runs it):
//   first start    the kiosk's first reading: eSpeak NG starting and the loudspeaker opening
//                  included, from ReadAloud's construction to the first samples queued
//   warm starts    20 starts of a notice's paragraph with the loudspeaker open (a resident
//                  tapping 朗读 on notice after notice): speak() to the first samples queued
//   cold starts    10 starts after the loudspeaker was closed for quiet (the first reading after
//                  a pause of 10 s or more): the device's opening included
//   real time      synthesis time over the speech's duration, the whole demo notice, per speed
// Goal (issue 13): start of speech within 300 ms of the tap. Runs on SDL_AUDIODRIVER (the
// script sets dummy when none is set): a real device adds its own buffer, ~46 ms, to what is heard.
#include "core/speech_text.hpp"
#include "platform/read_aloud.hpp"
#include "platform/speech_synth.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using namespace linli;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// The demo's water-outage notice (assets/demo/announcements/water-outage.md), as paragraphs.
const std::vector<std::string> k_notice = {
    "因市政供水管道抢修，**3号楼、5号楼**将于 11月26日（星期四）上午 8:00 至下午 6:00 临时停水，共约 10 小时。",
    "请各位居民：",
    "1. 提前储备生活用水；",
    "2. 关好家中水龙头，避免恢复供水时跑水；",
    "3. 停水期间请勿使用热水器。",
    "如有老人、行动不便的住户需要送水，请联系环境组志愿者王阿姨（电话 138 0000 1234），或到社区服务中心登记。"
    "给大家带来的不便，敬请谅解。",
};

std::vector<std::string> notice_spoken()
{
    std::vector<std::string> out;
    for (const auto& p : k_notice) out.push_back(speech_text(p));
    return out;
}

bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit)
{
    const auto end = Clock::now() + limit;
    while (!done()) {
        if (Clock::now() > end) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

void print_ms(const char* what, std::vector<double> v)
{
    if (v.empty()) return (void)std::printf("%s: no figures\n", what);
    std::sort(v.begin(), v.end());
    std::printf("%s: n %zu, median %.2f ms, min %.2f ms, max %.2f ms\n", what, v.size(), v[v.size() / 2], v.front(), v.back());
}

// One start: speak() to the first samples queued, in ms (-1: none within 5 s).
double one_start(platform::ReadAloud& reader, const std::vector<std::string>& paragraph)
{
    reader.speak(paragraph, SpeechSpeed::Medium);
    if (!wait_for([&] { return reader.timing().start_latency_us >= 0; }, 5000ms)) return -1;
    const double ms = double(reader.timing().start_latency_us) / 1000;
    reader.stop();
    return ms;
}

}  // namespace

int main()
{
    const std::vector<std::string> notice = notice_spoken();
    const std::vector<std::string> first_paragraph = {notice.front()};
    {
        const auto made = Clock::now();
        platform::ReadAloud reader;
        reader.speak(first_paragraph, SpeechSpeed::Medium);
        if (!wait_for([&] { return reader.timing().start_latency_us >= 0; }, 5000ms)) {
            std::fprintf(stderr, "bench: no sound: %s\n", reader.problem().c_str());
            return 1;
        }
        std::printf("first start (eSpeak NG starting, loudspeaker opening): %.2f ms\n",
                    std::chrono::duration<double, std::milli>(Clock::now() - made).count());
        reader.stop();
        std::vector<double> warm;
        for (int i = 0; i < 20; ++i) {
            warm.push_back(one_start(reader, first_paragraph));
            std::this_thread::sleep_for(50ms);
        }
        print_ms("warm starts (loudspeaker open), speak() to first samples queued", warm);
    }
    {
        platform::ReadAloud reader(platform::ReadAloudOptions{80, 0ms});
        wait_for([&] { return reader.probed(); }, 5000ms);
        std::vector<double> cold;
        for (int i = 0; i < 10; ++i) {
            wait_for([&] { return !reader.device_open(); }, 5000ms);
            cold.push_back(one_start(reader, first_paragraph));
        }
        print_ms("cold starts (loudspeaker opened for the reading)", cold);
    }
    auto synth = platform::SpeechSynth::open();
    if (!synth) return std::fprintf(stderr, "bench: %s\n", synth.error().message.c_str()), 1;
    std::string whole;
    for (const auto& p : notice) whole += p;
    for (auto [speed, name] : {std::pair{SpeechSpeed::Slow, "慢"}, {SpeechSpeed::Medium, "中"}, {SpeechSpeed::Fast, "快"}}) {
        std::vector<double> factors;
        double seconds = 0;
        for (int i = 0; i < 5; ++i) {
            const auto started = Clock::now();
            auto samples = (*synth)->synthesize_all(whole, speed);
            const double took = std::chrono::duration<double>(Clock::now() - started).count();
            if (!samples) return std::fprintf(stderr, "bench: %s\n", samples.error().message.c_str()), 1;
            seconds = double(samples->size()) / (*synth)->sample_rate();
            factors.push_back(took / seconds);
        }
        std::sort(factors.begin(), factors.end());
        std::printf("real-time factor at %s: %.4f (median of 5; %.1f s of speech synthesised in %.0f ms)\n", name,
                    factors[2], seconds, factors[2] * seconds * 1000);
    }
    return 0;
}
