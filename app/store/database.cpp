#include "store/database.hpp"

#include <sqlite3.h>

#include <cassert>
#include <cstdio>
#include <chrono>
#include <filesystem>
#include <thread>
#include <utility>

namespace linli::store {

namespace {

constexpr int k_busy_timeout_ms = 5000;
constexpr size_t k_sql_excerpt_bytes = 60;

// The SQL a failure happened in, whitespace runs (migrations are multi-line) collapsed to one
// space, cut at 60 bytes without splitting a UTF-8 character, since the message may reach a banner.
std::string sql_excerpt(std::string_view sql)
{
    std::string out;
    bool pending_space = false;
    for (size_t i = 0; i < sql.size() && out.size() < k_sql_excerpt_bytes; ++i) {
        char c = sql[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
            if (out.size() == k_sql_excerpt_bytes)
                break;
        }
        out += c;
        bool cut_inside_char = out.size() == k_sql_excerpt_bytes && i + 1 < sql.size() &&
                               (static_cast<unsigned char>(sql[i + 1]) & 0xC0) == 0x80;
        if (cut_inside_char) {
            while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
                out.pop_back();
            if (!out.empty())
                out.pop_back();  // the lead byte of the character we could not finish
            break;
        }
    }
    return out;
}

Error sqlite_error(std::string_view name, sqlite3* db, std::string_view sql)
{
    return Error::internal("store: " + std::string(name) + ": " + sqlite3_errmsg(db) + " (in: " +
                           sql_excerpt(sql) + ")");
}

}  // namespace

// [SECTION] Database

void Database::Closer::operator()(sqlite3* db) const
{
    // close_v2: if a Statement outlives its Database, SQLite closes once that statement is gone.
    sqlite3_close_v2(db);
}

Database::Database(sqlite3* db, std::string path)
    : m_db(db), m_path(std::move(path)),
      m_name(std::filesystem::path(m_path).filename().string())
{
}

Result<Database> Database::open(const std::string& path, OpenMode mode)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    // SQLite only says "unable to open database file"; an operator needs to know which part failed.
    fs::path dir = fs::path(path).parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec))
        return Error::internal("store: " + path + ": directory " + dir.string() + " does not exist");
    if (mode != OpenMode::ReadWrite && !fs::exists(path, ec))
        return Error::internal("store: " + path + ": no such database file");

    int flags = mode == OpenMode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                            : SQLITE_OPEN_READONLY;
    std::string name = path;
    if (mode == OpenMode::Immutable) {
        // A URI, so the name may carry "immutable=1"; '%', '?' and '#' in the path are escaped.
        flags |= SQLITE_OPEN_URI;
        name = "file:";
        for (char c : path) {
            if (c == '%' || c == '?' || c == '#') {
                char escaped[4];
                std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
                name += escaped;
            } else {
                name += c;
            }
        }
        name += "?immutable=1";
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    Database db(raw, path);  // owns the handle from here on, failure included
    if (rc != SQLITE_OK)
        return Error::internal("store: " + path + ": cannot open: " +
                               (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(raw, k_busy_timeout_ms);
    if (mode == OpenMode::ReadWrite) {
        // Switching a new file to WAL takes an exclusive lock, and when another connection is
        // doing the same at that moment (the sync worker and the UI both opening a fresh
        // residents.db) SQLite answers SQLITE_BUSY at once, without the busy handler: it would
        // deadlock otherwise. Try again within the busy timeout.
        for (int waited_ms = 0;; waited_ms += 10) {
            Status wal = db.exec("PRAGMA journal_mode=WAL");
            if (wal) break;
            if ((sqlite3_errcode(raw) != SQLITE_BUSY && sqlite3_errcode(raw) != SQLITE_LOCKED) ||
                waited_ms >= k_busy_timeout_ms)
                return wal.error();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        for (std::string_view pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON"})
            TRY_STATUS(db.exec(pragma));
    }
    // SQLite reads the file lazily; touching the schema here makes a file that is not a database
    // fail at open instead of at some later query.
    TRY_STATUS(db.exec("SELECT count(*) FROM sqlite_master"));
    return db;
}

Status Database::exec(std::string_view sql)
{
    assert(m_db);
    // One statement at a time rather than sqlite3_exec, so an error names the statement that failed.
    const char* next = sql.data();
    const char* end = sql.data() + sql.size();
    while (next < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        if (sqlite3_prepare_v2(m_db.get(), next, int(end - next), &raw, &tail) != SQLITE_OK)
            return sqlite_error(m_name, m_db.get(), {next, size_t(end - next)});
        next = tail;
        if (!raw)
            continue;  // only whitespace or a comment
        Statement stmt(raw, m_name);
        while (TRY(stmt.step())) {
        }
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    assert(m_db);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(m_db.get(), sql.data(), int(sql.size()), &raw, nullptr) != SQLITE_OK)
        return sqlite_error(m_name, m_db.get(), sql);
    if (!raw)
        return Error::internal("store: " + m_name + ": no statement to prepare (in: " +
                               sql_excerpt(sql) + ")");
    return Statement(raw, m_name);
}

Status Database::check_durability()
{
    auto read = [this](std::string_view pragma) -> Result<std::string> {
        Statement stmt = TRY(prepare(pragma));
        if (!TRY(stmt.step()))
            return std::string();
        return stmt.column_text(0);
    };
    std::string journal = TRY(read("PRAGMA journal_mode"));
    std::string synchronous = TRY(read("PRAGMA synchronous"));
    std::string foreign_keys = TRY(read("PRAGMA foreign_keys"));

    std::string problems;
    auto add = [&problems](std::string problem) {
        problems += problems.empty() ? "" : "; ";
        problems += problem;
    };
    if (journal != "wal")
        add("journal_mode is " + journal + " (need wal)");
    if (synchronous != "2")
        add("synchronous is " + synchronous + " (need 2, FULL)");
    if (foreign_keys != "1")
        add("foreign_keys is " + foreign_keys + " (need 1)");
    if (!problems.empty())
        return Error::internal("store: " + m_name + ": not durable enough for residents' data: " +
                               problems);
    return {};
}

Result<std::string> Database::quick_check() { return run_check("PRAGMA quick_check"); }

Result<std::string> Database::integrity_check() { return run_check("PRAGMA integrity_check"); }

Result<std::string> Database::run_check(std::string_view pragma)
{
    Statement stmt = TRY(prepare(pragma));
    std::string report;
    // SQLite puts several problems in one row, newline-separated; one line reads better in a banner.
    while (TRY(stmt.step())) {
        for (char c : stmt.column_text(0)) {
            if (c == '\n')
                report += "; ";
            else
                report += c;
        }
        report += "; ";
    }
    if (report.size() >= 2)
        report.resize(report.size() - 2);
    return report;
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db.get()); }

int Database::changes() const { return sqlite3_changes(m_db.get()); }

bool Database::in_transaction() const { return sqlite3_get_autocommit(m_db.get()) == 0; }

// [SECTION] Statement

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Statement::Statement(sqlite3_stmt* stmt, std::string name) : m_stmt(stmt), m_name(std::move(name))
{
}

Status Statement::check_bind(int rc)
{
    if (rc != SQLITE_OK)
        return sqlite_error(m_name, sqlite3_db_handle(m_stmt.get()), sqlite3_sql(m_stmt.get()));
    return {};
}

Status Statement::bind(int index, int64_t value)
{
    return check_bind(sqlite3_bind_int64(m_stmt.get(), index, value));
}

Status Statement::bind(int index, std::string_view text)
{
    // A null pointer would bind SQL NULL; an empty string_view may carry one, and must stay "".
    const char* data = text.data() ? text.data() : "";
    return check_bind(
        sqlite3_bind_text64(m_stmt.get(), index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Status Statement::bind_null(int index) { return check_bind(sqlite3_bind_null(m_stmt.get(), index)); }

Status Statement::bind_blob(int index, const void* data, size_t size)
{
    // The same trap as text: an empty blob with a null pointer would become NULL.
    if (size == 0)
        return check_bind(sqlite3_bind_zeroblob(m_stmt.get(), index, 0));
    return check_bind(sqlite3_bind_blob64(m_stmt.get(), index, data, size, SQLITE_TRANSIENT));
}

Result<bool> Statement::step()
{
    int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return sqlite_error(m_name, sqlite3_db_handle(m_stmt.get()), sqlite3_sql(m_stmt.get()));
}

int64_t Statement::column_int64(int column) const
{
    return sqlite3_column_int64(m_stmt.get(), column);
}

double Statement::column_double(int column) const
{
    return sqlite3_column_double(m_stmt.get(), column);
}

std::string Statement::column_text(int column) const
{
    // Text first, then its length: the SQLite-documented order (the length may follow a conversion).
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), column));
    int size = sqlite3_column_bytes(m_stmt.get(), column);
    return text ? std::string(text, size_t(size)) : std::string();
}

std::vector<uint8_t> Statement::column_blob(int column) const
{
    auto data = static_cast<const uint8_t*>(sqlite3_column_blob(m_stmt.get(), column));
    int size = sqlite3_column_bytes(m_stmt.get(), column);
    return data ? std::vector<uint8_t>(data, data + size) : std::vector<uint8_t>();
}

bool Statement::column_is_null(int column) const
{
    return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

void Statement::reset() { sqlite3_reset(m_stmt.get()); }

// [SECTION] Transaction

Result<Transaction> Transaction::begin(Database& db)
{
    TRY_STATUS(db.exec("BEGIN IMMEDIATE"));
    return Transaction(db);
}

Status Transaction::commit()
{
    assert(m_db && "commit() on a committed or moved-from Transaction");
    TRY_STATUS(m_db->exec("COMMIT"));
    m_db = nullptr;
    return {};
}

Transaction::~Transaction()
{
    // SQLite rolls back by itself after some errors (I/O, full disk); a second ROLLBACK would fail.
    if (m_db && m_db->in_transaction())
        (void)m_db->exec("ROLLBACK");
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

}  // namespace linli::store
