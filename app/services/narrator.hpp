// Narrator: the 朗读 use case (issue 13) that KioskService holds. Turns what a screen shows into
// what the Speaker says (core::speech_text), remembers which item is read and at what speed, and
// restarts a reading at the paragraph being heard when the resident picks another speed.
// Main thread only, like KioskService.
#pragma once

#include "services/speaker.hpp"

#include <string>
#include <vector>

namespace linli::services {

struct SpeechView;

class Narrator {
public:
    Narrator();
    // The loudspeaker to use; nullptr: none (a NullSpeaker saying so). Stops what the old one read.
    void attach(Speaker* speaker);
    // Reads an item's paragraphs as shown (Markdown, ¥1,234.50, 3号楼...) from the first.
    void read(std::string item, const std::vector<std::string>& shown_paragraphs);
    void stop();
    // 慢 / 中 / 快: kept for the next reading; a reading under way starts again, at the paragraph
    // being heard, at the new speed.
    void set_speed(SpeechSpeed speed);
    // The model's 朗读 block as things are now (call every frame: the paragraph heard moves).
    void refresh(SpeechView& view);
    std::string unavailable_reason() const { return m_speaker->unavailable_reason(); }

private:
    void speak_from(size_t first);

    NullSpeaker m_none;
    Speaker* m_speaker;
    std::string m_item;                  // the route read now; "" when nothing is
    std::vector<std::string> m_spoken;   // its paragraphs, speakable
    size_t m_first = 0;                  // the paragraph the Speaker's reading started at
    SpeechSpeed m_speed = SpeechSpeed::Medium;
};

}  // namespace linli::services
