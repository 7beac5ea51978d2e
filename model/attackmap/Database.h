#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace attackmap {

class Database;

/// A prepared statement. Bind with 1-based indexes, step, read columns by
/// 0-based index. Move-only; finalizes itself.
class Statement {
public:
    Statement(Database& db, std::string_view sql);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, bool value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, std::nullptr_t);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    /// Binds every argument in order, from index 1.
    template <typename... Args> Statement& bindAll(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    /// Advances to the next row; false when the statement is done.
    bool step();
    /// Runs a statement that returns no rows, then resets it for reuse. Bindings
    /// stay until bound again.
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::string_view textView(int column) const;
    std::optional<std::string> optionalText(int column) const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const;
    };

    [[noreturn]] void fail(int code) const;

    sqlite3* m_db;
    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
};

/// One open SQLite database with the attackmap schema migrated to the
/// current version. Move-only; closes itself.
class Database {
public:
    /// Opens (creating when missing) and migrates. ":memory:" gives a private
    /// in-memory database.
    explicit Database(const std::string& path);

    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(*this, sql); }
    std::int64_t lastInsertId() const;
    int changes() const;
    int schemaVersion();
    const std::string& path() const { return m_path; }

    sqlite3* handle() const { return m_db.get(); }

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };

    void enableWal();

    std::string m_path;
    std::unique_ptr<sqlite3, Closer> m_db;
};

/// Begins a transaction that rolls back unless committed. Destruction never
/// throws.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

/// The path the CLI and the desktop app share when none is given:
/// $XDG_DATA_HOME/attackmap/attackmap.db, or ~/.local/share/attackmap/.
std::string defaultDatabasePath();

} // namespace attackmap
