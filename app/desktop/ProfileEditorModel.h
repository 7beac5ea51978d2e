#pragma once

#include "CapabilityTreeModel.h"

#include "attackmap/Profile.h"

#include <QHash>
#include <QMultiHash>

namespace attackmap::desktop {

/// The capability tree of the checked framework releases with a tick box on
/// every capability: a coverage profile built by hand. A capability that
/// several releases publish (aws in two versions) is one profile entry, so
/// its boxes tick together.
class ProfileEditorModel : public CapabilityTreeModel {
    Q_OBJECT

public:
    enum Column { CapabilityColumn = 0, StatusColumn = 2 };

    explicit ProfileEditorModel(QObject* parent = nullptr);

    /// Loads the tree and ticks the profile's entries. Entries the tree does
    /// not show (an unchecked framework, observed techniques) are kept as
    /// they are and saved again.
    void load(Session& session, const Profile& profile = {});

    /// Ticks or unticks a capability by framework and id as published.
    bool setChecked(const QString& framework, const QString& capabilityId, bool checked);
    /// The status of a ticked capability row; false when the row is none.
    bool setStatus(const QModelIndex& index, CapabilityStatus status);

    /// Ticked capabilities in tree order, each once, then the kept entries.
    std::vector<ProfileEntry> entries() const;
    int checkedCount() const { return static_cast<int>(m_checked.size()); }
    int keptCount() const { return static_cast<int>(m_kept.size()); }

private:
    QString keyOf(const QStandardItem& item) const;
    void onItemChanged(QStandardItem* item);
    void showStatus(const QString& key);

    QHash<qint64, QString> m_frameworkOfRelease;
    QMultiHash<QString, QStandardItem*> m_items; // "framework\ncanonical id" -> rows
    QHash<QString, CapabilityStatus> m_checked;  // the ticked keys
    std::vector<ProfileEntry> m_kept;
    bool m_syncing = false;
};

} // namespace attackmap::desktop
