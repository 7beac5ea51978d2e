#pragma once

#include "CoverageIndex.h"

#include "attackmap/Attack.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace attackmap::desktop {

/// Tactics, their techniques and each technique's sub-techniques for one
/// release, with a coverage column. A technique under several tactics
/// appears under each. Revoked and deprecated techniques are left out: the
/// tree is for browsing what is current; "go to" still finds them.
class TechniqueTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn = 0, CoverageColumn, ColumnCount };
    enum Role {
        AttackIdRole = Qt::UserRole + 1,
        NameRole,
        NodeKindRole,      // NodeKind
        CoverageLevelRole, // int(CoverageLevel)
        MappingCountRole,  // rows that count as coverage
        SubCoveredRole,    // covered sub-techniques of a technique
        SubTotalRole,
        SearchTextRole, // "T1552.005 Cloud Instance Metadata API"; empty for tactics
    };
    enum class NodeKind { Tactic, Technique, SubTechnique };

    explicit TechniqueTreeModel(QObject* parent = nullptr);
    ~TechniqueTreeModel() override;

    void setRelease(const std::vector<Tactic>& tactics,
                    const std::vector<TechniqueSummary>& techniques);
    void setCoverage(const CoverageIndex& coverage);

    /// The first index showing a technique, for selecting it.
    QModelIndex indexOfTechnique(const QString& attackId) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node {
        NodeKind kind = NodeKind::Tactic;
        QString attackId;
        QString name;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        CoverageIndex::Entry coverage;
        int subCovered = 0;
    };

    Node* nodeOf(const QModelIndex& index) const;
    void applyCoverage(Node& node, const CoverageIndex& coverage);

    Node m_root;
    CoverageIndex m_coverage;
};

} // namespace attackmap::desktop
