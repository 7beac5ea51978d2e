#include "MappingTables.h"

#include "attackmap/Database.h"

namespace attackmap::detail {

namespace {

// Local readers of the stored words, so that this file needs nothing from
// Mappings.cpp but the table layout.
MappingKind kindOf(std::string_view text) {
    if (text == "scored") {
        return MappingKind::Scored;
    }
    if (text == "mitigating") {
        return MappingKind::Mitigating;
    }
    return text == "non-mappable" ? MappingKind::NonMappable : MappingKind::Related;
}

ScoreValue scoreOf(std::string_view text) {
    if (text == "significant") {
        return ScoreValue::Significant;
    }
    if (text == "partial") {
        return ScoreValue::Partial;
    }
    return text == "minimal" ? ScoreValue::Minimal : ScoreValue::None;
}

/// Release ids for an IN list: they are few, and integers need no binding.
std::string idList(const std::vector<std::int64_t>& ids) {
    std::string list;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        list += (i ? "," : "") + std::to_string(ids[i]);
    }
    return list;
}

} // namespace

std::vector<FrameworkReleaseRow> readFrameworkReleases(Database& db) {
    auto stmt = db.prepare("SELECT id, framework, framework_version, attack_version, domain, "
                           "last_update, display_name FROM framework_release ORDER BY id");
    std::vector<FrameworkReleaseRow> rows;
    while (stmt.step()) {
        FrameworkReleaseRow row;
        row.id = stmt.integer(0);
        row.framework = stmt.text(1);
        row.frameworkVersion = stmt.text(2);
        row.attackVersion = stmt.text(3);
        row.domain = stmt.text(4);
        row.lastUpdate = stmt.text(5);
        std::string name = stmt.text(6).empty() ? row.framework : stmt.text(6);
        row.label = name + " " + row.frameworkVersion + " (ATT&CK " + row.attackVersion + " " +
                    row.domain + ")";
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<CapabilityRow> readCapabilities(Database& db,
                                            const std::vector<std::int64_t>& releaseIds) {
    std::string sql = "SELECT id, release_id, capability_id, description FROM capability";
    if (!releaseIds.empty()) {
        sql += " WHERE release_id IN (" + idList(releaseIds) + ")";
    }
    auto stmt = db.prepare(sql);
    std::vector<CapabilityRow> rows;
    while (stmt.step()) {
        rows.push_back({stmt.integer(0), stmt.integer(1), stmt.text(2), stmt.text(3)});
    }
    return rows;
}

std::set<std::string> coveringFrameworks(Database& db) {
    auto stmt = db.prepare("SELECT DISTINCT fr.framework FROM framework_release fr WHERE EXISTS "
                           "(SELECT 1 FROM mapping m WHERE m.release_id = fr.id "
                           "AND m.kind IN ('scored', 'mitigating'))");
    std::set<std::string> frameworks;
    while (stmt.step()) {
        frameworks.insert(stmt.text(0));
    }
    return frameworks;
}

void forEachMapping(Database& db, const std::vector<std::int64_t>& releaseIds,
                    const std::function<void(const MappingView&)>& visit) {
    // The release ids are few; one IN list keeps this to a single index range.
    std::string sql = "SELECT release_id, capability_id, technique_id, kind, score_category, "
                      "score_value FROM mapping "
                      "WHERE capability_id IS NOT NULL AND technique_id IS NOT NULL "
                      "AND release_id IN (" +
                      idList(releaseIds) + ")";
    auto stmt = db.prepare(sql);
    MappingView row;
    while (stmt.step()) {
        row.frameworkReleaseId = stmt.integer(0);
        row.capabilityRowId = stmt.integer(1);
        row.techniqueId = stmt.textView(2);
        row.kind = kindOf(stmt.textView(3));
        row.scoreCategory = stmt.textView(4);
        row.scoreValue = scoreOf(stmt.textView(5));
        visit(row);
    }
}

} // namespace attackmap::detail
