// Schema migrations: numbered SQL scripts applied in order, tracked in PRAGMA user_version.
// Each script and its version bump commit together, so a power cut or a bad script leaves the
// database at the previous version with nothing half-applied.
#pragma once

#include "core/result.hpp"
#include "store/database.hpp"

#include <span>
#include <string_view>

namespace linli::store {

struct Migration {
    int version;           // 1, 2, 3...: the user_version the database has after this script
    // One or more statements; no BEGIN/COMMIT: migrate() owns the transaction (which is also why
    // a PRAGMA foreign_keys inside a script has no effect).
    std::string_view sql;
};

// Brings db up to the last migration's version. Versions must be 1, 2, 3... without gaps (assert).
// A database at a higher version than the last migration is refused (Rejected): newer code wrote it.
Status migrate(Database& db, std::span<const Migration> migrations);

}  // namespace linli::store
