// The kiosk's loudspeaker for services (services::Speaker over platform::ReadAloud), and the one
// place that decides whether this run of the kiosk has sound at all.
#pragma once

#include "platform/read_aloud.hpp"
#include "services/kiosk_config.hpp"
#include "services/speaker.hpp"

#include <memory>

namespace linli::kiosk {

class ReadAloudSpeaker final : public services::Speaker {
public:
    explicit ReadAloudSpeaker(int volume);
    void speak(std::vector<std::string> paragraphs, SpeechSpeed speed) override;
    void stop() override;
    services::SpeakerState state() const override;
    std::string unavailable_reason() const override;

private:
    platform::ReadAloud m_reader;
};

// On the main thread, after the display has started SDL. [audio] enabled = false: a NullSpeaker
// saying so. Headless runs (--screenshot, --script: tests and benchmarks on machines without a
// loudspeaker) get none (nullptr) unless SDL_AUDIODRIVER names a driver, as tests do with `disk`.
// Otherwise ReadAloud, which finds out by itself whether a loudspeaker is there (the admin panel
// then says why not) and uses one plugged in later.
std::unique_ptr<services::Speaker> make_speaker(const services::KioskConfig& config, bool headless);

}  // namespace linli::kiosk
