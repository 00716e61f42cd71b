// Mandarin speech for 朗读 (issue 13), from eSpeak NG (Debian's libespeak-ng, voice
// cmn-latn-pinyin: core/speech_text.hpp says why that one), synthesised into memory so the kiosk
// plays it through SDL audio and can stop it at once. Feed it core::speech_text's output.
// eSpeak NG keeps global state: one SpeechSynth at a time, used from one thread.
#pragma once

#include "core/result.hpp"
#include "core/speech_text.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace linli::platform {

// Words a minute for each speed (慢 / 中 / 快, core's SpeechSpeed) (eSpeak's rate; its default is 175).
int speech_rate(SpeechSpeed speed);

inline constexpr const char* k_mandarin_voice = "cmn-latn-pinyin";

class SpeechSynth {
public:
    // Refused (Internal) when eSpeak NG or its Mandarin voice is missing (espeak-ng-data).
    static Result<std::unique_ptr<SpeechSynth>> open();
    ~SpeechSynth();
    SpeechSynth(const SpeechSynth&) = delete;
    SpeechSynth& operator=(const SpeechSynth&) = delete;

    int sample_rate() const { return m_sample_rate; }
    // Synthesises text (UTF-8), handing each chunk of 16-bit mono samples to chunk as it is made
    // (about every 60 ms of speech, so playing can start before the end is synthesised). chunk
    // returns false to stop. Returns whether it ran to the end.
    Result<bool> synthesize(std::string_view text, SpeechSpeed speed,
                            const std::function<bool(const int16_t*, size_t)>& chunk);
    // The whole text into one buffer.
    Result<std::vector<int16_t>> synthesize_all(std::string_view text, SpeechSpeed speed);

private:
    explicit SpeechSynth(int sample_rate) : m_sample_rate(sample_rate) {}
    int m_sample_rate;
};

}  // namespace linli::platform
