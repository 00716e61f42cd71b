#include "platform/read_aloud.hpp"

#include "platform/audio_out.hpp"
#include "platform/speech_synth.hpp"

#include <algorithm>

namespace linli::platform {

namespace {

using SteadyClock = std::chrono::steady_clock;

// A breath between paragraphs: a heading without a full stop would otherwise run into the text.
constexpr int k_paragraph_gap_ms = 250;
// Synthesis runs at least ten times faster than speech; it stays at most this far ahead of the
// voice, so a long charter does not fill memory with minutes of samples.
constexpr int k_ahead_s = 20;
// While the loudspeaker is open and nothing is said, the worker looks this often whether it is
// time to close it.
constexpr std::chrono::milliseconds k_quiet_check{2000};
// A kiosk without a loudspeaker is not asked again at every tap (each failed open costs the
// journal a screenful of ALSA's complaints); one plugged in is found within this time.
constexpr std::chrono::seconds k_retry_after{30};

int64_t micros_since(SteadyClock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start).count();
}

}  // namespace

ReadAloud::ReadAloud(ReadAloudOptions options) : m_options(options)
{
    if (auto started = start_sdl_audio(); !started) {
        m_problem = started.error().message;
        m_sdl_failed = true;
    }
    m_worker = std::thread([this] { run(); });
}

ReadAloud::~ReadAloud()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        ++m_generation;
    }
    m_wake.notify_all();
    m_worker.join();
}

void ReadAloud::speak(std::vector<std::string> paragraphs, SpeechSpeed speed)
{
    {
        std::lock_guard lock(m_mutex);
        m_next = Reading{++m_generation, std::move(paragraphs), speed, SteadyClock::now()};
        m_active = true;
        m_synthesised = false;
        m_queued_total = 0;
        m_starts.clear();
        m_timing = ReadingTiming{};
        if (m_audio) m_audio->stop();  // the old reading's voice ends now, not at its next chunk
    }
    m_wake.notify_all();
}

void ReadAloud::stop()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_generation;
        m_next.reset();
        m_active = false;
        if (m_audio) m_audio->stop();
    }
    m_wake.notify_all();
}

ReadAloudState ReadAloud::state() const
{
    std::lock_guard lock(m_mutex);
    if (!m_active) return {};
    const uint64_t queued = m_audio ? m_audio->queued_samples() : 0;
    if (m_synthesised && queued == 0) return {false, -1, true};
    // What has left the queue has been (or is this moment being) heard.
    const uint64_t heard = m_queued_total - std::min(queued, m_queued_total);
    int paragraph = 0;
    for (size_t i = 0; i < m_starts.size(); ++i)
        if (m_starts[i] <= heard) paragraph = int(i);
    return {true, paragraph, false};
}

ReadingTiming ReadAloud::timing() const
{
    std::lock_guard lock(m_mutex);
    return m_timing;
}

std::string ReadAloud::problem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

bool ReadAloud::probed() const
{
    std::lock_guard lock(m_mutex);
    return m_probed;
}

bool ReadAloud::device_open() const
{
    std::lock_guard lock(m_mutex);
    return m_audio != nullptr;
}

// Nothing to say and nothing left to hear.
bool ReadAloud::quiet_locked() const
{
    if (m_next) return false;
    if (m_active && !m_synthesised) return false;
    return !m_audio || m_audio->queued_samples() == 0;
}

// Opens the loudspeaker for a reading (the lock is let go meanwhile: opening a device takes a few
// milliseconds, a sound server's more, and the UI thread asks for state() every frame).
bool ReadAloud::open_audio(std::unique_lock<std::mutex>& lock)
{
    if (m_audio) return true;
    if (m_sdl_failed) return false;
    if (m_failed_at && SteadyClock::now() - *m_failed_at < k_retry_after) return false;
    lock.unlock();
    auto opened = AudioOut::open(m_sample_rate, m_options.volume);
    lock.lock();
    if (!opened) {
        m_problem = opened.error().message;
        m_failed_at = SteadyClock::now();
        return false;
    }
    m_problem.clear();  // a loudspeaker plugged in since works without a restart
    m_failed_at.reset();
    m_audio = std::move(*opened);
    return true;
}

void ReadAloud::run()
{
    // eSpeak NG starts here, not on the UI thread: it reads its Mandarin dictionary (15-25 ms).
    auto synth = SpeechSynth::open();
    std::unique_lock lock(m_mutex);
    if (!synth) {
        m_problem = synth.error().message;
    } else {
        m_sample_rate = (*synth)->sample_rate();
        open_audio(lock);  // to learn now whether there is sound (the admin panel says)
    }
    m_probed = true;
    std::optional<SteadyClock::time_point> quiet_since;
    for (;;) {
        while (!m_quit && !m_next) {
            if (!m_audio) {
                m_wake.wait(lock);
                continue;
            }
            // An open device plays silence and keeps its thread waking: closed after a quiet while.
            if (!quiet_locked()) quiet_since.reset();
            else if (!quiet_since) quiet_since = SteadyClock::now();
            if (quiet_since && SteadyClock::now() - *quiet_since >= m_options.close_after) {
                m_audio.reset();
                quiet_since.reset();
                continue;
            }
            const auto check = std::clamp(m_options.close_after, std::chrono::milliseconds(50), k_quiet_check);
            m_wake.wait_for(lock, check);
        }
        if (m_quit) return;
        const Reading reading = std::move(*m_next);
        m_next.reset();
        quiet_since.reset();
        if (!synth || !open_audio(lock)) {
            if (reading.generation == m_generation) m_active = false;  // problem() says why
            continue;
        }
        lock.unlock();
        say(**synth, reading);
        lock.lock();
    }
}

void ReadAloud::say(SpeechSynth& synth, const Reading& reading)
{
    int64_t synth_us = 0, waited_us = 0;
    for (size_t p = 0; p < reading.paragraphs.size(); ++p) {
        {
            std::lock_guard lock(m_mutex);
            if (reading.generation != m_generation) return;
            if (m_queued_total > 0) {
                const std::vector<int16_t> gap(size_t(m_sample_rate) * k_paragraph_gap_ms / 1000, 0);
                if (m_audio && m_audio->queue(gap.data(), gap.size())) m_queued_total += gap.size();
            }
            m_starts.push_back(m_queued_total);
        }
        const std::string& text = reading.paragraphs[p];
        if (text.empty()) continue;
        const auto started = SteadyClock::now();
        auto done = synth.synthesize(text, reading.speed, [&](const int16_t* samples, size_t count) {
            return deliver(reading, samples, count, waited_us);
        });
        synth_us += micros_since(started);
        if (!done) {
            std::lock_guard lock(m_mutex);
            if (reading.generation == m_generation) {
                m_problem = done.error().message;
                m_active = false;
            }
            return;
        }
        if (!*done) return;  // stopped or replaced
    }
    std::lock_guard lock(m_mutex);
    if (reading.generation != m_generation) return;
    m_synthesised = true;
    const double audio_s = double(m_queued_total) / m_sample_rate;
    m_timing.audio_s = audio_s;
    if (audio_s > 0) m_timing.real_time_factor = double(synth_us - waited_us) / 1e6 / audio_s;
}

// One chunk from eSpeak: queued if its reading is still the one wanted (under the lock, so that
// stop() and a new speak() never see an old chunk arrive after they emptied the queue).
bool ReadAloud::deliver(const Reading& reading, const int16_t* samples, size_t count, int64_t& waited_us)
{
    std::unique_lock lock(m_mutex);
    const size_t ahead = size_t(k_ahead_s) * size_t(m_sample_rate);
    if (m_audio && m_audio->queued_samples() > ahead) {
        const auto started = SteadyClock::now();
        while (reading.generation == m_generation && m_audio && m_audio->queued_samples() > ahead)
            m_wake.wait_for(lock, std::chrono::milliseconds(200));
        waited_us += micros_since(started);
    }
    if (reading.generation != m_generation || !m_audio) return false;
    if (auto queued = m_audio->queue(samples, count); !queued) {
        m_problem = queued.error().message;
        m_active = false;
        return false;
    }
    if (m_timing.start_latency_us < 0) m_timing.start_latency_us = micros_since(reading.asked_at);
    m_queued_total += count;
    m_timing.audio_s = double(m_queued_total) / m_sample_rate;
    return true;
}

}  // namespace linli::platform
