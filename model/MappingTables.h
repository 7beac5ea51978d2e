#pragma once

// Bulk reads of the mapping importer's tables for profiles and gap analysis.
// The per-technique queries of Mappings.h are too slow for a whole matrix,
// so the SQL that knows those tables' columns is kept here, in one place.

#include "attackmap/Mappings.h"

#include <cstdint>
#include <functional>
#include <set>
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

/// One mapping row as SQLite holds it: valid only during the callback.
struct MappingView {
    std::int64_t frameworkReleaseId = 0;
    std::int64_t capabilityRowId = 0; // CapabilityRow::rowId
    std::string_view techniqueId;
    MappingKind kind = MappingKind::Related;
    std::string_view scoreCategory;
    ScoreValue scoreValue = ScoreValue::None;
};

std::vector<FrameworkReleaseRow> readFrameworkReleases(Database& db);
/// Capabilities of the given releases; every release's when the list is empty.
std::vector<CapabilityRow> readCapabilities(Database& db,
                                            const std::vector<std::int64_t>& releaseIds = {});
/// Frameworks with at least one scored or mitigating mapping: the ones whose
/// capabilities can cover a technique.
std::set<std::string> coveringFrameworks(Database& db);

/// Visits every mapping with both a capability and a technique, of the
/// given releases, without copying its text.
void forEachMapping(Database& db, const std::vector<std::int64_t>& releaseIds,
                    const std::function<void(const MappingView&)>& visit);

} // namespace attackmap::detail
