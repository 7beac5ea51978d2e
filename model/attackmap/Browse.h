#pragma once

// Queries the desktop app browses with, beyond the shared mapping contract:
// whole-release summaries that one query answers where a loop over
// mappingsForTechnique would take seconds.

#include "attackmap/Mappings.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attackmap {

class Database;

/// The mappings of one technique that count as coverage (scored and
/// mitigating rows that name a capability), grouped by kind and score.
struct TechniqueMappingCount {
    std::string techniqueId; // upper case, as ATT&CK writes ids
    MappingKind kind = MappingKind::Scored;
    ScoreValue scoreValue = ScoreValue::None;
    std::int64_t count = 0;
};

/// For every technique that has coverage mappings under the filter, one row
/// per (kind, score value), ordered by technique id. The filter's kinds are
/// ignored: only scored and mitigating rows count as coverage.
std::vector<TechniqueMappingCount> countCoverageMappings(Database& db, const MappingFilter& filter);

} // namespace attackmap
