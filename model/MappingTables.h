#pragma once

// Bulk reads of the mapping importer's tables for profiles and gap analysis.
// The per-technique queries of Mappings.h are too slow for a whole matrix,
// so the SQL that knows those tables' columns is kept here, in one place.

#include "attackmap/Mappings.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attackmap::detail {

struct FrameworkReleaseRow {
    std::int64_t id = 0;
    std::string framework;
    std::string frameworkVersion;
    std::string attackVersion;
    std::string domain;
    std::string lastUpdate;
    std::string label;
};

struct CapabilityRow {
    std::int64_t rowId = 0;
    std::int64_t frameworkReleaseId = 0;
    std::string capabilityId;
    std::string description;
};

struct MappingRow {
    std::int64_t frameworkReleaseId = 0;
    std::int64_t capabilityRowId = 0; // CapabilityRow::rowId
    std::string techniqueId;
    MappingKind kind = MappingKind::Related;
    std::string scoreCategory;
    ScoreValue scoreValue = ScoreValue::None;
};

std::vector<FrameworkReleaseRow> readFrameworkReleases(Database& db);
std::vector<CapabilityRow> readCapabilities(Database& db);
/// Every mapping with both a capability and a technique, of the given releases.
std::vector<MappingRow> readMappings(Database& db, const std::vector<std::int64_t>& releaseIds);

} // namespace attackmap::detail
