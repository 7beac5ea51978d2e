#include "GapFixture.h"
#include "TestData.h"

#include "attackmap/Attack.h"
#include "attackmap/Coverage.h"
#include "attackmap/Database.h"
#include "attackmap/Profile.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace attackmap;
using namespace attackmap::test;

namespace {

Profile makeProfile(const std::string& name,
                    std::vector<std::tuple<std::string, std::string, CapabilityStatus>> items) {
    Profile profile;
    profile.name = name;
    for (auto& [framework, id, status] : items) {
        ProfileEntry entry;
        entry.framework = framework;
        entry.capabilityId = id;
        entry.canonicalId = canonicalCapabilityId(framework, id);
        entry.status = status;
        profile.entries.push_back(entry);
    }
    return profile;
}

constexpr auto implemented = CapabilityStatus::Implemented;

std::vector<std::string> names(const std::vector<Contribution>& list) {
    std::vector<std::string> result;
    for (const auto& item : list) {
        result.push_back(item.framework + " " + item.capabilityId + " " + item.category + " " +
                         std::string(toString(item.level)));
    }
    return result;
}

struct Fixture {
    Database db{":memory:"};
    Release release;
    CoverageInput input;

    Fixture() {
        loadGapFixture(db);
        release = resolveRelease(db, "enterprise@16.1");
        input = loadCoverageInput(db, release);
    }
};

} // namespace

TEST_CASE("Each framework is read at the release nearest the ATT&CK version", "[coverage]") {
    Fixture f;
    std::vector<std::string> labels;
    for (const auto& release : f.input.frameworkReleases) {
        labels.push_back(release.label);
    }
    CHECK(labels == std::vector<std::string>{"aws 12/12/2024 (ATT&CK 16.1 enterprise)",
                                             "kev 07/28/2025 (ATT&CK 16.1 enterprise)",
                                             "nist_800_53 rev5 (ATT&CK 16.1 enterprise)",
                                             "veris 1.4.0 (ATT&CK 16.1 enterprise)"});
    CHECK(f.input.techniques.size() == 6);
    CHECK(f.input.mappings.size() == 9); // scored and mitigating; related ones only count KEV
}

TEST_CASE("A profile's best score per category is the technique's coverage", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("aws", {{"aws", "amazon_guardduty", implemented},
                                                     {"aws", "aws_config", implemented}}));
    const auto* metadata = result.find("T1552.005");
    REQUIRE(metadata);
    CHECK(metadata->categories[0] == CoverageLevel::Partial); // protect
    CHECK(metadata->categories[1] == CoverageLevel::Minimal); // detect
    CHECK(metadata->categories[2] == CoverageLevel::None);    // respond
    CHECK(metadata->overall == CoverageLevel::Partial);
    CHECK(names(metadata->coveredBy) ==
          std::vector<std::string>{"aws amazon_guardduty detect minimal",
                                   "aws aws_config protect partial"});
    CHECK(metadata->closers.empty());
    CHECK(result.find("T1580")->overall == CoverageLevel::Significant);

    // Gaps: closable by what lies outside the profile, or open.
    const auto* dumping = result.find("T1003");
    CHECK(dumping->gap());
    CHECK(names(dumping->closers) == std::vector<std::string>{"nist_800_53 AC-02 protect mapped",
                                                              "nist_800_53 SI-04 protect mapped"});
    CHECK(result.find("T1552")->gap());
    CHECK_FALSE(result.find("T1552")->closable());
    CHECK(result.closableGaps == 3);
    CHECK(result.openGaps == 1);
    CHECK(result.levels == std::array<int, 5>{4, 0, 0, 1, 1});
}

TEST_CASE("Without the AWS capabilities T1552.005 is a gap closable by them", "[coverage]") {
    Fixture f;
    auto result = analyseCoverage(f.input, makeProfile("none", {}));
    const auto* metadata = result.find("T1552.005");
    REQUIRE(metadata);
    CHECK(metadata->closable());
    CHECK(names(metadata->closers) ==
          std::vector<std::string>{"aws aws_config protect partial",
                                   "aws amazon_guardduty detect minimal",
                                   "nist_800_53 AC-02 protect mapped"});
}

TEST_CASE("Related mappings never count as coverage", "[coverage]") {
    Fixture f;
    auto result = analyseCoverage(
        f.input,
        makeProfile("kev", {{"kev", "CVE-2021-44228", implemented},
                            {"veris", "action.malware.variety.Password dumper", implemented}}));
    CHECK(result.find("T1552.005")->gap());
    CHECK(result.find("T1003")->gap());
    for (const auto& closer : result.find("T1003")->closers) {
        CHECK(closer.framework == "nist_800_53");
    }
    CHECK(result.find("T1003")->kevMappings == 2);
}

TEST_CASE("A scored mapping without a category or a value covers nothing", "[coverage]") {
    Database db(":memory:");
    loadGapFixture(db);
    // What the importer keeps, flagged "no score": T1003 is mapped by
    // nothing else scored, so these two alone would cover it.
    auto gcp = addFrameworkRelease(db, "gcp", "03.06.2025", "16.1");
    addMapping(db, gcp, "cloud_armor", "Cloud Armor", "T1003", "scored", "protect", "");
    addMapping(db, gcp, "cloud_armor", "Cloud Armor", "T1003", "scored", "", "significant");
    addMapping(db, gcp, "cloud_armor", "Cloud Armor", "T1619", "scored", "detect", "minimal");
    auto input = loadCoverageInput(db, resolveRelease(db, "enterprise@16.1"));
    auto result =
        analyseCoverage(input, makeProfile("gcp", {{"gcp", "cloud_armor", implemented}}));
    CHECK(result.find("T1003")->gap());
    CHECK(names(result.find("T1003")->coveredBy).empty());
    for (const auto& closer : result.find("T1003")->closers) {
        CHECK(closer.capabilityId != "cloud_armor");
    }
    CHECK(result.find("T1619")->overall == CoverageLevel::Minimal);
}

TEST_CASE("NIST ids match in any spelling and mitigating rows count as mapped", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("nist", {{"nist_800_53", "SI-4", implemented}}));
    CHECK(result.find("T1003")->overall == CoverageLevel::Mapped);
    CHECK(result.find("T1003")->categories[0] == CoverageLevel::Mapped);
    CHECK(result.find("T1552.001")->overall == CoverageLevel::Mapped);
    CHECK(result.find("T1580")->overall == CoverageLevel::Mapped);
    CHECK(result.find("T1552.005")->gap());
    // rev4's AC-2 to T1619 is not read: rev5 for 16.1 is the nearer release.
    CHECK(result.find("T1619")->closers.size() == 1);
    CHECK(result.unknownEntries.empty());
}

TEST_CASE("Partial capabilities count at most partial, planned ones only when asked",
          "[coverage]") {
    Fixture f;
    auto profile = makeProfile("statuses", {{"aws", "amazon_guardduty", CapabilityStatus::Partial},
                                            {"aws", "amazon_macie", CapabilityStatus::Planned}});
    auto result = analyseCoverage(f.input, profile);
    CHECK(result.find("T1580")->overall == CoverageLevel::Partial);
    const auto* storage = result.find("T1619");
    CHECK(storage->gap());
    REQUIRE(storage->closers.size() == 1);
    CHECK(storage->closers[0].status == CapabilityStatus::Planned);

    CoverageOptions options;
    options.includePlanned = true;
    auto planned = analyseCoverage(f.input, profile, options);
    CHECK(planned.find("T1619")->overall == CoverageLevel::Partial);
}

TEST_CASE("Parents show how many sub-techniques are covered", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("aws", {{"aws", "aws_config", implemented}}));
    const auto* parent = result.find("T1552");
    CHECK(parent->subtechniques == 2);
    CHECK(parent->subtechniquesCovered == 1);
    CHECK(result.find("T1003")->subtechniques == 0);
}

TEST_CASE("Tactics count techniques and sub-techniques per level", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("aws", {{"aws", "amazon_guardduty", implemented},
                                                     {"aws", "aws_config", implemented}}));
    REQUIRE(result.tactics.size() == 2);
    const auto& credentials = result.tactics[0];
    CHECK(credentials.attackId == "TA0006");
    CHECK(credentials.levels == std::array<int, 5>{3, 0, 0, 1, 0});
    CHECK(credentials.total == 4);
    CHECK(credentials.percentCovered() == Approx(25.0));
    const auto& discovery = result.tactics[1];
    CHECK(discovery.levels == std::array<int, 5>{1, 0, 0, 0, 1});
    CHECK(discovery.percentCovered() == Approx(50.0));
}

TEST_CASE("Gaps are ranked by groups, campaigns and KEV mappings", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("aws", {{"aws", "amazon_guardduty", implemented},
                                                     {"aws", "aws_config", implemented}}));
    std::vector<std::pair<std::string, int>> ranked;
    for (int index : result.rankedGaps) {
        const auto& technique = result.techniques[static_cast<std::size_t>(index)];
        ranked.emplace_back(technique.attackId, technique.weight);
    }
    // T1003: 3 groups + 2 KEV; T1619: menuPass; the rest unused, by id.
    CHECK(ranked == std::vector<std::pair<std::string, int>>{
                        {"T1003", 5}, {"T1619", 1}, {"T1552", 0}, {"T1552.001", 0}});
    CHECK(result.find("T1580")->campaigns == 1);
    CHECK(result.find("T1552.005")->weight == 2);
}

TEST_CASE("Chosen groups rank only the gaps they use, with their campaigns", "[coverage]") {
    Fixture f;
    CoverageOptions options;
    options.groups = {"G0016"};
    auto result = analyseCoverage(f.input, makeProfile("none", {}), options);
    std::vector<std::pair<std::string, int>> ranked;
    for (int index : result.rankedGaps) {
        const auto& technique = result.techniques[static_cast<std::size_t>(index)];
        ranked.emplace_back(technique.attackId, technique.weight);
    }
    // APT29 uses T1003 (+2 KEV) and T1552.005 (+1 KEV); its campaign C0024 uses T1580.
    CHECK(ranked ==
          std::vector<std::pair<std::string, int>>{{"T1003", 3}, {"T1552.005", 2}, {"T1580", 1}});
}

TEST_CASE("Recommendations close the most gap weight with the fewest capabilities", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("aws", {{"aws", "amazon_guardduty", implemented},
                                                     {"aws", "aws_config", implemented}}));
    REQUIRE(result.recommendations.size() == 2);
    // SI-04 and AC-02 both close T1003 (5); SI-04 also closes T1552.001.
    CHECK(result.recommendations[0].capabilityId == "SI-04");
    CHECK(result.recommendations[0].addedWeight == 5);
    CHECK(result.recommendations[0].closes == std::vector<std::string>{"T1003", "T1552.001"});
    CHECK(result.recommendations[0].description == "System Monitoring");
    CHECK(result.recommendations[1].capabilityId == "amazon_macie");
    CHECK(result.recommendations[1].addedWeight == 1);
}

TEST_CASE("Comparing two profiles lists the techniques that changed level", "[coverage]") {
    Fixture f;
    auto before =
        analyseCoverage(f.input, makeProfile("aws", {{"aws", "amazon_guardduty", implemented},
                                                     {"aws", "aws_config", implemented}}));
    auto after =
        analyseCoverage(f.input, makeProfile("nist", {{"nist_800_53", "AC-2", implemented},
                                                      {"nist_800_53", "SI-4", implemented}}));
    auto changes = compareCoverage(before, after);
    std::vector<std::string> lines;
    for (const auto& change : changes) {
        lines.push_back(change.attackId + " " + std::string(toString(change.before)) + " " +
                        std::string(toString(change.after)));
    }
    CHECK(lines == std::vector<std::string>{"T1003 none mapped", "T1552.001 none mapped",
                                            "T1552.005 partial mapped",
                                            "T1580 significant mapped"});
}

TEST_CASE("Entries that name nothing read are reported by the analysis", "[coverage]") {
    Fixture f;
    auto result =
        analyseCoverage(f.input, makeProfile("typo", {{"aws", "amazon_gaurdduty", implemented},
                                                      {"gcp", "cloud_armor", implemented}}));
    // gcp is not loaded at all, so only the aws typo is something to fix here.
    CHECK(result.unknownEntries == std::vector<std::string>{"aws amazon_gaurdduty"});
}

TEST_CASE("A framework filter reads only those frameworks", "[coverage]") {
    Fixture f;
    CoverageOptions options;
    options.frameworks = {"aws"};
    auto result = analyseCoverage(f.db, f.release, makeProfile("none", {}), options);
    REQUIRE(result.frameworkReleases.size() == 1);
    CHECK(names(result.find("T1552.005")->closers) ==
          std::vector<std::string>{"aws aws_config protect partial",
                                   "aws amazon_guardduty detect minimal"});
    CHECK(result.find("T1003")->kevMappings == 0); // kev is not read either
}

namespace {

struct TacticRow {
    std::string name;
    int mapped;
    int none;
    int total;
};

std::vector<TacticRow> tacticRows(const CoverageResult& result) {
    std::vector<TacticRow> rows;
    for (const auto& tactic : result.tactics) {
        // Mitigating frameworks give only mapped or none.
        CHECK(tactic.levels[2] + tactic.levels[3] + tactic.levels[4] == 0);
        rows.push_back({tactic.name, tactic.levels[1], tactic.levels[0], tactic.total});
    }
    return rows;
}

bool operator==(const TacticRow& a, const TacticRow& b) {
    return a.name == b.name && a.mapped == b.mapped && a.none == b.none && a.total == b.total;
}

std::ostream& operator<<(std::ostream& out, const TacticRow& row) {
    return out << row.name << ' ' << row.mapped << '/' << row.none << '/' << row.total;
}

} // namespace

TEST_CASE("Real data: AWS GuardDuty and Config cover T1552.005", "[coverage][real]") {
    Database* db = realGapDatabase();
    if (!db) {
        return;
    }
    Release release = resolveRelease(*db, "enterprise@16.1");
    auto result = analyseCoverage(*db, release,
                                  makeProfile("aws", {{"aws", "amazon_guardduty", implemented},
                                                      {"aws", "aws_config", implemented}}));
    const auto* metadata = result.find("T1552.005");
    REQUIRE(metadata);
    CHECK(metadata->overall == CoverageLevel::Partial);
    CHECK(metadata->categories[0] == CoverageLevel::Partial);
    CHECK(metadata->categories[1] == CoverageLevel::Minimal);
    CHECK(metadata->categories[2] == CoverageLevel::None);
    CHECK(names(metadata->coveredBy) ==
          std::vector<std::string>{"aws amazon_guardduty detect minimal",
                                   "aws aws_config protect partial"});
    CHECK(result.frameworkReleases.size() == 10); // one release per enterprise framework
}

TEST_CASE("Real data: without them T1552.005 is a gap closable by every framework's rows",
          "[coverage][real]") {
    Database* db = realGapDatabase();
    if (!db) {
        return;
    }
    Release release = resolveRelease(*db, "enterprise@16.1");
    auto result = analyseCoverage(*db, release,
                                  makeProfile("cognito", {{"aws", "amazon_cognito", implemented}}));
    const auto* metadata = result.find("T1552.005");
    REQUIRE(metadata);
    CHECK(metadata->closable());
    std::vector<std::string> closers;
    for (const auto& closer : metadata->closers) {
        closers.push_back(closer.framework + " " + closer.capabilityId);
    }
    std::sort(closers.begin(), closers.end());
    // From the mapping files with a script: every non-related row to
    // T1552.005 in the release of each framework nearest ATT&CK 16.1.
    CHECK(closers ==
          std::vector<std::string>{
              "aws amazon_guardduty",     "aws aws_config",          "cri_profile PR.IR-01.01",
              "cri_profile PR.IR-01.02",  "cri_profile PR.IR-01.03", "cri_profile PR.IR-01.06",
              "cri_profile PR.IR-04.01",  "cri_profile PR.PS-01.08", "csa_ccm AIS-04",
              "csa_ccm AIS-05",           "csa_ccm DSP-17",          "csa_ccm IAM-15",
              "csa_ccm IAM-16",           "csa_ccm IPY-02",          "csa_ccm IPY-03",
              "gcp cloud_key_management", "nist_800_53 AC-03",       "nist_800_53 AC-04",
              "nist_800_53 AC-16",        "nist_800_53 AC-17",       "nist_800_53 AC-20",
              "nist_800_53 CA-07",        "nist_800_53 CM-06",       "nist_800_53 CM-07",
              "nist_800_53 IA-03",        "nist_800_53 IA-04",       "nist_800_53 SC-07",
              "nist_800_53 SI-04",        "nist_800_53 SI-10",       "nist_800_53 SI-15"});
    // Best first: GCP's protect significant, then AWS Config's protect partial.
    CHECK(names(metadata->closers)[0] == "gcp cloud_key_management protect significant");
    CHECK(names(metadata->closers)[1] == "aws aws_config protect partial");
}

// The expected rows below come from tests/fixtures/expected-tactic-counts.py,
// which reads the ATT&CK bundle and the mapping file directly (no attackmap
// code): name, techniques mapped, gaps, total per tactic.
TEST_CASE("Real data: a NIST 800-53 rev5 profile's per-tactic counts", "[coverage][real]") {
    Database* db = realGapDatabase();
    if (!db) {
        return;
    }
    importProfile(*db, fixture("profile-nist-rev5.csv"), named("nist-real"));
    Release release = resolveRelease(*db, "enterprise@16.1");
    auto result = analyseCoverage(*db, release, loadProfile(*db, "nist-real"));
    CHECK(tacticRows(result) == std::vector<TacticRow>{{"Reconnaissance", 5, 39, 44},
                                                       {"Resource Development", 0, 47, 47},
                                                       {"Initial Access", 18, 3, 21},
                                                       {"Execution", 38, 0, 38},
                                                       {"Persistence", 104, 16, 120},
                                                       {"Privilege Escalation", 91, 18, 109},
                                                       {"Defense Evasion", 160, 44, 204},
                                                       {"Credential Access", 63, 4, 67},
                                                       {"Discovery", 15, 31, 46},
                                                       {"Lateral Movement", 21, 2, 23},
                                                       {"Collection", 27, 13, 40},
                                                       {"Command and Control", 38, 4, 42},
                                                       {"Exfiltration", 18, 1, 19},
                                                       {"Impact", 25, 7, 32}});
}

TEST_CASE("Real data: a CRI Profile profile's per-tactic counts", "[coverage][real]") {
    Database* db = realGapDatabase();
    if (!db) {
        return;
    }
    importProfile(*db, fixture("profile-cri.csv"), named("cri-real"));
    Release release = resolveRelease(*db, "enterprise@16.1");
    auto result = analyseCoverage(*db, release, loadProfile(*db, "cri-real"));
    CHECK(tacticRows(result) == std::vector<TacticRow>{{"Reconnaissance", 0, 44, 44},
                                                       {"Resource Development", 0, 47, 47},
                                                       {"Initial Access", 16, 5, 21},
                                                       {"Execution", 25, 13, 38},
                                                       {"Persistence", 66, 54, 120},
                                                       {"Privilege Escalation", 58, 51, 109},
                                                       {"Defense Evasion", 89, 115, 204},
                                                       {"Credential Access", 54, 13, 67},
                                                       {"Discovery", 11, 35, 46},
                                                       {"Lateral Movement", 21, 2, 23},
                                                       {"Collection", 18, 22, 40},
                                                       {"Command and Control", 36, 6, 42},
                                                       {"Exfiltration", 11, 8, 19},
                                                       {"Impact", 15, 17, 32}});
}
