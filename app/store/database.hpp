// Database, Statement, Transaction: move-only RAII wrappers over one SQLite connection.
// Every failure is a Result, never an exception, with a message that names the file and the SQL:
// "store: kiosk.db: no such table: x (in: SELECT * FROM x)". sqlite3.h stays inside app/store
// (only forward declarations here), so layers above can use these types without SQLite's header.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace linli::store {

// Immutable: read-only, and nothing is created next to the file (no -wal or -shm), for looking
// into a closed database without changing its folder. A -wal file next to it would be ignored, so
// callers make sure there is none.
enum class OpenMode { ReadWrite, ReadOnly, Immutable };

class Statement;

class Database {
public:
    // ReadWrite creates the file (the directory must exist) and sets WAL, synchronous=FULL,
    // foreign_keys, secure_delete and a 5 s busy timeout. ReadOnly needs an existing file and
    // changes nothing in it. Whether the pragmas took effect is check_durability()'s job.
    static Result<Database> open(const std::string& path, OpenMode mode = OpenMode::ReadWrite);

    // Runs one or more ';'-separated statements, stopping at the first failure.
    Status exec(std::string_view sql);
    // Compiles exactly one statement (trailing text after the first one is ignored by SQLite).
    Result<Statement> prepare(std::string_view sql);

    // D1: fails unless journal_mode=wal, synchronous=2 (FULL) and foreign_keys=1 are in effect.
    Status check_durability();
    // "ok", or the problems found, on one line joined with "; ". quick_check skips index contents.
    Result<std::string> quick_check();
    Result<std::string> integrity_check();

    int64_t last_insert_rowid() const;
    // Rows changed by the most recent INSERT, UPDATE or DELETE.
    int changes() const;
    // True between BEGIN and COMMIT/ROLLBACK (SQLite may also end a transaction on its own error).
    bool in_transaction() const;
    const std::string& path() const { return m_path; }
    // The file's basename, as error messages name it ("kiosk.db").
    const std::string& name() const { return m_name; }

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    Database(sqlite3* db, std::string path);
    Result<std::string> run_check(std::string_view pragma);

    std::unique_ptr<sqlite3, Closer> m_db;
    std::string m_path;
    std::string m_name;  // basename of m_path: error messages name the file, not the data dir
};

class Statement {
public:
    // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT), so the caller's
    // buffer may go away before step().
    Status bind(int index, int64_t value);
    Status bind(int index, std::string_view text);
    Status bind_null(int index);
    Status bind_blob(int index, const void* data, size_t size);

    // true: a row is available through column_*(); false: the statement has finished.
    Result<bool> step();

    // Columns are 0-based. NULL reads as 0, "" or an empty blob; use column_is_null to tell.
    int64_t column_int64(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const;
    std::vector<uint8_t> column_blob(int column) const;
    bool column_is_null(int column) const;

    // Ready to step again from the start; bindings are kept.
    void reset();

private:
    friend class Database;
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const;
    };
    Statement(sqlite3_stmt* stmt, std::string name);
    Status check_bind(int rc);

    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
    std::string m_name;  // the database file's basename, for error messages
};

// BEGIN IMMEDIATE (takes the write lock now, so a busy database fails here rather than at the
// first write). Destroying an uncommitted Transaction rolls it back. The Database must outlive it.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    // After a failed commit the transaction may still be open; the destructor then rolls back.
    Status commit();
    ~Transaction();

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db;  // null once committed or moved from
};

}  // namespace linli::store
