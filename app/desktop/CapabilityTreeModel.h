#pragma once

#include "attackmap/Mappings.h"

#include <QStandardItemModel>

namespace attackmap::desktop {

class Session;

/// Framework release → capability group → capability, for the checked
/// framework releases. A small, read-only tree: QStandardItemModel carries
/// it well.
class CapabilityTreeModel : public QStandardItemModel {
    Q_OBJECT

public:
    enum Role {
        FrameworkReleaseRole = Qt::UserRole + 1, // qint64 on every row
        CapabilityIdRole,                        // on capability rows only
        SearchTextRole,
    };

    explicit CapabilityTreeModel(QObject* parent = nullptr);

    void load(Session& session);
    /// The index of a capability, for jumping to it from search results.
    QModelIndex find(std::int64_t frameworkReleaseId, const QString& capabilityId) const;
};

} // namespace attackmap::desktop
