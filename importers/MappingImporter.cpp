#include "attackmap/MappingImporter.h"

#include "MappingSource.h"

#include "attackmap/Attack.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"
#include "attackmap/FileBytes.h"
#include "attackmap/Frameworks.h"
#include "attackmap/Mappings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <unordered_map>
#include <unordered_set>

namespace attackmap {

namespace {

constexpr unsigned bit(MappingFlag flag) { return static_cast<unsigned>(flag); }

std::string upperCase(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return result;
}

bool sameWord(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// Line endings made \n, outer whitespace trimmed.
std::string normalizeComment(std::string_view text) {
    text = trimmed(text);
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            result += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            result += text[i];
        }
    }
    return result;
}

void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (byte < 0x20) {
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

/// Major and minor of an ATT&CK version as one number, for distances.
long versionKey(std::string_view version) {
    long major = std::strtol(std::string(version).c_str(), nullptr, 10);
    auto dot = version.find('.');
    long minor = dot == std::string_view::npos
                     ? 0
                     : std::strtol(std::string(version.substr(dot + 1)).c_str(), nullptr, 10);
    return major * 1000 + minor;
}

/// The ATT&CK release of the same domain and version, else the nearest
/// loaded one of that domain (the newer on a tie), among those loaded.
std::optional<Release> validationRelease(const std::vector<Release>& loaded,
                                         const std::string& domain, const std::string& version) {
    std::optional<Release> best;
    long bestDistance = 0;
    for (const auto& release : loaded) {
        if (release.domain != domain) {
            continue;
        }
        if (release.version == version) {
            return release;
        }
        long distance = std::labs(versionKey(release.version) - versionKey(version));
        if (!best || distance < bestDistance ||
            (distance == bestDistance && compareVersions(release.version, best->version) > 0)) {
            best = release;
            bestDistance = distance;
        }
    }
    return best;
}

struct AttackTechnique {
    std::string name;
    bool revoked = false;
    bool deprecated = false;
    std::string replacement;
};

/// The techniques of a release by upper-case ATT&CK id; a live object wins
/// over a revoked or deprecated one with the same id.
std::unordered_map<std::string, AttackTechnique> loadTechniques(Database& db,
                                                                std::int64_t releaseId) {
    auto stmt = db.prepare(
        "SELECT o.attack_id, o.name, o.revoked, o.deprecated, coalesce(r.attack_id, '') "
        "FROM attack_object o JOIN technique t ON t.object_id = o.id "
        "LEFT JOIN attack_object r ON r.id = t.revoked_by_id "
        "WHERE o.release_id = ? AND o.attack_id IS NOT NULL "
        "ORDER BY o.revoked DESC, o.deprecated DESC");
    stmt.bind(1, releaseId);
    std::unordered_map<std::string, AttackTechnique> techniques;
    while (stmt.step()) {
        techniques[upperCase(stmt.textView(0))] = {stmt.text(1), stmt.integer(2) != 0,
                                                   stmt.integer(3) != 0, stmt.text(4)};
    }
    return techniques;
}

/// The bits validation sets; the others come from the file alone.
constexpr unsigned validationBits =
    bit(MappingFlag::UnknownTechnique) | bit(MappingFlag::Revoked) |
    bit(MappingFlag::Deprecated) | bit(MappingFlag::NameDiffers);

/// What a release's techniques say of a mapping's technique: validation
/// bits, and the replacement of a revoked technique in replacedBy.
unsigned checkTechnique(const std::unordered_map<std::string, AttackTechnique>& techniques,
                        std::string_view techniqueId, std::string_view nameInFile,
                        std::string& replacedBy) {
    replacedBy.clear();
    auto found = techniques.find(upperCase(techniqueId));
    if (found == techniques.end()) {
        return bit(MappingFlag::UnknownTechnique);
    }
    const AttackTechnique& technique = found->second;
    unsigned bits = 0;
    if (technique.revoked) {
        bits |= bit(MappingFlag::Revoked);
        replacedBy = technique.replacement;
    }
    if (technique.deprecated) {
        bits |= bit(MappingFlag::Deprecated);
    }
    if (!nameInFile.empty() && nameInFile != technique.name) {
        bits |= bit(MappingFlag::NameDiffers);
    }
    return bits;
}

/// One distinct mapping of the file, after duplicates are folded in.
struct Entry {
    const SourceRow* row = nullptr; // the first row that said it
    std::string_view capability;    // trimmed, as published; empty for none
    std::string_view technique;     // trimmed, as published; empty for none
    std::string_view techniqueName;
    std::size_t capabilityIndex = 0; // into MappingImport::m_capabilities when capability set
    std::string type;
    MappingKind kind = MappingKind::Related;
    std::string category;
    ScoreValue value = ScoreValue::None;
    std::string status;
    std::string comments;
    std::vector<std::string_view> references;
    unsigned flags = 0;
    std::string replacedBy;
    std::int64_t duplicates = 0;
};

struct CapabilityEntry {
    std::string published;
    std::string canonical;
    std::string_view description;
    std::string_view group;
    std::int64_t row = 0;
};

class MappingImport {
public:
    MappingImport(Database& db, const std::string& path, const MappingImportOptions& options)
        : m_db(db), m_path(path), m_options(options),
          m_catalog(options.catalog ? *options.catalog : FrameworkCatalog::standard()) {}

    ImportReport run(SourceKind kind);

private:
    void progress(std::string_view stage, std::size_t done, std::size_t total) {
        if (m_options.progress && !m_options.progress(stage, done, total)) {
            throw ImportCancelled();
        }
    }

    void chooseValidation();
    void buildEntries();
    void addRow(const SourceRow& row);
    void validate(Entry& entry);
    void store(const std::string& sha256);
    void storeTypesAndGroups();
    void storeCapabilities();
    void storeMappings();
    void count();
    void warnInconsistent(const SourceRow& row, const std::string& why);

    Database& m_db;
    const std::string& m_path;
    const MappingImportOptions& m_options;
    const FrameworkCatalog& m_catalog;
    MappingSource m_source;
    FrameworkRelease m_release;
    ImportReport m_report;
    std::int64_t m_releaseId = 0;

    std::optional<Release> m_attack;
    std::unordered_map<std::string, AttackTechnique> m_techniques;

    std::vector<Entry> m_entries;
    std::vector<CapabilityEntry> m_capabilities;
    std::unordered_map<std::string, std::size_t> m_capabilityByCanonical;
    // Entries that share capability, technique, type and category; several
    // only when their scores disagree.
    std::unordered_map<std::string, std::vector<std::size_t>> m_byPair;
    // Types the file uses that the catalogue does not know, with their rows.
    std::vector<std::pair<std::string, std::size_t>> m_unknownTypes;
    std::size_t m_inconsistent = 0;
};

ImportReport MappingImport::run(SourceKind kind) {
    m_report.file = m_path;
    m_report.kind = "mapping";

    const FileBytes bytes(m_path);
    // Hashing takes about as long as parsing: do both at once.
    auto sha256 = std::async(std::launch::async, [&bytes] { return sha256Hex(bytes.text()); });
    progress("parsing", 0, 1);
    simdjson::dom::parser ownParser;
    simdjson::dom::parser& parser = m_options.parser ? *m_options.parser : ownParser;
    try {
        m_source = kind == SourceKind::Json ? readMappingJson(m_path, bytes, parser, m_catalog)
                                            : readMappingCsv(m_path, bytes.text(), m_catalog);
    } catch (...) {
        sha256.wait();
        throw;
    }
    const std::string hash = sha256.get();

    const SourceMetadata& meta = m_source.metadata;
    m_release.framework = meta.framework;
    m_release.displayName = m_catalog.displayName(meta.framework);
    m_release.shortName = m_catalog.shortName(meta.framework);
    m_release.frameworkVersion = meta.frameworkVersion;
    m_release.attackVersion = meta.attackVersion;
    m_release.domain = meta.domain;
    m_report.target = m_release.label();
    if (!m_catalog.find(meta.framework)) {
        m_report.warnings.push_back("framework '" + meta.framework +
                                    "' is not in the framework catalogue: its mapping types "
                                    "are read as related");
    }

    chooseValidation();
    auto same = m_db.prepare(
        "SELECT 1 FROM framework_release WHERE framework = ? AND framework_version = ? AND "
        "attack_version = ? AND domain = ? AND sha256 = ? AND "
        "coalesce(validated_against, '') = ?");
    same.bindAll(meta.framework, meta.frameworkVersion, meta.attackVersion, meta.domain, hash,
                 m_release.validatedAgainst);
    if (same.step()) {
        m_report.unchanged = true;
        return m_report;
    }

    buildEntries();
    count();
    store(hash);
    return m_report;
}

void MappingImport::chooseValidation() {
    const auto& meta = m_source.metadata;
    m_attack = validationRelease(listReleases(m_db), meta.domain, meta.attackVersion);
    if (!m_attack) {
        m_report.warnings.push_back("techniques not checked: no " + meta.domain +
                                    " ATT&CK release is loaded");
        return;
    }
    m_release.validatedAgainst = m_attack->spec();
    if (m_attack->version == meta.attackVersion) {
        m_report.notes.push_back("techniques checked against " + m_attack->spec());
    } else {
        m_report.notes.push_back("techniques checked against " + m_attack->spec() +
                                 ", the nearest loaded release to the file's ATT&CK " +
                                 meta.attackVersion);
    }
    m_techniques = loadTechniques(m_db, m_attack->id);
}

void MappingImport::buildEntries() {
    const std::size_t total = m_source.rows.size();
    m_entries.reserve(total);
    for (std::size_t i = 0; i < total; ++i) {
        addRow(m_source.rows[i]);
        if ((i + 1) % 2000 == 0) {
            progress("mappings", i + 1, total);
        }
    }
    for (Entry& entry : m_entries) {
        validate(entry);
    }
}

void MappingImport::warnInconsistent(const SourceRow& row, const std::string& why) {
    // Enough to find them; the count says how many there are in all.
    if (++m_inconsistent <= 10) {
        m_report.warnings.push_back(m_source.where(row.index, "") + ": " + why);
    }
}

void MappingImport::addRow(const SourceRow& row) {
    const auto& framework = m_source.metadata.framework;
    Entry entry;
    entry.row = &row;
    entry.capability = trimmed(row.capabilityId);
    entry.technique = trimmed(row.techniqueId);
    entry.techniqueName = trimmed(row.techniqueName);
    if (entry.capability.empty() && entry.technique.empty()) {
        throw InputError(m_path, m_source.where(row.index, ""),
                         "names neither a capability (capability_id) nor a technique "
                         "(attack_object_id)");
    }

    // What kind of row it is: status, mapping type and the ids read together.
    // A status is optional (the CSV export has no such column): when there
    // is none, the ids and the type decide alone.
    const std::string_view status = trimmed(row.status);
    const bool statusNonMappable = sameWord(status, "non_mappable");
    const bool statusMappable = !status.empty() && !statusNonMappable;
    const std::string_view typeText = trimmed(row.mappingType);
    ResolvedType type{std::string(typeText), MappingKind::Related, false};
    if (!typeText.empty()) {
        type = m_catalog.resolveType(framework, typeText);
    }
    const bool oneSided = entry.capability.empty() || entry.technique.empty();
    entry.type = type.id;
    if (oneSided) {
        entry.kind = MappingKind::NonMappable;
        if (statusMappable || (!typeText.empty() && type.kind != MappingKind::NonMappable)) {
            entry.flags |= bit(MappingFlag::Inconsistent);
            warnInconsistent(row, std::string("no ") +
                                      (entry.technique.empty() ? "technique" : "capability") +
                                      " though status is '" + std::string(status) +
                                      "' and mapping type '" + std::string(typeText) +
                                      "': kept as non-mappable");
        }
    } else if (statusNonMappable ||
               (!typeText.empty() && type.kind == MappingKind::NonMappable)) {
        entry.kind = MappingKind::NonMappable;
        if (statusMappable || type.kind != MappingKind::NonMappable) {
            entry.flags |= bit(MappingFlag::Inconsistent);
            warnInconsistent(row, "names a capability and a technique but is marked "
                                  "non-mappable: kept as non-mappable");
        }
    } else {
        entry.kind = type.kind;
        if (!type.known) {
            entry.flags |= bit(MappingFlag::UnknownType);
            auto found = std::find_if(m_unknownTypes.begin(), m_unknownTypes.end(),
                                      [&](const auto& seen) { return seen.first == type.id; });
            if (found == m_unknownTypes.end()) {
                m_unknownTypes.emplace_back(type.id, 1);
            } else {
                ++found->second;
            }
        }
    }

    entry.category = std::string(trimmed(row.scoreCategory));
    for (char& c : entry.category) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!entry.category.empty() && entry.category != "protect" && entry.category != "detect" &&
        entry.category != "respond") {
        throw InputError(m_path, m_source.where(row.index, "score_category"),
                         "unknown score category '" + std::string(trimmed(row.scoreCategory)) +
                             "' (expected protect, detect or respond)");
    }
    const std::string_view scoreText = trimmed(row.scoreValue);
    entry.value = parseScoreValue(scoreText);
    if (!scoreText.empty() && entry.value == ScoreValue::None) {
        throw InputError(m_path, m_source.where(row.index, "score_value"),
                         "unknown score '" + std::string(scoreText) +
                             "' (expected minimal, partial or significant)");
    }
    // A score with a part missing says nothing sure: kept for people to see,
    // flagged, and never read as coverage.
    if (entry.kind == MappingKind::Scored &&
        (entry.category.empty() || entry.value == ScoreValue::None)) {
        entry.flags |= bit(MappingFlag::NoScore);
    }
    entry.status = status.empty()
                       ? std::string(entry.kind == MappingKind::NonMappable ? "non_mappable"
                                                                            : "complete")
                       : std::string(status);
    entry.comments = normalizeComment(row.comments);
    // A reference is a link: the tabs and spaces some files put around one
    // are not part of it.
    for (std::string_view reference : row.references) {
        if (!trimmed(reference).empty()) {
            entry.references.push_back(trimmed(reference));
        }
    }

    std::string canonical;
    if (!entry.capability.empty()) {
        canonical = m_catalog.canonicalId(framework, entry.capability);
        auto [found, added] = m_capabilityByCanonical.emplace(canonical, m_capabilities.size());
        if (added) {
            m_capabilities.push_back({std::string(entry.capability), canonical,
                                      trimmed(row.capabilityDescription),
                                      trimmed(row.capabilityGroup)});
        } else {
            // The first row that says something about the capability wins.
            CapabilityEntry& capability = m_capabilities[found->second];
            if (capability.description.empty()) {
                capability.description = trimmed(row.capabilityDescription);
            }
            if (capability.group.empty()) {
                capability.group = trimmed(row.capabilityGroup);
            }
        }
        entry.capabilityIndex = found->second;
    }

    // Duplicates: the same capability, technique, type and category.
    std::string key = canonical;
    key += '\x1f';
    key += upperCase(entry.technique);
    key += '\x1f';
    key += entry.type;
    key += '\x1f';
    key += entry.category;
    auto& group = m_byPair[key];
    for (std::size_t index : group) {
        Entry& earlier = m_entries[index];
        if (earlier.value != entry.value) {
            continue;
        }
        // Agreeing duplicates are kept once; what they add is not dropped.
        ++earlier.duplicates;
        if (!entry.comments.empty() &&
            earlier.comments.find(entry.comments) == std::string::npos) {
            earlier.comments += earlier.comments.empty() ? "" : "\n\n";
            earlier.comments += entry.comments;
        }
        for (auto reference : entry.references) {
            if (std::find(earlier.references.begin(), earlier.references.end(), reference) ==
                earlier.references.end()) {
                earlier.references.push_back(reference);
            }
        }
        return;
    }
    group.push_back(m_entries.size());
    if (group.size() > 1) {
        for (std::size_t index : group) {
            m_entries[index].flags |= bit(MappingFlag::Conflict);
        }
        entry.flags |= bit(MappingFlag::Conflict);
    }
    m_entries.push_back(std::move(entry));
}

void MappingImport::validate(Entry& entry) {
    if (!m_attack || entry.technique.empty()) {
        return;
    }
    entry.flags |=
        checkTechnique(m_techniques, entry.technique, entry.techniqueName, entry.replacedBy);
}

void MappingImport::count() {
    std::size_t byKind[4] = {};
    std::size_t noCapability = 0;
    std::size_t noTechnique = 0;
    std::size_t duplicates = 0;
    auto flagged = [this](MappingFlag flag) {
        return static_cast<std::size_t>(
            std::count_if(m_entries.begin(), m_entries.end(),
                          [flag](const Entry& entry) { return entry.flags & bit(flag); }));
    };
    for (const Entry& entry : m_entries) {
        ++byKind[static_cast<int>(entry.kind)];
        noCapability += entry.capability.empty() ? 1 : 0;
        noTechnique += entry.technique.empty() ? 1 : 0;
        duplicates += static_cast<std::size_t>(entry.duplicates);
    }
    for (const auto& [type, rows] : m_unknownTypes) {
        m_report.warnings.push_back("mapping type '" + (type.empty() ? "(none)" : type) +
                                    "' (" + std::to_string(rows) +
                                    " rows) is not in the framework catalogue: read as related");
    }
    if (m_inconsistent > 10) {
        m_report.warnings.push_back("... and " + std::to_string(m_inconsistent - 10) +
                                    " more rows whose status and ids disagree");
    }

    m_report.count("rows", m_source.rows.size());
    m_report.count("mappings", m_entries.size());
    m_report.count("duplicates", duplicates);
    m_report.count("capabilities", m_capabilities.size());
    m_report.count("scored", byKind[static_cast<int>(MappingKind::Scored)]);
    m_report.count("mitigating", byKind[static_cast<int>(MappingKind::Mitigating)]);
    m_report.count("related", byKind[static_cast<int>(MappingKind::Related)]);
    m_report.count("non-mappable", byKind[static_cast<int>(MappingKind::NonMappable)]);
    m_report.count("techniques no capability maps", noCapability);
    m_report.count("capabilities that map to nothing", noTechnique);
    // Counted again from the rows stored, to be sure nothing was lost on the way.
    if (m_entries.size() + duplicates != m_source.rows.size()) {
        throw std::logic_error("mapping import lost rows: " + std::to_string(m_entries.size()) +
                               " stored + " + std::to_string(duplicates) +
                               " duplicates != " + std::to_string(m_source.rows.size()));
    }
    // What was found wrong is listed only when there is some: a clean file
    // reads short. countOf() gives 0 for a count not listed.
    auto countFound = [this](const std::string& name, std::size_t value) {
        if (value > 0) {
            m_report.count(name, value);
        }
    };
    countFound("conflicts", flagged(MappingFlag::Conflict));
    countFound("unknown techniques", flagged(MappingFlag::UnknownTechnique));
    countFound("revoked", flagged(MappingFlag::Revoked));
    countFound("deprecated", flagged(MappingFlag::Deprecated));
    countFound("names differ", flagged(MappingFlag::NameDiffers));
    countFound("unknown types", flagged(MappingFlag::UnknownType));
    countFound("inconsistent", m_inconsistent);
    countFound("no score", flagged(MappingFlag::NoScore));
    countFound("warnings", m_report.warnings.size());
}

void MappingImport::store(const std::string& sha256) {
    const auto& meta = m_source.metadata;
    const std::string spec = m_release.spec();

    Transaction transaction(m_db);
    auto previous = m_db.prepare("SELECT id FROM framework_release WHERE framework = ? AND "
                                 "framework_version = ? AND attack_version = ? AND domain = ?");
    previous.bindAll(meta.framework, meta.frameworkVersion, meta.attackVersion, meta.domain);
    if (previous.step()) {
        // Replacing a release: its rows go by cascade. The search index has
        // no key to find them by, so it is scanned: only on this path.
        auto remove = m_db.prepare("DELETE FROM framework_release WHERE id = ?");
        remove.bind(1, previous.integer(0)).run();
        auto unindex = m_db.prepare(
            "DELETE FROM search_index WHERE kind IN ('capability', 'mapping') AND scope = ?");
        unindex.bind(1, spec).run();
    }

    auto release = m_db.prepare(
        "INSERT INTO framework_release (framework, framework_version, attack_version, domain, "
        "display_name, short_name, mapping_version, author, contact, organization, "
        "creation_date, last_update, source_file, sha256, row_count, validated_against) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::optional<std::string> validated;
    if (!m_release.validatedAgainst.empty()) {
        validated = m_release.validatedAgainst;
    }
    release.bindAll(meta.framework, meta.frameworkVersion, meta.attackVersion, meta.domain,
                    m_release.displayName, m_release.shortName, meta.mappingVersion, meta.author,
                    meta.contact, meta.organization, meta.creationDate, meta.lastUpdate,
                    std::filesystem::path(m_path).filename().string(), sha256,
                    static_cast<std::int64_t>(m_source.rows.size()), validated);
    release.run();
    m_releaseId = m_db.lastInsertId();

    storeTypesAndGroups();
    storeCapabilities();
    storeMappings();

    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [name, value] : m_report.counts) {
        counts[name] = value;
    }
    auto log = m_db.prepare("INSERT INTO import_log (file_name, sha256, kind, target, counts) "
                            "VALUES (?, ?, 'mapping', ?, ?)");
    log.bindAll(std::filesystem::path(m_path).filename().string(), sha256, spec, counts.dump());
    log.run();

    const std::size_t total = m_source.rows.size();
    progress("committing", total, total); // the last moment a cancel can roll back
    transaction.commit();
}

void MappingImport::storeTypesAndGroups() {
    const auto& meta = m_source.metadata;
    auto type = m_db.prepare("INSERT OR IGNORE INTO mapping_type (release_id, name, label, "
                             "description, kind, known) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& declared : meta.mappingTypes) {
        ResolvedType resolved = m_catalog.resolveType(meta.framework, declared.id);
        type.bindAll(m_releaseId, declared.id, declared.label, declared.description,
                     toString(resolved.kind), resolved.known);
        type.run();
    }
    std::unordered_set<std::string_view> seen;
    for (const auto& declared : meta.mappingTypes) {
        seen.insert(declared.id);
    }
    for (const Entry& entry : m_entries) {
        if (entry.type.empty() || !seen.insert(entry.type).second) {
            continue;
        }
        ResolvedType resolved = m_catalog.resolveType(meta.framework, entry.type);
        type.bindAll(m_releaseId, entry.type, entry.type, "", toString(resolved.kind),
                     resolved.known);
        type.run();
    }

    auto group = m_db.prepare("INSERT OR IGNORE INTO capability_group (release_id, group_id, "
                              "name) VALUES (?, ?, ?)");
    seen.clear();
    for (const auto& [id, name] : meta.groups) {
        group.bindAll(m_releaseId, id, name).run();
        seen.insert(id);
    }
    // Groups rows use that the metadata does not list are named by their id.
    for (const SourceRow& row : m_source.rows) {
        std::string_view id = trimmed(row.capabilityGroup);
        if (!id.empty() && seen.insert(id).second) {
            group.bindAll(m_releaseId, id, id).run();
        }
    }
}

void MappingImport::storeCapabilities() {
    auto insert = m_db.prepare("INSERT INTO capability (release_id, capability_id, canonical_id, "
                               "description, group_id) VALUES (?, ?, ?, ?, ?)");
    auto index = m_db.prepare("INSERT INTO search_index (kind, ref, scope, title, body) "
                              "VALUES ('capability', ?, ?, ?, ?)");
    const std::string spec = m_release.spec();
    for (CapabilityEntry& capability : m_capabilities) {
        insert.bindAll(m_releaseId, capability.published, capability.canonical,
                       capability.description, capability.group);
        insert.run();
        capability.row = m_db.lastInsertId();
        std::string title = capability.published;
        if (!capability.description.empty()) {
            title += " ";
            title += capability.description;
        }
        index.bindAll(capability.row, spec, title, capability.description).run();
    }
}

void MappingImport::storeMappings() {
    auto insert = m_db.prepare(
        "INSERT INTO mapping (release_id, row_index, capability_id, capability_as_published, "
        "capability_group, technique_id, technique_name_in_file, mapping_type, kind, "
        "score_category, score_value, related_score, comments, references_json, status, flags, "
        "replaced_by, duplicate_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto nullable = [](std::string_view text) {
        return text.empty() ? std::optional<std::string_view>{} : text;
    };
    // Half the comments of the real files repeat word for word within their
    // file (boilerplate on every sub-technique). Each text is indexed once,
    // pointing at its first mapping: the index costs half as much, and a
    // search lists a comment once rather than fifty times.
    struct Comment {
        const Entry* first;
        std::int64_t row;
        std::size_t mappings;
    };
    std::unordered_map<std::string_view, Comment> comments;
    std::vector<std::string_view> commentOrder;
    std::string references;
    std::size_t done = 0;
    for (const Entry& entry : m_entries) {
        references = "[";
        for (std::size_t i = 0; i < entry.references.size(); ++i) {
            if (i > 0) {
                references += ',';
            }
            appendJsonString(references, entry.references[i]);
        }
        references += ']';
        std::optional<std::int64_t> capabilityRow;
        if (!entry.capability.empty()) {
            capabilityRow = m_capabilities[entry.capabilityIndex].row;
        }
        insert.bindAll(m_releaseId, static_cast<std::int64_t>(entry.row->index), capabilityRow,
                       nullable(entry.capability), trimmed(entry.row->capabilityGroup),
                       nullable(entry.technique), entry.techniqueName, entry.type,
                       toString(entry.kind), entry.category, toString(entry.value),
                       trimmed(entry.row->relatedScore), entry.comments, references,
                       entry.status, static_cast<std::int64_t>(entry.flags),
                       nullable(entry.replacedBy), entry.duplicates);
        insert.run();
        if (!entry.comments.empty()) {
            auto [found, added] =
                comments.try_emplace(entry.comments, Comment{&entry, m_db.lastInsertId(), 0});
            ++found->second.mappings;
            if (added) {
                commentOrder.push_back(entry.comments);
            }
        }
        if (++done % 2000 == 0) {
            progress("storing", done, m_entries.size());
        }
    }

    auto index = m_db.prepare("INSERT INTO search_index (kind, ref, scope, title, body) "
                              "VALUES ('mapping', ?, ?, ?, ?)");
    const std::string spec = m_release.spec();
    for (std::string_view text : commentOrder) {
        const Comment& comment = comments.at(text);
        const Entry& entry = *comment.first;
        std::string title(entry.capability.empty() ? "(no capability)" : entry.capability);
        title += " ";
        title += entry.type.empty() ? std::string("non_mappable") : entry.type;
        title += " ";
        title += entry.technique.empty() ? std::string_view("nothing") : entry.technique;
        if (comment.mappings > 1) {
            title += " (and " + std::to_string(comment.mappings - 1) + " more with this comment)";
        }
        index.bindAll(comment.row, spec, title, text).run();
    }
}

} // namespace

std::size_t revalidateMappings(Database& db, const std::string& domain) {
    struct Target {
        std::int64_t id;
        std::string attackVersion;
        std::optional<std::string> validatedAgainst;
    };
    std::vector<Target> targets;
    auto releases = db.prepare("SELECT id, attack_version, validated_against "
                               "FROM framework_release WHERE domain = ?");
    releases.bind(1, domain);
    while (releases.step()) {
        targets.push_back({releases.integer(0), releases.text(1), releases.optionalText(2)});
    }
    if (targets.empty()) {
        return 0;
    }

    const std::vector<Release> loaded = listReleases(db);
    std::unordered_map<std::int64_t, std::unordered_map<std::string, AttackTechnique>> cache;
    const std::unordered_map<std::string, AttackTechnique> none;
    auto note = db.prepare("UPDATE framework_release SET validated_against = ? WHERE id = ?");
    auto mappings = db.prepare("SELECT id, technique_id, technique_name_in_file, flags, "
                               "coalesce(replaced_by, '') FROM mapping "
                               "WHERE release_id = ? AND technique_id IS NOT NULL");
    auto update = db.prepare("UPDATE mapping SET flags = ?, replaced_by = ? WHERE id = ?");
    // Changes are gathered first and written after the reading: no row is
    // updated under an open SELECT of its table.
    struct Change {
        std::int64_t mapping;
        unsigned flags;
        std::string replacedBy;
    };
    std::vector<Change> changes;
    std::string replacedBy;
    for (const Target& target : targets) {
        const auto attack = validationRelease(loaded, domain, target.attackVersion);
        std::optional<std::string> spec;
        if (attack) {
            spec = attack->spec();
        }
        if (spec != target.validatedAgainst) {
            note.bindAll(spec, target.id).run();
        }
        const auto* techniques = &none;
        if (attack) {
            auto found = cache.find(attack->id);
            if (found == cache.end()) {
                found = cache.emplace(attack->id, loadTechniques(db, attack->id)).first;
            }
            techniques = &found->second;
        }
        mappings.bind(1, target.id);
        while (mappings.step()) {
            const auto flags = static_cast<unsigned>(mappings.integer(3));
            unsigned bits = 0;
            replacedBy.clear();
            if (attack) {
                bits = checkTechnique(*techniques, mappings.textView(1), mappings.textView(2),
                                      replacedBy);
            }
            const unsigned updated = (flags & ~validationBits) | bits;
            if (updated == flags && replacedBy == mappings.textView(4)) {
                continue;
            }
            changes.push_back({mappings.integer(0), updated, replacedBy});
        }
        mappings.reset();
    }
    for (const Change& change : changes) {
        std::optional<std::string_view> replacement;
        if (!change.replacedBy.empty()) {
            replacement = change.replacedBy;
        }
        update.bindAll(static_cast<std::int64_t>(change.flags), replacement, change.mapping);
        update.run();
    }
    return changes.size();
}

ImportReport importMappingJson(Database& db, const std::string& path,
                               const MappingImportOptions& options) {
    return MappingImport(db, path, options).run(SourceKind::Json);
}

ImportReport importMappingCsv(Database& db, const std::string& path,
                              const MappingImportOptions& options) {
    return MappingImport(db, path, options).run(SourceKind::Csv);
}

} // namespace attackmap
