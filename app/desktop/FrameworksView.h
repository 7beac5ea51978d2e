#pragma once

#include "CapabilityTreeModel.h"
#include "MappingTableModel.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;

namespace attackmap::desktop {

class Session;

/// The frameworks tab: the capability tree of the checked framework releases
/// and, for the selected capability, the techniques it maps to.
class FrameworksView : public QWidget {
    Q_OBJECT

public:
    FrameworksView(Session& session, QWidget* parent = nullptr);

    void rebuild();
    /// Selects a capability, as search results do.
    void showCapability(std::int64_t frameworkReleaseId, const QString& capabilityId);
    /// Selects the first capability that has mappings; for screenshots.
    void selectFirstCapability();
    /// Shows only capabilities whose id or words contain text.
    void filterTo(const QString& text);
    MappingTableModel& mappings() { return m_mappings; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

signals:
    void techniqueActivated(const QString& attackId);

private:
    void fitTable();
    void capabilitySelected(const QModelIndex& index);

    Session& m_session;
    CapabilityTreeModel m_tree;
    QSortFilterProxyModel* m_proxy = nullptr;
    MappingTableModel m_mappings;
    QLineEdit* m_filter = nullptr;
    QTreeView* m_treeView = nullptr;
    QLabel* m_heading = nullptr;
    QTableView* m_table = nullptr;
};

} // namespace attackmap::desktop
