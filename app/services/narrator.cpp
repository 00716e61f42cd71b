#include "services/narrator.hpp"

#include "services/app_model.hpp"

#include <algorithm>

namespace linli::services {

Narrator::Narrator() : m_none("朗读未接入（截图、脚本和命令行不出声）"), m_speaker(&m_none) {}

void Narrator::attach(Speaker* speaker)
{
    m_speaker->stop();
    m_item.clear();
    m_speaker = speaker ? speaker : &m_none;
}

void Narrator::read(std::string item, const std::vector<std::string>& shown_paragraphs)
{
    m_item = std::move(item);
    m_spoken.clear();
    for (const std::string& p : shown_paragraphs) m_spoken.push_back(speech_text(p));
    speak_from(0);
}

void Narrator::stop()
{
    m_speaker->stop();
    m_item.clear();
}

void Narrator::set_speed(SpeechSpeed speed)
{
    if (speed == m_speed) return;
    m_speed = speed;
    if (m_item.empty()) return;
    const SpeakerState now = m_speaker->state();
    if (now.speaking) speak_from(m_first + size_t(std::max(now.paragraph, 0)));
}

void Narrator::speak_from(size_t first)
{
    m_first = std::min(first, m_spoken.size());
    m_speaker->speak(std::vector<std::string>(m_spoken.begin() + std::ptrdiff_t(m_first), m_spoken.end()), m_speed);
}

void Narrator::refresh(SpeechView& view)
{
    const SpeakerState now = m_speaker->state();
    // A reading that ended by itself (heard to the end, or no sound) leaves nothing highlighted.
    if (!now.speaking) m_item.clear();
    view.unavailable_reason = m_speaker->unavailable_reason();
    view.available = view.unavailable_reason.empty();
    view.speaking = !m_item.empty();
    view.item = m_item;
    view.paragraph = view.speaking ? int(m_first) + std::max(now.paragraph, 0) : -1;
    view.speed = m_speed;
}

}  // namespace linli::services
