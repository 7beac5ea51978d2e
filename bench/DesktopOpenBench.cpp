// How long the desktop takes to open the full real database and show the
// matrix: the session (releases, techniques, coverage under every framework
// release), the matrix model, and the whole window rendered offscreen.
#include "BenchSupport.h"

#include "ImportWorker.h"
#include "MainWindow.h"
#include "MatrixModel.h"
#include "MatrixView.h"
#include "Session.h"

#include <QApplication>
#include <QDir>
#include <QLoggingCategory>

#include <cstdio>

using namespace attackmap;
using namespace attackmap::desktop;

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    // Per-file import failures are counted below; the log would only repeat them.
    QLoggingCategory::setFilterRules(QStringLiteral("attackmap.*=false\nqt.qpa.*=false"));
    QApplication::setOrganizationName(QStringLiteral("attackmap-bench"));
    auto data = bench::dataDir();
    auto scratch = bench::scratchDir("desktop-open");
    QString db = QString::fromStdString((scratch / "full.db").string());

    // Everything a user would load: the enterprise bundles and every mapping file.
    QStringList files;
    for (const char* name : {"enterprise-attack-16.1.json", "enterprise-attack-17.1.json"}) {
        files << QString::fromStdString((data / "attack" / name).string());
    }
    QDir mappings(QString::fromStdString((data / "mappings").string()));
    for (const auto& name : mappings.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        files << mappings.filePath(name);
    }
    ImportOutcome outcome = ImportWorker(db, files).runNow();
    std::printf("imported %zu files (%lld not importable by this build)\n", outcome.reports.size(),
                static_cast<long long>(outcome.errors.size()));

    std::size_t techniques = 0;
    std::size_t frameworks = 0;
    int cells = 0;
    double session = bench::bestOf(5, [&] {
        Session s;
        s.open(db);
        techniques = s.techniques().size();
        frameworks = s.frameworkReleases().size();
        cells = MatrixModel::build(s.tactics(), s.techniques(), s.coverage()).cellCount();
    });
    std::printf("open session + coverage + matrix model: %.1f ms "
                "(%zu techniques, %zu framework releases, %d cells)\n",
                session, techniques, frameworks, cells);

    double window = bench::bestOf(3, [&] {
        MainWindow w(false);
        w.resize(1500, 950);
        w.openDatabase(db);
        w.showView(MainWindow::View::Matrix);
        w.show();
        QApplication::processEvents();
        w.grab();
    });
    std::printf("main window opened on the matrix and painted: %.1f ms (target < 1000)\n", window);
    std::printf("peak memory: %.1f MiB\n", bench::peakMiB());
    return 0;
}
