#include "CapabilityTreeModel.h"

#include "Session.h"

#include <QMap>

namespace attackmap::desktop {

CapabilityTreeModel::CapabilityTreeModel(QObject* parent) : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Capability"), tr("Mappings")});
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

        // Groups in the order of their ids; capabilities without a group sit
        // directly under the release.
        QMap<QString, QStandardItem*> groups;
        for (const auto& capability : listCapabilities(session.db(), framework.id)) {
            // Some files make every capability its own group (GCP): a group of
            // one named like its member adds a level and says nothing.
            QString groupKey = QString::fromStdString(capability.groupId);
            QStandardItem* parent = top;
            if (!groupKey.isEmpty() && capability.groupId != capability.capabilityId) {
                if (!groups.contains(groupKey)) {
                    QString title = groupKey;
                    if (!capability.groupName.empty() &&
                        capability.groupName != capability.groupId) {
                        title +=
                            QStringLiteral("  ") + QString::fromStdString(capability.groupName);
                    }
                    auto* group = new QStandardItem(title);
                    group->setData(id, FrameworkReleaseRole);
                    groups.insert(groupKey, group);
                }
                parent = groups.value(groupKey);
            }
            QString capabilityId = QString::fromStdString(capability.capabilityId);
            QString description = QString::fromStdString(capability.description);
            auto* item = new QStandardItem(description.isEmpty()
                                               ? capabilityId
                                               : capabilityId + QStringLiteral("  ") + description);
            item->setToolTip(description);
            item->setData(id, FrameworkReleaseRole);
            item->setData(capabilityId, CapabilityIdRole);
            item->setData(capabilityId + QLatin1Char(' ') + description, SearchTextRole);
            parent->appendRow(item);
        }
        for (auto* group : groups) {
            group->setData(group->text(), SearchTextRole);
            top->appendRow(group);
        }
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
