#include "CapabilityTreeModel.h"

#include "Logging.h"
#include "Session.h"

#include "attackmap/Frameworks.h"

#include <QHash>
#include <QSet>

namespace attackmap::desktop {

CapabilityTreeModel::CapabilityTreeModel(QObject* parent) : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Capability"), tr("Mappings")});
}

namespace {

/// The catalogue's nesting (PR.IR-01.01 under PR.IR-01, PR.IR, PR); none when
/// data/frameworks.json cannot be found, and the file's groups are used.
const FrameworkCatalog* catalog() {
    try {
        return &FrameworkCatalog::standard();
    } catch (const std::exception& e) {
        qCWarning(lcUi) << "no framework catalogue:" << e.what();
        return nullptr;
    }
}

} // namespace

void CapabilityTreeModel::placeCapabilities(QStandardItem& top, const std::string& framework,
                                            const QVariant& releaseId,
                                            const std::vector<Capability>& capabilities) {
    QHash<QString, QStandardItem*> nodes;
    QSet<QStandardItem*> placed;
    QHash<QString, QString> groupNames;
    for (const auto& capability : capabilities) {
        QString id = QString::fromStdString(capability.capabilityId);
        QString description = QString::fromStdString(capability.description);
        auto* item =
            new QStandardItem(description.isEmpty() ? id : id + QStringLiteral("  ") + description);
        item->setToolTip(description);
        item->setData(releaseId, FrameworkReleaseRole);
        item->setData(id, CapabilityIdRole);
        item->setData(id + QLatin1Char(' ') + description, SearchTextRole);
        nodes.insert(id, item);
        if (!capability.groupName.empty()) {
            groupNames.insert(QString::fromStdString(capability.groupId),
                              QString::fromStdString(capability.groupName));
        }
    }
    const FrameworkCatalog* levels = catalog();
    for (const auto& capability : capabilities) {
        std::vector<std::string> ancestors;
        if (levels) {
            ancestors = levels->ancestors(framework, capability.capabilityId);
        }
        // Frameworks without nesting in the catalogue keep their file's groups,
        // except a group of one named like its member (GCP), which says nothing.
        if (ancestors.empty() && !capability.groupId.empty() &&
            capability.groupId != capability.capabilityId) {
            ancestors.push_back(capability.groupId);
        }
        QStandardItem* parent = &top;
        for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
            QString level = QString::fromStdString(*it);
            QStandardItem*& node = nodes[level];
            if (!node) {
                QString name = groupNames.value(level);
                node = new QStandardItem(
                    name.isEmpty() || name == level ? level : level + QStringLiteral("  ") + name);
                node->setData(releaseId, FrameworkReleaseRole);
                node->setData(node->text(), SearchTextRole);
            }
            if (!placed.contains(node)) {
                parent->appendRow(node);
                placed.insert(node);
            }
            parent = node;
        }
        QStandardItem* item = nodes.value(QString::fromStdString(capability.capabilityId));
        if (!placed.contains(item)) {
            parent->appendRow(item);
            placed.insert(item);
        }
    }
}

void CapabilityTreeModel::load(Session& session) {
    removeRows(0, rowCount());
    if (!session.isOpen()) {
        return;
    }
    for (const auto& framework : session.frameworkReleases()) {
        if (!session.isFrameworkChecked(framework.id)) {
            continue;
        }
        auto id = QVariant::fromValue<qint64>(framework.id);
        auto* top = new QStandardItem(QString::fromStdString(framework.label()));
        top->setData(id, FrameworkReleaseRole);
        QFont bold = top->font();
        bold.setBold(true);
        top->setFont(bold);
        auto* topCount = new QStandardItem(QString::number(framework.mappingCount));

        placeCapabilities(*top, framework.framework, id,
                          listCapabilities(session.db(), framework.id));
        appendRow({top, topCount});
    }
}

QModelIndex CapabilityTreeModel::find(std::int64_t frameworkReleaseId,
                                      const QString& capabilityId) const {
    auto hits = match(index(0, 0), CapabilityIdRole, capabilityId, -1,
                      Qt::MatchExactly | Qt::MatchRecursive);
    for (const auto& hit : hits) {
        if (hit.data(FrameworkReleaseRole).toLongLong() == frameworkReleaseId) {
            return hit;
        }
    }
    return {};
}

} // namespace attackmap::desktop
