#include "GapFixture.h"
#include "TestData.h"

#include "attackmap/Database.h"
#include "attackmap/Error.h"
#include "attackmap/Profile.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace attackmap;
using namespace attackmap::test;

TEST_CASE("NIST control ids compare in one canonical form", "[profile]") {
    CHECK(canonicalCapabilityId("nist_800_53", "AC-02") == "AC-2");
    CHECK(canonicalCapabilityId("nist_800_53", " ac-2 ") == "AC-2");
    CHECK(canonicalCapabilityId("nist_800_53", "AC-02(01)") == "AC-2(1)");
    CHECK(canonicalCapabilityId("nist_800_53", "AC-2 (10)") == "AC-2(10)");
    CHECK(canonicalCapabilityId("nist_800_53", "SC-07(0)") == "SC-7(0)");
    CHECK(canonicalCapabilityId("aws", " amazon_guardduty ") == "amazon_guardduty");
    CHECK(canonicalCapabilityId("cri_profile", "PR.IR-01.01") == "PR.IR-01.01");
}

TEST_CASE("A CSV profile is read with its header, quotes, comments and line endings", "[profile]") {
    auto parsed = parseProfileFile(fixture("profile-aws.csv"));
    CHECK(parsed.name == "profile-aws");
    REQUIRE(parsed.entries.size() == 2);
    CHECK(parsed.entries[0].entry.framework == "aws");
    CHECK(parsed.entries[0].entry.capabilityId == "amazon_guardduty");
    CHECK(parsed.entries[0].location == "line 3");
    CHECK(parsed.entries[1].entry.capabilityId == "aws_config");
    CHECK(parsed.entries[1].entry.status == CapabilityStatus::Implemented);
}

TEST_CASE("Repeated CSV entries are kept once and named", "[profile]") {
    auto parsed = parseProfileFile(fixture("profile-nist-unknown.csv"));
    REQUIRE(parsed.entries.size() == 3);
    CHECK(parsed.entries[1].entry.canonicalId == "SI-4");
    CHECK(parsed.entries[1].entry.status == CapabilityStatus::Partial);
    REQUIRE(parsed.notes.size() == 1);
    CHECK(parsed.notes[0] == "line 5: nist_800_53 AC-02 repeats line 2; the first is kept");
}

TEST_CASE("Bad profile files name the file and the place", "[profile]") {
    CHECK_THROWS_WITH(parseProfileFile(fixture("profile-bad-status.csv")),
                      Catch::Contains("profile-bad-status.csv: line 3: status 'maybe'"));
    CHECK_THROWS_WITH(parseProfileFile(fixture("profile-bad-header.csv")),
                      Catch::Contains("profile-bad-header.csv: line 1: the header must name"));
    CHECK_THROWS_WITH(parseProfileFile(fixture("profile-bad-type.json")),
                      Catch::Contains("capabilities[1].capability_id: must be a string"));
}

TEST_CASE("A JSON profile keeps its name, description and statuses", "[profile]") {
    auto parsed = parseProfileFile(fixture("profile-cloud.json"));
    CHECK(parsed.name == "cloud team");
    CHECK(parsed.description == "What the cloud team runs");
    REQUIRE(parsed.entries.size() == 2);
    CHECK(parsed.entries[1].entry.status == CapabilityStatus::Planned);
    CHECK(parsed.entries[1].location == "capabilities[1]");
}

TEST_CASE("A Navigator layer becomes observed technique coverage", "[profile]") {
    auto parsed = parseProfileFile(fixture("layer-observed.json"));
    CHECK(parsed.name == "purple team results");
    CHECK(parsed.layerDomain == "enterprise");
    CHECK(parsed.layerAttackVersion == "16");
    // T1580 appears twice: its best score (60 of 100) wins.
    REQUIRE(parsed.entries.size() == 3);
    CHECK(parsed.entries[0].entry.capabilityId == "T1003");
    CHECK(parsed.entries[0].entry.observedLevel == CoverageLevel::Significant);
    CHECK(parsed.entries[1].entry.capabilityId == "T1580");
    CHECK(parsed.entries[1].entry.observedLevel == CoverageLevel::Partial);
    CHECK(parsed.entries[2].entry.capabilityId == "T9999");
    REQUIRE(parsed.notes.size() == 2);
    CHECK(parsed.notes[0] == "1 technique entries without a score were skipped (techniques[4])");
    CHECK(parsed.notes[1] == "1 technique entries at the gradient's lowest score count as not "
                             "covered and were skipped (techniques[3])");
}

TEST_CASE("Unknown capability ids refuse the import, naming each place", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    try {
        importProfile(db, fixture("profile-nist-unknown.csv"));
        FAIL("the import should have been refused");
    } catch (const InputError& e) {
        std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("1 unknown id(s)"));
        CHECK_THAT(message, Catch::Contains("profile-nist-unknown.csv: line 4: nist_800_53 "
                                            "ZZ-99 is not a capability of any loaded "
                                            "nist_800_53 release"));
    }
    CHECK(listProfiles(db).empty());
}

TEST_CASE("Unknown ids can be kept, flagged", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    ProfileImportOptions options;
    options.keepUnknown = true;
    options.name = "nist";
    auto result = importProfile(db, fixture("profile-nist-unknown.csv"), options);
    CHECK(result.unknownCount == 1);
    REQUIRE(result.warnings.size() == 2); // the unknown id, then the repeated line
    CHECK_THAT(result.warnings[1], Catch::Contains("line 5: nist_800_53 AC-02 repeats line 2"));

    Profile profile = loadProfile(db, "nist");
    REQUIRE(profile.entries.size() == 3);
    CHECK(profile.entries[0].known);
    CHECK(profile.entries[0].canonicalId == "AC-2");
    CHECK_FALSE(profile.entries[2].known);
    CHECK(profile.entries[2].status == CapabilityStatus::Planned);

    auto summaries = listProfiles(db);
    REQUIRE(summaries.size() == 1);
    CHECK(summaries[0].entryCount == 3);
    CHECK(summaries[0].unknownCount == 1);
    CHECK(summaries[0].source == "profile-nist-unknown.csv");
}

TEST_CASE("A framework with no loaded release is unknown too", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    auto path = std::filesystem::temp_directory_path() / "attackmap-profile-gcp.csv";
    std::ofstream(path) << "framework,capability_id\ngcp,cloud_key_management\n";
    CHECK_THROWS_WITH(importProfile(db, path.string()),
                      Catch::Contains("line 2: framework 'gcp' has no loaded mapping release"));
    std::filesystem::remove(path);
}

TEST_CASE("Re-importing a profile replaces it, and profiles can be deleted", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    auto first = importProfile(db, fixture("profile-aws.csv"), named("aws"));
    CHECK_FALSE(first.replaced);
    auto second = importProfile(db, fixture("profile-cloud.json"), named("aws"));
    CHECK(second.replaced);
    Profile profile = loadProfile(db, "aws");
    REQUIRE(profile.entries.size() == 2);
    CHECK(profile.entries[1].capabilityId == "amazon_macie");
    CHECK(listProfiles(db).size() == 1);

    CHECK(deleteProfile(db, "aws"));
    CHECK_FALSE(deleteProfile(db, "aws"));
    CHECK_THROWS_AS(loadProfile(db, "aws"), NotFound);
}

TEST_CASE("A profile's JSON form reads back the same", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    importProfile(db, fixture("profile-cloud.json"));
    Profile profile = loadProfile(db, "cloud team");

    auto path = std::filesystem::temp_directory_path() / "attackmap-profile-roundtrip.json";
    std::ofstream(path) << profileToJson(profile);
    auto parsed = parseProfileFile(path.string());
    std::filesystem::remove(path);
    CHECK(parsed.name == "cloud team");
    CHECK(parsed.description == profile.description);
    REQUIRE(parsed.entries.size() == profile.entries.size());
    for (std::size_t i = 0; i < parsed.entries.size(); ++i) {
        CHECK(parsed.entries[i].entry.framework == profile.entries[i].framework);
        CHECK(parsed.entries[i].entry.capabilityId == profile.entries[i].capabilityId);
        CHECK(parsed.entries[i].entry.status == profile.entries[i].status);
    }
}

TEST_CASE("Layer techniques are checked against the ATT&CK release", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    CHECK_THROWS_WITH(importProfile(db, fixture("layer-observed.json")),
                      Catch::Contains("techniques[5]: T9999 is not a technique of "
                                      "enterprise@16.1"));
    ProfileImportOptions options;
    options.keepUnknown = true;
    auto result = importProfile(db, fixture("layer-observed.json"), options);
    CHECK(result.profile.name == "purple team results");
    REQUIRE(result.profile.entries.size() == 3);
    CHECK(result.profile.entries[0].framework == "attack");
    CHECK(result.profile.entries[0].status == CapabilityStatus::Observed);
    CHECK(result.profile.entries[1].observedLevel == CoverageLevel::Partial);
}

TEST_CASE("Entries of frameworks that only relate are imported with a warning", "[profile]") {
    Database db(":memory:");
    loadGapFixture(db);
    auto path = std::filesystem::temp_directory_path() / "attackmap-profile-kev.csv";
    std::ofstream(path) << "framework,capability_id\naws,aws_config\nkev,CVE-2021-44228\n"
                           "kev,CVE-2023-0001\n";
    auto result = importProfile(db, path.string(), named("kev"));
    std::filesystem::remove(path);
    CHECK(result.profile.entries.size() == 3);
    REQUIRE(result.warnings.size() == 1);
    CHECK_THAT(result.warnings[0],
               Catch::EndsWith("2 kev entries (line 3, line 4): kev mappings are context, "
                               "never coverage, so these count for nothing"));
}
