// 朗读's voice (issue 13): eSpeak NG's Mandarin voice renders a notice's sentence into a buffer of
// real speech (not silence, about as long as a person takes to say it), slower at 慢 than at 快,
// and stops at once when asked.
#include "platform/speech_synth.hpp"

#include "core/speech_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace linli;
using namespace linli::platform;

namespace {

double rms(const std::vector<int16_t>& samples)
{
    double sum = 0;
    for (int16_t s : samples) sum += double(s) * double(s);
    return samples.empty() ? 0 : std::sqrt(sum / double(samples.size()));
}

}  // namespace

TEST_CASE("speech: a notice's sentence becomes seconds of audible Mandarin, slower at 慢 than at 快", "[platform]")
{
    auto synth = SpeechSynth::open();
    REQUIRE(synth);
    const std::string text = speech_text("3号楼明天8:30至12:00停水，请提前储水。");  // 25 syllables
    auto medium = (*synth)->synthesize_all(text, SpeechSpeed::Medium);
    REQUIRE(medium);
    const double seconds = double(medium->size()) / (*synth)->sample_rate();
    INFO(seconds << " s at " << (*synth)->sample_rate() << " Hz, rms " << rms(*medium));
    CHECK(seconds > 2.5);   // a person says 25 syllables in 4 to 6 s
    CHECK(seconds < 12.0);
    CHECK(rms(*medium) > 500);  // speech, not silence
    auto slow = (*synth)->synthesize_all(text, SpeechSpeed::Slow);
    auto fast = (*synth)->synthesize_all(text, SpeechSpeed::Fast);
    REQUIRE(slow);
    REQUIRE(fast);
    CHECK(double(slow->size()) > 1.3 * double(fast->size()));
}

TEST_CASE("speech: synthesis stops at the first chunk when the caller says so", "[platform]")
{
    auto synth = SpeechSynth::open();
    REQUIRE(synth);
    // A second synthesiser at the same time is refused (eSpeak NG has one global state).
    CHECK_FALSE(SpeechSynth::open());
    size_t chunks = 0, samples = 0;
    auto finished = (*synth)->synthesize(speech_text("请各位居民注意：本周六上午九点在3号楼前召开居民大会，讨论章程草案。"),
                                         SpeechSpeed::Medium, [&](const int16_t*, size_t n) {
                                             ++chunks;
                                             samples += n;
                                             return false;
                                         });
    REQUIRE(finished);
    CHECK_FALSE(*finished);
    CHECK(chunks == 1);
    CHECK(samples < size_t((*synth)->sample_rate()));  // well under a second was made
}
