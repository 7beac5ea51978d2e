#include "CoverageIndex.h"

#include "attackmap/Browse.h"

#include <QCoreApplication>

#include <algorithm>

namespace attackmap::desktop {

QString toDisplayString(CoverageLevel level) {
    switch (level) {
    case CoverageLevel::Significant:
        return QCoreApplication::translate("Coverage", "significant");
    case CoverageLevel::Partial:
        return QCoreApplication::translate("Coverage", "partial");
    case CoverageLevel::Minimal:
        return QCoreApplication::translate("Coverage", "minimal");
    case CoverageLevel::Mapped:
        return QCoreApplication::translate("Coverage", "mapped");
    case CoverageLevel::None:
        break;
    }
    return QCoreApplication::translate("Coverage", "none");
}

CoverageLevel coverageLevel(const std::vector<Mapping>& mappings) {
    CoverageLevel best = CoverageLevel::None;
    for (const auto& mapping : mappings) {
        CoverageLevel level = CoverageLevel::None;
        if (mapping.kind == MappingKind::Scored) {
            switch (mapping.scoreValue) {
            case ScoreValue::Significant:
                level = CoverageLevel::Significant;
                break;
            case ScoreValue::Partial:
                level = CoverageLevel::Partial;
                break;
            case ScoreValue::Minimal:
                level = CoverageLevel::Minimal;
                break;
            case ScoreValue::None:
                // A scored type with no score still says the control applies.
                level = CoverageLevel::Mapped;
                break;
            }
        } else if (mapping.kind == MappingKind::Mitigating) {
            level = CoverageLevel::Mapped;
        }
        best = std::max(best, level);
    }
    return best;
}

CoverageIndex CoverageIndex::build(Database& db, const std::vector<QString>& techniqueIds,
                                   const MappingFilter& filter) {
    // One grouped query for the whole release: a call per technique took
    // seconds once a dozen framework releases were loaded.
    QHash<QString, Entry> all;
    for (const auto& row : countCoverageMappings(db, filter)) {
        Entry& entry = all[QString::fromStdString(row.techniqueId)];
        Mapping sample;
        sample.capabilityId = std::string();
        sample.kind = row.kind;
        sample.scoreValue = row.scoreValue;
        entry.level = std::max(entry.level, coverageLevel({sample}));
        entry.mappings += static_cast<int>(row.count);
    }
    CoverageIndex index;
    index.m_entries.reserve(static_cast<qsizetype>(techniqueIds.size()));
    for (const auto& id : techniqueIds) {
        QString key = id.toUpper();
        index.m_entries.insert(key, all.value(key));
    }
    return index;
}

CoverageIndex::Entry CoverageIndex::entry(const QString& techniqueId) const {
    return m_entries.value(techniqueId.toUpper());
}

int CoverageIndex::coveredCount() const {
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(), [](const Entry& e) {
        return e.level != CoverageLevel::None;
    }));
}

} // namespace attackmap::desktop
