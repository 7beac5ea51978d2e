#include "Context.h"

namespace attackmap::cli {

Database& Context::db() {
    if (!m_db) {
        m_db = std::make_unique<Database>(dbPath.empty() ? defaultDatabasePath() : dbPath);
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
