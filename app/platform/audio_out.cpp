#include "platform/audio_out.hpp"

#include <SDL.h>

#include <algorithm>

namespace linli::platform {

namespace {

// The device pulls this many frames at a time: 1024 at 22050 Hz is 46 ms, short enough that a
// stop is heard at once and the paragraph shown follows the voice, long enough that a busy Pi
// does not starve the device.
constexpr Uint16 k_device_frames = 1024;

std::string driver_name()
{
    const char* name = SDL_GetCurrentAudioDriver();
    return name ? name : "?";
}

}  // namespace

Status start_sdl_audio()
{
    if (SDL_WasInit(SDL_INIT_AUDIO)) return {};
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return Error::internal(std::string("audio: 没有声音设备（SDL 无法启动声音：") + SDL_GetError() + "）");
    return {};
}

Result<std::unique_ptr<AudioOut>> AudioOut::open(int sample_rate, int volume)
{
    TRY_STATUS(start_sdl_audio());
    SDL_AudioSpec wanted{};
    wanted.freq = sample_rate;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = 1;
    wanted.samples = k_device_frames;
    wanted.callback = nullptr;  // queued: SDL_QueueAudio feeds it
    // No changes allowed: SDL converts our rate and format to the device's, so what is queued is
    // always 16-bit mono at the voice's rate.
    const SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &wanted, nullptr, 0);
    if (device == 0) {
        // No device at all reads differently from one that exists and refuses (busy, no rights).
        const std::string why = SDL_GetError();
        const bool none = SDL_GetNumAudioDevices(0) <= 0;
        return Error::internal(std::string("audio: ") + (none ? "没有声音设备" : "声音设备打不开") + "（" +
                               driver_name() + "：" + why + "）");
    }
    SDL_PauseAudioDevice(device, 0);
    return std::unique_ptr<AudioOut>(new AudioOut(device, sample_rate, volume, driver_name()));
}

AudioOut::AudioOut(uint32_t device, int sample_rate, int volume, std::string driver)
    : m_device(device), m_sample_rate(sample_rate), m_volume(std::clamp(volume, 0, 100)), m_driver(std::move(driver))
{
}

AudioOut::~AudioOut() { SDL_CloseAudioDevice(m_device); }

void AudioOut::set_volume(int volume) { m_volume = std::clamp(volume, 0, 100); }

Status AudioOut::queue(const int16_t* samples, size_t count)
{
    if (count == 0) return {};
    // The volume scales the amplitude: 80 is 80 % of the voice's own, which an administrator can
    // reason about ("a bit softer"); the device's own mixer stays where the system set it.
    const int volume = m_volume;
    m_scaled.resize(count);
    for (size_t i = 0; i < count; ++i) m_scaled[i] = int16_t(int32_t(samples[i]) * volume / 100);
    if (SDL_QueueAudio(m_device, m_scaled.data(), Uint32(count * sizeof(int16_t))) != 0)
        return Error::internal(std::string("audio: 声音设备不再接收声音（") + SDL_GetError() + "）");
    return {};
}

void AudioOut::stop() { SDL_ClearQueuedAudio(m_device); }

size_t AudioOut::queued_samples() const { return SDL_GetQueuedAudioSize(m_device) / sizeof(int16_t); }

}  // namespace linli::platform
