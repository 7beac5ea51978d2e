#include "../TestData.h"

#include "CapabilityTreeModel.h"
#include "CoverageIndex.h"
#include "FrameworkFilterModel.h"
#include "ImportWorker.h"
#include "MainWindow.h"
#include "MappingTableModel.h"
#include "MatrixModel.h"
#include "MatrixView.h"
#include "Session.h"
#include "TechniquePage.h"
#include "TechniqueTreeModel.h"

#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTimer>

using namespace attackmap;
using namespace attackmap::desktop;

namespace {

/// ATT&CK enterprise 16.1 and the 16.1 enterprise mapping files, imported
/// once through the desktop's own import worker into a temporary database.
const QString* realDatabase() {
    static QTemporaryDir dir;
    static QString path;
    static bool tried = false;
    if (tried) {
        return path.isEmpty() ? nullptr : &path;
    }
    tried = true;
    auto data = test::realData();
    if (!data) {
        return nullptr;
    }
    QString root = QString::fromStdString(data->string());
    QStringList files{root + "/attack/enterprise-attack-16.1.json"};
    for (const char* name : {"aws-12.12.2024_attack-16.1-enterprise.json",
                             "gcp-03.06.2025_attack-16.1-enterprise.json",
                             "cri_profile-v2.1_attack-16.1-enterprise.json",
                             "nist_800_53-rev5_attack-16.1-enterprise.json",
                             "veris-1.4.0_attack-16.1-enterprise.json"}) {
        files << root + "/mappings/" + name;
    }
    QString candidate = dir.filePath("desktop.db");
    ImportWorker worker(candidate, files);
    ImportOutcome outcome = worker.runNow();
    INFO(outcome.errors.join("\n").toStdString());
    REQUIRE(outcome.errors.isEmpty());
    REQUIRE(outcome.reports.size() == static_cast<std::size_t>(files.size()));
    path = candidate;
    return &path;
}

QModelIndex childNamed(const QAbstractItemModel& model, const QModelIndex& parent, int role,
                       const QString& value) {
    for (int row = 0; row < model.rowCount(parent); ++row) {
        QModelIndex index = model.index(row, 0, parent);
        if (index.data(role).toString() == value) {
            return index;
        }
    }
    return {};
}

} // namespace

TEST_CASE("the technique tree of enterprise 16.1", "[desktop][tree][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    Session session;
    session.open(*db);
    REQUIRE(session.release());
    CHECK(session.release()->spec() == "enterprise@16.1");

    TechniqueTreeModel model;
    model.setRelease(session.tactics(), session.techniques());
    REQUIRE(model.rowCount() == 14);
    CHECK(model.index(0, 0).data().toString() == "Reconnaissance");
    CHECK(model.index(13, 0).data().toString() == "Impact");

    QModelIndex credential = childNamed(model, {}, TechniqueTreeModel::AttackIdRole, "TA0006");
    REQUIRE(credential.isValid());
    CHECK(credential.data().toString() == "Credential Access");
    CHECK(model.rowCount(credential) == 17);
    QModelIndex unsecured =
        childNamed(model, credential, TechniqueTreeModel::AttackIdRole, "T1552");
    REQUIRE(unsecured.isValid());
    CHECK(model.rowCount(unsecured) == 8);
    CHECK(model.index(4, 0, unsecured).data().toString() ==
          "T1552.005  Cloud Instance Metadata API");

    SECTION("children per tactic, revoked and deprecated left out") {
        std::map<QString, int> counts;
        for (int row = 0; row < model.rowCount(); ++row) {
            QModelIndex tactic = model.index(row, 0);
            counts[tactic.data().toString()] = model.rowCount(tactic);
        }
        CHECK(counts["Defense Evasion"] == 44);
        CHECK(counts["Discovery"] == 32);
        CHECK(counts["Exfiltration"] == 9);
        CHECK(counts["Resource Development"] == 8);
    }

    SECTION("typing filters the tree by ID or name") {
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setAutoAcceptChildRows(true);
        proxy.setFilterRole(TechniqueTreeModel::SearchTextRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);

        proxy.setFilterFixedString("t1552.005");
        REQUIRE(proxy.rowCount() == 1);
        QModelIndex tactic = proxy.index(0, 0);
        REQUIRE(proxy.rowCount(tactic) == 1);
        QModelIndex parent = proxy.index(0, 0, tactic);
        CHECK(parent.data(TechniqueTreeModel::AttackIdRole).toString() == "T1552");
        REQUIRE(proxy.rowCount(parent) == 1);
        CHECK(proxy.index(0, 0, parent).data(TechniqueTreeModel::AttackIdRole).toString() ==
              "T1552.005");

        // A matching technique keeps all its sub-techniques.
        proxy.setFilterFixedString("Unsecured Credentials");
        REQUIRE(proxy.rowCount() == 1);
        CHECK(proxy.rowCount(proxy.index(0, 0, proxy.index(0, 0))) == 8);

        proxy.setFilterFixedString("metadata api");
        CHECK(proxy.rowCount() == 1);
    }
}

TEST_CASE("the matrix of enterprise 16.1", "[desktop][matrix][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    Session session;
    session.open(*db);
    auto matrix = MatrixModel::build(session.tactics(), session.techniques(), session.coverage());
    REQUIRE(matrix.columns().size() == 14);
    CHECK(matrix.columns()[7].name == "Credential Access");
    CHECK(matrix.columns()[7].cells.size() == 17);
    // 203 live techniques, 153 of them under more than one tactic.
    CHECK(matrix.cellCount() == 236);
    auto unsecured =
        std::find_if(matrix.columns()[7].cells.begin(), matrix.columns()[7].cells.end(),
                     [](const auto& cell) { return cell.attackId == "T1552"; });
    REQUIRE(unsecured != matrix.columns()[7].cells.end());
    CHECK(unsecured->subtechniques.size() == 8);
}

TEST_CASE("T1552.005's technique page", "[desktop][technique][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    Session session;
    session.open(*db);
    TechniquePageModel page(session);
    REQUIRE(page.load("t1552.005"));
    const auto& technique = *page.technique();
    CHECK(technique.attackId == "T1552.005");
    CHECK(technique.name == "Cloud Instance Metadata API");
    REQUIRE(technique.tactics.size() == 1);
    CHECK(technique.tactics[0].attackId == "TA0006");
    CHECK(technique.platforms == std::vector<std::string>{"IaaS"});
    CHECK(page.description().citations == QStringList{"AWS Instance Metadata API",
                                                      "Krebs Capital One August 2019",
                                                      "RedLock Instance Metadata API 2018"});
    CHECK(page.description().html.contains("<code>http[:]//169.254.169.254</code>"));

    std::map<std::string, int> related;
    for (const auto& object : page.related()) {
        ++related[object.relationship];
    }
    CHECK(related["uses"] == 3);
    CHECK(related["mitigates"] == 3);
    CHECK(related["detects"] == 1);
    CHECK_FALSE(page.load("T9999"));
    CHECK(page.technique()->attackId == "T1552.005");

    SECTION("the mapping rows are the CLI's rows, in the same order") {
        auto expected = mappingsForTechnique(session.db(), "T1552.005", *session.mappingFilter());
        auto& model = page.mappings();
        REQUIRE(model.rowCount() == static_cast<int>(expected.size()));
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto& want = expected[static_cast<std::size_t>(row)];
            auto cell = [&](int column) { return model.index(row, column).data().toString(); };
            CHECK(cell(MappingTableModel::CapabilityColumn).toStdString() ==
                  want.capabilityId.value_or(""));
            CHECK(cell(MappingTableModel::TypeColumn).toStdString() == want.mappingType);
            CHECK(cell(MappingTableModel::CommentsColumn).toStdString() == want.comments);
            CHECK(model.index(row, 0).data(MappingTableModel::FrameworkReleaseRole).toLongLong() ==
                  want.frameworkReleaseId);
        }
    }

    SECTION("the framework filter changes the rows and the coverage") {
        // Counted in the files: AWS 2 (protect partial, detect minimal), GCP 1
        // (protect significant), CRI Profile 6 and NIST 800-53 rev5 14
        // (mitigates), VERIS 2 (related_to).
        CHECK(page.mappings().rowCount() == 25);
        CHECK(page.frameworkReleaseIds().size() == 5);
        CHECK(session.coverage().level("T1552.005") == CoverageLevel::Significant);

        FrameworkFilterModel filter(session);
        REQUIRE(filter.rowCount() == 5);
        auto only = [&](const std::string& framework) {
            QSet<std::int64_t> ids;
            for (const auto& release : session.frameworkReleases()) {
                if (release.framework == framework) {
                    ids.insert(release.id);
                }
            }
            session.setCheckedFrameworks(ids);
        };
        only("aws");
        CHECK(page.mappings().rowCount() == 2);
        CHECK(session.coverage().level("T1552.005") == CoverageLevel::Partial);
        only("nist_800_53");
        CHECK(page.mappings().rowCount() == 14);
        CHECK(session.coverage().level("T1552.005") == CoverageLevel::Mapped);
        only("veris");
        CHECK(page.mappings().rowCount() == 2);
        CHECK(session.coverage().level("T1552.005") == CoverageLevel::None);
        filter.setAllChecked(false);
        CHECK(page.mappings().rowCount() == 0);
        CHECK(session.coverage().coveredCount() == 0);
        filter.setAllChecked(true);
        CHECK(page.mappings().rowCount() == 25);
    }
}

TEST_CASE("the main window goes to techniques and back", "[desktop][window][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    MainWindow window(false);
    REQUIRE(window.openDatabase(*db));
    REQUIRE(window.goToTechnique("T1552.005"));
    REQUIRE(window.goToTechnique("valid accounts"));
    CHECK(window.techniquePage().currentTechnique() == "T1078");
    CHECK_FALSE(window.goToTechnique("no such technique at all"));
    CHECK(window.techniquePage().currentTechnique() == "T1078");
}

TEST_CASE("whole-release coverage agrees with the technique's own mappings",
          "[desktop][coverage][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    Session session;
    session.open(*db);
    auto filter = *session.mappingFilter();
    for (const char* id :
         {"T1552", "T1552.001", "T1552.005", "T1078", "T1190", "T1566.001", "T1595"}) {
        INFO(id);
        auto mappings = mappingsForTechnique(session.db(), id, filter);
        int counted =
            static_cast<int>(std::count_if(mappings.begin(), mappings.end(), [](const Mapping& m) {
                return m.capabilityId &&
                       (m.kind == MappingKind::Scored || m.kind == MappingKind::Mitigating);
            }));
        CHECK(session.coverage().level(id) == coverageLevel(mappings));
        CHECK(session.coverage().entry(id).mappings == counted);
    }
    CHECK(session.coverage().entry("T1552.005").mappings == 23);
}

TEST_CASE("history, export and a cancelled import", "[desktop][window][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    MainWindow window(false);
    REQUIRE(window.openDatabase(*db));
    for (const char* id : {"T1552.005", "T1078", "T1190"}) {
        REQUIRE(window.goToTechnique(id));
    }
    window.goBack();
    window.goBack();
    CHECK(window.techniquePage().currentTechnique() == "T1552.005");
    window.goForward();
    CHECK(window.techniquePage().currentTechnique() == "T1078");
    // Going somewhere new drops the forward history.
    REQUIRE(window.goToTechnique("T1595"));
    window.goForward();
    CHECK(window.techniquePage().currentTechnique() == "T1595");

    QTemporaryDir dir;
    SECTION("the matrix exports as PNG and SVG") {
        QString png = dir.filePath("matrix.png");
        QString svg = dir.filePath("matrix.svg");
        REQUIRE(window.matrixView().exportPng(png));
        REQUIRE(window.matrixView().exportSvg(svg));
        QImage image(png);
        CHECK(image.width() == 2 * window.matrixView().canvas().sizeHint().width());
        QFile file(svg);
        REQUIRE(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        CHECK(text.contains("<svg"));
        CHECK(text.contains("Credential Access"));
        CHECK(text.contains("T1552"));
    }
    SECTION("cancelling from the progress callback rolls the import back") {
        QString path = dir.filePath("cancelled.db");
        ImportWorker worker(path, {QString::fromStdString(test::realData()->string() +
                                                          "/attack/enterprise-attack-16.1.json")});
        int reports = 0;
        QObject::connect(&worker, &ImportWorker::progress, [&] {
            if (++reports == 2) {
                worker.cancel();
            }
        });
        ImportOutcome outcome = worker.runNow();
        CHECK(outcome.cancelled);
        CHECK(outcome.reports.empty());
        CHECK(outcome.errors.isEmpty());
        Database check(path.toStdString());
        CHECK(listReleases(check).empty());
    }
}

TEST_CASE("capabilities nest as the framework catalogue says", "[desktop][frameworks][real]") {
    const QString* db = realDatabase();
    if (!db) {
        return;
    }
    Session session;
    session.open(*db);
    CapabilityTreeModel tree;
    tree.load(session);
    REQUIRE(tree.rowCount() == 5);
    auto top = [&](const std::string& framework) {
        for (int row = 0; row < tree.rowCount(); ++row) {
            if (tree.index(row, 0).data().toString().startsWith(
                    QString::fromStdString(framework))) {
                return tree.index(row, 0);
            }
        }
        return QModelIndex();
    };
    QModelIndex nist = top("NIST");
    REQUIRE(nist.isValid());
    // 109 controls in 11 families; AC-02 sits under AC.
    REQUIRE(tree.rowCount(nist) == 11);
    int controls = 0;
    for (int row = 0; row < tree.rowCount(nist); ++row) {
        controls += tree.rowCount(tree.index(row, 0, nist));
    }
    CHECK(controls == 109);
    QModelIndex access = tree.index(0, 0, nist);
    CHECK(access.data().toString() == "AC  Access Control");
    CHECK(tree.rowCount(access) == 18);
    CHECK(tree.index(0, 0, access).data(CapabilityTreeModel::CapabilityIdRole) == "AC-02");

    // CRI Profile nests PR.IR-01.01 under PR.IR-01, PR.IR and PR.
    QModelIndex cri = top("CRI");
    REQUIRE(cri.isValid());
    CHECK(tree.rowCount(cri) == 4);
    QModelIndex found = tree.find(session.frameworkReleases()[0].id, "none");
    CHECK_FALSE(found.isValid());
    for (const auto& release : session.frameworkReleases()) {
        if (release.framework == "cri_profile") {
            QModelIndex leaf = tree.find(release.id, "PR.IR-01.01");
            REQUIRE(leaf.isValid());
            CHECK(leaf.parent().data().toString().startsWith("PR.IR-01"));
            CHECK(leaf.parent().parent().data().toString().startsWith("PR.IR"));
            CHECK(leaf.parent().parent().parent().data().toString().startsWith("PR"));
            CHECK(leaf.parent().parent().parent().parent() == cri);
        }
        if (release.framework == "gcp") {
            // GCP makes each capability its own group: no level is added.
            CHECK(tree.rowCount(top("GCP")) == release.capabilityCount);
        }
    }
}

TEST_CASE("the embedded sample loads through the import thread", "[desktop][sample]") {
    QTemporaryDir dir;
    MainWindow window(false);
    REQUIRE(window.openDatabase(dir.filePath("empty.db")));
    CHECK(window.session().releases().empty());
    REQUIRE_FALSE(MainWindow::sampleDirectory().isEmpty());

    QEventLoop loop;
    QObject::connect(&window.session(), &Session::databaseChanged, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    window.loadSample();
    loop.exec();

    REQUIRE(window.session().releases().size() == 1);
    CHECK(window.session().release()->spec() == "enterprise@16.1");
    CHECK(window.session().frameworkReleases().size() == 7);
    CHECK(window.treeModel().rowCount() == 2);
    REQUIRE(window.goToTechnique("T1552.005"));
    CHECK(window.session().coverage().level("T1552.005") == CoverageLevel::Significant);
}
