// The cage launch mode ([display] launch = "cage"): the kiosk started by systemd starts the cage
// Wayland kiosk compositor with itself inside, and stays as the service's main process to report
// how the inner kiosk ended. cage 0.1.4 always exits 0, so without this a crash of the kiosk
// inside it would look like a deliberate exit and systemd would not restart it.
#pragma once

#include "core/result.hpp"

#include <string>
#include <vector>

namespace linli::platform {

// True in the kiosk that cage started (the launcher sets LINLI_CAGE_EXIT_FD).
bool inside_cage_session();

// Runs `cage -d -- <program> args...` (program: this one when empty) with SDL_VIDEODRIVER=wayland
// and waits for it, passing the kiosk's sd_notify messages on to systemd meanwhile. Returns the
// inner kiosk's exit code: what it reported through report_exit_to_cage_launcher, or 1 when it
// reported nothing (it crashed or was killed). Rejected when cage is not installed.
Result<int> run_inside_cage(const std::vector<std::string>& args, const std::string& program = {});

// In the kiosk inside cage: tells the launcher the exit code (does nothing elsewhere).
void report_exit_to_cage_launcher(int code);

}  // namespace linli::platform
