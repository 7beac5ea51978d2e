#include "CliRunner.h"
#include "TestData.h"

#include "attackmap/Attack.h"
#include "attackmap/AttackImporter.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"
#include "attackmap/FileKind.h"
#include "attackmap/MappingImporter.h"
#include "attackmap/Mappings.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <tuple>

using namespace attackmap;
using attackmap::test::fixture;

namespace {

std::int64_t rowCount(Database& db, const std::string& table, const std::string& where = "") {
    auto stmt = db.prepare("SELECT count(*) FROM " + table + (where.empty() ? "" : " WHERE ") +
                           where);
    stmt.step();
    return stmt.integer(0);
}

/// A database with the mini ATT&CK bundle loaded as enterprise 16.1, so that
/// mapping fixtures are checked against it.
Database withMiniBundle() {
    Database db(":memory:");
    importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});
    return db;
}

const FrameworkRelease& releaseOf(const std::vector<FrameworkRelease>& releases,
                                  std::string_view framework, std::string_view version,
                                  std::string_view attackVersion, std::string_view domain) {
    for (const auto& release : releases) {
        if (release.framework == framework && release.frameworkVersion == version &&
            release.attackVersion == attackVersion && release.domain == domain) {
            return release;
        }
    }
    FAIL("no framework release " << framework << " " << version);
    throw std::logic_error("unreachable");
}

std::vector<std::string> capabilityIds(const std::vector<Mapping>& mappings,
                                       std::int64_t releaseId) {
    std::vector<std::string> ids;
    for (const auto& mapping : mappings) {
        if (mapping.frameworkReleaseId == releaseId) {
            ids.push_back(mapping.capabilityId.value_or("(none)"));
        }
    }
    return ids;
}

/// Every stored mapping of a database in file order, as comparable text:
/// all that a file says except the capability group, which the CSV export
/// writes by name rather than by id.
std::vector<std::string> storedMappings(Database& db) {
    auto stmt = db.prepare(
        "SELECT m.row_index, coalesce(m.capability_as_published, '-'), "
        "coalesce(c.description, ''), coalesce(m.technique_id, '-'), m.technique_name_in_file, "
        "m.mapping_type, m.kind, m.score_category, m.score_value, m.related_score, m.comments, "
        "m.references_json, m.status, m.flags, coalesce(m.replaced_by, ''), m.duplicate_count "
        "FROM mapping m LEFT JOIN capability c ON c.id = m.capability_id ORDER BY m.row_index");
    std::vector<std::string> rows;
    while (stmt.step()) {
        std::string row;
        for (int column = 0; column < 16; ++column) {
            row += stmt.text(column) + "|";
        }
        rows.push_back(row);
    }
    return rows;
}

/// Writes a unified JSON file as the Mappings Explorer CSV export does
/// (pandas to_csv): an unnamed index column, metadata repeated on each row,
/// group and type by name, references as a Python list, no status column.
void writeExportCsv(const std::filesystem::path& json, const std::filesystem::path& csv) {
    std::ifstream in(json);
    nlohmann::json doc = nlohmann::json::parse(in);
    const auto& meta = doc["metadata"];
    const std::vector<std::string> columns = {
        "mapping_framework", "mapping_framework_version", "capability_group", "capability_id",
        "capability_description", "mapping_type", "attack_object_id", "attack_object_name",
        "attack_version", "technology_domain", "score_category", "score_value", "related_score",
        "references", "comments", "organization", "creation_date", "last_update"};
    auto field = [](const std::string& text) {
        if (text.find_first_of(",\"\r\n") == std::string::npos) {
            return text;
        }
        std::string quoted = "\"";
        for (char c : text) {
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        }
        return quoted + "\"";
    };
    auto text = [](const nlohmann::json& value) {
        return value.is_string() ? value.get<std::string>() : std::string();
    };
    std::ofstream out(csv, std::ios::binary);
    for (const auto& column : columns) {
        out << ',' << column;
    }
    out << '\n';
    std::size_t index = 0;
    for (const auto& row : doc["mapping_objects"]) {
        out << index++;
        for (const auto& column : columns) {
            std::string value;
            const bool fromMetadata =
                column == "mapping_framework" || column == "mapping_framework_version" ||
                column == "attack_version" || column == "technology_domain" ||
                column == "organization" || column == "creation_date" || column == "last_update";
            if (fromMetadata) {
                value = text(meta.value(column, nlohmann::json()));
            } else if (column == "capability_group") {
                auto group = text(row.value(column, nlohmann::json()));
                value = text(meta["capability_groups"].value(group, nlohmann::json()));
            } else if (column == "mapping_type") {
                auto type = text(row.value(column, nlohmann::json()));
                value = meta["mapping_types"].contains(type)
                            ? text(meta["mapping_types"][type]["name"])
                            : type;
            } else if (column == "references") {
                value = "[";
                for (const auto& reference : row.value(column, nlohmann::json::array())) {
                    // As Python's repr writes a string: backslashes and quotes escaped.
                    std::string escaped;
                    for (char c : reference.get<std::string>()) {
                        escaped += (c == '\\' || c == '\'') ? std::string("\\") + c
                                                              : std::string(1, c);
                    }
                    value += (value.size() > 1 ? ", '" : "'") + escaped + "'";
                }
                value += "]";
            } else {
                value = text(row.value(column, nlohmann::json()));
            }
            out << ',' << field(value);
        }
        out << '\n';
    }
}

struct Expected {
    const char* file;
    std::size_t rows, mappings, duplicates, capabilities;
    std::size_t scored, mitigating, related, nonMappable;
    std::size_t conflicts, unknown, revoked, namesDiffer;
};

// Computed from the files with a separate Python script that applies the
// same rules (see the importer's header for them).
constexpr Expected expectedCounts[] = {
    {"aws-12.12.2024_attack-16.1-enterprise.json", 497, 497, 0, 30, 487, 0, 0, 10, 0, 0, 1, 27},
    {"azure-04.26.2025_attack-16.1-enterprise.json", 972, 971, 1, 38, 971, 0, 0, 0, 2, 0, 1, 0},
    {"cri_profile-v2.1_attack-16.1-enterprise.json", 2152, 2152, 0, 60, 0, 2152, 0, 0, 0, 0, 0,
     0},
    {"csa_ccm-4.1_attack-17.1-enterprise.json", 940, 938, 2, 204, 0, 790, 0, 148, 0, 8, 0, 9},
    {"gcp-03.06.2025_attack-16.1-enterprise.json", 536, 534, 2, 58, 516, 0, 0, 18, 0, 0, 0, 0},
    {"intel-vpro-08.20.2024_attack-15.1-enterprise.json", 261, 261, 0, 6, 0, 261, 0, 0, 12, 0, 0,
     0},
    {"kev-02.13.2025_attack-15.1-enterprise.json", 806, 806, 0, 296, 0, 0, 806, 0, 0, 0, 0, 0},
    {"kev-02.13.2025_attack-15.1-mobile.json", 8, 8, 0, 3, 0, 0, 8, 0, 0, 0, 0, 0},
    {"kev-07.28.2025_attack-16.1-enterprise.json", 1183, 1183, 0, 419, 0, 0, 1183, 0, 0, 0, 0, 0},
    {"kev-07.28.2025_attack-16.1-mobile.json", 45, 45, 0, 14, 0, 0, 45, 0, 0, 0, 0, 0},
    {"m365-07.18.2025_attack-16.1-enterprise.json", 806, 748, 58, 38, 748, 0, 0, 0, 20, 0, 0, 0},
    {"m365-12.11.2023_attack-14.1-enterprise.json", 518, 509, 9, 34, 509, 0, 0, 0, 2, 0, 0, 3},
    {"nist_800_53-rev4_attack-14.1-enterprise.json", 5061, 5060, 1, 107, 0, 4971, 0, 89, 0, 0, 0,
     27},
    {"nist_800_53-rev5_attack-14.1-enterprise.json", 5136, 5133, 3, 107, 0, 5044, 0, 89, 0, 0, 0,
     29},
    {"nist_800_53-rev5_attack-16.1-enterprise.json", 5410, 5360, 50, 109, 0, 5264, 0, 96, 0, 1, 0,
     0},
    {"veris-1.4.0_attack-16.1-enterprise.json", 1221, 1212, 9, 188, 0, 0, 1160, 52, 0, 0, 0, 0},
    {"veris-1.4.0_attack-16.1-ics.json", 347, 347, 0, 220, 0, 0, 209, 138, 0, 0, 0, 0},
    {"veris-1.4.0_attack-16.1-mobile.json", 399, 397, 2, 190, 0, 0, 274, 123, 0, 0, 0, 0},
};

} // namespace

TEST_CASE("A small mapping file imports with duplicates, conflicts and flags",
          "[mapping][import]") {
    Database db = withMiniBundle();
    auto report = importMappingJson(db, fixture("mapping-aws-mini.json"));

    CHECK(report.kind == "mapping");
    CHECK(report.target == "AWS 12/12/2024 (ATT&CK 16.1 enterprise)");
    CHECK(report.notes == std::vector<std::string>{"techniques checked against enterprise@16.1"});
    CHECK(report.countOf("rows") == 9);
    CHECK(report.countOf("mappings") == 8);
    CHECK(report.countOf("duplicates") == 1);
    CHECK(report.countOf("capabilities") == 4);
    CHECK(report.countOf("scored") == 6);
    CHECK(report.countOf("related") == 1);
    CHECK(report.countOf("non-mappable") == 1);
    CHECK(report.countOf("capabilities that map to nothing") == 1);
    CHECK(report.countOf("conflicts") == 2);
    CHECK(report.countOf("unknown techniques") == 1);
    CHECK(report.countOf("revoked") == 1);
    CHECK(report.countOf("names differ") == 1);
    CHECK(report.countOf("unknown types") == 1);
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0] == "mapping type 'technique_guess' (1 rows) is not in the framework "
                                "catalogue: read as related");

    auto mappings = mappingsForTechnique(db, "t1552.005");
    REQUIRE(mappings.size() == 4);
    const Mapping& guardduty = mappings[0];
    CHECK(guardduty.capabilityId == "amazon_guardduty");
    CHECK(guardduty.kind == MappingKind::Scored);
    CHECK(guardduty.scoreCategory == "detect");
    CHECK(guardduty.scoreValue == ScoreValue::Minimal);
    CHECK(guardduty.relatedScore == "T1552");
    CHECK(guardduty.comments ==
          "Watches API calls made with instance credentials.\nFlags use from outside.");
    CHECK(guardduty.references == std::vector<std::string>{
                                      "https://example.org/guardduty",
                                      "https://example.org/guardduty/findings"});
    CHECK(guardduty.techniqueName == "Cloud Instance Metadata API");
    CHECK(guardduty.flags.empty());

    // Rows 1 and 2 agree and are kept once; what the second adds is not lost.
    const Mapping& config = mappings[1];
    CHECK(config.capabilityId == "aws_config");
    CHECK(config.capabilityDescription == "AWS Config"); // the first row had null
    CHECK(config.scoreValue == ScoreValue::Partial);
    CHECK(config.duplicates == 1);
    CHECK(config.comments == "A rule reports instances that still allow the old metadata "
                             "protocol.");
    CHECK(config.references == std::vector<std::string>{"https://example.org/config"});
    CHECK(config.flags == std::vector<std::string>{"conflicts with another row"});

    // Row 3 says minimal for the same pair: both are kept, both flagged.
    CHECK(mappings[2].scoreValue == ScoreValue::Minimal);
    CHECK(mappings[2].flags == std::vector<std::string>{"conflicts with another row"});

    CHECK(mappings[3].capabilityId == "aws_shield");
    CHECK(mappings[3].kind == MappingKind::Related);
    CHECK(mappings[3].mappingType == "technique_guess");
    CHECK(mappings[3].flags == std::vector<std::string>{"unknown mapping type, read as related"});

    auto revoked = mappingsForTechnique(db, "T1522");
    REQUIRE(revoked.size() == 1);
    CHECK(revoked[0].flags == std::vector<std::string>{"revoked, replaced by T1552.005"});
    CHECK(revoked[0].replacedBy == "T1552.005");

    auto renamed = mappingsForTechnique(db, "T1552");
    REQUIRE(renamed.size() == 1);
    CHECK(renamed[0].techniqueName == "Unsecured Credentials");
    CHECK(renamed[0].techniqueNameInFile == "Credentials in Files");
    CHECK(renamed[0].flags == std::vector<std::string>{"named 'Credentials in Files' in the file"});

    auto unknown = mappingsForTechnique(db, "T9999");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].flags == std::vector<std::string>{"unknown technique"});

    auto releases = listFrameworkReleases(db);
    REQUIRE(releases.size() == 1);
    auto nothing = mappingsForCapability(db, releases[0].id, "amazon_detective");
    REQUIRE(nothing.size() == 1);
    CHECK_FALSE(nothing[0].techniqueId);
    CHECK(nothing[0].kind == MappingKind::NonMappable);
    CHECK(nothing[0].status == "non_mappable");

    CHECK(releases[0].rowCount == 9);
    CHECK(releases[0].mappingCount == 8);
    CHECK(releases[0].capabilityCount == 4);
    CHECK(releases[0].flaggedCount == 6);
    CHECK(releases[0].validatedAgainst == "enterprise@16.1");
    CHECK(releases[0].spec() == "aws 12/12/2024 (enterprise@16.1)");

    // Comments, capability ids and descriptions are searchable.
    auto hits = search(db, "metadata protocol");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].kind == "mapping");
    CHECK(hits[0].scope == "aws 12/12/2024 (enterprise@16.1)");
    auto capabilityHits = search(db, "GuardDuty");
    REQUIRE_FALSE(capabilityHits.empty());
    CHECK(capabilityHits[0].kind == "capability");
}

TEST_CASE("NIST ids compare canonically and non-mappable techniques are kept",
          "[mapping][import]") {
    Database db = withMiniBundle();
    auto report = importMappingJson(db, fixture("mapping-nist-mini.json"));
    CHECK(report.countOf("rows") == 6);
    CHECK(report.countOf("mappings") == 5);
    CHECK(report.countOf("duplicates") == 1); // "AC-2 " and "AC-2" are one control
    CHECK(report.countOf("capabilities") == 2);
    CHECK(report.countOf("mitigating") == 3);
    CHECK(report.countOf("non-mappable") == 2);
    CHECK(report.countOf("techniques no capability maps") == 2);
    CHECK(report.countOf("unknown techniques") == 2); // T1650, T1651: not in the mini bundle

    auto releases = listFrameworkReleases(db);
    REQUIRE(releases.size() == 1);
    const std::int64_t release = releases[0].id;
    for (const char* id : {"AC-2", "AC-02", "ac-2 ", "AC-002"}) {
        auto capability = findCapability(db, release, id);
        REQUIRE(capability);
        CHECK(capability->capabilityId == "AC-2"); // as the file first wrote it
        CHECK(capability->canonicalId == "AC-2");
        CHECK(capability->groupName == "Access Control");
    }
    auto enhancement = findCapability(db, release, "AC-2(1)");
    REQUIRE(enhancement);
    CHECK(enhancement->capabilityId == "AC-02(01)");

    auto toAc2 = mappingsForCapability(db, release, "AC-02");
    REQUIRE(toAc2.size() == 2);
    CHECK(toAc2[0].techniqueId == "T1552");
    CHECK(toAc2[0].capabilityId == "AC-02"); // each row keeps the id it was written with
    CHECK(toAc2[1].techniqueId == "T1552.005");
    CHECK(toAc2[1].duplicates == 1);

    auto unmapped = mappingsForTechnique(db, "T1650");
    REQUIRE(unmapped.size() == 1);
    CHECK_FALSE(unmapped[0].capabilityId);
    CHECK(unmapped[0].kind == MappingKind::NonMappable);
    CHECK(unmapped[0].comments == "Nothing in the catalogue mitigates it.");
    // "" is null: the T1651 row is non-mappable in the same way.
    auto empty = mappingsForTechnique(db, "T1651");
    REQUIRE(empty.size() == 1);
    CHECK_FALSE(empty[0].capabilityId);
    CHECK(empty[0].mappingType.empty());

    MappingFilter mitigating;
    mitigating.kinds = {MappingKind::Mitigating};
    CHECK(mappingsForTechnique(db, "T1650", mitigating).empty());
    MappingFilter mobile;
    mobile.domain = "mobile";
    CHECK(mappingsForTechnique(db, "T1552.005", mobile).empty());
}

TEST_CASE("The CSV export imports as its JSON does", "[mapping][import][csv]") {
    Database fromJson = withMiniBundle();
    Database fromCsv = withMiniBundle();
    auto jsonReport = importMappingJson(fromJson, fixture("mapping-aws-mini.json"));
    auto csvReport = importMappingCsv(fromCsv, fixture("mapping-aws-mini.csv"));
    CHECK(csvReport.target == jsonReport.target);
    CHECK(csvReport.counts == jsonReport.counts);
    CHECK(storedMappings(fromCsv) == storedMappings(fromJson));

    auto mappings = mappingsForTechnique(fromCsv, "T1552.005");
    REQUIRE(mappings.size() == 4);
    CHECK(mappings[0].references == std::vector<std::string>{
                                        "https://example.org/guardduty",
                                        "https://example.org/guardduty/findings"});
    CHECK(mappings[0].capabilityGroup == "Amazon GuardDuty"); // the export writes names
}

TEST_CASE("Mapping files: the same bytes change nothing, a changed file replaces its release",
          "[mapping][import]") {
    Database db = withMiniBundle();
    importMappingJson(db, fixture("mapping-nist-mini.json"));
    importMappingJson(db, fixture("mapping-aws-mini.json"));
    const auto mappings = rowCount(db, "mapping");
    const auto indexed = rowCount(db, "search_index");
    const auto before = storedMappings(db);

    auto again = importMappingJson(db, fixture("mapping-aws-mini.json"));
    CHECK(again.unchanged);
    CHECK(storedMappings(db) == before);
    CHECK(rowCount(db, "import_log", "kind = 'mapping'") == 2);

    // The same release with one row fewer replaces the old one, and only it.
    auto changed = std::filesystem::temp_directory_path() / "attackmap-aws-changed.json";
    {
        std::ifstream in(fixture("mapping-aws-mini.json"));
        nlohmann::json doc = nlohmann::json::parse(in);
        doc["mapping_objects"].erase(doc["mapping_objects"].begin() + 5); // the T9999 row
        std::ofstream(changed) << doc.dump(2);
    }
    auto replaced = importMappingJson(db, changed.string());
    CHECK_FALSE(replaced.unchanged);
    CHECK(replaced.countOf("mappings") == 7);
    CHECK(rowCount(db, "framework_release") == 2);
    CHECK(rowCount(db, "mapping") == mappings - 1);
    CHECK(rowCount(db, "search_index") == indexed); // the T9999 row had no comment
    CHECK(mappingsForTechnique(db, "T9999").empty());
    CHECK(mappingsForTechnique(db, "T1650").size() == 1); // NIST untouched
    std::filesystem::remove(changed);
}

TEST_CASE("Re-importing ATT&CK leaves mappings in place", "[mapping][import]") {
    Database db = withMiniBundle();
    importMappingJson(db, fixture("mapping-aws-mini.json"));
    const auto before = storedMappings(db);
    db.exec("UPDATE attack_release SET sha256 = 'stale'"); // forces a real re-import
    importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});
    CHECK(storedMappings(db) == before);
    CHECK(mappingsForTechnique(db, "T1552")[0].techniqueName == "Unsecured Credentials");
}

TEST_CASE("Malformed mapping files fail naming the place, and change nothing",
          "[mapping][import][errors]") {
    Database db = withMiniBundle();
    importMappingJson(db, fixture("mapping-nist-mini.json"));
    const auto mappings = rowCount(db, "mapping");
    const auto capabilities = rowCount(db, "capability");
    const auto indexed = rowCount(db, "search_index");
    const auto logged = rowCount(db, "import_log");

    SECTION("not JSON") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-truncated.json")),
                          Catch::Contains("mapping-truncated.json: parse error at line"));
    }
    SECTION("no mapping_objects") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-no-objects.json")),
                          Catch::EndsWith("mapping-no-objects.json: not a Mappings Explorer "
                                          "file: no 'mapping_objects' array"));
    }
    SECTION("mapping_objects not an array") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-objects-not-array.json")),
                          Catch::EndsWith("mapping-objects-not-array.json: mapping_objects: "
                                          "must be an array, not an object"));
    }
    SECTION("a score that is a number") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-score-number.json")),
                          Catch::EndsWith("mapping-score-number.json: "
                                          "mapping_objects[2].score_value: must be a string or "
                                          "null, not a number"));
    }
    SECTION("references that are a string") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-references-string.json")),
                          Catch::EndsWith("mapping_objects[0].references: must be an array of "
                                          "strings or null, not a string"));
    }
    SECTION("a reference that is a number") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-reference-number.json")),
                          Catch::EndsWith("mapping_objects[3].references[1]: must be a string, "
                                          "not a number"));
    }
    SECTION("a score no one defined") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-unknown-score.json")),
                          Catch::EndsWith("mapping_objects[1].score_value: unknown score 'high' "
                                          "(expected minimal, partial or significant)"));
    }
    SECTION("a score category no one defined") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-score-category-unknown.json")),
                          Catch::EndsWith("mapping_objects[4].score_category: unknown score "
                                          "category 'eat' (expected protect, detect or "
                                          "respond)"));
    }
    SECTION("a CSV header that names a column twice") {
        CHECK_THROWS_WITH(importMappingCsv(db, fixture("mapping-dup-column.csv")),
                          Catch::EndsWith("mapping-dup-column.csv: line 1: the header names "
                                          "column 'capability_id' twice, as columns 5 and 20"));
    }
    SECTION("CSV bytes that are not UTF-8") {
        CHECK_THROWS_WITH(importMappingCsv(db, fixture("mapping-invalid-utf8.csv")),
                          Catch::EndsWith("mapping-invalid-utf8.csv: line 4, column 22: not "
                                          "valid UTF-8 (byte 0xff)"));
    }
    SECTION("a row with neither id") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-no-ids.json")),
                          Catch::EndsWith("mapping_objects[4]: names neither a capability "
                                          "(capability_id) nor a technique (attack_object_id)"));
    }
    SECTION("no framework, and a file name that does not say it") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("mapping-no-framework.json")),
                          Catch::EndsWith("mapping-no-framework.json: "
                                          "metadata.mapping_framework: missing, and the file "
                                          "name does not say it"));
    }
    SECTION("a CSV quote left open") {
        CHECK_THROWS_WITH(importMappingCsv(db, fixture("mapping-unclosed-quote.csv")),
                          Catch::EndsWith("mapping-unclosed-quote.csv: line 2: a quoted field "
                                          "is not closed"));
    }
    SECTION("a CSV row short of fields") {
        CHECK_THROWS_WITH(importMappingCsv(db, fixture("mapping-short-row.csv")),
                          Catch::EndsWith("mapping-short-row.csv: line 3: 4 fields, but the "
                                          "header has 6"));
    }
    SECTION("CSV references that are not a list") {
        CHECK_THROWS_WITH(importMappingCsv(db, fixture("mapping-bad-references.csv")),
                          Catch::EndsWith("mapping-bad-references.csv: line 2, column "
                                          "references: not a list of quoted strings such as "
                                          "['https://a', 'https://b']"));
    }
    SECTION("a file that is not there") {
        CHECK_THROWS_WITH(importMappingJson(db, fixture("no-such-mapping.json")),
                          Catch::Contains("no-such-mapping.json: cannot open"));
    }
    CHECK(rowCount(db, "mapping") == mappings);
    CHECK(rowCount(db, "capability") == capabilities);
    CHECK(rowCount(db, "search_index") == indexed);
    CHECK(rowCount(db, "import_log") == logged);
    CHECK(rowCount(db, "framework_release") == 1);
}

TEST_CASE("A scored mapping without a category or a value is kept, flagged and counted",
          "[mapping][import]") {
    Database db = withMiniBundle();
    auto report = importMappingJson(db, fixture("mapping-no-score.json"));
    CHECK(report.countOf("mappings") == 8);
    CHECK(report.countOf("scored") == 6);
    CHECK(report.countOf("no score") == 2);

    auto metadata = mappingsForTechnique(db, "T1552.005");
    REQUIRE(metadata.size() == 4);
    CHECK(metadata[0].capabilityId == "amazon_guardduty");
    CHECK(metadata[0].scoreCategory == "detect");
    CHECK(metadata[0].scoreValue == ScoreValue::None);
    CHECK(metadata[0].flags == std::vector<std::string>{"no score, counted as no coverage"});
    CHECK(metadata[0].flagBits == static_cast<unsigned>(MappingFlag::NoScore));

    auto revoked = mappingsForTechnique(db, "T1522");
    REQUIRE(revoked.size() == 1);
    CHECK(revoked[0].scoreCategory.empty());
    CHECK(revoked[0].scoreValue == ScoreValue::Partial);
    CHECK(revoked[0].flags == std::vector<std::string>{"revoked, replaced by T1552.005",
                                                       "no score, counted as no coverage"});
    CHECK(listFrameworkReleases(db)[0].flaggedCount == 7);
}

TEST_CASE("A byte order mark before a mapping JSON file is skipped", "[mapping][import]") {
    Database db = withMiniBundle();
    auto report = importMappingJson(db, fixture("mapping-bom.json"));
    CHECK(report.target == "AWS 12/12/2024 (ATT&CK 16.1 enterprise)");
    CHECK(report.countOf("rows") == 9);
    CHECK(report.countOf("mappings") == 8);

    Database plain = withMiniBundle();
    importMappingJson(plain, fixture("mapping-aws-mini.json"));
    CHECK(storedMappings(db) == storedMappings(plain));
}

TEST_CASE("Mappings are checked again when an ATT&CK release is imported",
          "[mapping][import]") {
    Database bundleFirst = withMiniBundle();
    importMappingJson(bundleFirst, fixture("mapping-aws-mini.json"));

    // Mappings first, with nothing to check them against: only the file's
    // own flags (two conflicting rows, one unknown type).
    Database db(":memory:");
    auto unchecked = importMappingJson(db, fixture("mapping-aws-mini.json"));
    CHECK(unchecked.warnings.front() == "techniques not checked: no enterprise ATT&CK release "
                                        "is loaded");
    CHECK(listFrameworkReleases(db)[0].flaggedCount == 3);
    CHECK(listFrameworkReleases(db)[0].validatedAgainst.empty());

    // An older release is the nearest one, then the same version replaces it.
    auto older = importAttackBundle(db, fixture("mini-bundle.json"), {"15.1", {}});
    CHECK(older.notes == std::vector<std::string>{"mappings checked again: 3 changed their "
                                                  "flags"});
    CHECK(listFrameworkReleases(db)[0].validatedAgainst == "enterprise@15.1");
    CHECK(listFrameworkReleases(db)[0].flaggedCount == 6);

    auto same = importAttackBundle(db, fixture("mini-bundle.json"), {"16.1", {}});
    CHECK(same.notes.empty()); // the same techniques: no flag changes
    CHECK(listFrameworkReleases(db)[0].validatedAgainst == "enterprise@16.1");
    CHECK(storedMappings(db) == storedMappings(bundleFirst));
    CHECK(mappingsForTechnique(db, "T1522")[0].flags ==
          std::vector<std::string>{"revoked, replaced by T1552.005"});
    CHECK(mappingsForTechnique(db, "T9999")[0].flags ==
          std::vector<std::string>{"unknown technique"});

    // Another domain's import leaves these alone; only the validation bits
    // are rewritten, the file's own stay.
    db.exec("UPDATE mapping SET flags = flags & ~15, replaced_by = NULL");
    CHECK(revalidateMappings(db, "mobile") == 0);
    CHECK(listFrameworkReleases(db)[0].flaggedCount == 3);
    CHECK(revalidateMappings(db, "enterprise") == 3);
    CHECK(storedMappings(db) == storedMappings(bundleFirst));
}

TEST_CASE("The real ATT&CK release replacing the sample clears KEV's stale flags",
          "[mapping][import][real]") {
    auto data = attackmap::test::realData();
    if (!data) {
        return;
    }
    Database db(":memory:");
    importAttackBundle(db, attackmap::test::sample("enterprise-attack-16.1-sample.json"));
    auto kev = importMappingJson(
        db, (*data / "mappings" / "kev-07.28.2025_attack-16.1-enterprise.json").string());
    CHECK(kev.countOf("unknown techniques") == 1165);
    auto real = importAttackBundle(db, (*data / "attack" / "enterprise-attack-16.1.json"));
    CHECK(real.notes == std::vector<std::string>{"mappings checked again: 1165 changed their "
                                                 "flags"});
    auto releases = listFrameworkReleases(db);
    REQUIRE(releases.size() == 1);
    CHECK(releases[0].flaggedCount == 0);
    CHECK(releases[0].validatedAgainst == "enterprise@16.1");
}

TEST_CASE("File kinds are told apart past leading whitespace and a long first value",
          "[mapping][import][kind]") {
    std::ifstream in(fixture("mapping-aws-mini.json"), std::ios::binary);
    const std::string mapping((std::istreambuf_iterator<char>(in)), {});
    REQUIRE(mapping.front() == '{');
    const auto dir = std::filesystem::temp_directory_path();
    auto write = [&](const std::string& name, const std::string& text) {
        auto path = (dir / ("attackmap-kind-" + name)).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    };
    // 70 KB: past the first 64 KB window either way.
    const std::string spaces(70 * 1024, ' ');
    const std::string longValue = "{\"comment\": \"" + std::string(70 * 1024, 'x') + "\", ";

    auto padded = write("padded.json", spaces + "\n" + mapping);
    auto longFirst = write("long-first.json", longValue + mapping.substr(1));
    auto bundle = write("bundle.json", longValue + "\"type\": \"bundle\", \"objects\": []}");
    auto csv = write("padded.csv", spaces + "\n,capability_id,attack_object_id\n");
    auto neither = write("neither.json", longValue + "\"other\": 1}");
    auto blank = write("blank.json", spaces);
    CHECK(detectFileKind(padded) == FileKind::MappingJson);
    CHECK(detectFileKind(longFirst) == FileKind::MappingJson);
    CHECK(detectFileKind(bundle) == FileKind::AttackBundle);
    CHECK(detectFileKind(csv) == FileKind::MappingCsv);
    CHECK(detectFileKind(neither) == FileKind::Unknown);
    CHECK(detectFileKind(blank) == FileKind::Unknown);

    Database db = withMiniBundle();
    CHECK(importMappingJson(db, longFirst).countOf("mappings") == 8);
    for (const auto& path : {padded, longFirst, bundle, csv, neither, blank}) {
        std::filesystem::remove(path);
    }
}

TEST_CASE("A cancelled mapping import rolls back", "[mapping][import]") {
    Database db = withMiniBundle();
    MappingImportOptions options;
    options.progress = [](std::string_view stage, std::size_t, std::size_t) {
        return stage != "committing";
    };
    CHECK_THROWS_AS(importMappingJson(db, fixture("mapping-aws-mini.json"), options),
                    ImportCancelled);
    CHECK(rowCount(db, "framework_release") == 0);
    CHECK(rowCount(db, "mapping") == 0);
}

TEST_CASE("Every real Mappings Explorer file imports with exact counts",
          "[mapping][import][real]") {
    auto data = attackmap::test::realData();
    if (!data) {
        return;
    }
    Database db(":memory:");
    for (const char* domain : {"enterprise", "mobile", "ics"}) {
        importAttackBundle(db, (*data / "attack" / (std::string(domain) + "-attack-16.1.json")));
    }
    for (const Expected& expected : expectedCounts) {
        INFO(expected.file);
        auto report = importMappingJson(db, (*data / "mappings" / expected.file).string());
        CHECK(report.countOf("rows") == expected.rows);
        CHECK(report.countOf("mappings") == expected.mappings);
        CHECK(report.countOf("duplicates") == expected.duplicates);
        CHECK(report.countOf("capabilities") == expected.capabilities);
        CHECK(report.countOf("scored") == expected.scored);
        CHECK(report.countOf("mitigating") == expected.mitigating);
        CHECK(report.countOf("related") == expected.related);
        CHECK(report.countOf("non-mappable") == expected.nonMappable);
        CHECK(report.countOf("conflicts") == expected.conflicts);
        CHECK(report.countOf("unknown techniques") == expected.unknown);
        CHECK(report.countOf("revoked") == expected.revoked);
        CHECK(report.countOf("deprecated") == 0);
        CHECK(report.countOf("names differ") == expected.namesDiffer);
        // Seven technique_score rows of this file lack a category or a value.
        const bool m365 =
            std::string_view(expected.file) == "m365-12.11.2023_attack-14.1-enterprise.json";
        CHECK(report.countOf("no score") == (m365 ? 7 : 0));
    }

    auto releases = listFrameworkReleases(db);
    REQUIRE(releases.size() == 18);
    // Every row of every file is stored once or counted as a duplicate.
    auto stored = db.prepare("SELECT fr.row_count, sum(1 + m.duplicate_count) FROM mapping m "
                             "JOIN framework_release fr ON fr.id = m.release_id GROUP BY fr.id");
    while (stored.step()) {
        CHECK(stored.integer(0) == stored.integer(1));
    }

    const auto& veris = releaseOf(releases, "veris", "1.4.0", "16.1", "enterprise");
    CHECK(veris.validatedAgainst == "enterprise@16.1");
    const auto& ccm = releaseOf(releases, "csa_ccm", "4.1", "17.1", "enterprise");
    CHECK(ccm.validatedAgainst == "enterprise@16.1"); // the nearest loaded to 17.1
    const auto& kevMobile = releaseOf(releases, "kev", "02/13/2025", "15.1", "mobile");
    CHECK(kevMobile.validatedAgainst == "mobile@16.1");

    MappingFilter enterprise;
    enterprise.domain = "enterprise";
    auto t1552005 = mappingsForTechnique(db, "T1552.005", enterprise);
    CHECK(t1552005.size() == 59);

    const auto& cri = releaseOf(releases, "cri_profile", "v2.1", "16.1", "enterprise");
    CHECK(capabilityIds(t1552005, cri.id) ==
          std::vector<std::string>{"PR.IR-01.01", "PR.IR-01.02", "PR.IR-01.03", "PR.IR-01.06",
                                   "PR.IR-04.01", "PR.PS-01.08"});
    for (const auto& mapping : t1552005) {
        if (mapping.frameworkReleaseId == cri.id) {
            CHECK(mapping.mappingType == "mitigates");
            CHECK(mapping.kind == MappingKind::Mitigating);
        }
    }

    CHECK(capabilityIds(t1552005, veris.id) ==
          std::vector<std::string>{"action.malware.variety.Password dumper",
                                   "attribute.confidentiality.data_disclosure"});
    for (const auto& mapping : t1552005) {
        if (mapping.frameworkReleaseId == veris.id) {
            CHECK(mapping.mappingType == "related_to");
            CHECK(mapping.kind == MappingKind::Related);
        }
        if (mapping.capabilityId == "attribute.confidentiality.data_disclosure") {
            CHECK(mapping.capabilityDescription.empty()); // null in the file
        }
    }

    const auto& gcp = releaseOf(releases, "gcp", "03/06/2025", "16.1", "enterprise");
    CHECK(capabilityIds(t1552005, gcp.id) == std::vector<std::string>{"cloud_key_management"});

    const auto& aws = releaseOf(releases, "aws", "12/12/2024", "16.1", "enterprise");
    using Score = std::tuple<std::string, std::string, std::string, ScoreValue>;
    std::vector<Score> awsScores;
    for (const auto& mapping : t1552005) {
        if (mapping.frameworkReleaseId == aws.id) {
            awsScores.emplace_back(*mapping.capabilityId, mapping.mappingType,
                                   mapping.scoreCategory, mapping.scoreValue);
        }
    }
    CHECK(awsScores == std::vector<Score>{
                           {"amazon_guardduty", "technique_scores", "detect", ScoreValue::Minimal},
                           {"aws_config", "technique_scores", "protect", ScoreValue::Partial}});

    const auto& nist = releaseOf(releases, "nist_800_53", "rev5", "16.1", "enterprise");
    CHECK(capabilityIds(t1552005, nist.id) ==
          std::vector<std::string>{"AC-03", "AC-04", "AC-16", "AC-17", "AC-20", "CA-07", "CM-06",
                                   "CM-07", "IA-03", "IA-04", "SC-07", "SI-04", "SI-10",
                                   "SI-15"});
    CHECK(capabilityIds(t1552005, ccm.id) ==
          std::vector<std::string>{"AIS-04", "AIS-05", "DSP-17", "IAM-15", "IAM-16", "IPY-02",
                                   "IPY-03"});
    const auto& rev4 = releaseOf(releases, "nist_800_53", "rev4", "14.1", "enterprise");
    CHECK(capabilityIds(t1552005, rev4.id).size() == 13);

    // NIST rev4 wrote "AC-4 " with a space in some rows: one control still.
    auto ac4 = findCapability(db, rev4.id, "AC-04");
    REQUIRE(ac4);
    CHECK(ac4->capabilityId == "AC-4");

    // Non-mappable in both directions.
    MappingFilter nistOnly;
    nistOnly.frameworkReleaseIds = {nist.id};
    auto unmapped = mappingsForTechnique(db, "T1496.002", nistOnly);
    REQUIRE(unmapped.size() == 1);
    CHECK_FALSE(unmapped[0].capabilityId);
    CHECK(unmapped[0].kind == MappingKind::NonMappable);
    auto detective = mappingsForCapability(db, aws.id, "amazon_detective");
    REQUIRE(detective.size() == 1);
    CHECK_FALSE(detective[0].techniqueId);
}

TEST_CASE("Real CSV exports import as their JSON does", "[mapping][import][csv][real]") {
    auto data = attackmap::test::realData();
    if (!data) {
        return;
    }
    for (const char* file : {"aws-12.12.2024_attack-16.1-enterprise.json",
                             "nist_800_53-rev5_attack-16.1-enterprise.json",
                             "intel-vpro-08.20.2024_attack-15.1-enterprise.json",
                             "cri_profile-v2.1_attack-16.1-enterprise.json",
                             "m365-07.18.2025_attack-16.1-enterprise.json"}) {
        INFO(file);
        auto json = *data / "mappings" / file;
        auto csv = std::filesystem::temp_directory_path() /
                   std::filesystem::path(file).replace_extension(".csv").filename();
        writeExportCsv(json, csv);
        Database fromJson(":memory:");
        Database fromCsv(":memory:");
        auto jsonReport = importMappingJson(fromJson, json.string());
        auto csvReport = importMappingCsv(fromCsv, csv.string());
        CHECK(csvReport.target == jsonReport.target);
        CHECK(csvReport.counts == jsonReport.counts);
        CHECK(storedMappings(fromCsv) == storedMappings(fromJson));
        std::filesystem::remove(csv);
    }
}

TEST_CASE("The CLI shows a technique's mappings from the embedded sample", "[mapping][cli]") {
    const std::string db = attackmap::test::freshDatabasePath("cli-mappings");
    auto run = [&db](const std::string& args) {
        auto result = attackmap::test::runCli("--db " + db + " " + args);
        CHECK(result.exitCode == 0);
        return result.out;
    };
    auto imported = run("import" + attackmap::test::sampleJsonFiles());
    CHECK_THAT(imported, Catch::Contains("aws-12.12.2024_attack-16.1-enterprise.json -> AWS "
                                         "12/12/2024 (ATT&CK 16.1 enterprise): 27 rows"));

    auto page = run("technique T1552.005");
    CHECK_THAT(page, Catch::Contains("Mappings: 32 in 6 framework releases"));
    CHECK_THAT(page, Catch::Contains("AWS 12/12/2024 (ATT&CK 16.1 enterprise)\n"
                                     "  amazon_guardduty  Amazon GuardDuty\n"
                                     "    Type         technique_scores (scored)\n"
                                     "    Score        detect minimal\n"
                                     "    Related to   T1552\n"));
    CHECK_THAT(page, Catch::Contains("  PR.IR-01.01  Network segmentation\n"
                                     "    Type         mitigates (mitigating)\n"));
    // VERIS gives data_disclosure no description: the line ends with the id.
    CHECK_THAT(page, Catch::Contains("\n  attribute.confidentiality.data_disclosure\n"));
    CHECK_THAT(page, !Catch::Contains("None"));

    auto scored = run("technique T1552.005 --kind scored --format csv");
    CHECK_THAT(scored, Catch::StartsWith("framework,framework_version,attack_version,domain,"));
    CHECK_THAT(scored, Catch::Contains("\r\ngcp,03/06/2025,16.1,enterprise,cloud_key_management,"));
    CHECK_THAT(scored, !Catch::Contains("PR.IR-01.01"));

    auto json = nlohmann::json::parse(run("--format json technique T1552.005 --framework veris"));
    REQUIRE(json["mappings"].size() == 2);
    CHECK(json["mappings"][0]["capability_id"] == "action.malware.variety.Password dumper");
    CHECK(json["mappings"][1]["capability_description"] == "");

    auto frameworks = run("frameworks");
    CHECK_THAT(frameworks, Catch::Contains("NIST 800-53 rev5 (ATT&CK 16.1 enterprise)"));

    auto capability = run("capability nist_800_53 AC-2");
    CHECK_THAT(capability, Catch::StartsWith("AC-02  Account Management\n"));
    CHECK_THAT(capability, Catch::Contains("  Under        AC\n"));
}
