#pragma once

#include "attackmap/Database.h"

#include <memory>
#include <string>

namespace attackmap::cli {

enum class Format { Text, Json, Csv };

/// What every command shares: where the database is and how to print.
class Context {
public:
    std::string dbPath;
    std::string formatName = "text";

    /// The database, opened on first use. Throws NotFound when there is no
    /// database at the path: a query should not leave an empty one behind.
    Database& db();
    /// The database, created when missing: for commands that add data.
    Database& dbForWriting();
    Format format() const;

private:
    std::string path() const;
    std::unique_ptr<Database> m_db;
};

/// A command that cannot run as asked: exit code 2, like a usage error.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace attackmap::cli
