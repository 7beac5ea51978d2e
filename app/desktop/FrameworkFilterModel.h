#pragma once

#include <QAbstractListModel>

namespace attackmap::desktop {

class Session;

/// The framework releases of the open database as a checkable list; checking
/// and unchecking changes the session's filter, which every view follows.
class FrameworkFilterModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { FrameworkReleaseRole = Qt::UserRole + 1, FrameworkRole, DomainRole };

    explicit FrameworkFilterModel(Session& session, QObject* parent = nullptr);

    void setAllChecked(bool checked);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    Session& m_session;
};

} // namespace attackmap::desktop
