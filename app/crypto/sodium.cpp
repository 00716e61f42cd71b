#include "crypto/sodium.hpp"

#include <sodium.h>

namespace linli::crypto {

Status init_sodium()
{
    // A function-local static is initialised exactly once even when threads race here, and
    // sodium_init() is itself idempotent: 0 = initialised now, 1 = already, -1 = failed.
    static const int s_result = sodium_init();
    if (s_result < 0)
        return Error::internal("crypto: libsodium failed to initialise (no usable random source?)");
    return {};
}

}  // namespace linli::crypto
