#include "CliRunner.h"
#include "TestData.h"

#include "Output.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

using attackmap::test::runCli;

namespace {

std::string freshDatabase(const std::string& name) {
    return attackmap::test::freshDatabasePath("cli-" + name);
}

} // namespace

TEST_CASE("The CLI imports the sample and shows T1552.005", "[cli]") {
    const std::string db = "--db " + freshDatabase("sample");
    auto imported =
        runCli(db + " import " + attackmap::test::sample("enterprise-attack-16.1-sample.json"));
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::Contains("enterprise-attack-16.1-sample.json -> "
                                             "enterprise@16.1: 72 objects read, 4 techniques, "
                                             "9 sub-techniques, 1 revoked"));

    auto shown = runCli(db + " technique T1552.005");
    REQUIRE(shown.exitCode == 0);
    CHECK_THAT(shown.out, Catch::StartsWith("T1552.005  Cloud Instance Metadata API\n"));
    CHECK_THAT(shown.out, Catch::Contains("Tactics         Credential Access (TA0006)"));
    CHECK_THAT(shown.out, Catch::Contains("Platforms       IaaS"));
    CHECK_THAT(shown.out, Catch::Contains("Parent          T1552 Unsecured Credentials"));

    auto json = runCli(db + " --format json technique T1552.005");
    REQUIRE(json.exitCode == 0);
    auto parsed = nlohmann::json::parse(json.out);
    CHECK(parsed["release"] == "enterprise@16.1");
    CHECK(parsed["parent"]["id"] == "T1552");
    CHECK(parsed["platforms"] == nlohmann::json::array({"IaaS"}));

    auto releases = runCli(db + " releases");
    CHECK(releases.out == "enterprise@16.1  attackmap sample: Credential Access  (STIX 2.1, "
                          "enterprise-attack-16.1-sample.json)\n");

    auto again =
        runCli(db + " import " + attackmap::test::sample("enterprise-attack-16.1-sample.json"));
    CHECK(again.exitCode == 0);
    CHECK_THAT(again.out, Catch::Contains("already imported, unchanged"));
}

TEST_CASE("The CLI's exit codes tell usage errors from failed operations", "[cli]") {
    const std::string db = "--db " + freshDatabase("codes");
    CHECK(runCli(db + " --no-such-option releases").exitCode == 2);
    CHECK(runCli(db).exitCode == 2);
    CHECK(runCli(db + " --format yaml releases").exitCode == 2);

    // A query on a database that is not there says so, and leaves none behind.
    auto missing = runCli(db + " technique T1552.005");
    CHECK(missing.exitCode == 1);
    CHECK_THAT(missing.out, Catch::Contains("attackmap: no database at /tmp/attackmap-cli-codes.db;"
                                            " import data first"));
    CHECK_FALSE(std::filesystem::exists("/tmp/attackmap-cli-codes.db"));
    CHECK(runCli("--db '' releases").exitCode == 2);

    // One file that fails does not stop the others.
    auto someFail = runCli(db + " import /tmp " + attackmap::test::fixture("mini-bundle.json") +
                           " --attack-version 16.1");
    CHECK(someFail.exitCode == 1);
    CHECK_THAT(someFail.out, Catch::Contains("attackmap: /tmp: is a directory, not a file"));
    CHECK_THAT(someFail.out, Catch::Contains("mini-bundle.json -> enterprise@16.1"));

    auto empty = runCli(db + " releases");
    CHECK(empty.exitCode == 0);
    CHECK(empty.out == "enterprise@16.1  Test Matrix  (STIX 2.0, mini-bundle.json)\n");

    auto bad = runCli(db + " import " + attackmap::test::fixture("bundle-truncated.json"));
    CHECK(bad.exitCode == 1);
    CHECK_THAT(bad.out, Catch::Contains("bundle-truncated.json: parse error at line"));
}

TEST_CASE("The quick start's gap analysis on the sample", "[cli][gaps]") {
    const std::string db = "--db " + freshDatabase("sample-gaps");
    REQUIRE(runCli(db + " import" + attackmap::test::sampleJsonFiles()).exitCode == 0);
    auto profile = runCli(db + " profile import " +
                          attackmap::test::sample("profile-cloud-team.csv") + " --name 'Cloud team'");
    REQUIRE(profile.exitCode == 0);
    CHECK_THAT(profile.out, Catch::Contains("profile 'Cloud team': 6 entries"));

    auto gaps = runCli(db + " gaps 'Cloud team'");
    REQUIRE(gaps.exitCode == 0);
    CHECK_THAT(gaps.out, Catch::Contains("Covered 11 of 13 techniques and sub-techniques (84.6%)"));
    CHECK_THAT(gaps.out, Catch::Contains("1  T1552.008  Chat Messages"));
    CHECK_THAT(gaps.out, Catch::Contains("2  T1552.003  Bash History"));
    CHECK_THAT(gaps.out, Catch::Contains("1  nist_800_53 SI-04  closes 2 gaps"));

    auto unknownGroup = runCli(db + " gaps 'Cloud team' --groups G0016,G9999");
    CHECK(unknownGroup.exitCode == 1);
    CHECK_THAT(unknownGroup.out, Catch::Contains("no group G9999 in enterprise@16.1"));
}

TEST_CASE("Descriptions print as plain text, however long their citations", "[cli]") {
    using attackmap::cli::plainText;
    CHECK(plainText("Reads keys.(Citation: Some Report 2019) See [Bash History]"
                    "(https://attack.mitre.org/techniques/T1552/003) and <code>cat</code>.") ==
          "Reads keys. [Some Report 2019] See Bash History and `cat`.");
    CHECK(plainText("[not a link] (Citation: unclosed") == "[not a link] (Citation: unclosed");
    std::string longCitation = "(Citation: " + std::string(100000, 'b') + ")";
    CHECK(plainText(longCitation).size() == 100000 + 3);
}

TEST_CASE("Lists print as CSV too, and a technique of another domain is pointed at",
          "[cli]") {
    const std::string db = "--db " + freshDatabase("csv-lists");
    REQUIRE(runCli(db + " import" + attackmap::test::sampleJsonFiles()).exitCode == 0);
    auto releases = runCli(db + " --format csv releases");
    CHECK(releases.out == "release,domain,version,name,stix_version,source_file\r\n"
                          "enterprise@16.1,enterprise,16.1,attackmap sample: Credential Access,"
                          "2.1,enterprise-attack-16.1-sample.json\r\n");
    auto hits = runCli(db + " --format csv search 'metadata service'");
    CHECK_THAT(hits.out, Catch::StartsWith("kind,scope,title,snippet\r\n"));
    CHECK_THAT(hits.out, Catch::Contains("technique,enterprise@16.1,"
                                         "T1552.005 Cloud Instance Metadata API,"));

    auto missing = runCli(db + " technique T1414");
    CHECK(missing.exitCode == 1);
    CHECK(missing.out == "attackmap: no technique T1414 in enterprise@16.1\n");
}
