// Hearing what the kiosk plays, in tests without a loudspeaker: SDL's `disk` audio driver writes
// the device's samples to a file at the pace a real device plays them, and `dummy` plays them
// into nothing at that pace. Shared by the platform tests of the audio output and of 朗读.
#pragma once

#include <SDL.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace linli::test {

// Restarts SDL's audio on the given driver: the next AudioOut opens a device of that driver.
// disk_file: where the disk driver writes (16-bit mono at the rate asked, no header).
inline void use_sdl_audio_driver(const std::string& driver, const std::string& disk_file = {})
{
    while (SDL_WasInit(SDL_INIT_AUDIO)) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    ::setenv("SDL_AUDIODRIVER", driver.c_str(), 1);
    if (!disk_file.empty()) ::setenv("SDL_DISKAUDIOFILE", disk_file.c_str(), 1);
    // The disk driver warns on stderr at every open that it is not a real device: we know.
    SDL_LogSetPriority(SDL_LOG_CATEGORY_AUDIO, SDL_NUM_LOG_PRIORITIES);
}

// The samples the disk driver wrote.
inline std::vector<int16_t> captured_samples(const std::string& disk_file)
{
    std::ifstream in(disk_file, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<int16_t> samples(bytes.size() / 2);
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = int16_t(uint16_t(uint8_t(bytes[2 * i])) | uint16_t(uint8_t(bytes[2 * i + 1])) << 8);
    return samples;
}

// Samples louder than a whisper (|s| > 300): speech and tones, not silence or dither.
inline size_t audible_samples(const std::vector<int16_t>& samples)
{
    size_t n = 0;
    for (int16_t s : samples) n += std::abs(int(s)) > 300;
    return n;
}

inline double sound_rms(const std::vector<int16_t>& samples)
{
    double sum = 0;
    for (int16_t s : samples) sum += double(s) * double(s);
    return samples.empty() ? 0 : std::sqrt(sum / double(samples.size()));
}

// Polls until done() or the time is up; whether done() came true.
inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit)
{
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace linli::test
