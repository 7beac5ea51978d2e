#pragma once

#include "attackmap/Mappings.h"

#include <QAbstractTableModel>

#include <vector>

namespace attackmap::desktop {

/// Mapping rows as a table: what one technique is mapped to (the technique
/// page, one proxy per framework release) or what one capability maps to
/// (the frameworks tab).
class MappingTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TechniqueColumn = 0,
        CapabilityColumn,
        DescriptionColumn,
        TypeColumn,
        ScoreColumn,
        RelatedColumn, // the parent technique a sub-technique score is tied to
        CommentsColumn,
        ReferencesColumn,
        FlagsColumn,
        ColumnCount
    };
    enum Role {
        FrameworkReleaseRole = Qt::UserRole + 1, // qint64
        TechniqueIdRole,
        CapabilityIdRole,
        ScoreCategoryRole, // protect, detect, respond, or ""
        ScoreValueRole,    // minimal, partial, significant, or ""
        KindRole,          // scored, mitigating, related, non-mappable
        HtmlRole,          // rich text for columns with links
    };

    explicit MappingTableModel(QObject* parent = nullptr);

    void setMappings(std::vector<Mapping> mappings);
    const std::vector<Mapping>& mappings() const { return m_mappings; }
    const Mapping& mappingAt(int row) const { return m_mappings.at(static_cast<std::size_t>(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Mapping> m_mappings;
};

} // namespace attackmap::desktop
