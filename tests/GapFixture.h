#pragma once

// A small, hand-made world for gap analysis tests: the ATT&CK fixture
// gaps-bundle.json plus a few mappings written straight into the mapping
// tables, so the analysis is checked on numbers worked out by hand; and the
// real data, imported once per run.

#include "TestData.h"

#include "attackmap/AttackImporter.h"
#include "attackmap/Database.h"
#include "attackmap/MappingImporter.h"
#include "attackmap/Profile.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace attackmap::test {

inline ProfileImportOptions named(const std::string& name) {
    ProfileImportOptions options;
    options.name = name;
    return options;
}

inline std::int64_t addFrameworkRelease(Database& db, const std::string& framework,
                                        const std::string& version,
                                        const std::string& attackVersion,
                                        const std::string& lastUpdate = "") {
    auto stmt = db.prepare(
        "INSERT INTO framework_release (framework, framework_version, attack_version, domain, "
        "display_name, short_name, last_update, source_file, sha256, row_count) "
        "VALUES (?, ?, ?, 'enterprise', ?, ?, ?, 'fixture', ?, 0)");
    stmt.bindAll(framework, version, attackVersion, framework, framework, lastUpdate,
                 framework + version + attackVersion)
        .run();
    return db.lastInsertId();
}

/// Adds a mapping, and its capability when the release does not have it yet.
inline void addMapping(Database& db, std::int64_t release, const std::string& capability,
                       const std::string& description, const std::string& technique,
                       const std::string& kind, const std::string& category = "",
                       const std::string& value = "") {
    auto find = db.prepare("SELECT id FROM capability WHERE release_id = ? AND capability_id = ?");
    find.bindAll(release, capability);
    std::int64_t capabilityRow = 0;
    if (find.step()) {
        capabilityRow = find.integer(0);
    } else {
        db.prepare("INSERT INTO capability (release_id, capability_id, canonical_id, description) "
                   "VALUES (?, ?, ?, ?)")
            .bindAll(release, capability, capability, description)
            .run();
        capabilityRow = db.lastInsertId();
    }
    std::string type = kind == "scored"       ? "technique_scores"
                       : kind == "mitigating" ? "mitigates"
                                              : "related_to";
    db.prepare("INSERT INTO mapping (release_id, row_index, capability_id, "
               "capability_as_published, technique_id, mapping_type, kind, score_category, "
               "score_value) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(release, capabilityRow, capability, technique, type, kind, category, value)
        .run();
}

/// gaps-bundle.json as enterprise 16.1, and these mappings:
///   aws 12/12/2024: amazon_guardduty T1552.005 detect minimal, T1580 detect significant;
///                   aws_config T1552.005 protect partial; amazon_macie T1619 detect partial
///   nist_800_53 rev5 (16.1): AC-02 mitigates T1552.005, T1003;
///                            SI-04 mitigates T1003, T1552.001, T1580
///   nist_800_53 rev4 (14.1): AC-2 mitigates T1619 (not read: rev5 is nearer 16.1)
///   kev: two CVEs related to T1003, one to T1552.005; veris: one related to T1003
inline void loadGapFixture(Database& db) {
    importAttackBundle(db, fixture("gaps-bundle.json"), {"16.1", {}});
    auto aws = addFrameworkRelease(db, "aws", "12/12/2024", "16.1", "12/12/2024");
    addMapping(db, aws, "amazon_guardduty", "Amazon GuardDuty", "T1552.005", "scored", "detect",
               "minimal");
    addMapping(db, aws, "amazon_guardduty", "Amazon GuardDuty", "T1580", "scored", "detect",
               "significant");
    addMapping(db, aws, "aws_config", "AWS Config", "T1552.005", "scored", "protect", "partial");
    addMapping(db, aws, "amazon_macie", "Amazon Macie <finds> \"data\" & more", "T1619", "scored",
               "detect", "partial");
    auto rev5 = addFrameworkRelease(db, "nist_800_53", "rev5", "16.1");
    addMapping(db, rev5, "AC-02", "Account Management", "T1552.005", "mitigating");
    addMapping(db, rev5, "AC-02", "Account Management", "T1003", "mitigating");
    addMapping(db, rev5, "SI-04", "System Monitoring", "T1003", "mitigating");
    addMapping(db, rev5, "SI-04", "System Monitoring", "T1552.001", "mitigating");
    addMapping(db, rev5, "SI-04", "System Monitoring", "T1580", "mitigating");
    auto rev4 = addFrameworkRelease(db, "nist_800_53", "rev4", "14.1");
    addMapping(db, rev4, "AC-2", "Account Management", "T1619", "mitigating");
    auto kev = addFrameworkRelease(db, "kev", "07/28/2025", "16.1");
    addMapping(db, kev, "CVE-2021-44228", "Log4Shell", "T1003", "related");
    addMapping(db, kev, "CVE-2023-0001", "A test CVE", "T1003", "related");
    addMapping(db, kev, "CVE-2021-44228", "Log4Shell", "T1552.005", "related");
    auto veris = addFrameworkRelease(db, "veris", "1.4.0", "16.1");
    addMapping(db, veris, "action.malware.variety.Password dumper", "", "T1003", "related");
}

} // namespace attackmap::test

namespace attackmap::test {

/// enterprise-attack-16.1.json and every mapping file of the real data,
/// imported once per test process into an in-memory database; nullptr
/// when the real data is not there (the test is then skipped or failed by
/// realData()).
inline Database* realGapDatabase() {
    static std::unique_ptr<Database> db;
    if (db) {
        return db.get();
    }
    auto data = realData();
    if (!data) {
        return nullptr;
    }
    // In memory: CTest runs each test in its own process, in parallel, and a
    // shared file would be rebuilt by one while another reads it.
    db = std::make_unique<Database>(":memory:");
    importAttackBundle(*db, (*data / "attack" / "enterprise-attack-16.1.json").string());
    for (const auto& entry : std::filesystem::directory_iterator(*data / "mappings")) {
        importMappingJson(*db, entry.path().string());
    }
    return db.get();
}

} // namespace attackmap::test
