#include "FrameworksView.h"

#include "RichTextDelegate.h"
#include "ScoreChipDelegate.h"
#include "Session.h"
#include "TableLayout.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace attackmap::desktop {

FrameworksView::FrameworksView(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* splitter = new QSplitter(Qt::Horizontal, this);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    m_filter = new QLineEdit(left);
    m_filter->setPlaceholderText(tr("Filter capabilities (id or words)"));
    m_filter->setClearButtonEnabled(true);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_tree);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterRole(CapabilityTreeModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_treeView = new QTreeView(left);
    m_treeView->setModel(m_proxy);
    m_treeView->setUniformRowHeights(true);
    m_treeView->header()->setStretchLastSection(false);
    m_treeView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_treeView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_treeView);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 6, 6, 6);
    m_heading = new QLabel(right);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::RichText);
    m_table = new QTableView(right);
    m_table->setModel(&m_mappings);
    m_table->setWordWrap(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setColumnHidden(MappingTableModel::CapabilityColumn, true);
    m_table->setColumnHidden(MappingTableModel::DescriptionColumn, true);
    // One capability's rows share their mapping type; the score's tooltip names it.
    m_table->setColumnHidden(MappingTableModel::TypeColumn, true);
    m_table->setItemDelegateForColumn(MappingTableModel::ScoreColumn,
                                      new ScoreChipDelegate(m_table));
    auto* links = new RichTextDelegate(MappingTableModel::HtmlRole, m_table);
    m_table->setItemDelegateForColumn(MappingTableModel::ReferencesColumn, links);
    m_table->setItemDelegateForColumn(MappingTableModel::CommentsColumn, links);
    rightLayout->addWidget(m_heading);
    rightLayout->addWidget(m_table, 1);

    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({330, 700});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { capabilitySelected(current); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        QString technique = index.data(MappingTableModel::TechniqueIdRole).toString();
        if (!technique.isEmpty()) {
            emit techniqueActivated(technique);
        }
    });
    connect(&m_session, &Session::filterChanged, this, &FrameworksView::rebuild);
    connect(&m_session, &Session::databaseChanged, this, &FrameworksView::rebuild);
    rebuild();
}

void FrameworksView::rebuild() {
    m_tree.load(m_session);
    m_mappings.setMappings({});
    m_heading->setText(m_session.frameworkReleases().empty()
                           ? tr("No mapping files are loaded yet. Import Mappings Explorer "
                                "files with File → Import.")
                           : tr("Select a capability to list the techniques it maps to."));
}

void FrameworksView::capabilitySelected(const QModelIndex& index) {
    QString capabilityId = index.data(CapabilityTreeModel::CapabilityIdRole).toString();
    if (capabilityId.isEmpty()) {
        return;
    }
    auto releaseId = index.data(CapabilityTreeModel::FrameworkReleaseRole).toLongLong();
    m_mappings.setMappings(
        mappingsForCapability(m_session.db(), releaseId, capabilityId.toStdString()));
    QString label;
    for (const auto& framework : m_session.frameworkReleases()) {
        if (framework.id == releaseId) {
            label = QString::fromStdString(framework.label());
        }
    }
    const auto& rows = m_mappings.mappings();
    m_table->setColumnHidden(MappingTableModel::RelatedColumn,
                             std::none_of(rows.begin(), rows.end(), [](const Mapping& m) {
                                 return !m.relatedScore.empty();
                             }));
    QString description = index.data(Qt::ToolTipRole).toString();
    m_heading->setText(QStringLiteral("<h2 style=\"margin:0\">%1</h2><p>%2</p><p>%3 — %4</p>")
                           .arg(capabilityId.toHtmlEscaped(), description.toHtmlEscaped(),
                                label.toHtmlEscaped(),
                                tr("%n technique mapping(s)", nullptr, m_mappings.rowCount())));
    fitTable();
}

void FrameworksView::showCapability(std::int64_t frameworkReleaseId, const QString& capabilityId) {
    QModelIndex source = m_tree.find(frameworkReleaseId, capabilityId);
    if (!source.isValid()) {
        return;
    }
    m_filter->clear();
    QModelIndex index = m_proxy->mapFromSource(source);
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent()) {
        m_treeView->expand(parent);
    }
    m_treeView->scrollTo(index);
    m_treeView->setCurrentIndex(index);
}

void FrameworksView::selectFirstCapability() {
    // Depth first: the first row that is a capability, not a release or group.
    std::function<QModelIndex(const QModelIndex&)> first = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_tree.rowCount(parent); ++row) {
            QModelIndex index = m_tree.index(row, 0, parent);
            if (!index.data(CapabilityTreeModel::CapabilityIdRole).toString().isEmpty()) {
                return index;
            }
            if (QModelIndex found = first(index); found.isValid()) {
                return found;
            }
        }
        return QModelIndex();
    };
    if (QModelIndex source = first({}); source.isValid()) {
        showCapability(source.data(CapabilityTreeModel::FrameworkReleaseRole).toLongLong(),
                       source.data(CapabilityTreeModel::CapabilityIdRole).toString());
    }
}

void FrameworksView::filterTo(const QString& text) {
    m_filter->setText(text);
    m_treeView->expandAll();
}

void FrameworksView::fitTable() {
    shareColumnWidths(*m_table, {{MappingTableModel::TechniqueColumn, 17},
                                 {MappingTableModel::TypeColumn, 11},
                                 {MappingTableModel::ScoreColumn, 18},
                                 {MappingTableModel::RelatedColumn, 9},
                                 {MappingTableModel::CommentsColumn, 32},
                                 {MappingTableModel::ReferencesColumn, 16},
                                 {MappingTableModel::FlagsColumn, 7}});
}

void FrameworksView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The table gets its new width when the layout runs, after this event.
    QTimer::singleShot(0, this, &FrameworksView::fitTable);
}

void FrameworksView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    QTimer::singleShot(0, this, &FrameworksView::fitTable);
}

} // namespace attackmap::desktop
