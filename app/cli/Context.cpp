#include "Context.h"

#include "attackmap/Error.h"

#include <filesystem>

namespace attackmap::cli {

std::string Context::path() const {
    return dbPath.empty() ? defaultDatabasePath() : dbPath;
}

Database& Context::db() {
    if (!m_db && !std::filesystem::exists(path())) {
        throw NotFound("no database at " + path() +
                       "; import data first (attackmap import FILE...) or pick one with --db");
    }
    return dbForWriting();
}

Database& Context::dbForWriting() {
    if (!m_db) {
        m_db = std::make_unique<Database>(path());
    }
    return *m_db;
}

Format Context::format() const {
    if (formatName == "json") {
        return Format::Json;
    }
    return formatName == "csv" ? Format::Csv : Format::Text;
}

} // namespace attackmap::cli
