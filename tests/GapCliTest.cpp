#include "CliRunner.h"
#include "GapFixture.h"
#include "TestData.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace attackmap;
using namespace attackmap::test;

namespace {

/// A database file holding the gap fixture, for the CLI to open.
std::string fixtureDatabase(const std::string& name) {
    auto path = freshDatabasePath("gapcli-" + name);
    Database db(path);
    loadGapFixture(db);
    return path;
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("CLI: import a profile, list it, show it", "[cli][gaps]") {
    const std::string db = "--db " + fixtureDatabase("profile");
    auto imported = runCli(db + " profile import " + fixture("profile-aws.csv") + " --name aws");
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::EndsWith("profile-aws.csv -> profile 'aws': 2 entries\n"));

    auto listed = runCli(db + " profile list");
    CHECK(listed.exitCode == 0);
    CHECK_THAT(listed.out, Catch::StartsWith("aws  2 entries  (profile-aws.csv, "));

    auto shown = runCli(db + " --format csv profile show aws");
    CHECK(shown.exitCode == 0);
    CHECK(shown.out == "framework,capability_id,status\r\naws,amazon_guardduty,implemented\r\n"
                       "aws,aws_config,implemented\r\n");

    auto refused = runCli(db + " profile import " + fixture("profile-nist-unknown.csv"));
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.out, Catch::Contains("line 4: nist_800_53 ZZ-99 is not a capability"));

    auto missing = runCli(db + " gaps nobody");
    CHECK(missing.exitCode == 1);
    CHECK_THAT(missing.out, Catch::Contains("no profile named 'nobody'; there are: aws"));
}

TEST_CASE("CLI: gaps in text, JSON and CSV, and a comparison", "[cli][gaps]") {
    const std::string db = "--db " + fixtureDatabase("gaps");
    REQUIRE(runCli(db + " profile import " + fixture("profile-aws.csv") + " --name aws").exitCode ==
            0);

    auto text = runCli(db + " gaps aws");
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::StartsWith(
                             "Profile 'aws' against enterprise@16.1 (4 mapping releases)\n"
                             "Covered 2 of 6 techniques and sub-techniques (33.3%): significant "
                             "1, partial 1, minimal 0, mapped 0; gaps 4 (closable 3, open 1)\n"));
    CHECK_THAT(text.out, Catch::Contains("   1  T1003      OS Credential Dumping"));
    CHECK_THAT(text.out, Catch::Contains("   1  nist_800_53 SI-04  closes 2 gaps, weight +5"));

    auto json = runCli(db + " --format json gaps aws --groups G0016");
    REQUIRE(json.exitCode == 0);
    auto document = nlohmann::json::parse(json.out);
    CHECK(document["groups"] == nlohmann::json::array({"G0016"}));
    CHECK(document["ranked_gaps"].size() == 1);
    CHECK(document["ranked_gaps"][0]["id"] == "T1003");
    CHECK(document["ranked_gaps"][0]["weight"] == 3);

    auto csv = runCli(db + " --format csv gaps aws");
    REQUIRE(csv.exitCode == 0);
    CHECK_THAT(csv.out,
               Catch::Contains("T1552.005,Cloud Instance Metadata API,credential-access,partial,"
                               "minimal,none,partial,,,2,1,0,1,0,0,"
                               "aws amazon_guardduty (detect minimal); aws aws_config (protect "
                               "partial),\r\n"));

    REQUIRE(runCli(db + " profile import " + fixture("profile-cloud.json")).exitCode == 0);
    auto compared = runCli(db + " gaps aws --compare 'cloud team' --include-planned");
    REQUIRE(compared.exitCode == 0);
    CHECK(compared.out == "'aws' -> 'cloud team' on enterprise@16.1: 2 techniques change level "
                          "(1 better, 1 worse)\n"
                          "  T1552.005  Cloud Instance Metadata API                   partial     "
                          "-> minimal\n"
                          "  T1619      Cloud Storage Object Discovery                none        "
                          "-> partial\n");
}

TEST_CASE("CLI: report and Navigator export write their files", "[cli][gaps]") {
    const std::string db = "--db " + fixtureDatabase("outputs");
    REQUIRE(runCli(db + " profile import " + fixture("profile-aws.csv") + " --name aws").exitCode ==
            0);
    auto dir = std::filesystem::temp_directory_path();
    auto html = dir / "attackmap-gapcli-report.html";
    auto layer = dir / "attackmap-gapcli-layer.json";

    auto report = runCli(db + " report aws -o " + html.string());
    REQUIRE(report.exitCode == 0);
    CHECK(report.out == "Wrote " + html.string() + ": 4 ranked gaps, 2 recommendations\n");
    CHECK_THAT(readText(html), Catch::Contains("<h2>Ranked gaps</h2>"));

    auto exported = runCli(db + " export navigator aws -o " + layer.string());
    REQUIRE(exported.exitCode == 0);
    auto document = nlohmann::json::parse(readText(layer));
    CHECK(document["versions"]["layer"] == "4.5");
    CHECK(document["techniques"].size() == 6);

    auto back = runCli(db + " profile import " + layer.string() + " --name observed");
    CHECK(back.exitCode == 0);
    CHECK_THAT(back.out, Catch::Contains("profile 'observed': 2 entries"));
    std::filesystem::remove(html);
    std::filesystem::remove(layer);
}

TEST_CASE("CLI: the sample profile on the embedded sample", "[cli][gaps]") {
    auto path = std::filesystem::temp_directory_path() / "attackmap-gapcli-sample.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix);
    }
    const std::string db = "--db " + path.string();
    std::string files;
    for (const auto& entry : std::filesystem::directory_iterator(sample(""))) {
        if (entry.path().extension() == ".json") {
            files += " " + entry.path().string();
        }
    }
    REQUIRE(runCli(db + " import" + files).exitCode == 0);
    auto imported =
        runCli(db + " profile import " + sample("profile-cloud-team.csv") + " --name cloud");
    REQUIRE(imported.exitCode == 0);

    auto gaps = runCli(db + " gaps cloud --limit 0");
    REQUIRE(gaps.exitCode == 0);
    CHECK_THAT(gaps.out, Catch::Contains("Covered 11 of 13 techniques and sub-techniques "
                                         "(84.6%): significant 0, partial 5, minimal 1, "
                                         "mapped 5; gaps 2 (closable 2, open 0)"));
    // The planned CRI statement maps only to techniques covered already.
    auto planned = runCli(db + " gaps cloud --compare cloud --include-planned");
    CHECK(planned.out == "'cloud' -> 'cloud' on enterprise@16.1: 0 techniques change level "
                         "(0 better, 0 worse)\n");
}
