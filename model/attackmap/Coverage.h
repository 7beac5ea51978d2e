#pragma once

// Gap analysis: how well a coverage profile covers the techniques of one
// ATT&CK release, which gaps matter most, and what would close them.
// Semantics: DESIGN.md, "Coverage and gaps".

#include "attackmap/Attack.h"
#include "attackmap/CoverageLevel.h"
#include "attackmap/Mappings.h"
#include "attackmap/Profile.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace attackmap {

class Database;

enum class ScoreCategory { Protect = 0, Detect = 1, Respond = 2 };
inline constexpr std::size_t categoryCount = 3;
std::string_view toString(ScoreCategory category); // protect, detect, respond

/// The framework whose mappings count as exploited vulnerabilities in the ranking.
inline constexpr std::string_view kevFramework = "kev";

struct CoverageOptions {
    /// For each framework, the release mapped to the ATT&CK version nearest
    /// the analysed one (same domain) is read, chosen among these releases
    /// when any are given (the desktop's framework filter), else among all:
    /// two KEV or NIST releases never count twice.
    std::vector<std::int64_t> frameworkReleaseIds;
    /// Only these frameworks (aws, nist_800_53, ...); empty for all.
    std::vector<std::string> frameworks;
    /// Rank gaps only by these groups (G0016, ...) and their campaigns.
    std::vector<std::string> groups;
    /// Count planned capabilities as if they were in place ("after" views).
    bool includePlanned = false;
    /// How many capabilities to recommend at most.
    std::size_t recommendations = 10;
};

/// Everything the analysis reads, loaded in a few queries. Built once per
/// release and framework selection; analyse() may run on it many times.
struct CoverageInput {
    struct TechniqueRow {
        std::string attackId;
        std::string name;
        int parent = -1;                    // index of the parent technique, -1 for none
        std::vector<int> tactics;           // indexes into tactics
        std::vector<std::string> groups;    // G ids of groups that use it
        std::vector<std::string> campaigns; // C ids of campaigns that use it
        int kevMappings = 0;
    };
    struct FrameworkReleaseRef {
        std::int64_t id = 0;
        std::string framework;
        std::string label;
    };
    struct CapabilityRow {
        int frameworkRelease = 0; // index into frameworkReleases
        std::string capabilityId;
        std::string canonicalId;
        std::string description;
    };
    struct MappingRow {
        int technique = 0;
        int capability = 0; // index into capabilities
        ScoreCategory category = ScoreCategory::Protect;
        CoverageLevel level = CoverageLevel::Mapped;
    };

    Release release;
    std::vector<Tactic> tactics;          // matrix order
    std::vector<TechniqueRow> techniques; // live ones, by ATT&CK id
    std::vector<FrameworkReleaseRef> frameworkReleases;
    std::vector<CapabilityRow> capabilities;
    std::vector<MappingRow> mappings; // scored and mitigating only
    /// campaign C id -> group G ids it is attributed to.
    std::vector<std::pair<std::string, std::vector<std::string>>> campaignGroups;
};

CoverageInput loadCoverageInput(Database& db, const Release& release,
                                const CoverageOptions& options = {});

/// A capability's part in one technique's coverage.
struct Contribution {
    int capability = -1; // index into CoverageInput::capabilities; -1: observed
    std::string framework;
    std::string capabilityId;
    std::string category; // protect, detect, respond; "" for observed
    CoverageLevel level = CoverageLevel::None;
    CapabilityStatus status = CapabilityStatus::Implemented; // in-profile ones
};

struct TechniqueCoverage {
    std::string attackId;
    std::string name;
    std::string parentId;
    std::vector<std::string> tactics; // shortnames
    std::array<CoverageLevel, categoryCount> categories{};
    CoverageLevel overall = CoverageLevel::None;
    std::vector<Contribution> coveredBy; // profile capabilities that give it
    std::vector<Contribution> closers;   // gaps only: capabilities outside the profile
    int subtechniques = 0;
    int subtechniquesCovered = 0;
    int groups = 0;    // groups using it (the chosen ones, when chosen)
    int campaigns = 0; // campaigns using it (of the chosen groups, when chosen)
    int kevMappings = 0;
    int weight = 0; // groups + campaigns + kevMappings

    bool gap() const { return overall == CoverageLevel::None; }
    bool closable() const { return gap() && !closers.empty(); }
};

struct TacticCoverage {
    std::string attackId;
    std::string shortname;
    std::string name;
    std::array<int, 5> levels{}; // techniques and sub-techniques per CoverageLevel
    int total = 0;
    int covered() const { return total - levels[0]; }
    double percentCovered() const { return total ? 100.0 * covered() / total : 0.0; }
};

struct Recommendation {
    int capability = 0; // index into CoverageInput::capabilities
    std::string framework;
    std::string capabilityId;
    std::string description;
    std::vector<std::string> closes; // ranked gaps it closes that earlier picks left open
    int addedWeight = 0;
};

struct CoverageResult {
    Release release;
    std::string profileName;
    std::vector<std::string> groups; // the chosen groups, if any
    std::vector<CoverageInput::FrameworkReleaseRef> frameworkReleases;
    std::vector<TechniqueCoverage> techniques; // by ATT&CK id
    std::vector<TacticCoverage> tactics;       // matrix order
    std::vector<int> rankedGaps;               // indexes into techniques, heaviest first
    std::vector<Recommendation> recommendations;
    std::array<int, 5> levels{}; // over all techniques and sub-techniques
    int closableGaps = 0;
    int openGaps = 0;
    std::vector<std::string> unknownEntries; // profile entries no release knows

    const TechniqueCoverage* find(std::string_view attackId) const;
};

CoverageResult analyseCoverage(const CoverageInput& input, const Profile& profile,
                               const CoverageOptions& options = {});

/// Loads and analyses in one go.
CoverageResult analyseCoverage(Database& db, const Release& release, const Profile& profile,
                               const CoverageOptions& options = {});

struct LevelChange {
    std::string attackId;
    std::string name;
    CoverageLevel before = CoverageLevel::None;
    CoverageLevel after = CoverageLevel::None;
};

/// Techniques whose overall level differs between two analyses of one release.
std::vector<LevelChange> compareCoverage(const CoverageResult& before, const CoverageResult& after);

} // namespace attackmap
