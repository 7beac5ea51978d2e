#include "../GapFixture.h"
#include "../TestData.h"

#include "GapView.h"
#include "MatrixView.h"
#include "ProfileEditorDialog.h"
#include "Session.h"

#include "attackmap/Profile.h"

#include <QTemporaryDir>

#include <filesystem>
#include <optional>

#include <catch2/catch.hpp>

using namespace attackmap;
using namespace attackmap::desktop;

TEST_CASE("The gap tab ranks a profile's gaps under the framework filter", "[desktop][gaps]") {
    QTemporaryDir dir;
    QString path = dir.filePath("gaps.db");
    {
        Database db(path.toStdString());
        test::loadGapFixture(db);
    }
    Session session;
    session.open(path);
    GapView view(session);
    QString notes;
    REQUIRE(
        view.importProfileFile(QString::fromStdString(test::fixture("profile-aws.csv")), &notes));
    CHECK(notes.isEmpty());
    REQUIRE(view.result());
    CHECK(view.result()->profileName == "profile-aws");

    // Every framework release is checked: T1003 leads, SI-04 closes the most.
    auto& gaps = view.gapModel();
    REQUIRE(gaps.rowCount() == 4);
    CHECK(gaps.item(0, 1)->text() == "T1003");
    CHECK(gaps.item(0, 3)->data(Qt::DisplayRole).toInt() == 5);
    CHECK(gaps.item(0, 7)->text() == "nist_800_53 AC-02, nist_800_53 SI-04");
    auto& recommendations = view.recommendationModel();
    REQUIRE(recommendations.rowCount() >= 1);
    CHECK(recommendations.item(0, 1)->text() == "nist_800_53 SI-04");

    // With nothing checked, nothing maps: every technique is an open gap.
    session.setCheckedFrameworks({});
    REQUIRE(view.result());
    CHECK(view.result()->openGaps == 6);
    CHECK(view.recommendationModel().rowCount() == 0);

    QString refused;
    CHECK_FALSE(view.importProfileFile(
        QString::fromStdString(test::fixture("profile-nist-unknown.csv")), &refused));
    CHECK(refused.contains("ZZ-99"));
}

namespace {

/// data/sample imported into a fresh database with its cloud team profile.
void loadSample(const QString& path) {
    Database db(path.toStdString());
    importAttackBundle(db, test::sample("enterprise-attack-16.1-sample.json"));
    for (const auto& entry : std::filesystem::directory_iterator(test::sample(""))) {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".json" && name.rfind("enterprise-attack", 0) != 0) {
            importMappingJson(db, entry.path().string());
        }
    }
    importProfile(db, test::sample("profile-cloud-team.csv"), test::named("Cloud team"));
}

/// The level of a technique or sub-technique in the gap tab's matrix.
std::optional<desktop::CoverageLevel> matrixLevel(const MatrixModel& model,
                                                  const QString& attackId) {
    for (const auto& column : model.columns()) {
        for (const auto& cell : column.cells) {
            if (cell.attackId == attackId) {
                return cell.level;
            }
            for (const auto& sub : cell.subtechniques) {
                if (sub.attackId == attackId) {
                    return sub.level;
                }
            }
        }
    }
    return std::nullopt;
}

std::vector<std::string> describe(const std::vector<ProfileEntry>& entries) {
    std::vector<std::string> lines;
    for (const auto& entry : entries) {
        lines.push_back(entry.framework + " " + entry.capabilityId + " " +
                        std::string(toString(entry.status)));
    }
    return lines;
}

} // namespace

TEST_CASE("A profile ticked in the editor colours the gap tab's matrix", "[desktop][gaps]") {
    QTemporaryDir dir;
    QString path = dir.filePath("sample.db");
    loadSample(path);
    Session session;
    session.open(path);
    GapView view(session);
    view.setProfile("Cloud team");
    REQUIRE(view.result());
    CHECK(view.result()->profileName == "Cloud team");

    // aws_config scores T1552.005 partial, GuardDuty only minimal.
    const MatrixModel& matrix = view.matrixCanvas().model();
    CHECK(matrixLevel(matrix, "T1552.005") == desktop::CoverageLevel::Partial);
    CHECK(matrixLevel(matrix, "T1552.003") == desktop::CoverageLevel::None); // a gap
    CHECK(matrixLevel(matrix, "T1555") == desktop::CoverageLevel::Mapped);
    // Four technique cells: T1552 and T1580 partial, T1528 minimal, T1555 mapped.
    CHECK(matrix.cellCount() == 4);
    CHECK(matrix.countAt(desktop::CoverageLevel::Partial) == 2);
    CHECK(matrix.countAt(desktop::CoverageLevel::None) == 0);

    ProfileEditorDialog dialog(session, loadProfile(session.db(), "Cloud team"));
    ProfileEditorModel& model = dialog.model();
    CHECK(model.checkedCount() == 6);
    CHECK(model.keptCount() == 0);
    // In tree order: framework releases as listed, capabilities as nested.
    CHECK(describe(model.entries()) ==
          std::vector<std::string>{"aws amazon_guardduty implemented", "aws aws_config implemented",
                                   "aws aws_identity_and_access_management partial",
                                   "cri_profile PR.IR-01.01 planned",
                                   "nist_800_53 AC-03 implemented", "nist_800_53 IA-05 partial"});

    CHECK(model.setChecked("aws", "aws_config", false));
    CHECK(model.setChecked("aws", "aws_secrets_manager", true));
    CHECK_FALSE(model.setChecked("aws", "no_such_service", true));
    std::int64_t nist = -1;
    for (const auto& release : session.frameworkReleases()) {
        if (release.framework == "nist_800_53") {
            nist = release.id;
        }
    }
    CHECK(model.setStatus(model.find(nist, "AC-03"), CapabilityStatus::Planned));
    CHECK_FALSE(model.setStatus(model.find(nist, "AC-02"), CapabilityStatus::Partial));
    dialog.setName("Cloud team, no Config");
    view.storeProfile(dialog.profile());

    Profile saved = loadProfile(session.db(), "Cloud team, no Config");
    CHECK(describe(saved.entries) ==
          std::vector<std::string>{
              "aws amazon_guardduty implemented", "aws aws_identity_and_access_management partial",
              "aws aws_secrets_manager implemented", "cri_profile PR.IR-01.01 planned",
              "nist_800_53 AC-03 planned", "nist_800_53 IA-05 partial"});
    CHECK(listProfiles(session.db()).size() == 2); // saved beside, not over, the original
    REQUIRE(view.result());
    CHECK(view.result()->profileName == "Cloud team, no Config");
    // Without Config, GuardDuty's minimal score is the best left.
    CHECK(matrixLevel(view.matrixCanvas().model(), "T1552.005") == desktop::CoverageLevel::Minimal);
}
