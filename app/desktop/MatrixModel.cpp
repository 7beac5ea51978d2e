#include "MatrixModel.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace attackmap::desktop {

MatrixModel MatrixModel::build(const std::vector<Tactic>& tactics,
                               const std::vector<TechniqueSummary>& techniques,
                               const CoverageIndex& coverage) {
    auto makeCell = [&coverage](const TechniqueSummary& technique) {
        Cell cell;
        cell.attackId = QString::fromStdString(technique.attackId);
        cell.name = QString::fromStdString(technique.name);
        auto entry = coverage.entry(cell.attackId);
        cell.level = entry.level;
        cell.mappings = entry.mappings;
        return cell;
    };

    QHash<std::int64_t, std::vector<Cell>> subsByParent;
    for (const auto& technique : techniques) {
        if (technique.parentId && !technique.revoked && !technique.deprecated) {
            subsByParent[*technique.parentId].push_back(makeCell(technique));
        }
    }
    QHash<std::int64_t, std::size_t> columnOfTactic;
    MatrixModel model;
    for (const auto& tactic : tactics) {
        columnOfTactic.insert(tactic.id, model.m_columns.size());
        model.m_columns.push_back(
            {QString::fromStdString(tactic.attackId), QString::fromStdString(tactic.name), {}});
    }
    for (const auto& technique : techniques) {
        if (technique.parentId || technique.revoked || technique.deprecated) {
            continue;
        }
        for (std::int64_t tacticId : technique.tacticIds) {
            auto column = columnOfTactic.find(tacticId);
            if (column == columnOfTactic.end()) {
                continue;
            }
            Cell cell = makeCell(technique);
            cell.subtechniques = subsByParent.value(technique.id);
            cell.subCovered = static_cast<int>(
                std::count_if(cell.subtechniques.begin(), cell.subtechniques.end(),
                              [](const Cell& sub) { return sub.level != CoverageLevel::None; }));
            ++model.m_counts[static_cast<std::size_t>(cell.level)];
            model.m_columns[*column].cells.push_back(std::move(cell));
        }
    }
    // ATT&CK's own matrix lists techniques by name within a tactic.
    for (auto& column : model.m_columns) {
        std::sort(column.cells.begin(), column.cells.end(),
                  [](const Cell& a, const Cell& b) { return a.name < b.name; });
    }
    return model;
}

int MatrixModel::cellCount() const {
    return std::accumulate(m_counts.begin(), m_counts.end(), 0);
}

} // namespace attackmap::desktop
