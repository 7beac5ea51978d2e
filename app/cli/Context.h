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

    /// The database, opened (and created) on first use.
    Database& db();
    Format format() const;

private:
    std::unique_ptr<Database> m_db;
};

/// A command that cannot run as asked: exit code 2, like a usage error.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace attackmap::cli
