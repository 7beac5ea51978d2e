#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap {

class Database;

/// One ATT&CK release of one domain, such as enterprise 16.1.
struct Release {
    std::int64_t id = 0;
    std::string domain;  // enterprise, mobile, ics
    std::string version; // 16.1
    std::string name;
    std::string stixVersion;
    std::string sourceFile;

    /// "enterprise@16.1": how the CLI and reports name a release.
    std::string spec() const { return domain + "@" + version; }
};

/// Any ATT&CK object, named the way a person reads it.
struct ObjectRef {
    std::int64_t id = 0;
    std::string type; // technique, tactic, mitigation, group, software, campaign, ...
    std::string attackId;
    std::string name;
    bool revoked = false;
    bool deprecated = false;
};

struct Tactic {
    std::int64_t id = 0;
    std::string attackId; // TA0006
    std::string shortname; // credential-access
    std::string name;
    std::string description;
    int matrixOrder = 0;
};

struct Technique {
    std::int64_t id = 0;
    std::int64_t releaseId = 0;
    std::string stixId;
    std::string attackId;
    std::string name;
    std::string description;
    std::string detection;
    std::string url;
    std::string objectVersion;
    std::string modified;
    bool isSubtechnique = false;
    bool revoked = false;
    bool deprecated = false;
    std::optional<ObjectRef> parent;
    std::optional<ObjectRef> revokedBy;
    std::vector<ObjectRef> subtechniques;
    std::vector<Tactic> tactics;
    std::vector<std::string> platforms;

    bool live() const { return !revoked && !deprecated; }
    std::string status() const;
};

/// A technique as lists show it: enough for trees and matrices.
struct TechniqueSummary {
    std::int64_t id = 0;
    std::string attackId;
    std::string name;
    std::optional<std::int64_t> parentId;
    std::vector<std::int64_t> tacticIds;
    bool revoked = false;
    bool deprecated = false;
};

/// An object related to a technique, with the relationship's own words.
struct RelatedObject {
    ObjectRef object;
    std::string relationship; // uses, mitigates, detects
    std::string description;
};

struct SearchHit {
    std::string kind; // technique, capability, mapping
    std::string scope; // the release it belongs to: enterprise@16.1
    std::int64_t ref = 0;
    std::string title;
    std::string snippet; // with [ and ] around matching words
};

/// Compares ATT&CK versions numerically: "9.0" < "16.1" < "17.1".
int compareVersions(std::string_view a, std::string_view b);

std::vector<Release> listReleases(Database& db);

/// Resolves "enterprise@16.1", "enterprise" (its newest release) or ""
/// (the newest enterprise release, else the newest of any domain).
/// Throws NotFound naming what is loaded.
Release resolveRelease(Database& db, std::string_view spec);

std::vector<Tactic> listTactics(Database& db, std::int64_t releaseId);

/// Every technique and sub-technique of a release, revoked ones included,
/// ordered by ATT&CK id.
std::vector<TechniqueSummary> listTechniques(Database& db, std::int64_t releaseId);

std::optional<Technique> findTechnique(Database& db, std::int64_t releaseId,
                                       std::string_view attackId);

/// An object of a type (group, software, ...) by ATT&CK id, compared
/// case-insensitively; the live one when revoked copies share the id.
std::optional<ObjectRef> findObject(Database& db, std::int64_t releaseId, std::string_view type,
                                    std::string_view attackId);

/// Groups, software and campaigns that use a technique, and the mitigations
/// and data components that mitigate or detect it.
std::vector<RelatedObject> relatedObjects(Database& db, std::int64_t techniqueId);

/// Full-text search over everything indexed; words are matched as prefixes.
std::vector<SearchHit> search(Database& db, std::string_view text, int limit = 50);

} // namespace attackmap
