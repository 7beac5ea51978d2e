#include "attackmap/Browse.h"

#include "attackmap/Database.h"

namespace attackmap {

std::vector<TechniqueMappingCount> countCoverageMappings(Database& db,
                                                         const MappingFilter& filter) {
    std::string sql = "SELECT upper(m.technique_id), m.kind, m.score_value, count(*) "
                      "FROM mapping m JOIN framework_release fr ON fr.id = m.release_id "
                      "WHERE m.technique_id IS NOT NULL AND m.capability_id IS NOT NULL "
                      "AND m.kind IN ('scored', 'mitigating')";
    if (!filter.domain.empty()) {
        sql += " AND fr.domain = ?";
    }
    if (!filter.frameworkReleaseIds.empty()) {
        sql += " AND m.release_id IN (";
        for (std::size_t i = 0; i < filter.frameworkReleaseIds.size(); ++i) {
            sql += i == 0 ? "?" : ", ?";
        }
        sql += ")";
    }
    sql += " GROUP BY 1, 2, 3 ORDER BY 1";
    auto stmt = db.prepare(sql);
    int index = 1;
    if (!filter.domain.empty()) {
        stmt.bind(index++, filter.domain);
    }
    for (auto id : filter.frameworkReleaseIds) {
        stmt.bind(index++, id);
    }
    std::vector<TechniqueMappingCount> counts;
    while (stmt.step()) {
        TechniqueMappingCount row;
        row.techniqueId = stmt.text(0);
        row.kind = parseMappingKind(stmt.textView(1)).value_or(MappingKind::Related);
        row.scoreValue = parseScoreValue(stmt.textView(2));
        row.count = stmt.integer(3);
        counts.push_back(std::move(row));
    }
    return counts;
}

} // namespace attackmap
