// Placeholder until the subcommand lands (issue 4).
#include "admin/command.hpp"

namespace linli::admin {

Status run_build(Args)
{
    return Error::internal("linli-admin: this command is not available yet");
}

}  // namespace linli::admin
