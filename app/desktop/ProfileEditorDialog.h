#pragma once

#include "ProfileEditorModel.h"

#include "attackmap/Profile.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace attackmap::desktop {

class Session;

/// Builds or edits a coverage profile by ticking capabilities of the checked
/// framework releases. It saves nothing: the caller stores profile().
class ProfileEditorDialog : public QDialog {
    Q_OBJECT

public:
    /// An empty profile (no name) starts a new one.
    ProfileEditorDialog(Session& session, const Profile& profile, QWidget* parent = nullptr);

    ProfileEditorModel& model() { return m_model; }
    void setName(const QString& name);
    /// The profile as edited: name, description and entries.
    Profile profile() const;

    void accept() override;

private:
    void updateCount();
    /// Opens the branches that hold ticked capabilities, so that an edit
    /// starts from what the profile has.
    void expandTicked();
    void applyStatus();

    Profile m_original;
    ProfileEditorModel m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_filter = nullptr;
    QTreeView* m_tree = nullptr;
    QComboBox* m_status = nullptr;
    QLabel* m_count = nullptr;
};

} // namespace attackmap::desktop
