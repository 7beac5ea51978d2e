#pragma once

namespace attackmap {

class Database;

/// Brings the schema up to the newest version, one migration per step, each
/// in its own transaction. A database newer than this build is refused.
void migrate(Database& db);

} // namespace attackmap
