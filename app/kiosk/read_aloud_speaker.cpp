#include "kiosk/read_aloud_speaker.hpp"

#include <cstdlib>

namespace linli::kiosk {

ReadAloudSpeaker::ReadAloudSpeaker(int volume) : m_reader(platform::ReadAloudOptions{volume}) {}

void ReadAloudSpeaker::speak(std::vector<std::string> paragraphs, SpeechSpeed speed)
{
    m_reader.speak(std::move(paragraphs), speed);
}

void ReadAloudSpeaker::stop() { m_reader.stop(); }

services::SpeakerState ReadAloudSpeaker::state() const
{
    const platform::ReadAloudState s = m_reader.state();
    return {s.speaking, s.paragraph, s.finished};
}

std::string ReadAloudSpeaker::unavailable_reason() const { return m_reader.problem(); }

std::unique_ptr<services::Speaker> make_speaker(const services::KioskConfig& config, bool headless)
{
    if (!config.audio_enabled)
        return std::make_unique<services::NullSpeaker>("朗读已关闭（" + config.source + "：[audio] enabled = false）");
    const char* driver = std::getenv("SDL_AUDIODRIVER");
    if (headless && (!driver || !*driver)) return nullptr;
    return std::make_unique<ReadAloudSpeaker>(config.audio_volume);
}

}  // namespace linli::kiosk
