// ReadAloud: 朗读 (issue 13) as the kiosk runs it. Speaks a list of paragraphs (already
// core::speech_text'ed) through the loudspeaker: eSpeak NG synthesises on a worker thread, so the
// UI thread never waits on it, and each ~60 ms chunk is queued to AudioOut as it is made, so sound
// starts after the first chunk rather than after the whole notice. It knows at which sample each
// paragraph starts, so what is still queued tells which paragraph is being heard (the highlight).
// The loudspeaker is opened when a reading needs it and closed after a quiet while, so an idle
// kiosk has no audio thread waking (an open SDL device plays silence all the time).
#pragma once

#include "core/speech_text.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace linli::platform {

class AudioOut;
class SpeechSynth;

struct ReadAloudState {
    bool speaking = false;  // a reading is being synthesised or heard
    int paragraph = -1;     // while speaking: the paragraph being heard (from 0); -1 otherwise
    bool finished = false;  // the last reading was heard to its end (not stopped, not failed)
};

// How the latest reading went, for the benchmark and the log.
struct ReadingTiming {
    int64_t start_latency_us = -1;  // speak() to its first samples queued; -1: none yet
    double real_time_factor = -1;   // synthesis time over the audio's duration; -1: not done
    double audio_s = 0;             // seconds of speech made so far
};

struct ReadAloudOptions {
    int volume = 80;  // 0..100 ([audio] volume)
    // The loudspeaker is closed after this long with nothing to say (10 s: a resident reading
    // notice after notice keeps it open; a start after it costs a few milliseconds more).
    std::chrono::milliseconds close_after{10000};
};

class ReadAloud {
public:
    // Starts SDL's audio on the calling thread (call it on the main thread, ARCHITECTURE.md:
    // only the main thread starts SDL), and the worker, which starts eSpeak NG and opens the
    // loudspeaker once to learn whether there is one (problem() then says).
    explicit ReadAloud(ReadAloudOptions options = {});
    ~ReadAloud();  // stops, and waits for the worker (at most one chunk of synthesis)
    ReadAloud(const ReadAloud&) = delete;
    ReadAloud& operator=(const ReadAloud&) = delete;

    // Reads the paragraphs in order at speed, replacing any reading under way. Returns at once.
    void speak(std::vector<std::string> paragraphs, SpeechSpeed speed);
    // Silences it now (what is queued is dropped; synthesis ends at its next chunk).
    void stop();
    ReadAloudState state() const;
    ReadingTiming timing() const;
    // Why nothing can be heard ("audio: 没有声音设备（alsa：...）", the voice missing), or "" when
    // sound works (or is not known yet: the worker has not tried).
    std::string problem() const;
    // The worker has tried eSpeak and the loudspeaker once (problem() is meaningful).
    bool probed() const;
    // The SDL audio device is open now (for tests: an idle kiosk should hold none).
    bool device_open() const;

private:
    struct Reading {
        uint64_t generation = 0;
        std::vector<std::string> paragraphs;
        SpeechSpeed speed = SpeechSpeed::Medium;
        std::chrono::steady_clock::time_point asked_at;
    };

    void run();  // the worker
    bool open_audio(std::unique_lock<std::mutex>& lock);
    void say(SpeechSynth& synth, const Reading& reading);
    bool deliver(const Reading& reading, const int16_t* samples, size_t count, int64_t& waited_us);
    bool quiet_locked() const;

    const ReadAloudOptions m_options;
    mutable std::mutex m_mutex;  // guards everything below; never held while eSpeak synthesises
    std::condition_variable m_wake;
    uint64_t m_generation = 0;      // bumped by speak() and stop(): chunks of older readings are dropped
    std::optional<Reading> m_next;  // asked for, not yet taken by the worker
    bool m_quit = false;
    bool m_active = false;          // a reading of m_generation is under way or being heard
    bool m_synthesised = false;     // all of it has been queued
    uint64_t m_queued_total = 0;    // samples of this reading queued so far
    std::vector<uint64_t> m_starts; // the sample at which each paragraph begins
    std::unique_ptr<AudioOut> m_audio;
    int m_sample_rate = 22050;
    std::string m_problem;
    bool m_sdl_failed = false;      // SDL's audio would not start: no device will ever open
    std::optional<std::chrono::steady_clock::time_point> m_failed_at;  // the last open that failed
    bool m_probed = false;
    ReadingTiming m_timing;
    std::thread m_worker;           // last: started when everything above is ready
};

}  // namespace linli::platform
