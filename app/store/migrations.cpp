#include "store/migrations.hpp"

#include <cassert>
#include <string>

namespace linli::store {

namespace {

Result<int> user_version(Database& db)
{
    Statement stmt = TRY(db.prepare("PRAGMA user_version"));
    TRY(stmt.step());
    return int(stmt.column_int64(0));
}

// "store: kiosk.db: near ..." becomes "store: kiosk.db: migration 3: near ...", so the operator
// sees which script failed as well as the statement.
Error in_migration(Error error, const std::string& name, int version)
{
    std::string prefix = "store: " + name + ": ";
    if (error.message.starts_with(prefix))
        error.message.insert(prefix.size(), "migration " + std::to_string(version) + ": ");
    return error;
}

}  // namespace

Status migrate(Database& db, std::span<const Migration> migrations)
{
    for (size_t i = 0; i < migrations.size(); ++i)
        assert(migrations[i].version == int(i) + 1 && "migration versions must be 1, 2, 3...");
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    const std::string& name = db.name();

    for (;;) {
        // The version is read inside the write transaction: another process migrating the same
        // file at the same moment then waits for us and sees our result, instead of applying twice.
        Transaction tx = TRY(Transaction::begin(db));
        int current = TRY(user_version(db));
        if (current < 0)
            return Error::rejected("store: " + name + ": schema version " + std::to_string(current) +
                                   " is not a version this kiosk ever wrote");
        if (current > latest)
            return Error::rejected("store: " + name + ": schema version " + std::to_string(current) +
                                   " is newer than this kiosk understands (" +
                                   std::to_string(latest) + ")");
        if (current == latest)
            return tx.commit();
        const Migration& next = migrations[size_t(current)];
        if (auto applied = db.exec(next.sql); !applied)
            return in_migration(applied.release_error(), name, next.version);
        TRY_STATUS(db.exec("PRAGMA user_version = " + std::to_string(next.version)));
        TRY_STATUS(tx.commit());
    }
}

}  // namespace linli::store
