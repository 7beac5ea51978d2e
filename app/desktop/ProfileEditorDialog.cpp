#include "ProfileEditorDialog.h"

#include "Session.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace attackmap::desktop {

ProfileEditorDialog::ProfileEditorDialog(Session& session, const Profile& profile, QWidget* parent)
    : QDialog(parent), m_original(profile) {
    setWindowTitle(profile.name.empty()
                       ? tr("New coverage profile")
                       : tr("Edit profile %1").arg(QString::fromStdString(profile.name)));
    resize(760, 640);
    m_model.load(session, profile);

    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(QString::fromStdString(profile.name), this);
    m_name->setPlaceholderText(tr("e.g. Cloud team"));
    form->addRow(tr("&Name:"), m_name);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter capabilities, e.g. guardduty or AC-3"));
    m_filter->setClearButtonEnabled(true);
    form->addRow(tr("&Find:"), m_filter);
    layout->addLayout(form);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_model);
    m_proxy->setFilterRole(CapabilityTreeModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_proxy);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->hideColumn(1); // mapping counts say nothing about what a team runs
    layout->addWidget(m_tree, 1);

    auto* statusRow = new QHBoxLayout;
    m_status = new QComboBox(this);
    for (auto status :
         {CapabilityStatus::Implemented, CapabilityStatus::Partial, CapabilityStatus::Planned}) {
        m_status->addItem(QString::fromUtf8(toString(status)), static_cast<int>(status));
    }
    auto* statusLabel = new QLabel(tr("&Status of the selected capability:"), this);
    statusLabel->setBuddy(m_status);
    m_count = new QLabel(this);
    statusRow->addWidget(statusLabel);
    statusRow->addWidget(m_status);
    statusRow->addStretch(1);
    statusRow->addWidget(m_count);
    layout->addLayout(statusRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty()) {
            m_tree->expandAll();
        }
    });
    connect(m_status, &QComboBox::activated, this, &ProfileEditorDialog::applyStatus);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                QString status =
                    current.siblingAtColumn(ProfileEditorModel::StatusColumn).data().toString();
                if (!status.isEmpty()) {
                    m_status->setCurrentText(status);
                }
            });
    connect(&m_model, &QStandardItemModel::itemChanged, this, &ProfileEditorDialog::updateCount);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProfileEditorDialog::reject);
    updateCount();
    expandTicked();
}

void ProfileEditorDialog::expandTicked() {
    // True when the branch holds a ticked capability, opening it on the way out.
    std::function<bool(QStandardItem*)> open = [&](QStandardItem* parent) {
        bool ticked = false;
        for (int row = 0; row < parent->rowCount(); ++row) {
            QStandardItem* item = parent->child(row);
            ticked = open(item) || item->checkState() == Qt::Checked || ticked;
        }
        if (ticked && parent != m_model.invisibleRootItem()) {
            m_tree->expand(m_proxy->mapFromSource(parent->index()));
        }
        return ticked;
    };
    open(m_model.invisibleRootItem());
}

void ProfileEditorDialog::setName(const QString& name) {
    m_name->setText(name);
}

Profile ProfileEditorDialog::profile() const {
    Profile profile;
    profile.name = m_name->text().trimmed().toStdString();
    profile.description = m_original.description;
    profile.entries = m_model.entries();
    return profile;
}

void ProfileEditorDialog::updateCount() {
    QString text = tr("%n capabilities ticked", nullptr, m_model.checkedCount());
    if (m_model.keptCount() > 0) {
        text += tr(", %n kept from frameworks not shown", nullptr, m_model.keptCount());
    }
    m_count->setText(text);
}

void ProfileEditorDialog::applyStatus() {
    QModelIndex current = m_proxy->mapToSource(m_tree->currentIndex());
    auto status = static_cast<CapabilityStatus>(m_status->currentData().toInt());
    if (!m_model.setStatus(current, status)) {
        QMessageBox::information(this, tr("Status"),
                                 tr("Select a ticked capability to give it a status."));
    }
}

void ProfileEditorDialog::accept() {
    QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        QMessageBox::warning(this, tr("Profile not saved"), tr("The profile needs a name."));
        return;
    }
    if (m_model.checkedCount() + m_model.keptCount() == 0) {
        QMessageBox::warning(this, tr("Profile not saved"), tr("Tick at least one capability."));
        return;
    }
    QDialog::accept();
}

} // namespace attackmap::desktop
