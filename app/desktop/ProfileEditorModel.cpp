#include "ProfileEditorModel.h"

#include "Session.h"

#include <QSet>

#include <algorithm>
#include <array>
#include <functional>

namespace attackmap::desktop {

namespace {

QString entryKey(const std::string& framework, const std::string& canonicalId) {
    return QString::fromStdString(framework) + QLatin1Char('\n') +
           QString::fromStdString(canonicalId);
}

/// Statuses a hand-built profile can give; observed ones come from layers.
const std::array editable = {CapabilityStatus::Implemented, CapabilityStatus::Partial,
                             CapabilityStatus::Planned};

} // namespace

ProfileEditorModel::ProfileEditorModel(QObject* parent) : CapabilityTreeModel(parent) {
    connect(this, &QStandardItemModel::itemChanged, this, &ProfileEditorModel::onItemChanged);
}

QString ProfileEditorModel::keyOf(const QStandardItem& item) const {
    QString framework = m_frameworkOfRelease.value(item.data(FrameworkReleaseRole).toLongLong());
    std::string id = item.data(CapabilityIdRole).toString().toStdString();
    std::string fw = framework.toStdString();
    return entryKey(fw, canonicalCapabilityId(fw, id));
}

void ProfileEditorModel::load(Session& session, const Profile& profile) {
    m_syncing = true;
    m_items.clear();
    m_checked.clear();
    m_kept.clear();
    m_frameworkOfRelease.clear();
    CapabilityTreeModel::load(session);
    setHorizontalHeaderLabels({tr("Capability"), tr("Mappings"), tr("Status")});
    for (const auto& framework : session.frameworkReleases()) {
        m_frameworkOfRelease.insert(framework.id, QString::fromStdString(framework.framework));
    }

    QHash<QString, CapabilityStatus> wanted;
    for (const auto& entry : profile.entries) {
        std::string canonical = entry.canonicalId.empty()
                                    ? canonicalCapabilityId(entry.framework, entry.capabilityId)
                                    : entry.canonicalId;
        wanted.insert(entryKey(entry.framework, canonical), entry.status);
    }
    std::function<void(QStandardItem*)> visit = [&](QStandardItem* parent) {
        for (int row = 0; row < parent->rowCount(); ++row) {
            QStandardItem* item = parent->child(row, CapabilityColumn);
            if (item->data(CapabilityIdRole).isValid()) {
                item->setCheckable(true);
                QString key = keyOf(*item);
                m_items.insert(key, item);
                auto status = wanted.find(key);
                item->setCheckState(status != wanted.end() ? Qt::Checked : Qt::Unchecked);
                if (status != wanted.end()) {
                    m_checked.insert(key, *status);
                }
                auto* statusItem = new QStandardItem;
                statusItem->setEditable(false);
                parent->setChild(row, StatusColumn, statusItem);
            }
            visit(item);
        }
    };
    visit(invisibleRootItem());
    for (const auto& entry : profile.entries) {
        std::string canonical = entry.canonicalId.empty()
                                    ? canonicalCapabilityId(entry.framework, entry.capabilityId)
                                    : entry.canonicalId;
        if (!m_items.contains(entryKey(entry.framework, canonical))) {
            m_kept.push_back(entry);
        }
    }
    for (auto it = m_checked.begin(); it != m_checked.end(); ++it) {
        showStatus(it.key());
    }
    m_syncing = false;
}

void ProfileEditorModel::showStatus(const QString& key) {
    auto status = m_checked.find(key);
    QString text = status == m_checked.end() ? QString() : QString::fromUtf8(toString(*status));
    for (QStandardItem* item : m_items.values(key)) {
        QStandardItem* parent = item->parent() ? item->parent() : invisibleRootItem();
        if (QStandardItem* cell = parent->child(item->row(), StatusColumn)) {
            cell->setText(text);
        }
    }
}

void ProfileEditorModel::onItemChanged(QStandardItem* item) {
    if (m_syncing || item->column() != CapabilityColumn || !item->isCheckable()) {
        return;
    }
    QString key = keyOf(*item);
    bool checked = item->checkState() == Qt::Checked;
    if (checked == m_checked.contains(key)) {
        return;
    }
    if (checked) {
        m_checked.insert(key, CapabilityStatus::Implemented);
    } else {
        m_checked.remove(key);
    }
    // The same capability under another release ticks with it.
    m_syncing = true;
    for (QStandardItem* twin : m_items.values(key)) {
        twin->setCheckState(item->checkState());
    }
    showStatus(key);
    m_syncing = false;
}

bool ProfileEditorModel::setChecked(const QString& framework, const QString& capabilityId,
                                    bool checked) {
    std::string fw = framework.toStdString();
    QString key = entryKey(fw, canonicalCapabilityId(fw, capabilityId.toStdString()));
    QStandardItem* item = m_items.value(key);
    if (!item) {
        return false;
    }
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return true;
}

bool ProfileEditorModel::setStatus(const QModelIndex& index, CapabilityStatus status) {
    QStandardItem* item = itemFromIndex(index.siblingAtColumn(CapabilityColumn));
    if (!item || !item->isCheckable() ||
        std::find(editable.begin(), editable.end(), status) == editable.end()) {
        return false;
    }
    QString key = keyOf(*item);
    if (!m_checked.contains(key)) {
        return false;
    }
    m_checked.insert(key, status);
    showStatus(key);
    return true;
}

std::vector<ProfileEntry> ProfileEditorModel::entries() const {
    std::vector<ProfileEntry> entries;
    QSet<QString> added;
    std::function<void(const QStandardItem*)> visit = [&](const QStandardItem* parent) {
        for (int row = 0; row < parent->rowCount(); ++row) {
            const QStandardItem* item = parent->child(row, CapabilityColumn);
            if (item->isCheckable() && item->checkState() == Qt::Checked) {
                QString key = keyOf(*item);
                if (!added.contains(key)) {
                    added.insert(key);
                    ProfileEntry entry;
                    entry.framework = key.section(QLatin1Char('\n'), 0, 0).toStdString();
                    entry.capabilityId = item->data(CapabilityIdRole).toString().toStdString();
                    entry.canonicalId = key.section(QLatin1Char('\n'), 1).toStdString();
                    entry.status = m_checked.value(key, CapabilityStatus::Implemented);
                    entries.push_back(std::move(entry));
                }
            }
            visit(item);
        }
    };
    visit(invisibleRootItem());
    entries.insert(entries.end(), m_kept.begin(), m_kept.end());
    return entries;
}

} // namespace attackmap::desktop
