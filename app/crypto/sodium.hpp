// libsodium start-up. Every crypto entry point calls init_sodium() first, so callers never have
// to remember; it is cheap after the first call. Keeping the one sodium_init() call here means no
// other layer needs to include <sodium.h> for it.
#pragma once

#include "core/result.hpp"

namespace linli::crypto {

// Initialises libsodium once per process (thread-safe); an internal error if it cannot
// (e.g. no entropy source), and the same error again on every later call.
Status init_sodium();

}  // namespace linli::crypto
