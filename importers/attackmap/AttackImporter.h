#pragma once

#include "attackmap/ImportReport.h"

#include <string>

namespace attackmap {

class Database;

struct AttackImportOptions {
    /// Used when the bundle has no x-mitre-collection naming its version.
    std::string attackVersion;
    ProgressFn progress;
};

/// Imports one ATT&CK STIX 2.0 or 2.1 bundle as a release keyed by domain
/// and version, replacing a release with the same key. One transaction: on
/// any error (InputError naming the file and object) the database is
/// unchanged. Importing the same bytes again does nothing.
ImportReport importAttackBundle(Database& db, const std::string& path,
                                const AttackImportOptions& options = {});

} // namespace attackmap
