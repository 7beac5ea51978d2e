#pragma once

#include "attackmap/Attack.h"

#include <QAbstractTableModel>

#include <vector>

namespace attackmap::desktop {

/// Full-text search hits: kind, scope, title and the snippet with the
/// matching words highlighted (HtmlRole).
class SearchResultModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TitleColumn = 0, KindColumn, ScopeColumn, SnippetColumn, ColumnCount };
    enum Role { HtmlRole = Qt::UserRole + 1, KindRole, RefRole, TechniqueIdRole };

    explicit SearchResultModel(QObject* parent = nullptr);

    void setHits(std::vector<SearchHit> hits);
    const std::vector<SearchHit>& hits() const { return m_hits; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<SearchHit> m_hits;
};

} // namespace attackmap::desktop
