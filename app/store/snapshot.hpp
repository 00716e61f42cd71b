// A consistent copy of a live database in one new file (VACUUM INTO), for the backups of
// residents.db (app/services/backup.hpp, which makes it in the data dir and copies it onto the
// stick in large writes). It lives here because only app/store may talk to SQLite; the caller
// chooses the (temporary) name.
#pragma once

#include "core/result.hpp"
#include "store/database.hpp"

#include <string>

namespace linli::store {

// Writes a transactionally consistent copy of db into to_path, which must not exist, and fsyncs
// it (VACUUM INTO leaves that to the caller). The copy is compact (no free pages, no WAL) and in
// rollback-journal mode, so it is one self-contained file. Internal when SQLite fails; the
// message names to_path. A failed copy leaves no file behind.
Status snapshot_database(Database& db, const std::string& to_path);

}  // namespace linli::store
