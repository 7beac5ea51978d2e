#include "FrameworkFilterModel.h"

#include "Session.h"

namespace attackmap::desktop {

FrameworkFilterModel::FrameworkFilterModel(Session& session, QObject* parent)
    : QAbstractListModel(parent), m_session(session) {
    auto reset = [this] {
        beginResetModel();
        endResetModel();
    };
    connect(&m_session, &Session::databaseChanged, this, reset);
    connect(&m_session, &Session::filterChanged, this, [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1), {Qt::CheckStateRole});
        }
    });
}

void FrameworkFilterModel::setAllChecked(bool checked) {
    QSet<std::int64_t> ids;
    if (checked) {
        for (const auto& framework : m_session.frameworkReleases()) {
            ids.insert(framework.id);
        }
    }
    m_session.setCheckedFrameworks(ids);
}

int FrameworkFilterModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_session.frameworkReleases().size());
}

QVariant FrameworkFilterModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const auto& framework = m_session.frameworkReleases()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(framework.label());
    case Qt::ToolTipRole:
        return tr("%1\n%2 capabilities, %3 mappings\nfrom %4")
            .arg(QString::fromStdString(framework.label()))
            .arg(framework.capabilityCount)
            .arg(framework.mappingCount)
            .arg(QString::fromStdString(framework.sourceFile));
    case Qt::CheckStateRole:
        return m_session.isFrameworkChecked(framework.id) ? Qt::Checked : Qt::Unchecked;
    case FrameworkReleaseRole:
        return QVariant::fromValue<qint64>(framework.id);
    case FrameworkRole:
        return QString::fromStdString(framework.framework);
    case DomainRole:
        return QString::fromStdString(framework.domain);
    default:
        return {};
    }
}

bool FrameworkFilterModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::CheckStateRole) {
        return false;
    }
    const auto& framework = m_session.frameworkReleases()[static_cast<std::size_t>(index.row())];
    m_session.setFrameworkChecked(framework.id, value.value<Qt::CheckState>() == Qt::Checked);
    return true;
}

Qt::ItemFlags FrameworkFilterModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

} // namespace attackmap::desktop
