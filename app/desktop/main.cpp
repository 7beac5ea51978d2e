#include "FrameworksView.h"
#include "GapView.h"
#include "MainWindow.h"
#include "MatrixView.h"
#include "SearchView.h"
#include "TechniquePage.h"

#include "attackmap/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using attackmap::desktop::MainWindow;

namespace {

/// A dark Fusion palette, to check views the way dark-desktop users see them.
void useDarkPalette() {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x35, 0x39));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5d));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa2));
    dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    QApplication::setPalette(dark);
}

/// Renders one view to a PNG and quits: how views are checked without a
/// person in front of the screen.
int screenshot(QApplication& app, MainWindow& window, const QCommandLineParser& args) {
    QSize size(1500, 950);
    if (QString text = args.value(QStringLiteral("size")); !text.isEmpty()) {
        size = QSize(text.section(QLatin1Char('x'), 0, 0).toInt(),
                     text.section(QLatin1Char('x'), 1, 1).toInt());
    }
    window.resize(size);
    QString technique = args.value(QStringLiteral("technique"));
    if (!technique.isEmpty() && !window.goToTechnique(technique)) {
        std::fprintf(stderr, "attackmap-desktop: no technique '%s'\n", qPrintable(technique));
        return 1;
    }
    QString view = args.value(QStringLiteral("view"));
    if (view == QLatin1String("matrix")) {
        window.showView(MainWindow::View::Matrix);
        if (args.isSet(QStringLiteral("expand"))) {
            window.matrixView().canvas().setAllExpanded(true);
        }
    } else if (view == QLatin1String("frameworks")) {
        window.showView(MainWindow::View::Frameworks);
        // The capability that maps to the technique with the best score, if any.
        const auto& rows = window.techniquePage().model().mappings().mappings();
        auto best = std::max_element(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            return a.scoreValue < b.scoreValue;
        });
        if (best != rows.end() && best->capabilityId) {
            window.frameworksView().showCapability(best->frameworkReleaseId,
                                                   QString::fromStdString(*best->capabilityId));
        } else {
            window.frameworksView().selectFirstCapability();
        }
    } else if (view == QLatin1String("search")) {
        window.showView(MainWindow::View::Search);
        QString query = args.value(QStringLiteral("query"));
        window.searchView().setQuery(query.isEmpty() ? technique : query);
    } else if (view == QLatin1String("gaps")) {
        window.showView(MainWindow::View::Gaps);
        if (QString profile = args.value(QStringLiteral("profile")); !profile.isEmpty()) {
            window.gapView().setProfile(profile);
        }
    } else if (view != QLatin1String("technique") && !view.isEmpty()) {
        std::fprintf(stderr, "attackmap-desktop: unknown view '%s'\n", qPrintable(view));
        return 2;
    }
    window.show();
    int code = 0;
    QString file = args.value(QStringLiteral("screenshot"));
    // Two turns of the event loop let layouts and word-wrapped rows settle.
    QTimer::singleShot(200, &window, [&] {
        if (!window.grab().save(file, "PNG")) {
            std::fprintf(stderr, "attackmap-desktop: cannot write %s\n", qPrintable(file));
            code = 1;
        }
        app.quit();
    });
    app.exec();
    return code;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("attackmap"));
    QApplication::setApplicationName(QStringLiteral("attackmap"));
    QApplication::setApplicationDisplayName(QStringLiteral("attackmap"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser args;
    args.setApplicationDescription(
        QStringLiteral("Browse MITRE ATT&CK techniques and the controls mapped to them."));
    args.addHelpOption();
    args.addVersionOption();
    args.addOptions({
        {QStringLiteral("db"),
         QStringLiteral("SQLite database (else ATTACKMAP_DB, else the "
                        "shared default)."),
         QStringLiteral("path")},
        {QStringLiteral("technique"), QStringLiteral("Open this technique (ID or name)."),
         QStringLiteral("id")},
        {QStringLiteral("view"), QStringLiteral("technique, matrix, frameworks, search or gaps."),
         QStringLiteral("view")},
        {QStringLiteral("profile"), QStringLiteral("Coverage profile for --view gaps."),
         QStringLiteral("name")},
        {QStringLiteral("query"), QStringLiteral("Search text for --view search."),
         QStringLiteral("text")},
        {QStringLiteral("size"), QStringLiteral("Window size for --screenshot, such as 1500x950."),
         QStringLiteral("WxH")},
        {QStringLiteral("expand"), QStringLiteral("Show the matrix with sub-techniques open.")},
        {QStringLiteral("dark"), QStringLiteral("Use a dark palette (to check how views look).")},
        {QStringLiteral("screenshot"), QStringLiteral("Render the window to a PNG file and exit."),
         QStringLiteral("file")},
    });
    args.process(app);
    if (args.isSet(QStringLiteral("dark"))) {
        useDarkPalette();
    }

    QString db = args.value(QStringLiteral("db"));
    if (db.isEmpty()) {
        db = qEnvironmentVariable("ATTACKMAP_DB");
    }
    if (db.isEmpty()) {
        db = QString::fromStdString(attackmap::defaultDatabasePath());
    }

    bool shooting = args.isSet(QStringLiteral("screenshot"));
    MainWindow window(!shooting);
    if (!window.openDatabase(db)) {
        std::fprintf(stderr, "attackmap-desktop: cannot open %s\n", qPrintable(db));
        return 1;
    }
    if (shooting) {
        return screenshot(app, window, args);
    }
    // Where the last session left off, unless told otherwise.
    QString technique = args.value(QStringLiteral("technique"));
    if (technique.isEmpty()) {
        technique = QSettings().value(QStringLiteral("lastTechnique")).toString();
    }
    if (!technique.isEmpty()) {
        window.goToTechnique(technique);
    }
    QString view = args.value(QStringLiteral("view"));
    if (view == QLatin1String("matrix")) {
        window.showView(MainWindow::View::Matrix);
    } else if (view == QLatin1String("frameworks")) {
        window.showView(MainWindow::View::Frameworks);
    } else if (view == QLatin1String("search")) {
        window.showView(MainWindow::View::Search);
    } else if (view == QLatin1String("gaps")) {
        window.showView(MainWindow::View::Gaps);
    }
    window.show();
    return app.exec();
}
