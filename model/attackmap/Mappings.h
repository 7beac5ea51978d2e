#pragma once

// The contract for control mappings: what the mapping importer stores and
// what the CLI, the desktop app and gap analysis read. Implemented in
// model/Mappings.cpp (issue #3).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap {

class Database;

/// How a mapping type counts, from data/frameworks.json (see DESIGN.md).
enum class MappingKind { Scored, Mitigating, Related, NonMappable };

std::string_view toString(MappingKind kind); // scored, mitigating, related, non-mappable
std::optional<MappingKind> parseMappingKind(std::string_view text);

/// Score values of scored mappings, worst first; None when a row has no score.
enum class ScoreValue { None = 0, Minimal = 1, Partial = 2, Significant = 3 };

std::string_view toString(ScoreValue value); // "", minimal, partial, significant
ScoreValue parseScoreValue(std::string_view text);

/// One imported Mappings Explorer file: a framework at a version, mapped to
/// one ATT&CK version and domain.
struct FrameworkRelease {
    std::int64_t id = 0;
    std::string framework;        // aws, nist_800_53, cri_profile, ...
    std::string displayName;      // from data/frameworks.json: "Amazon Web Services"
    std::string frameworkVersion; // as the file writes it: "12/12/2024", "rev5", "v2.1"
    std::string attackVersion;    // 16.1
    std::string domain;           // enterprise, mobile, ics
    std::string creationDate;
    std::string lastUpdate;
    std::string sourceFile;
    std::int64_t mappingCount = 0;
    std::int64_t capabilityCount = 0;
    std::string shortName;        // from data/frameworks.json: "AWS"
    std::int64_t rowCount = 0;    // mapping_objects in the file, duplicates included
    std::int64_t flaggedCount = 0; // mappings with at least one flag
    std::string validatedAgainst; // the ATT&CK release checked against, "" when none

    /// "AWS 12/12/2024 (ATT&CK 16.1 enterprise)"
    std::string label() const;
    /// A stable name that does not depend on the catalogue:
    /// "aws 12/12/2024 (enterprise@16.1)". Search results use it as scope.
    std::string spec() const;
};

/// What validation found on a mapping, stored as bits.
enum class MappingFlag : unsigned {
    UnknownTechnique = 1,  // no such technique in the ATT&CK release checked against
    Revoked = 2,           // the technique is revoked (see Mapping::replacedBy)
    Deprecated = 4,
    NameDiffers = 8,       // the file names the technique differently from ATT&CK
    Conflict = 16,         // another row for the same pair says a different score
    UnknownType = 32,      // the catalogue does not know the mapping type: read as related
    Inconsistent = 64,     // status, mapping type and the ids disagree on non-mappability
    NoScore = 128,         // a scored mapping without a score category or value: no coverage
};

struct Capability {
    std::int64_t id = 0;
    std::int64_t frameworkReleaseId = 0;
    std::string capabilityId; // as published: "AC-02", "PR.IR-01.01"
    std::string canonicalId;  // for comparing across releases: "AC-2"
    std::string description;  // "" when the file has null
    std::string groupId;
    std::string groupName;
};

/// One row of a mapping file: a capability and a technique, or a
/// non-mappable row with one side empty.
struct Mapping {
    std::int64_t id = 0;
    std::int64_t frameworkReleaseId = 0;
    std::optional<std::string> capabilityId; // empty for "no capability maps to it"
    std::string capabilityDescription;
    std::string capabilityGroup;
    std::optional<std::string> techniqueId; // empty for "maps to nothing"
    std::string techniqueNameInFile;
    std::string mappingType; // as published: technique_scores, mitigates, win11-def
    MappingKind kind = MappingKind::Related;
    std::string scoreCategory; // protect, detect, respond, or ""
    ScoreValue scoreValue = ScoreValue::None;
    std::string relatedScore; // the parent technique a sub-technique score is tied to
    std::string comments;     // line endings normalized, outer whitespace trimmed
    std::vector<std::string> references;
    std::string status; // complete, non_mappable, ...
    std::string techniqueName; // ATT&CK's name in the release checked against, else the file's
    std::string replacedBy;    // for a revoked technique, the id that replaces it
    unsigned flagBits = 0;     // MappingFlag bits behind flags
    std::int64_t duplicates = 0; // further identical rows in the file, kept once
    /// What validation found, each a short phrase for people:
    /// "revoked, replaced by T1552.005", "deprecated", "unknown technique",
    /// "named 'X' in the file", "conflicts with another row".
    std::vector<std::string> flags;
};

/// Which framework releases and kinds a query reads. Empty lists mean all.
struct MappingFilter {
    std::vector<std::int64_t> frameworkReleaseIds;
    std::vector<MappingKind> kinds;
    std::string domain; // "" for every domain
};

/// Every imported framework release, by framework, then newest ATT&CK first.
std::vector<FrameworkRelease> listFrameworkReleases(Database& db);

/// The phrases of Mapping::flags for a set of MappingFlag bits.
std::vector<std::string> describeFlags(unsigned bits, std::string_view replacedBy,
                                       std::string_view nameInFile);

/// Every mapping to one technique (by ATT&CK id, compared case-insensitively),
/// grouped by framework release, then capability id.
std::vector<Mapping> mappingsForTechnique(Database& db, std::string_view techniqueId,
                                          const MappingFilter& filter = {});

/// What one capability maps to, in one framework release.
std::vector<Mapping> mappingsForCapability(Database& db, std::int64_t frameworkReleaseId,
                                           std::string_view capabilityId);

std::vector<Capability> listCapabilities(Database& db, std::int64_t frameworkReleaseId);

/// One capability of a framework release, by its id as published or in its
/// canonical form ("AC-2" finds "AC-02").
std::optional<Capability> findCapability(Database& db, std::int64_t frameworkReleaseId,
                                         std::string_view capabilityId);

} // namespace attackmap
