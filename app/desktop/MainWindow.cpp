#include "MainWindow.h"

#include "FrameworkFilterModel.h"
#include "FrameworksView.h"
#include "GapView.h"
#include "ImportWorker.h"
#include "Logging.h"
#include "MatrixView.h"
#include "ScoreChipDelegate.h"
#include "SearchView.h"
#include "TechniquePage.h"

#include "attackmap/FileKind.h"
#include "attackmap/Frameworks.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace attackmap::desktop {

namespace {

constexpr int maxRecent = 8;

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

MainWindow::MainWindow(bool interactive, QWidget* parent)
    : QMainWindow(parent), m_interactive(interactive) {
    setWindowTitle(tr("attackmap"));
    setAcceptDrops(true);
    buildLayout();
    buildActions();

    connect(&m_session, &Session::databaseChanged, this, [this] {
        refreshReleases();
        m_treeModel.setRelease(m_session.tactics(), m_session.techniques());
        m_treeModel.setCoverage(m_session.coverage());
        m_techniquePage->model().clear();
        m_history.clear();
        m_historyPos = -1;
        updateHistoryActions();
        refreshStatus();
    });
    connect(&m_session, &Session::releaseChanged, this, [this] {
        QString current = m_techniquePage->currentTechnique();
        m_treeModel.setRelease(m_session.tactics(), m_session.techniques());
        m_treeModel.setCoverage(m_session.coverage());
        if (!current.isEmpty() && !m_techniquePage->model().load(current)) {
            m_techniquePage->model().clear();
        }
        refreshStatus();
    });
    connect(&m_session, &Session::filterChanged, this, [this] {
        m_treeModel.setCoverage(m_session.coverage());
        refreshStatus();
    });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry"))) {
        resize(1400, 900);
    }
    rebuildRecentMenu();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout() {
    auto* splitter = new QSplitter(Qt::Horizontal, this);

    // Left: technique tree with its filter, and the framework filter below.
    auto* left = new QSplitter(Qt::Vertical, splitter);
    auto* treeBox = new QWidget(left);
    auto* treeLayout = new QVBoxLayout(treeBox);
    treeLayout->setContentsMargins(6, 6, 0, 0);
    m_treeFilter = new QLineEdit(treeBox);
    m_treeFilter->setPlaceholderText(tr("Filter techniques by ID or name  (Ctrl+F)"));
    m_treeFilter->setClearButtonEnabled(true);
    m_treeProxy = new QSortFilterProxyModel(this);
    m_treeProxy->setSourceModel(&m_treeModel);
    m_treeProxy->setRecursiveFilteringEnabled(true);
    m_treeProxy->setAutoAcceptChildRows(true);
    m_treeProxy->setFilterRole(TechniqueTreeModel::SearchTextRole);
    m_treeProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_tree = new QTreeView(treeBox);
    m_tree->setModel(m_treeProxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TechniqueTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(TechniqueTreeModel::CoverageColumn, QHeaderView::Fixed);
    m_tree->header()->resizeSection(TechniqueTreeModel::CoverageColumn, 76);
    m_tree->setItemDelegateForColumn(
        TechniqueTreeModel::CoverageColumn,
        new CoverageBadgeDelegate(TechniqueTreeModel::CoverageLevelRole, m_tree));
    treeLayout->addWidget(m_treeFilter);
    treeLayout->addWidget(m_tree);

    auto* frameworkBox = new QWidget(left);
    auto* frameworkLayout = new QVBoxLayout(frameworkBox);
    frameworkLayout->setContentsMargins(6, 4, 0, 6);
    auto* frameworkHeader = new QHBoxLayout;
    auto* frameworkTitle = new QLabel(tr("<b>Framework filter</b>"), frameworkBox);
    auto* all = new QPushButton(tr("All"), frameworkBox);
    auto* none = new QPushButton(tr("None"), frameworkBox);
    all->setToolTip(tr("Check every framework release"));
    none->setToolTip(tr("Uncheck every framework release"));
    frameworkHeader->addWidget(frameworkTitle, 1);
    frameworkHeader->addWidget(all);
    frameworkHeader->addWidget(none);
    m_frameworkModel = new FrameworkFilterModel(m_session, this);
    m_frameworkList = new QListView(frameworkBox);
    m_frameworkList->setModel(m_frameworkModel);
    m_frameworkList->setUniformItemSizes(true);
    frameworkLayout->addLayout(frameworkHeader);
    frameworkLayout->addWidget(m_frameworkList);
    connect(all, &QPushButton::clicked, this, [this] { m_frameworkModel->setAllChecked(true); });
    connect(none, &QPushButton::clicked, this, [this] { m_frameworkModel->setAllChecked(false); });
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);

    // Centre: the four views.
    m_tabs = new QTabWidget(splitter);
    m_techniquePage = new TechniquePage(m_session, m_tabs);
    m_matrixView = new MatrixView(m_session, m_tabs);
    m_frameworksView = new FrameworksView(m_session, m_tabs);
    m_searchView = new SearchView(m_session, m_tabs);
    m_gapView = new GapView(m_session, m_tabs);
    m_tabs->addTab(m_techniquePage, tr("&Technique"));
    m_tabs->addTab(m_matrixView, tr("&Matrix"));
    m_tabs->addTab(m_frameworksView, tr("F&rameworks"));
    m_tabs->addTab(m_searchView, tr("&Search"));
    m_tabs->addTab(m_gapView, tr("&Gap analysis"));
    m_tabs->setDocumentMode(true);

    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 1020});
    setCentralWidget(splitter);

    m_statusDatabase = new QLabel(this);
    m_statusCounts = new QLabel(this);
    statusBar()->addWidget(m_statusDatabase, 1);
    statusBar()->addPermanentWidget(m_statusCounts);

    connect(m_treeFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_treeProxy->setFilterFixedString(text.trimmed());
        if (!text.trimmed().isEmpty()) {
            m_tree->expandAll();
        }
    });
    connect(m_treeFilter, &QLineEdit::returnPressed, this, [this] {
        // Enter in the filter opens the first technique that matches.
        QModelIndex tactic = m_treeProxy->index(0, 0);
        QModelIndex first = m_treeProxy->index(0, 0, tactic);
        if (first.isValid()) {
            m_tree->setCurrentIndex(first);
            showTechnique(first.data(TechniqueTreeModel::AttackIdRole).toString(), true);
        }
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                auto kind = static_cast<TechniqueTreeModel::NodeKind>(
                    current.data(TechniqueTreeModel::NodeKindRole).toInt());
                if (current.isValid() && kind != TechniqueTreeModel::NodeKind::Tactic) {
                    showTechnique(current.data(TechniqueTreeModel::AttackIdRole).toString(), true);
                }
            });
    auto open = [this](const QString& id) { showTechnique(id, true); };
    connect(m_techniquePage, &TechniquePage::techniqueRequested, this, open);
    connect(m_matrixView, &MatrixView::techniqueActivated, this, open);
    connect(m_frameworksView, &FrameworksView::techniqueActivated, this, open);
    connect(m_searchView, &SearchView::techniqueActivated, this, open);
    connect(m_gapView, &GapView::techniqueActivated, this, open);
    connect(m_searchView, &SearchView::capabilityActivated, this,
            [this](const QString&, qint64, const QString& title) {
                // Capability hits are titled by the capability id first.
                m_tabs->setCurrentWidget(m_frameworksView);
                m_frameworksView->filterTo(title.section(QLatin1Char(' '), 0, 0));
            });
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New database…"), QKeySequence::New, this, &MainWindow::newDatabase);
    file->addAction(tr("&Open database…"), QKeySequence::Open, this, &MainWindow::chooseDatabase);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("&Import files…"), QKeySequence(Qt::CTRL | Qt::Key_I), this,
                    &MainWindow::chooseImportFiles);
    file->addAction(tr("Load the embedded &sample"), this, &MainWindow::loadSample);
    file->addSeparator();
    file->addAction(tr("Export matrix…"), this, [this] {
        m_tabs->setCurrentWidget(m_matrixView);
        QString path =
            QFileDialog::getSaveFileName(this, tr("Export matrix"), QStringLiteral("matrix.svg"),
                                         tr("SVG image (*.svg);;PNG image (*.png)"));
        if (!path.isEmpty()) {
            bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
            svg ? m_matrixView->exportSvg(path) : m_matrixView->exportPng(path);
        }
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    m_backAction =
        go->addAction(tr("&Back"), QKeySequence(Qt::ALT | Qt::Key_Left), this, &MainWindow::goBack);
    m_forwardAction = go->addAction(tr("&Forward"), QKeySequence(Qt::ALT | Qt::Key_Right), this,
                                    &MainWindow::goForward);
    QAction* goTo = go->addAction(tr("&Go to technique…"), this, &MainWindow::askGoTo);
    goTo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_L), QKeySequence(Qt::CTRL | Qt::Key_K)});
    go->addAction(tr("&Filter the tree"), QKeySequence::Find, this, [this] {
        m_treeFilter->setFocus();
        m_treeFilter->selectAll();
    });
    go->addAction(tr("Full-text &search"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this,
                  [this] {
                      m_tabs->setCurrentWidget(m_searchView);
                      m_searchView->focusQuery();
                  });
    go->addSeparator();
    const std::array views = {
        std::pair{tr("&Technique"), View::Technique}, std::pair{tr("&Matrix"), View::Matrix},
        std::pair{tr("F&rameworks"), View::Frameworks}, std::pair{tr("&Search"), View::Search}};
    int number = 1;
    for (const auto& [label, view] : views) {
        go->addAction(label, QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + number++)),
                      this, [this, view = view] { showView(view); });
    }

    auto* toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigation"));
    toolbar->setMovable(false);
    m_backAction->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_forwardAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_backAction->setToolTip(tr("Back (Alt+Left)"));
    m_forwardAction->setToolTip(tr("Forward (Alt+Right)"));
    toolbar->addAction(m_backAction);
    toolbar->addAction(m_forwardAction);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" ATT&CK release: "), toolbar));
    m_releaseBox = new QComboBox(toolbar);
    m_releaseBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_releaseBox->setToolTip(tr("The ATT&CK domain and version every view shows"));
    toolbar->addWidget(m_releaseBox);
    toolbar->addSeparator();
    toolbar->addAction(goTo);
    goTo->setToolTip(tr("Go to a technique by ID or name (Ctrl+L)"));
    connect(m_releaseBox, &QComboBox::activated, this, [this](int index) {
        m_session.setRelease(m_releaseBox->itemData(index).toLongLong());
    });
    updateHistoryActions();
}

bool MainWindow::openDatabase(const QString& path) {
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        m_session.open(path);
    } catch (const std::exception& e) {
        qCWarning(lcUi) << "cannot open" << path << e.what();
        if (m_interactive) {
            QMessageBox::critical(this, tr("Open database"),
                                  tr("Cannot open %1:\n%2").arg(path, QString::fromUtf8(e.what())));
        }
        return false;
    }
    rememberRecent(path);
    setWindowTitle(tr("attackmap — %1").arg(QFileInfo(path).fileName()));
    if (m_interactive && m_session.releases().empty()) {
        QMetaObject::invokeMethod(this, &MainWindow::offerSample, Qt::QueuedConnection);
    }
    return true;
}

void MainWindow::refreshReleases() {
    m_releaseBox->clear();
    for (const auto& release : m_session.releases()) {
        m_releaseBox->addItem(q(release.spec()), QVariant::fromValue<qint64>(release.id));
        if (m_session.release() && m_session.release()->id == release.id) {
            m_releaseBox->setCurrentIndex(m_releaseBox->count() - 1);
        }
    }
    m_releaseBox->setEnabled(m_releaseBox->count() > 1);
}

void MainWindow::refreshStatus() {
    m_statusDatabase->setText(tr("Database: %1").arg(m_session.databasePath()));
    if (!m_session.release()) {
        m_statusCounts->setText(tr("No ATT&CK release loaded"));
        return;
    }
    int live = 0;
    for (const auto& technique : m_session.techniques()) {
        live += (!technique.revoked && !technique.deprecated) ? 1 : 0;
    }
    int checked = m_session.checkedFrameworks().size();
    m_statusCounts->setText(
        tr("%1 · %2 techniques · %3 of %4 framework releases checked · %5 covered")
            .arg(q(m_session.release()->spec()))
            .arg(live)
            .arg(checked)
            .arg(m_session.frameworkReleases().size())
            .arg(m_session.coverage().coveredCount()));
}

void MainWindow::showView(View view) {
    switch (view) {
    case View::Technique:
        m_tabs->setCurrentWidget(m_techniquePage);
        break;
    case View::Matrix:
        m_tabs->setCurrentWidget(m_matrixView);
        break;
    case View::Frameworks:
        m_tabs->setCurrentWidget(m_frameworksView);
        break;
    case View::Search:
        m_tabs->setCurrentWidget(m_searchView);
        m_searchView->focusQuery();
        break;
    case View::Gaps:
        m_tabs->setCurrentWidget(m_gapView);
        break;
    }
}

void MainWindow::showTechnique(const QString& attackId, bool record) {
    if (attackId.compare(m_techniquePage->currentTechnique(), Qt::CaseInsensitive) != 0) {
        if (!m_techniquePage->model().load(attackId)) {
            statusBar()->showMessage(tr("No technique %1 in this release").arg(attackId), 5000);
            return;
        }
    }
    QString id = m_techniquePage->currentTechnique();
    if (record && (m_historyPos < 0 || m_history.value(m_historyPos) != id)) {
        m_history = m_history.mid(0, m_historyPos + 1);
        m_history << id;
        m_historyPos = static_cast<int>(m_history.size()) - 1;
    }
    updateHistoryActions();
    m_tabs->setCurrentWidget(m_techniquePage);

    // Keep the tree in step without re-entering through its signal.
    QModelIndex source = m_treeModel.indexOfTechnique(id);
    QModelIndex index = m_treeProxy->mapFromSource(source);
    if (index.isValid() && m_tree->currentIndex() != index) {
        QSignalBlocker block(m_tree->selectionModel());
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
}

bool MainWindow::goToTechnique(const QString& idOrName) {
    QString text = idOrName.trimmed();
    static const QRegularExpression idPattern(QStringLiteral("^[Tt]\\d{4}(\\.\\d{3})?$"));
    if (idPattern.match(text).hasMatch()) {
        showTechnique(text.toUpper(), true);
        return m_techniquePage->currentTechnique() == text.toUpper();
    }
    // A name: an exact match first, then the first live technique containing it.
    const TechniqueSummary* best = nullptr;
    for (const auto& technique : m_session.techniques()) {
        QString name = q(technique.name);
        bool live = !technique.revoked && !technique.deprecated;
        if (name.compare(text, Qt::CaseInsensitive) == 0 && live) {
            best = &technique;
            break;
        }
        if (!best && live && name.contains(text, Qt::CaseInsensitive)) {
            best = &technique;
        }
    }
    if (!best) {
        statusBar()->showMessage(tr("No technique matches '%1'").arg(text), 5000);
        return false;
    }
    showTechnique(q(best->attackId), true);
    return true;
}

void MainWindow::askGoTo() {
    bool ok = false;
    QString text =
        QInputDialog::getText(this, tr("Go to technique"), tr("Technique ID (T1552.005) or name:"),
                              QLineEdit::Normal, {}, &ok);
    if (ok && !text.trimmed().isEmpty()) {
        goToTechnique(text);
    }
}

void MainWindow::goBack() {
    if (m_historyPos > 0) {
        --m_historyPos;
        showTechnique(m_history[m_historyPos], false);
    }
}

void MainWindow::goForward() {
    if (m_historyPos + 1 < m_history.size()) {
        ++m_historyPos;
        showTechnique(m_history[m_historyPos], false);
    }
}

void MainWindow::updateHistoryActions() {
    if (m_backAction) {
        m_backAction->setEnabled(m_historyPos > 0);
        m_forwardAction->setEnabled(m_historyPos + 1 < m_history.size());
    }
}

void MainWindow::newDatabase() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("New database"), QStringLiteral("attackmap.db"), tr("attackmap database (*.db)"));
    if (!path.isEmpty()) {
        openDatabase(path);
    }
}

void MainWindow::chooseDatabase() {
    QString path = QFileDialog::getOpenFileName(this, tr("Open database"), {},
                                                tr("attackmap database (*.db);;All files (*)"));
    if (!path.isEmpty()) {
        openDatabase(path);
    }
}

void MainWindow::chooseImportFiles() {
    QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import ATT&CK bundles and mapping files"), {},
        tr("ATT&CK and Mappings Explorer files (*.json *.csv);;All files (*)"));
    if (!files.isEmpty()) {
        importFiles(files);
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList files;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            files << url.toLocalFile();
        }
    }
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        importFiles(files);
    }
}

namespace {

/// ATT&CK bundles first: mappings are checked against the release they name.
QStringList attackFirst(QStringList files) {
    std::stable_sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        bool aAttack = detectFileKind(a.toStdString()) == FileKind::AttackBundle;
        bool bAttack = detectFileKind(b.toStdString()) == FileKind::AttackBundle;
        return aAttack && !bAttack;
    });
    return files;
}

} // namespace

void MainWindow::importFiles(const QStringList& files) {
    if (!m_session.isOpen()) {
        return;
    }
    auto* dialog = new QProgressDialog(tr("Importing…"), tr("Cancel"), 0, 0, this);
    dialog->setWindowTitle(tr("Import"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);

    auto* thread = new QThread(this);
    auto* worker = new ImportWorker(m_session.databasePath(), attackFirst(files));
    worker->moveToThread(thread);
    connect(thread, &QThread::started, worker, &ImportWorker::run);
    connect(
        dialog, &QProgressDialog::canceled, worker, [worker] { worker->cancel(); },
        Qt::DirectConnection);
    connect(worker, &ImportWorker::progress, dialog,
            [dialog](const QString& file, const QString& stage, qint64 done, qint64 total) {
                dialog->setLabelText(tr("%1\n%2").arg(file, stage));
                dialog->setMaximum(static_cast<int>(std::max<qint64>(total, 0)));
                dialog->setValue(static_cast<int>(std::min(done, total)));
            });
    connect(worker, &ImportWorker::finished, this,
            [this, dialog, thread, worker](const ImportOutcome& outcome) {
                dialog->close();
                dialog->deleteLater();
                thread->quit();
                thread->wait();
                worker->deleteLater();
                thread->deleteLater();
                m_session.reload();
                emit m_session.databaseChanged();
                showImportSummary(outcome);
            });
    thread->start();
    dialog->show();
}

bool MainWindow::importFilesNow(const QStringList& files, QString* error) {
    ImportWorker worker(m_session.databasePath(), attackFirst(files));
    ImportOutcome outcome = worker.runNow();
    m_session.reload();
    emit m_session.databaseChanged();
    if (error) {
        *error = outcome.errors.join(QLatin1Char('\n'));
    }
    return outcome.errors.isEmpty() && !outcome.cancelled;
}

void MainWindow::showImportSummary(const ImportOutcome& outcome) {
    QString summary;
    QStringList warnings;
    for (const auto& report : outcome.reports) {
        QString line = QStringLiteral("%1 → %2").arg(q(report.file), q(report.target));
        if (report.unchanged) {
            line += tr(": already imported, nothing changed");
        } else {
            QStringList counts;
            for (const auto& [name, value] : report.counts) {
                counts << QStringLiteral("%1 %2").arg(value).arg(q(name));
            }
            line += QStringLiteral(": ") + counts.join(QStringLiteral(", "));
        }
        summary += QStringLiteral("• ") + line + QLatin1Char('\n');
        for (const auto& warning : report.warnings) {
            warnings << q(report.file) + QStringLiteral(": ") + q(warning);
        }
    }
    for (const auto& error : outcome.errors) {
        summary += tr("✗ %1").arg(error) + QLatin1Char('\n');
    }
    if (outcome.cancelled) {
        summary += tr("Cancelled: the file in progress was rolled back; later files were not "
                      "imported.\n");
    }
    statusBar()->showMessage(
        tr("Imported %n file(s)", nullptr, static_cast<int>(outcome.reports.size())), 8000);
    if (!m_interactive) {
        return;
    }
    QMessageBox box(outcome.errors.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
                    tr("Import summary"), summary.trimmed(), QMessageBox::Ok, this);
    if (!warnings.isEmpty()) {
        box.setInformativeText(
            tr("%n warning(s); see the details.", nullptr, static_cast<int>(warnings.size())));
        box.setDetailedText(warnings.join(QLatin1Char('\n')));
    }
    box.exec();
}

QString MainWindow::sampleDirectory() {
    // The same places the framework catalogue is looked for, so that the
    // sample and frameworks.json always come from one installation.
    try {
        QDir dir(QString::fromStdString(FrameworkCatalog::dataDirectory()) +
                 QStringLiteral("/sample"));
        return dir.exists() ? dir.canonicalPath() : QString();
    } catch (const std::exception& e) {
        qCWarning(lcUi) << "no data directory:" << e.what();
        return {};
    }
}

void MainWindow::offerSample() {
    QString dir = sampleDirectory();
    QMessageBox box(this);
    box.setWindowTitle(tr("An empty database"));
    box.setIcon(QMessageBox::Question);
    box.setText(tr("<p>%1 holds no ATT&CK data yet.</p>").arg(m_session.databasePath()));
    box.setInformativeText(
        tr("<p>Load the small embedded sample to look around, or import the full data "
           "yourself: ATT&CK releases (enterprise-attack-16.1.json and others) from MITRE's "
           "<a href=\"https://github.com/mitre/cti\">mitre/cti</a> or attack-stix-data, and "
           "mapping files from <a href=\"https://center-for-threat-informed-defense.github.io/"
           "mappings-explorer/\">Mappings Explorer</a>, with File → Import or by dropping "
           "them on the window.</p>"));
    QPushButton* load = nullptr;
    if (!dir.isEmpty()) {
        load = box.addButton(tr("Load the sample"), QMessageBox::AcceptRole);
    }
    box.addButton(tr("Not now"), QMessageBox::RejectRole);
    box.exec();
    if (load && box.clickedButton() == load) {
        loadSample();
    }
}

void MainWindow::loadSample() {
    QString dir = sampleDirectory();
    QStringList files;
    for (const auto& name :
         QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        files << dir + QLatin1Char('/') + name;
    }
    if (files.isEmpty()) {
        QMessageBox::information(this, tr("Sample"),
                                 tr("No embedded sample was found (looked in ATTACKMAP_DATA_DIR, "
                                    "the source tree and share/attackmap)."));
        return;
    }
    importFiles(files);
}

void MainWindow::rememberRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentDatabases")).toStringList();
    QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(QStringLiteral("recentDatabases"), recent.mid(0, maxRecent));
    settings.setValue(QStringLiteral("lastDatabase"), absolute);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    if (!m_recentMenu) {
        return;
    }
    m_recentMenu->clear();
    QSettings settings;
    const QStringList recent = settings.value(QStringLiteral("recentDatabases")).toStringList();
    for (const auto& path : recent) {
        m_recentMenu->addAction(path, this, [this, path] { openDatabase(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("lastTechnique"), m_techniquePage->currentTechnique());
    QMainWindow::closeEvent(event);
}

} // namespace attackmap::desktop
