// Speaker: the loudspeaker as the services layer knows it, for 朗读 (issue 13). Services must not
// include platform (ARCHITECTURE.md, layers): the composition root (app/kiosk) implements this
// with platform::ReadAloud, and a NullSpeaker stands in where there is no sound, with the reason.
#pragma once

#include "core/speech_text.hpp"

#include <string>
#include <utility>
#include <vector>

namespace linli::services {

struct SpeakerState {
    bool speaking = false;  // a reading is being prepared or heard
    int paragraph = -1;     // while speaking: the paragraph (of those given to speak()) heard now
    bool finished = false;  // the last reading was heard to its end
};

class Speaker {
public:
    virtual ~Speaker() = default;
    // Reads the paragraphs (already speakable: core::speech_text) in order, replacing any
    // reading under way. Returns at once: the UI thread must never wait on synthesis. From its
    // return, state() says speaking until the reading ends (unless there is no sound at all).
    virtual void speak(std::vector<std::string> paragraphs, SpeechSpeed speed) = 0;
    virtual void stop() = 0;
    virtual SpeakerState state() const = 0;
    // Why nothing can be heard, for the admin panel ("audio: 没有声音设备（...）"); "" when sound works.
    virtual std::string unavailable_reason() const = 0;
};

// No sound: [audio] enabled = false, no loudspeaker, or nothing attached. Readings end at once.
class NullSpeaker final : public Speaker {
public:
    explicit NullSpeaker(std::string reason) : m_reason(std::move(reason)) {}
    void speak(std::vector<std::string>, SpeechSpeed) override {}
    void stop() override {}
    SpeakerState state() const override { return {}; }
    std::string unavailable_reason() const override { return m_reason; }

private:
    std::string m_reason;
};

}  // namespace linli::services
