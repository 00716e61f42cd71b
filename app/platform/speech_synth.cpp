#include "platform/speech_synth.hpp"

#include <espeak-ng/speak_lib.h>

#include <string>

namespace linli::platform {

namespace {

std::atomic<bool> g_open{false};

using Chunk = std::function<bool(const int16_t*, size_t)>;

// eSpeak calls back with each buffer; the Chunk travels as the synthesis' user data.
int on_samples(short* wav, int count, espeak_EVENT* events)
{
    const Chunk* chunk = events ? static_cast<const Chunk*>(events->user_data) : nullptr;
    if (!wav || count <= 0 || !chunk) return 0;
    return (*chunk)(reinterpret_cast<const int16_t*>(wav), size_t(count)) ? 0 : 1;
}

}  // namespace

int speech_rate(SpeechSpeed speed)
{
    switch (speed) {
    case SpeechSpeed::Slow: return 130;
    case SpeechSpeed::Medium: return 170;
    case SpeechSpeed::Fast: return 220;
    }
    return 170;
}

// eSpeak NG is started once per process and never terminated: 1.51 hangs in espeak_Terminate
// once it has been started a second time (its event thread waits forever), so a second
// SpeechSynth reuses the first one's engine.
Result<std::unique_ptr<SpeechSynth>> SpeechSynth::open()
{
    static int sample_rate = 0;
    static std::string failure;
    if (g_open.exchange(true)) return Error::internal("speech: eSpeak NG is in use already (one synthesiser at a time)");
    if (sample_rate == 0 && failure.empty()) {
        const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 60, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) failure = "speech: eSpeak NG cannot start (is espeak-ng-data installed?)";
        else if (espeak_SetVoiceByName(k_mandarin_voice) != EE_OK)
            failure = std::string("speech: eSpeak NG has no voice ") + k_mandarin_voice + " (install espeak-ng-data)";
        else sample_rate = rate;
        espeak_SetSynthCallback(on_samples);
    }
    if (!failure.empty()) {
        g_open = false;
        return Error::internal(failure);
    }
    return std::unique_ptr<SpeechSynth>(new SpeechSynth(sample_rate));
}

SpeechSynth::~SpeechSynth() { g_open = false; }

Result<bool> SpeechSynth::synthesize(std::string_view text, SpeechSpeed speed, const Chunk& chunk)
{
    espeak_SetParameter(espeakRATE, speech_rate(speed), 0);
    bool stopped = false;
    const Chunk counted = [&](const int16_t* samples, size_t n) {
        if (!chunk(samples, n)) stopped = true;
        return !stopped;
    };
    const std::string zero_terminated(text);
    const espeak_ERROR e = espeak_Synth(zero_terminated.c_str(), zero_terminated.size() + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8, nullptr, const_cast<Chunk*>(&counted));
    if (e != EE_OK) return Error::internal("speech: eSpeak NG could not synthesise the text (error " + std::to_string(int(e)) + ")");
    return !stopped;
}

Result<std::vector<int16_t>> SpeechSynth::synthesize_all(std::string_view text, SpeechSpeed speed)
{
    std::vector<int16_t> all;
    TRY(synthesize(text, speed, [&all](const int16_t* samples, size_t n) {
        all.insert(all.end(), samples, samples + n);
        return true;
    }));
    return all;
}

}  // namespace linli::platform
