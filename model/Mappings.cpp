#include "attackmap/Mappings.h"

#include "attackmap/Attack.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"
#include "attackmap/Frameworks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace attackmap {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// Orders ids as people read them: "AC-2" before "AC-10", "T1552.005"
/// before "T1552.010". Runs of digits compare by value, the rest by bytes.
bool naturalLess(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            std::size_t endA = i;
            std::size_t endB = j;
            while (endA < a.size() && isDigit(a[endA])) {
                ++endA;
            }
            while (endB < b.size() && isDigit(b[endB])) {
                ++endB;
            }
            auto digitsA = a.substr(i, endA - i);
            auto digitsB = b.substr(j, endB - j);
            digitsA.remove_prefix(std::min(digitsA.find_first_not_of('0'), digitsA.size()));
            digitsB.remove_prefix(std::min(digitsB.find_first_not_of('0'), digitsB.size()));
            if (digitsA.size() != digitsB.size()) {
                return digitsA.size() < digitsB.size();
            }
            if (digitsA != digitsB) {
                return digitsA < digitsB;
            }
            i = endA;
            j = endB;
            continue;
        }
        if (a[i] != b[j]) {
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        }
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

/// The mapping columns every query reads, in the order readMapping expects.
/// fr is the framework release, c the capability (LEFT JOIN) and m the mapping.
constexpr std::string_view mappingColumns = R"sql(
    m.id, m.release_id, m.capability_as_published, coalesce(c.description, ''),
    m.capability_group, m.technique_id, m.technique_name_in_file, m.mapping_type, m.kind,
    m.score_category, m.score_value, m.related_score, m.comments, m.references_json,
    m.status, m.flags, coalesce(m.replaced_by, ''), m.duplicate_count,
    (SELECT o.name FROM attack_release ar JOIN attack_object o ON o.release_id = ar.id
      WHERE ar.domain = fr.domain AND ar.domain || '@' || ar.version = fr.validated_against
        AND o.attack_id = m.technique_id AND o.type = 'technique'
      ORDER BY o.revoked, o.deprecated LIMIT 1)
  FROM mapping m
  JOIN framework_release fr ON fr.id = m.release_id
  LEFT JOIN capability c ON c.id = m.capability_id
)sql";

Mapping readMapping(const Statement& stmt) {
    Mapping mapping;
    mapping.id = stmt.integer(0);
    mapping.frameworkReleaseId = stmt.integer(1);
    mapping.capabilityId = stmt.optionalText(2);
    mapping.capabilityDescription = stmt.text(3);
    mapping.capabilityGroup = stmt.text(4);
    mapping.techniqueId = stmt.optionalText(5);
    mapping.techniqueNameInFile = stmt.text(6);
    mapping.mappingType = stmt.text(7);
    mapping.kind = parseMappingKind(stmt.textView(8)).value_or(MappingKind::Related);
    mapping.scoreCategory = stmt.text(9);
    mapping.scoreValue = parseScoreValue(stmt.textView(10));
    mapping.relatedScore = stmt.text(11);
    mapping.comments = stmt.text(12);
    for (const auto& reference : nlohmann::json::parse(stmt.textView(13))) {
        mapping.references.push_back(reference.get<std::string>());
    }
    mapping.status = stmt.text(14);
    mapping.flagBits = static_cast<unsigned>(stmt.integer(15));
    mapping.replacedBy = stmt.text(16);
    mapping.duplicates = stmt.integer(17);
    mapping.techniqueName = stmt.isNull(18) ? mapping.techniqueNameInFile : stmt.text(18);
    mapping.flags =
        describeFlags(mapping.flagBits, mapping.replacedBy, mapping.techniqueNameInFile);
    return mapping;
}

std::string placeholders(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += i == 0 ? "?" : ", ?";
    }
    return text;
}

/// The catalogue when this installation has one; queries still answer
/// without it, comparing ids as written.
const FrameworkCatalog* catalogIfAny() {
    try {
        return &FrameworkCatalog::standard();
    } catch (const std::exception&) {
        return nullptr;
    }
}

} // namespace

std::string_view toString(MappingKind kind) {
    switch (kind) {
    case MappingKind::Scored:
        return "scored";
    case MappingKind::Mitigating:
        return "mitigating";
    case MappingKind::Related:
        return "related";
    case MappingKind::NonMappable:
        return "non-mappable";
    }
    return "related";
}

std::optional<MappingKind> parseMappingKind(std::string_view text) {
    for (auto kind : {MappingKind::Scored, MappingKind::Mitigating, MappingKind::Related,
                      MappingKind::NonMappable}) {
        if (text == toString(kind)) {
            return kind;
        }
    }
    // Accept the spelling of the mapping type too: non_mappable.
    if (text == "non_mappable") {
        return MappingKind::NonMappable;
    }
    return std::nullopt;
}

std::string_view toString(ScoreValue value) {
    switch (value) {
    case ScoreValue::None:
        return "";
    case ScoreValue::Minimal:
        return "minimal";
    case ScoreValue::Partial:
        return "partial";
    case ScoreValue::Significant:
        return "significant";
    }
    return "";
}

ScoreValue parseScoreValue(std::string_view text) {
    text = trimmed(text);
    auto is = [text](std::string_view word) {
        return text.size() == word.size() &&
               std::equal(text.begin(), text.end(), word.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
               });
    };
    if (is("minimal")) {
        return ScoreValue::Minimal;
    }
    if (is("partial")) {
        return ScoreValue::Partial;
    }
    return is("significant") ? ScoreValue::Significant : ScoreValue::None;
}

std::string FrameworkRelease::label() const {
    std::string name = !shortName.empty() ? shortName
                       : !displayName.empty() ? displayName
                                              : framework;
    return name + " " + frameworkVersion + " (ATT&CK " + attackVersion + " " + domain + ")";
}

std::string FrameworkRelease::spec() const {
    return framework + " " + frameworkVersion + " (" + domain + "@" + attackVersion + ")";
}

std::vector<std::string> describeFlags(unsigned bits, std::string_view replacedBy,
                                       std::string_view nameInFile) {
    auto has = [bits](MappingFlag flag) { return (bits & static_cast<unsigned>(flag)) != 0; };
    std::vector<std::string> phrases;
    if (has(MappingFlag::UnknownTechnique)) {
        phrases.emplace_back("unknown technique");
    }
    if (has(MappingFlag::Revoked)) {
        phrases.push_back(replacedBy.empty() ? std::string("revoked")
                                             : "revoked, replaced by " + std::string(replacedBy));
    }
    if (has(MappingFlag::Deprecated)) {
        phrases.emplace_back("deprecated");
    }
    if (has(MappingFlag::NameDiffers)) {
        phrases.push_back("named '" + std::string(nameInFile) + "' in the file");
    }
    if (has(MappingFlag::Conflict)) {
        phrases.emplace_back("conflicts with another row");
    }
    if (has(MappingFlag::UnknownType)) {
        phrases.emplace_back("unknown mapping type, read as related");
    }
    if (has(MappingFlag::Inconsistent)) {
        phrases.emplace_back("status and ids disagree");
    }
    if (has(MappingFlag::NoScore)) {
        phrases.emplace_back("no score, counted as no coverage");
    }
    return phrases;
}

std::vector<FrameworkRelease> listFrameworkReleases(Database& db) {
    auto stmt = db.prepare(R"sql(
SELECT fr.id, fr.framework, fr.display_name, fr.short_name, fr.framework_version,
       fr.attack_version, fr.domain, fr.creation_date, fr.last_update, fr.source_file,
       fr.row_count, coalesce(fr.validated_against, ''),
       (SELECT count(*) FROM mapping m WHERE m.release_id = fr.id),
       (SELECT count(*) FROM capability c WHERE c.release_id = fr.id),
       (SELECT count(*) FROM mapping m WHERE m.release_id = fr.id AND m.flags != 0)
  FROM framework_release fr
)sql");
    std::vector<FrameworkRelease> releases;
    while (stmt.step()) {
        FrameworkRelease release;
        release.id = stmt.integer(0);
        release.framework = stmt.text(1);
        release.displayName = stmt.text(2);
        release.shortName = stmt.text(3);
        release.frameworkVersion = stmt.text(4);
        release.attackVersion = stmt.text(5);
        release.domain = stmt.text(6);
        release.creationDate = stmt.text(7);
        release.lastUpdate = stmt.text(8);
        release.sourceFile = stmt.text(9);
        release.rowCount = stmt.integer(10);
        release.validatedAgainst = stmt.text(11);
        release.mappingCount = stmt.integer(12);
        release.capabilityCount = stmt.integer(13);
        release.flaggedCount = stmt.integer(14);
        releases.push_back(std::move(release));
    }
    std::sort(releases.begin(), releases.end(),
              [](const FrameworkRelease& a, const FrameworkRelease& b) {
                  if (a.framework != b.framework) {
                      return a.framework < b.framework;
                  }
                  if (int order = compareVersions(a.attackVersion, b.attackVersion)) {
                      return order > 0;
                  }
                  if (a.domain != b.domain) {
                      return a.domain < b.domain;
                  }
                  return naturalLess(b.frameworkVersion, a.frameworkVersion);
              });
    return releases;
}

std::vector<Mapping> mappingsForTechnique(Database& db, std::string_view techniqueId,
                                          const MappingFilter& filter) {
    std::string sql = "SELECT " + std::string(mappingColumns) + " WHERE m.technique_id = ?";
    if (!filter.domain.empty()) {
        sql += " AND fr.domain = ?";
    }
    if (!filter.frameworkReleaseIds.empty()) {
        sql += " AND m.release_id IN (" + placeholders(filter.frameworkReleaseIds.size()) + ")";
    }
    if (!filter.kinds.empty()) {
        sql += " AND m.kind IN (" + placeholders(filter.kinds.size()) + ")";
    }
    sql += " ORDER BY m.id"; // file order within a capability, for the stable sort below
    auto stmt = db.prepare(sql);
    int index = 1;
    stmt.bind(index++, trimmed(techniqueId));
    if (!filter.domain.empty()) {
        stmt.bind(index++, filter.domain);
    }
    for (auto id : filter.frameworkReleaseIds) {
        stmt.bind(index++, id);
    }
    for (auto kind : filter.kinds) {
        stmt.bind(index++, toString(kind));
    }
    std::vector<Mapping> mappings;
    while (stmt.step()) {
        mappings.push_back(readMapping(stmt));
    }

    // Releases in the order listFrameworkReleases gives them.
    std::map<std::int64_t, std::size_t> rank;
    for (const auto& release : listFrameworkReleases(db)) {
        rank.emplace(release.id, rank.size());
    }
    std::stable_sort(mappings.begin(), mappings.end(), [&rank](const Mapping& a, const Mapping& b) {
        if (a.frameworkReleaseId != b.frameworkReleaseId) {
            return rank[a.frameworkReleaseId] < rank[b.frameworkReleaseId];
        }
        return naturalLess(a.capabilityId.value_or(""), b.capabilityId.value_or(""));
    });
    return mappings;
}

std::optional<Capability> findCapability(Database& db, std::int64_t frameworkReleaseId,
                                         std::string_view capabilityId) {
    std::string canonical(trimmed(capabilityId));
    auto framework = db.prepare("SELECT framework FROM framework_release WHERE id = ?");
    framework.bind(1, frameworkReleaseId);
    if (!framework.step()) {
        return std::nullopt;
    }
    if (const FrameworkCatalog* catalog = catalogIfAny()) {
        canonical = catalog->canonicalId(framework.textView(0), capabilityId);
    }
    auto stmt = db.prepare(
        "SELECT c.id, c.release_id, c.capability_id, c.canonical_id, c.description, "
        "c.group_id, coalesce(g.name, '') FROM capability c LEFT JOIN capability_group g "
        "ON g.release_id = c.release_id AND g.group_id = c.group_id "
        "WHERE c.release_id = ? AND (c.canonical_id = ? OR c.capability_id = ? COLLATE NOCASE) "
        "ORDER BY c.canonical_id = ? DESC LIMIT 1");
    stmt.bindAll(frameworkReleaseId, canonical, trimmed(capabilityId), canonical);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return Capability{stmt.integer(0), stmt.integer(1), stmt.text(2), stmt.text(3),
                      stmt.text(4),    stmt.text(5),    stmt.text(6)};
}

std::vector<Mapping> mappingsForCapability(Database& db, std::int64_t frameworkReleaseId,
                                           std::string_view capabilityId) {
    auto capability = findCapability(db, frameworkReleaseId, capabilityId);
    if (!capability) {
        return {};
    }
    auto stmt = db.prepare("SELECT " + std::string(mappingColumns) +
                           " WHERE m.capability_id = ? ORDER BY m.id");
    stmt.bind(1, capability->id);
    std::vector<Mapping> mappings;
    while (stmt.step()) {
        mappings.push_back(readMapping(stmt));
    }
    std::stable_sort(mappings.begin(), mappings.end(), [](const Mapping& a, const Mapping& b) {
        return naturalLess(a.techniqueId.value_or(""), b.techniqueId.value_or(""));
    });
    return mappings;
}

std::vector<Capability> listCapabilities(Database& db, std::int64_t frameworkReleaseId) {
    auto stmt = db.prepare(
        "SELECT c.id, c.release_id, c.capability_id, c.canonical_id, c.description, "
        "c.group_id, coalesce(g.name, '') FROM capability c LEFT JOIN capability_group g "
        "ON g.release_id = c.release_id AND g.group_id = c.group_id WHERE c.release_id = ?");
    stmt.bind(1, frameworkReleaseId);
    std::vector<Capability> capabilities;
    while (stmt.step()) {
        capabilities.push_back({stmt.integer(0), stmt.integer(1), stmt.text(2), stmt.text(3),
                                stmt.text(4), stmt.text(5), stmt.text(6)});
    }
    std::sort(capabilities.begin(), capabilities.end(),
              [](const Capability& a, const Capability& b) {
                  return naturalLess(a.capabilityId, b.capabilityId);
              });
    return capabilities;
}

} // namespace attackmap
