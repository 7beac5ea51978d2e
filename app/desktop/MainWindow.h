#pragma once

#include "Session.h"
#include "TechniqueTreeModel.h"

#include <QMainWindow>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QSortFilterProxyModel;
class QTabWidget;
class QTreeView;

namespace attackmap::desktop {

class FrameworkFilterModel;
class FrameworksView;
class GapView;
class MatrixView;
class SearchView;
class TechniquePage;

/// The main window: release chooser, technique tree with filter, framework
/// filter, and the technique, matrix, frameworks and search tabs.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum class View { Technique, Matrix, Frameworks, Search, Gaps };

    /// interactive=false never opens dialogs on its own (screenshots, tests).
    explicit MainWindow(bool interactive = true, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a database; shows the error and returns false when it fails.
    bool openDatabase(const QString& path);
    /// Opens a technique of the current release by ID or name; false when
    /// nothing matches.
    bool goToTechnique(const QString& idOrName);
    void showView(View view);
    void goBack();
    void goForward();
    /// Imports files in the foreground (no dialogs); for scripted use.
    bool importFilesNow(const QStringList& files, QString* error = nullptr);

    Session& session() { return m_session; }
    TechniqueTreeModel& treeModel() { return m_treeModel; }
    TechniquePage& techniquePage() { return *m_techniquePage; }
    MatrixView& matrixView() { return *m_matrixView; }
    FrameworksView& frameworksView() { return *m_frameworksView; }
    SearchView& searchView() { return *m_searchView; }
    GapView& gapView() { return *m_gapView; }

    /// Imports data/sample on a worker thread, as File → Load the sample does.
    void loadSample();
    /// Where the embedded sample lives: beside data/frameworks.json
    /// (FrameworkCatalog::dataDirectory).
    static QString sampleDirectory();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildLayout();
    void showTechnique(const QString& attackId, bool record);
    void askGoTo();
    void newDatabase();
    void chooseDatabase();
    void chooseImportFiles();
    void importFiles(const QStringList& files);
    void offerSample();
    void showImportSummary(const struct ImportOutcome& outcome);
    void refreshReleases();
    void refreshStatus();
    void rememberRecent(const QString& path);
    void rebuildRecentMenu();
    void updateHistoryActions();

    bool m_interactive;
    Session m_session;
    TechniqueTreeModel m_treeModel;
    QSortFilterProxyModel* m_treeProxy = nullptr;
    FrameworkFilterModel* m_frameworkModel = nullptr;

    QComboBox* m_releaseBox = nullptr;
    QLineEdit* m_treeFilter = nullptr;
    QTreeView* m_tree = nullptr;
    QListView* m_frameworkList = nullptr;
    QTabWidget* m_tabs = nullptr;
    TechniquePage* m_techniquePage = nullptr;
    MatrixView* m_matrixView = nullptr;
    FrameworksView* m_frameworksView = nullptr;
    SearchView* m_searchView = nullptr;
    GapView* m_gapView = nullptr;
    QLabel* m_statusDatabase = nullptr;
    QLabel* m_statusCounts = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;

    QStringList m_history;
    int m_historyPos = -1;
};

} // namespace attackmap::desktop
