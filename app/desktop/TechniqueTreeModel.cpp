#include "TechniqueTreeModel.h"

#include <QFont>
#include <QHash>

namespace attackmap::desktop {

TechniqueTreeModel::TechniqueTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

TechniqueTreeModel::~TechniqueTreeModel() = default;

void TechniqueTreeModel::setRelease(const std::vector<Tactic>& tactics,
                                    const std::vector<TechniqueSummary>& techniques) {
    beginResetModel();
    m_root.children.clear();

    auto addChild = [](Node& parent, NodeKind kind, const std::string& id,
                       const std::string& name) -> Node& {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->attackId = QString::fromStdString(id);
        node->name = QString::fromStdString(name);
        node->parent = &parent;
        node->row = static_cast<int>(parent.children.size());
        parent.children.push_back(std::move(node));
        return *parent.children.back();
    };

    QHash<std::int64_t, std::vector<const TechniqueSummary*>> subsByParent;
    for (const auto& technique : techniques) {
        if (technique.parentId && !technique.revoked && !technique.deprecated) {
            subsByParent[*technique.parentId].push_back(&technique);
        }
    }
    for (const auto& tactic : tactics) {
        Node& tacticNode = addChild(m_root, NodeKind::Tactic, tactic.attackId, tactic.name);
        // listTechniques orders by ATT&CK id, which is the order analysts expect.
        for (const auto& technique : techniques) {
            bool inTactic = std::find(technique.tacticIds.begin(), technique.tacticIds.end(),
                                      tactic.id) != technique.tacticIds.end();
            if (technique.parentId || technique.revoked || technique.deprecated || !inTactic) {
                continue;
            }
            Node& node =
                addChild(tacticNode, NodeKind::Technique, technique.attackId, technique.name);
            for (const auto* sub : subsByParent.value(technique.id)) {
                addChild(node, NodeKind::SubTechnique, sub->attackId, sub->name);
            }
        }
    }
    applyCoverage(m_root, m_coverage);
    endResetModel();
}

void TechniqueTreeModel::setCoverage(const CoverageIndex& coverage) {
    m_coverage = coverage;
    applyCoverage(m_root, m_coverage);
    if (rowCount() > 0) {
        // Every row's badge may change; one signal per tactic subtree keeps it cheap.
        for (const auto& tactic : m_root.children) {
            QModelIndex parentIndex = createIndex(tactic->row, 0, tactic.get());
            int rows = static_cast<int>(tactic->children.size());
            if (rows > 0) {
                emit dataChanged(index(0, 0, parentIndex),
                                 index(rows - 1, ColumnCount - 1, parentIndex));
            }
            for (const auto& technique : tactic->children) {
                QModelIndex techniqueIndex = createIndex(technique->row, 0, technique.get());
                int subs = static_cast<int>(technique->children.size());
                if (subs > 0) {
                    emit dataChanged(index(0, 0, techniqueIndex),
                                     index(subs - 1, ColumnCount - 1, techniqueIndex));
                }
            }
        }
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void TechniqueTreeModel::applyCoverage(Node& node, const CoverageIndex& coverage) {
    node.subCovered = 0;
    for (auto& child : node.children) {
        applyCoverage(*child, coverage);
        if (child->coverage.level != CoverageLevel::None) {
            ++node.subCovered;
        }
    }
    if (node.kind != NodeKind::Tactic) {
        node.coverage = coverage.entry(node.attackId);
    }
}

QModelIndex TechniqueTreeModel::indexOfTechnique(const QString& attackId) const {
    for (const auto& tactic : m_root.children) {
        for (const auto& technique : tactic->children) {
            if (technique->attackId.compare(attackId, Qt::CaseInsensitive) == 0) {
                return createIndex(technique->row, 0, technique.get());
            }
            for (const auto& sub : technique->children) {
                if (sub->attackId.compare(attackId, Qt::CaseInsensitive) == 0) {
                    return createIndex(sub->row, 0, sub.get());
                }
            }
        }
    }
    return {};
}

TechniqueTreeModel::Node* TechniqueTreeModel::nodeOf(const QModelIndex& index) const {
    if (!index.isValid()) {
        return const_cast<Node*>(&m_root);
    }
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex TechniqueTreeModel::index(int row, int column, const QModelIndex& parent) const {
    Node* node = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount ||
        row >= static_cast<int>(node->children.size())) {
        return {};
    }
    return createIndex(row, column, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex TechniqueTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) {
        return {};
    }
    Node* parent = nodeOf(child)->parent;
    if (!parent || parent == &m_root) {
        return {};
    }
    return createIndex(parent->row, 0, parent);
}

int TechniqueTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    return static_cast<int>(nodeOf(parent)->children.size());
}

int TechniqueTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant TechniqueTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) {
        return {};
    }
    const Node* node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn) {
            return node->kind == NodeKind::Tactic
                       ? node->name
                       : node->attackId + QStringLiteral("  ") + node->name;
        }
        if (node->kind != NodeKind::Tactic && node->coverage.mappings > 0) {
            return node->coverage.mappings;
        }
        return {};
    case Qt::ToolTipRole: {
        if (node->kind == NodeKind::Tactic) {
            return tr("%1 (%2): %n technique(s)", nullptr, static_cast<int>(node->children.size()))
                .arg(node->name, node->attackId);
        }
        QString tip = tr("%1 %2\nCoverage: %3, %n mapping(s)", nullptr, node->coverage.mappings)
                          .arg(node->attackId, node->name, toDisplayString(node->coverage.level));
        if (!node->children.empty()) {
            tip += tr("\nSub-techniques covered: %1 of %2")
                       .arg(node->subCovered)
                       .arg(node->children.size());
        }
        return tip;
    }
    case Qt::FontRole:
        if (node->kind == NodeKind::Tactic) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case AttackIdRole:
        return node->attackId;
    case NameRole:
        return node->name;
    case NodeKindRole:
        return static_cast<int>(node->kind);
    case CoverageLevelRole:
        return static_cast<int>(node->coverage.level);
    case MappingCountRole:
        return node->coverage.mappings;
    case SubCoveredRole:
        return node->subCovered;
    case SubTotalRole:
        return static_cast<int>(node->children.size());
    case SearchTextRole:
        return node->kind == NodeKind::Tactic ? QString()
                                              : node->attackId + QLatin1Char(' ') + node->name;
    default:
        return {};
    }
}

QVariant TechniqueTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == NameColumn ? tr("Technique") : tr("Coverage");
}

} // namespace attackmap::desktop
