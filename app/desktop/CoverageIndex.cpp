#include "CoverageIndex.h"

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

namespace {

bool countsAsCoverage(const Mapping& mapping) {
    return mapping.capabilityId &&
           (mapping.kind == MappingKind::Scored || mapping.kind == MappingKind::Mitigating);
}

} // namespace

CoverageIndex CoverageIndex::build(Database& db, const std::vector<QString>& techniqueIds,
                                   const MappingFilter& filter) {
    CoverageIndex index;
    index.m_entries.reserve(static_cast<qsizetype>(techniqueIds.size()));
    for (const auto& id : techniqueIds) {
        auto mappings = mappingsForTechnique(db, id.toStdString(), filter);
        Entry entry;
        entry.level = coverageLevel(mappings);
        entry.mappings =
            static_cast<int>(std::count_if(mappings.begin(), mappings.end(), countsAsCoverage));
        index.m_entries.insert(id.toUpper(), entry);
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
