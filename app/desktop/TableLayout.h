#pragma once

#include <QTableView>

#include <utility>
#include <vector>

namespace attackmap::desktop {

/// Gives each listed column of a table its share of the table's width
/// (hidden columns drop out), then sizes rows to their wrapped text. Views
/// call it after every resize: Qt's stretch modes give all spare width to
/// one column, which starves wrapped comments next to long ids.
inline void shareColumnWidths(QTableView& table, const std::vector<std::pair<int, int>>& shares) {
    int total = 0;
    for (auto [column, share] : shares) {
        total += table.isColumnHidden(column) ? 0 : share;
    }
    int width = table.viewport()->width();
    if (total == 0 || width <= 0) {
        return;
    }
    for (auto [column, share] : shares) {
        if (!table.isColumnHidden(column)) {
            table.setColumnWidth(column, width * share / total);
        }
    }
    table.resizeRowsToContents();
}

} // namespace attackmap::desktop
