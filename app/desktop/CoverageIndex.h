#pragma once

#include "attackmap/Mappings.h"

#include <QHash>
#include <QString>

#include <vector>

namespace attackmap {
class Database;
}

namespace attackmap::desktop {

/// How well a technique is covered under the current framework filter, best
/// last so that levels compare with <.
enum class CoverageLevel { None = 0, Mapped = 1, Minimal = 2, Partial = 3, Significant = 4 };

QString toDisplayString(CoverageLevel level);

/// The best level among mappings that count as coverage: scored rows at their
/// score, unscored mitigating rows as Mapped; related and non-mappable rows
/// add nothing.
CoverageLevel coverageLevel(const std::vector<Mapping>& mappings);

/// Coverage levels and mapping counts of every technique of a release, keyed
/// by upper-case ATT&CK id.
class CoverageIndex {
public:
    struct Entry {
        CoverageLevel level = CoverageLevel::None;
        int mappings = 0; // rows that count as coverage
    };

    CoverageIndex() = default;

    /// Counts the coverage mappings of each id under the filter.
    static CoverageIndex build(Database& db, const std::vector<QString>& techniqueIds,
                               const MappingFilter& filter);

    Entry entry(const QString& techniqueId) const;
    CoverageLevel level(const QString& techniqueId) const { return entry(techniqueId).level; }
    int coveredCount() const;
    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    QHash<QString, Entry> m_entries;
};

} // namespace attackmap::desktop
