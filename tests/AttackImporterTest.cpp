#include "TestData.h"

#include "attackmap/Attack.h"
#include "attackmap/AttackImporter.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"

#include <catch2/catch.hpp>

using namespace attackmap;
using attackmap::test::fixture;

namespace {

std::int64_t rowCount(Database& db, const std::string& table) {
    auto stmt = db.prepare("SELECT count(*) FROM " + table);
    stmt.step();
    return stmt.integer(0);
}

std::vector<std::string> attackIds(const std::vector<ObjectRef>& refs) {
    std::vector<std::string> ids;
    for (const auto& ref : refs) {
        ids.push_back(ref.attackId);
    }
    return ids;
}

} // namespace

TEST_CASE("A small bundle imports with parents, revocations and relationships",
          "[attack][import]") {
    Database db(":memory:");
    auto report = importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});

    CHECK(report.target == "enterprise@16.1");
    CHECK(report.countOf("objects read") == 11);
    CHECK(report.countOf("techniques") == 1);
    CHECK(report.countOf("sub-techniques") == 1);
    CHECK(report.countOf("revoked") == 1);
    CHECK(report.countOf("relationships") == 3);
    REQUIRE(report.warnings.size() == 1);
    CHECK_THAT(report.warnings[0],
               Catch::Contains("objects[10] (relationship--00000000-0000-4000-8000-000000000063)") &&
                   Catch::Contains("intrusion-set--00000000-0000-4000-8000-000000000099"));

    Release release = resolveRelease(db, "enterprise@16.1");
    auto technique = findTechnique(db, release.id, "T1552.005");
    REQUIRE(technique);
    CHECK(technique->name == "Cloud Instance Metadata API");
    REQUIRE(technique->parent);
    CHECK(technique->parent->attackId == "T1552");
    REQUIRE(technique->tactics.size() == 1);
    CHECK(technique->tactics[0].name == "Credential Access");
    CHECK(technique->platforms == std::vector<std::string>{"IaaS"});

    auto revoked = findTechnique(db, release.id, "T1522");
    REQUIRE(revoked);
    CHECK(revoked->revoked);
    REQUIRE(revoked->revokedBy);
    CHECK(revoked->revokedBy->attackId == "T1552.005");
    CHECK(revoked->status() == "revoked (replaced by T1552.005)");

    auto related = relatedObjects(db, technique->id);
    REQUIRE(related.size() == 1);
    CHECK(related[0].object.name == "Test Group");
    CHECK(related[0].relationship == "uses");
    CHECK(related[0].description == "The group reads the metadata service.");
}

TEST_CASE("A bundle without a version needs one from the user", "[attack][import]") {
    Database db(":memory:");
    CHECK_THROWS_WITH(importAttackBundle(db, fixture("mini-bundle.json")),
                      Catch::Contains("mini-bundle.json") &&
                          Catch::Contains("pass it with --attack-version"));
    CHECK(rowCount(db, "attack_release") == 0);
}

TEST_CASE("Importing the same bytes twice changes nothing", "[attack][import]") {
    Database db(":memory:");
    importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});
    auto objects = rowCount(db, "attack_object");
    auto second = importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});
    CHECK(second.unchanged);
    CHECK(rowCount(db, "attack_object") == objects);
    CHECK(rowCount(db, "import_log") == 1);
}

TEST_CASE("Malformed bundles fail naming the file and the object, and change nothing",
          "[attack][import][errors]") {
    Database db(":memory:");
    importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});
    const auto objects = rowCount(db, "attack_object");
    const auto indexed = rowCount(db, "search_index");

    SECTION("an attack-pattern without an ATT&CK id") {
        CHECK_THROWS_WITH(
            importAttackBundle(db, fixture("bundle-technique-without-id.json"), {"16.1", {}}),
            Catch::Contains("bundle-technique-without-id.json: objects[3] "
                            "(attack-pattern--00000000-0000-4000-8000-000000000031): "
                            "attack-pattern without an ATT&CK ID"));
    }
    SECTION("a field of the wrong type") {
        CHECK_THROWS_WITH(
            importAttackBundle(db, fixture("bundle-name-not-string.json"), {"16.1", {}}),
            Catch::Contains("objects[2] (attack-pattern--00000000-0000-4000-8000-000000000030): "
                            "'name' must be a string"));
    }
    SECTION("no objects array") {
        CHECK_THROWS_WITH(
            importAttackBundle(db, fixture("bundle-without-objects.json"), {"16.1", {}}),
            Catch::Contains("bundle-without-objects.json: not an ATT&CK bundle"));
    }
    SECTION("bad JSON names the line and column") {
        CHECK_THROWS_WITH(importAttackBundle(db, fixture("bundle-truncated.json"), {"16.1", {}}),
                          Catch::Contains("bundle-truncated.json: parse error at line"));
    }
    SECTION("a file that is not there") {
        CHECK_THROWS_WITH(importAttackBundle(db, fixture("no-such-file.json"), {"16.1", {}}),
                          Catch::Contains("no-such-file.json: cannot open"));
    }
    CHECK(rowCount(db, "attack_object") == objects);
    CHECK(rowCount(db, "search_index") == indexed);
    CHECK(rowCount(db, "import_log") == 1);
}

TEST_CASE("A cancelled import rolls back", "[attack][import]") {
    Database db(":memory:");
    AttackImportOptions options{"16.1", [](std::string_view stage, std::size_t, std::size_t) {
                                    return stage != "committing";
                                }};
    CHECK_THROWS_AS(importAttackBundle(db, fixture("mini-bundle.json"), options), ImportCancelled);
    CHECK(rowCount(db, "attack_release") == 0);
}

TEST_CASE("Real ATT&CK releases import side by side", "[attack][import][real]") {
    auto data = attackmap::test::realData();
    if (!data) {
        return;
    }
    Database db(":memory:");
    auto enterprise16 = importAttackBundle(db, (*data / "attack/enterprise-attack-16.1.json"));
    auto enterprise17 = importAttackBundle(db, (*data / "attack/enterprise-attack-17.1.json"));
    auto mobile16 = importAttackBundle(db, (*data / "attack/mobile-attack-16.1.json"));
    auto ics16 = importAttackBundle(db, (*data / "attack/ics-attack-16.1.json"));
    auto mobile17 = importAttackBundle(db, (*data / "attack-stix21/mobile-attack-17.1.json"));
    auto ics17 = importAttackBundle(db, (*data / "attack-stix21/ics-attack-17.1.json"));

    CHECK(enterprise16.target == "enterprise@16.1");
    CHECK(enterprise16.countOf("objects read") == 21315);
    CHECK(enterprise16.countOf("techniques") == 203);
    CHECK(enterprise16.countOf("sub-techniques") == 453);
    CHECK(enterprise16.countOf("revoked") == 131);
    CHECK(enterprise16.countOf("deprecated") == 12);
    CHECK(enterprise16.countOf("tactics") == 14);
    CHECK(enterprise16.countOf("relationships") == 19163);
    CHECK(enterprise16.warnings.empty());

    CHECK(enterprise17.countOf("techniques") == 211);
    CHECK(enterprise17.countOf("sub-techniques") == 468);
    CHECK(mobile16.countOf("techniques") == 73);
    CHECK(mobile16.countOf("sub-techniques") == 46);
    CHECK(ics16.countOf("techniques") == 83);
    CHECK(ics16.countOf("sub-techniques") == 0);

    // STIX 2.1 bundles name their own version in the collection object.
    CHECK(mobile17.target == "mobile@17.1");
    CHECK(ics17.target == "ics@17.1");

    auto releases = listReleases(db);
    REQUIRE(releases.size() == 6);
    CHECK(releases[0].spec() == "enterprise@16.1");
    CHECK(releases[4].spec() == "mobile@16.1");
    CHECK(releases[4].name == "Mobile ATT&CK");
    CHECK(releases[5].stixVersion == "2.1");

    Release release = resolveRelease(db, "enterprise@16.1");
    auto tactics = listTactics(db, release.id);
    REQUIRE(tactics.size() == 14);
    CHECK(tactics.front().name == "Reconnaissance");
    CHECK(tactics[7].name == "Credential Access");
    CHECK(tactics.back().name == "Impact");

    auto technique = findTechnique(db, release.id, "T1552.005");
    REQUIRE(technique);
    CHECK(technique->name == "Cloud Instance Metadata API");
    CHECK(technique->parent->attackId == "T1552");
    REQUIRE(technique->tactics.size() == 1);
    CHECK(technique->tactics[0].attackId == "TA0006");
    CHECK(technique->platforms == std::vector<std::string>{"IaaS"});
    CHECK(technique->status() == "active");

    auto parent = findTechnique(db, release.id, "T1552");
    REQUIRE(parent);
    CHECK(attackIds(parent->subtechniques) ==
          std::vector<std::string>{"T1552.001", "T1552.002", "T1552.003", "T1552.004",
                                   "T1552.005", "T1552.006", "T1552.007", "T1552.008"});

    // T1522, the old Cloud Instance Metadata API, was revoked in its favour.
    auto revoked = findTechnique(db, release.id, "T1522");
    REQUIRE(revoked);
    CHECK(revoked->revoked);
    CHECK(revoked->revokedBy->attackId == "T1552.005");

    // Each query names its release: 17.1 is the default, 16.1 stays reachable.
    CHECK(resolveRelease(db, "").spec() == "enterprise@17.1");
    CHECK(resolveRelease(db, "mobile").spec() == "mobile@17.1");
    CHECK_THROWS_WITH(resolveRelease(db, "enterprise@9.0"),
                      Catch::Contains("loaded: enterprise@16.1, enterprise@17.1"));

    auto hits = search(db, "instance metadata", 5);
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0].title.find("Cloud Instance Metadata API") != std::string::npos);
}
