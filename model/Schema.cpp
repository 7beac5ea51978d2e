#include "Schema.h"

#include "attackmap/Database.h"
#include "attackmap/Error.h"

#include <array>
#include <string>

namespace attackmap {

namespace {

// Migration N brings user_version from N - 1 to N. Append; never edit one
// that has shipped.
constexpr std::array migrations = {
    // 1: ATT&CK releases, their objects and relationships, search, import log.
    R"sql(
CREATE TABLE attack_release (
    id INTEGER PRIMARY KEY,
    domain TEXT NOT NULL,            -- enterprise, mobile, ics
    version TEXT NOT NULL,           -- 16.1
    name TEXT NOT NULL,
    stix_version TEXT NOT NULL,      -- 2.0 or 2.1
    source_file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (domain, version)
);

-- Every STIX object we keep: techniques, tactics, mitigations, groups,
-- software, campaigns, data sources and data components.
CREATE TABLE attack_object (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES attack_release(id) ON DELETE CASCADE,
    stix_id TEXT NOT NULL,
    type TEXT NOT NULL,              -- technique, tactic, mitigation, group,
                                     -- software, campaign, data-source, data-component
    attack_id TEXT,                  -- T1552.005, TA0006, M1047, G0016, S0002, C0024
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    url TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    deprecated INTEGER NOT NULL DEFAULT 0,
    object_version TEXT,
    modified TEXT,
    UNIQUE (release_id, stix_id)
);
CREATE INDEX attack_object_by_attack_id ON attack_object(release_id, attack_id);
CREATE INDEX attack_object_by_type ON attack_object(release_id, type);

-- parent_id and revoked_by_id point into the same release, which is only
-- ever deleted whole: they carry no foreign key, so that deleting a release
-- does not look each of them up.
CREATE TABLE technique (
    object_id INTEGER PRIMARY KEY REFERENCES attack_object(id) ON DELETE CASCADE,
    is_subtechnique INTEGER NOT NULL,
    parent_id INTEGER,
    revoked_by_id INTEGER,
    detection TEXT NOT NULL DEFAULT ''
);
CREATE INDEX technique_by_parent ON technique(parent_id);

CREATE TABLE tactic (
    object_id INTEGER PRIMARY KEY REFERENCES attack_object(id) ON DELETE CASCADE,
    shortname TEXT NOT NULL,
    matrix_order INTEGER NOT NULL
);

CREATE TABLE technique_tactic (
    technique_id INTEGER NOT NULL REFERENCES attack_object(id) ON DELETE CASCADE,
    tactic_id INTEGER NOT NULL REFERENCES attack_object(id) ON DELETE CASCADE,
    PRIMARY KEY (technique_id, tactic_id)
) WITHOUT ROWID;
CREATE INDEX technique_tactic_by_tactic ON technique_tactic(tactic_id);

CREATE TABLE technique_platform (
    technique_id INTEGER NOT NULL REFERENCES attack_object(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (technique_id, platform)
) WITHOUT ROWID;

-- Twenty thousand rows a release: source and target are attack_object ids
-- of the same release, checked by the importer rather than by foreign keys,
-- which would double the cost of importing them.
CREATE TABLE relationship (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES attack_release(id) ON DELETE CASCADE,
    type TEXT NOT NULL,              -- uses, mitigates, detects, subtechnique-of, ...
    source_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX relationship_by_target ON relationship(target_id, type, source_id);

-- One index for every text the user can search. kind says what ref points
-- at and scope names the release it belongs to (enterprise@16.1).
-- technique: ref is attack_object.id; later kinds add their own.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED, ref UNINDEXED, scope UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE import_log (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    kind TEXT NOT NULL,              -- attack, mapping, ...
    target TEXT NOT NULL,            -- enterprise@16.1
    counts TEXT NOT NULL             -- JSON object of counts
);
CREATE INDEX import_log_by_sha ON import_log(sha256);
)sql",

    // 2: Mappings Explorer files. Mappings name techniques by ATT&CK id text,
    // never by attack_object row, so re-importing ATT&CK cannot break them.
    // search_index gains kinds 'capability' (ref capability.id) and 'mapping'
    // (ref mapping.id), scoped by FrameworkRelease::spec().
    R"sql(
CREATE TABLE framework_release (
    id INTEGER PRIMARY KEY,
    framework TEXT NOT NULL,           -- aws, nist_800_53, ...
    framework_version TEXT NOT NULL,   -- as the file writes it: 12/12/2024, rev5
    attack_version TEXT NOT NULL,      -- 16.1
    domain TEXT NOT NULL,              -- enterprise, mobile, ics
    display_name TEXT NOT NULL,        -- from data/frameworks.json at import
    short_name TEXT NOT NULL,
    mapping_version TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    creation_date TEXT NOT NULL DEFAULT '',
    last_update TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    row_count INTEGER NOT NULL,        -- mapping_objects in the file
    validated_against TEXT,            -- enterprise@16.1, or NULL when none was loaded
    UNIQUE (framework, framework_version, attack_version, domain)
);

CREATE TABLE mapping_type (
    release_id INTEGER NOT NULL REFERENCES framework_release(id) ON DELETE CASCADE,
    name TEXT NOT NULL,                -- the key: technique_scores, mitigates, win11-def
    label TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,                -- scored, mitigating, related, non-mappable
    known INTEGER NOT NULL,            -- 0: not in the catalogue, read as related
    PRIMARY KEY (release_id, name)
) WITHOUT ROWID;

CREATE TABLE capability_group (
    release_id INTEGER NOT NULL REFERENCES framework_release(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (release_id, group_id)
) WITHOUT ROWID;

CREATE TABLE capability (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES framework_release(id) ON DELETE CASCADE,
    capability_id TEXT NOT NULL,       -- as first published in the file, trimmed
    canonical_id TEXT NOT NULL,        -- AC-2 for AC-02 and "AC-2 "
    description TEXT NOT NULL DEFAULT '',
    group_id TEXT NOT NULL DEFAULT '',
    UNIQUE (release_id, canonical_id)
);
CREATE INDEX capability_by_canonical ON capability(canonical_id);

-- One row per distinct mapping of a file. Rows repeated in the file are
-- kept once and counted in duplicate_count.
CREATE TABLE mapping (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES framework_release(id) ON DELETE CASCADE,
    row_index INTEGER NOT NULL,        -- its first place in mapping_objects (or CSV row)
    capability_id INTEGER REFERENCES capability(id) ON DELETE CASCADE,
                                       -- NULL: no capability maps to the technique
    capability_as_published TEXT,      -- the id as this row wrote it
    capability_group TEXT NOT NULL DEFAULT '',
    technique_id TEXT COLLATE NOCASE,  -- ATT&CK id as published; NULL: maps to nothing
    technique_name_in_file TEXT NOT NULL DEFAULT '',
    mapping_type TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,                -- scored, mitigating, related, non-mappable
    score_category TEXT NOT NULL DEFAULT '',
    score_value TEXT NOT NULL DEFAULT '',
    related_score TEXT NOT NULL DEFAULT '',
    comments TEXT NOT NULL DEFAULT '',
    references_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT '',
    flags INTEGER NOT NULL DEFAULT 0,  -- bits: see MappingFlag in model/Mappings.cpp
    replaced_by TEXT,                  -- for a revoked technique: its replacement's id
    duplicate_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mapping_by_technique ON mapping(technique_id);
CREATE INDEX mapping_by_capability ON mapping(capability_id);
CREATE INDEX mapping_by_release ON mapping(release_id);
)sql",

    // 3 (gap analysis, issue #5; comes after the mapping tables of migration
    // 2): coverage profiles. Entries name capabilities by framework and id,
    // not by row, so that a profile outlives re-imports of mapping files.
    R"sql(
CREATE TABLE profile (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',  -- the file it was imported from
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE profile_entry (
    profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,       -- order of the source file
    framework TEXT NOT NULL,         -- aws, nist_800_53, ...; attack for observed techniques
    capability_id TEXT NOT NULL,     -- as written: AC-02, T1552.005
    canonical_id TEXT NOT NULL,      -- for comparing: AC-2
    status TEXT NOT NULL CHECK (status IN ('implemented', 'partial', 'planned', 'observed')),
    level TEXT,                      -- observed entries: the coverage level seen
    known INTEGER NOT NULL DEFAULT 1, -- 0: no loaded release knows the id
    PRIMARY KEY (profile_id, framework, canonical_id)
) WITHOUT ROWID;

-- Gap analysis reads every technique of a release and every use by a group
-- or campaign; these covering indexes keep it off the rows' long texts.
CREATE INDEX attack_object_listing
    ON attack_object(release_id, type, attack_id, name, revoked, deprecated);
CREATE INDEX relationship_by_source_target ON relationship(source_id, type, target_id);
CREATE INDEX mapping_for_coverage
    ON mapping(release_id, technique_id, capability_id, kind, score_category, score_value);
)sql",
};

} // namespace

int newestSchemaVersion() { return static_cast<int>(migrations.size()); }

void checkSchemaVersion(Database& db) {
    const int current = db.schemaVersion();
    if (current > newestSchemaVersion()) {
        throw DatabaseError("schema version " + std::to_string(current) +
                                " is newer than this build understands (" +
                                std::to_string(newestSchemaVersion()) + ")",
                            0);
    }
}

void migrate(Database& db) {
    checkSchemaVersion(db);
    if (db.schemaVersion() == newestSchemaVersion()) {
        return; // the usual case: opening writes nothing
    }
    // BEGIN IMMEDIATE lets one process migrate at a time; the version is read
    // again inside, since another may have migrated while this one waited.
    Transaction transaction(db);
    checkSchemaVersion(db);
    int version = db.schemaVersion();
    if (version == 0) {
        auto tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        tables.step();
        if (tables.integer(0) > 0) {
            throw DatabaseError("not an attackmap database: it holds tables of its own", 0);
        }
    }
    for (; version < newestSchemaVersion(); ++version) {
        db.exec(migrations[static_cast<std::size_t>(version)]);
    }
    db.exec("PRAGMA user_version = " + std::to_string(version));
    transaction.commit();
}

} // namespace attackmap
