#include "../GapFixture.h"
#include "../TestData.h"

#include "GapView.h"
#include "Session.h"

#include <QTemporaryDir>

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
