#include "attackmap/Database.h"

#include "Schema.h"
#include "attackmap/Error.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <filesystem>

namespace attackmap {

namespace {

[[noreturn]] void throwError(sqlite3* db, int code, std::string_view sql) {
    const char* message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw DatabaseError(message, code, std::string(sql));
}

} // namespace

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Statement::Statement(Database& db, std::string_view sql) : m_db(db.handle()) {
    sqlite3_stmt* stmt = nullptr;
    int code = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (code != SQLITE_OK) {
        throwError(m_db, code, sql);
    }
    m_stmt.reset(stmt);
}

void Statement::fail(int code) const {
    const char* sql = sqlite3_sql(m_stmt.get());
    throwError(m_db, code, sql ? sql : "");
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (int code = sqlite3_bind_int64(m_stmt.get(), index, value); code != SQLITE_OK) {
        fail(code);
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (int code = sqlite3_bind_double(m_stmt.get(), index, value); code != SQLITE_OK) {
        fail(code);
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT: callers bind views of buffers that may not outlive step().
    // An empty view may have no buffer; SQLite would read that as NULL.
    const char* data = value.data() ? value.data() : "";
    int code = sqlite3_bind_text(m_stmt.get(), index, data,
                                 static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (code != SQLITE_OK) {
        fail(code);
    }
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (int code = sqlite3_bind_null(m_stmt.get(), index); code != SQLITE_OK) {
        fail(code);
    }
    return *this;
}

bool Statement::step() {
    int code = sqlite3_step(m_stmt.get());
    if (code == SQLITE_ROW) {
        return true;
    }
    if (code == SQLITE_DONE) {
        return false;
    }
    sqlite3_reset(m_stmt.get());
    fail(code);
}

void Statement::run() {
    step();
    reset();
}

void Statement::reset() { sqlite3_reset(m_stmt.get()); }

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt.get(), column);
}

double Statement::real(int column) const { return sqlite3_column_double(m_stmt.get(), column); }

std::string_view Statement::textView(int column) const {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), column));
    if (!text) {
        return {};
    }
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt.get(), column))};
}

std::string Statement::text(int column) const { return std::string(textView(column)); }

std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column)) {
        return std::nullopt;
    }
    return text(column);
}

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Database::Database(const std::string& path) : m_path(path) {
    if (path != ":memory:") {
        auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) {
            std::error_code ignored;
            std::filesystem::create_directories(parent, ignored);
        }
    }
    sqlite3* db = nullptr;
    int code = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                               nullptr);
    m_db.reset(db);
    if (code != SQLITE_OK) {
        throw DatabaseError(path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code)), code);
    }
    try {
        sqlite3_busy_timeout(db, 5000);
        exec("PRAGMA foreign_keys = ON");
        checkSchemaVersion(*this); // before anything writes to a file we may refuse
        const bool readOnly = sqlite3_db_readonly(db, "main") == 1;
        if (path != ":memory:" && !readOnly) {
            enableWal();
            exec("PRAGMA synchronous = NORMAL");
        }
        exec("PRAGMA cache_size = -65536");
        if (readOnly && schemaVersion() != newestSchemaVersion()) {
            throw DatabaseError("read-only, and its schema needs an upgrade", SQLITE_READONLY);
        }
        if (!readOnly) {
            migrate(*this);
        }
    } catch (const DatabaseError& e) {
        throw DatabaseError(path + ": " + e.what(), e.code(), e.statement());
    }
}

void Database::enableWal() {
    // Switching a new file to WAL needs it to itself, and SQLite does not
    // wait on its busy handler for that: when two processes open a new
    // database together, the second one retries for a while.
    for (int attempt = 0;; ++attempt) {
        try {
            exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const DatabaseError& e) {
            if (e.code() != SQLITE_BUSY || attempt == 100) {
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

void Database::exec(std::string_view sql) {
    std::string copy(sql);
    char* error = nullptr;
    int code = sqlite3_exec(m_db.get(), copy.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(code);
        sqlite3_free(error);
        throw DatabaseError(message, code, copy);
    }
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db.get()); }

int Database::changes() const { return sqlite3_changes(m_db.get()); }

int Database::schemaVersion() {
    auto stmt = prepare("PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!m_done) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

std::string defaultDatabasePath() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = std::filesystem::path(home) / ".local" / "share";
    } else {
        base = ".";
    }
    return (base / "attackmap" / "attackmap.db").string();
}

} // namespace attackmap
