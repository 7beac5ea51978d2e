#pragma once

namespace attackmap {

class Database;

int newestSchemaVersion();

/// Throws when the database's schema is newer than this build.
void checkSchemaVersion(Database& db);

/// Brings the schema up to the newest version in one transaction. A database
/// newer than this build is refused, and so is a SQLite file that holds
/// tables of another application.
void migrate(Database& db);

} // namespace attackmap
