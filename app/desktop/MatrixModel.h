#pragma once

#include "CoverageIndex.h"

#include "attackmap/Attack.h"

#include <QString>

#include <array>
#include <vector>

namespace attackmap::desktop {

/// The ATT&CK matrix of one release under the current coverage: a column
/// per tactic in matrix order, a cell per live technique, each with its live
/// sub-techniques.
class MatrixModel {
public:
    struct Cell {
        QString attackId;
        QString name;
        CoverageLevel level = CoverageLevel::None;
        int mappings = 0;
        std::vector<Cell> subtechniques;
        int subCovered = 0;
    };
    struct Column {
        QString tacticId;
        QString name;
        std::vector<Cell> cells;
    };

    MatrixModel() = default;
    static MatrixModel build(const std::vector<Tactic>& tactics,
                             const std::vector<TechniqueSummary>& techniques,
                             const CoverageIndex& coverage);

    const std::vector<Column>& columns() const { return m_columns; }
    /// Cells (techniques, counted once per tactic) at each level.
    int countAt(CoverageLevel level) const { return m_counts[static_cast<std::size_t>(level)]; }
    int cellCount() const;

private:
    std::vector<Column> m_columns;
    std::array<int, 5> m_counts{};
};

} // namespace attackmap::desktop
