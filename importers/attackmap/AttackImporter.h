#pragma once

#include "attackmap/ImportReport.h"

#include <string>

namespace simdjson::dom {
class parser;
}

namespace attackmap {

class Database;

struct AttackImportOptions {
    /// Used when the bundle has no x-mitre-collection naming its version.
    std::string attackVersion;
    ProgressFn progress;
    /// A parser to reuse across imports: its buffers stay allocated and
    /// warm, which saves a third of the time on a second large file. When
    /// null, the import makes and frees its own.
    simdjson::dom::parser* parser = nullptr;
};

/// Imports one ATT&CK STIX 2.0 or 2.1 bundle as a release keyed by domain
/// and version, replacing a release with the same key. One transaction: on
/// any error (InputError naming the file and object) the database is
/// unchanged. Importing the same bytes again does nothing.
ImportReport importAttackBundle(Database& db, const std::string& path,
                                const AttackImportOptions& options = {});

} // namespace attackmap
