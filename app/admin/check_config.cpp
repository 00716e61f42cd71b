// `linli-admin check-config FILE`: validates a kiosk.toml exactly as the kiosk will at start, so
// an administrator can check a change before restarting the screen in the lobby.
#include "admin/command.hpp"

#include "services/kiosk_config.hpp"

#include <cstdio>
#include <string>

namespace linli::admin {

Status run_check_config(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin check-config FILE\n\n"
                   "Checks a kiosk configuration (kiosk.toml) as the kiosk reads it at start.\n"
                   "Prints \"ok\", or the first problem as FILE:LINE: what is wrong (exit status 2).\n",
                   stdout);
        return {};
    }
    if (args.size() != 1)
        return Error::rejected("check-config: expected exactly one FILE (usage: linli-admin check-config FILE)");
    TRY(services::load_kiosk_config(std::string(args[0])));
    std::puts("ok");
    return {};
}

}  // namespace linli::admin
