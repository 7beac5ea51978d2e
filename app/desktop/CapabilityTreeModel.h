#pragma once

#include "attackmap/Mappings.h"

#include <QStandardItemModel>

namespace attackmap::desktop {

class Session;

/// Framework release → capability levels → capability, for the checked
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

private:
    /// Nests capabilities under the levels the catalogue gives (or their
    /// file's groups), creating levels that are not capabilities themselves.
    void placeCapabilities(QStandardItem& top, const std::string& framework,
                           const QVariant& releaseId, const std::vector<Capability>& capabilities);
};

} // namespace attackmap::desktop
