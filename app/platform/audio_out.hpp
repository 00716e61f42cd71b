// AudioOut: the kiosk's loudspeaker for 朗读 (issue 13). One open SDL2 audio output taking 16-bit
// mono samples, played from a queue (SDL_QueueAudio) so speech can be handed over as it is
// synthesised, stopped at once by emptying the queue. When there is no sound, open() says why in
// words an administrator can act on, since the admin panel shows it.
// SDL's audio, once started, stays started until SDL_Quit (the display's end): starting it costs
// milliseconds of driver probing that a reading should not pay again.
#pragma once

#include "core/result.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace linli::platform {

// Starts SDL's audio (SDL_InitSubSystem), once. Call it on the main thread: SDL's subsystems are
// not started safely from two threads at once, and the display starts its own there.
Status start_sdl_audio();

class AudioOut {
public:
    // Opens the default output for 16-bit mono at sample_rate (SDL converts to what the device
    // takes), playing at once: silence until samples are queued. volume 0..100. Starts SDL's audio
    // first if nobody has. Refused (Internal) with "audio: 没有声音设备 ..." and SDL's reason.
    static Result<std::unique_ptr<AudioOut>> open(int sample_rate, int volume);
    ~AudioOut();  // closes the device; what is still queued is not heard
    AudioOut(const AudioOut&) = delete;
    AudioOut& operator=(const AudioOut&) = delete;

    int sample_rate() const { return m_sample_rate; }
    // 0 (silent) .. 100 (the samples as they are); takes effect for samples queued from now on.
    void set_volume(int volume);
    int volume() const { return m_volume; }
    // Appends samples to what is being played, scaled by the volume. Thread-safe against the
    // device's own thread (SDL locks the queue), not against another caller of this object.
    Status queue(const int16_t* samples, size_t count);
    // Silences it now: everything still queued is dropped (the device's own small buffer, a few
    // tens of milliseconds, still plays out).
    void stop();
    // Samples queued and not yet handed to the device: with what was queued, what is heard now.
    size_t queued_samples() const;
    // The SDL driver in use ("alsa", "pulseaudio", "disk"...), for the admin panel and logs.
    const std::string& driver() const { return m_driver; }

private:
    AudioOut(uint32_t device, int sample_rate, int volume, std::string driver);

    uint32_t m_device;
    int m_sample_rate;
    std::atomic<int> m_volume;
    std::string m_driver;
    std::vector<int16_t> m_scaled;  // scratch: the volume applied to one queue() call
};

}  // namespace linli::platform
