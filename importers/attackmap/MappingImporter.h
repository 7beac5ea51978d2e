#pragma once

#include "attackmap/ImportReport.h"

#include <cstddef>
#include <string>

namespace simdjson::dom {
class parser;
}

namespace attackmap {

class Database;
class FrameworkCatalog;

struct MappingImportOptions {
    /// The framework catalogue; nullptr reads FrameworkCatalog::standard().
    const FrameworkCatalog* catalog = nullptr;
    ProgressFn progress;
    /// A parser to reuse across imports, as for AttackImportOptions; when
    /// null, the import makes its own.
    simdjson::dom::parser* parser = nullptr;
};

/// Imports one Mappings Explorer file as a framework release keyed by
/// framework, framework version, ATT&CK version and domain, replacing the
/// release with the same key and nothing else. One transaction: a malformed
/// file throws InputError naming the file and the place of the fault
/// (mapping_objects[17].score_value, or a CSV line and column) and leaves
/// the database unchanged. Importing the same bytes again does nothing.
///
/// Techniques are checked against the ATT&CK release of the same domain and
/// version, else the nearest loaded one of that domain; the report's notes
/// say which. Unknown, revoked and deprecated techniques, names that differ
/// from ATT&CK's, conflicting duplicates and unknown mapping types are kept,
/// flagged and counted.
ImportReport importMappingJson(Database& db, const std::string& path,
                               const MappingImportOptions& options = {});

/// The Mappings Explorer CSV export: one row per mapping, a column per
/// mapping_objects key (the metadata columns it adds are read too, and a
/// leading unnamed index column is ignored). Empty fields are null;
/// mapping_type may be the type's key or its label ("Technique Scores");
/// references is a list in one field, written as Mappings Explorer writes
/// it (['https://a', 'https://b']) or as a JSON array, or one per line.
ImportReport importMappingCsv(Database& db, const std::string& path,
                              const MappingImportOptions& options = {});

/// Checks the mappings of every framework release of a domain again, against
/// the ATT&CK release that validation would choose now (see above), and
/// rewrites their validation flags and each release's validated_against.
/// The ATT&CK importer calls it in its transaction, so that mappings never
/// keep flags from a release that has been replaced or superseded. Returns
/// how many mappings' flags changed.
std::size_t revalidateMappings(Database& db, const std::string& domain);

} // namespace attackmap
