#include "attackmap/AttackImporter.h"

#include "attackmap/Database.h"
#include "attackmap/Error.h"
#include "attackmap/FileBytes.h"
#include "attackmap/MappingImporter.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <regex>
#include <unordered_map>

namespace attackmap {

namespace {

using simdjson::dom::element;

/// What we call each STIX type we keep; types not listed are skipped.
std::string_view kindOf(std::string_view stixType) {
    static const std::unordered_map<std::string_view, std::string_view> kinds = {
        {"attack-pattern", "technique"},
        {"x-mitre-tactic", "tactic"},
        {"course-of-action", "mitigation"},
        {"intrusion-set", "group"},
        {"malware", "software"},
        {"tool", "software"},
        {"campaign", "campaign"},
        {"x-mitre-data-source", "data-source"},
        {"x-mitre-data-component", "data-component"},
        {"x-mitre-asset", "asset"},
    };
    auto found = kinds.find(stixType);
    return found == kinds.end() ? std::string_view{} : found->second;
}

/// Reads a value when it is there with the type asked for.
template <typename T> bool tryGet(simdjson::simdjson_result<element> value, T& out) {
    return value.get(out) == simdjson::SUCCESS;
}

bool isAttackSource(std::string_view source) {
    return source == "mitre-attack" || source == "mitre-mobile-attack" ||
           source == "mitre-ics-attack";
}

/// Reads the fields of one STIX object, naming it in every error.
class ObjectReader {
public:
    ObjectReader(const std::string& file, std::size_t index, simdjson::dom::object object)
        : m_file(file), m_index(index), m_object(object) {
        m_stixId = optionalText("id");
    }

    std::string where() const {
        std::string place = "objects[" + std::to_string(m_index) + "]";
        return m_stixId.empty() ? place : place + " (" + std::string(m_stixId) + ")";
    }

    [[noreturn]] void fail(const std::string& message) const {
        throw InputError(m_file, where(), message);
    }

    std::string_view stixId() const { return m_stixId; }

    std::string_view optionalText(const char* key) const {
        element value;
        if (m_object[key].get(value) != simdjson::SUCCESS || value.is_null()) {
            return {};
        }
        std::string_view text;
        if (value.get(text) != simdjson::SUCCESS) {
            fail(std::string("'") + key + "' must be a string");
        }
        return text;
    }

    std::string_view requiredText(const char* key) const {
        element value;
        if (m_object[key].get(value) != simdjson::SUCCESS) {
            fail(std::string("missing '") + key + "'");
        }
        return optionalText(key);
    }

    bool flag(const char* key) const {
        element value;
        if (m_object[key].get(value) != simdjson::SUCCESS || value.is_null()) {
            return false;
        }
        bool result = false;
        if (value.get(result) != simdjson::SUCCESS) {
            fail(std::string("'") + key + "' must be true or false");
        }
        return result;
    }

    /// Calls visit for each element of an array field; a missing or null
    /// field is an empty array.
    template <typename Visit> void forEach(const char* key, Visit visit) const {
        element value;
        if (m_object[key].get(value) != simdjson::SUCCESS || value.is_null()) {
            return;
        }
        simdjson::dom::array array;
        if (value.get(array) != simdjson::SUCCESS) {
            fail(std::string("'") + key + "' must be an array");
        }
        for (element item : array) {
            visit(item);
        }
    }

    /// The ATT&CK id and page from external_references, when there is one.
    std::pair<std::string_view, std::string_view> attackReference() const {
        std::pair<std::string_view, std::string_view> found;
        forEach("external_references", [&found](element reference) {
            std::string_view source;
            std::string_view id;
            if (found.first.empty() && tryGet(reference["source_name"], source) &&
                isAttackSource(source) && tryGet(reference["external_id"], id)) {
                found.first = id;
                tryGet(reference["url"], found.second);
            }
        });
        return found;
    }

private:
    const std::string& m_file;
    std::size_t m_index;
    simdjson::dom::object m_object;
    std::string_view m_stixId;
};

/// Tactics are ordered as the matrix lists them: the first live matrix
/// first, so that mobile's deprecated "Network-Based Effects" comes last.
std::unordered_map<std::string_view, int> tacticOrder(simdjson::dom::array objects) {
    std::vector<std::pair<bool, simdjson::dom::array>> matrices;
    for (element object : objects) {
        std::string_view type;
        if (object["type"].get(type) != simdjson::SUCCESS || type != "x-mitre-matrix") {
            continue;
        }
        bool deprecated = false;
        tryGet(object["x_mitre_deprecated"], deprecated);
        simdjson::dom::array refs;
        if (object["tactic_refs"].get(refs) == simdjson::SUCCESS) {
            matrices.emplace_back(deprecated, refs);
        }
    }
    std::stable_sort(matrices.begin(), matrices.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::unordered_map<std::string_view, int> order;
    for (const auto& matrix : matrices) {
        for (element ref : matrix.second) {
            std::string_view id;
            if (ref.get(id) == simdjson::SUCCESS && !order.contains(id)) {
                order.emplace(id, static_cast<int>(order.size()));
            }
        }
    }
    return order;
}

struct BundleIdentity {
    std::string domain;
    std::string version;
    std::string name;
};

/// Domain and version: the collection object says both in STIX 2.1 bundles;
/// otherwise the matrix gives the domain, and the version comes from the
/// user or the file name.
BundleIdentity identify(const std::string& path, simdjson::dom::array objects,
                        const std::string& versionOption) {
    BundleIdentity identity;
    for (element object : objects) {
        std::string_view type;
        if (object["type"].get(type) != simdjson::SUCCESS) {
            continue;
        }
        if (type == "x-mitre-collection") {
            std::string_view version;
            std::string_view name;
            if (object["x_mitre_version"].get(version) == simdjson::SUCCESS) {
                identity.version = version;
            }
            if (object["name"].get(name) == simdjson::SUCCESS) {
                identity.name = name;
            }
        } else if (type == "x-mitre-matrix") {
            // Mobile has a second, deprecated matrix: name the release after
            // the live one.
            bool deprecated = false;
            tryGet(object["x_mitre_deprecated"], deprecated);
            if (deprecated || !identity.domain.empty()) {
                continue;
            }
            simdjson::dom::array references;
            if (object["external_references"].get(references) != simdjson::SUCCESS) {
                continue;
            }
            for (element reference : references) {
                std::string_view id;
                if (reference["external_id"].get(id) == simdjson::SUCCESS &&
                    id.ends_with("-attack")) {
                    identity.domain = id.substr(0, id.size() - 7);
                }
            }
            std::string_view name;
            if (identity.name.empty() && tryGet(object["name"], name)) {
                identity.name = name;
            }
        }
    }

    static const std::regex fileName(R"((enterprise|mobile|ics)-attack-(\d+(?:\.\d+)*)\.json$)");
    std::smatch match;
    std::string base = std::filesystem::path(path).filename().string();
    bool named = std::regex_search(base, match, fileName);
    if (identity.domain.empty() && named) {
        identity.domain = match[1];
    }
    if (identity.version.empty()) {
        identity.version = !versionOption.empty() ? versionOption : named ? match[2].str() : "";
    }
    if (identity.domain.empty()) {
        throw InputError(path, "", "cannot tell the ATT&CK domain: the bundle has no "
                                   "x-mitre-matrix and the file name does not say it");
    }
    if (identity.version.empty()) {
        throw InputError(path, "", "cannot tell the ATT&CK version: the bundle has no "
                                   "x-mitre-collection; pass it with --attack-version");
    }
    if (identity.name.empty()) {
        identity.name = identity.domain + " ATT&CK";
    }
    return identity;
}

class BundleImport {
public:
    BundleImport(Database& db, const std::string& path, const AttackImportOptions& options)
        : m_db(db), m_path(path), m_options(options),
          m_insertObject(db, "INSERT INTO attack_object (release_id, stix_id, type, attack_id, "
                             "name, description, url, revoked, deprecated, object_version, "
                             "modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          m_insertTechnique(db, "INSERT INTO technique (object_id, is_subtechnique, detection) "
                                "VALUES (?, ?, ?)"),
          m_insertTactic(db, "INSERT INTO tactic (object_id, shortname, matrix_order) "
                             "VALUES (?, ?, ?)"),
          m_insertPlatform(db, "INSERT OR IGNORE INTO technique_platform (technique_id, "
                               "platform, position) VALUES (?, ?, ?)"),
          m_insertRelationship(db, "INSERT INTO relationship (release_id, type, source_id, "
                                   "target_id, description) VALUES (?, ?, ?, ?, ?)"),
          m_index(db, "INSERT INTO search_index (kind, ref, scope, title, body) "
                      "VALUES ('technique', ?, ?, ?, ?)") {}

    ImportReport run();

private:
    void progress(std::string_view stage, std::size_t done, std::size_t total) {
        if (m_options.progress && !m_options.progress(stage, done, total)) {
            throw ImportCancelled();
        }
    }

    void insertObjects(simdjson::dom::array objects, std::size_t total);
    void insertObject(const ObjectReader& reader, std::string_view kind,
                      const std::unordered_map<std::string_view, int>& order);
    void insertTechnique(const ObjectReader& reader, std::int64_t row, std::string_view attackId,
                         std::string_view name);
    void insertRelationships(simdjson::dom::array objects, std::size_t total);
    void linkTechniques();
    void logImport(const std::string& sha256);

    Database& m_db;
    const std::string& m_path;
    const AttackImportOptions& m_options;
    Statement m_insertObject;
    Statement m_insertTechnique;
    Statement m_insertTactic;
    Statement m_insertPlatform;
    Statement m_insertRelationship;
    Statement m_index;
    ImportReport m_report;
    std::int64_t m_releaseId = 0;
    std::string m_spec;

    // Every STIX id in the bundle: the row it became, or 0 when its type is
    // one we skip.
    std::unordered_map<std::string_view, std::int64_t> m_rows;
    std::unordered_map<std::string_view, std::int64_t> m_tacticByShortname;
    struct Phase {
        std::int64_t technique;
        std::string_view attackId;
        std::string_view tactic;
    };
    std::vector<Phase> m_phases;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_parents;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_replacements;
    std::map<std::string, std::size_t> m_kinds;
    std::size_t m_techniques = 0;
    std::size_t m_subtechniques = 0;
    std::size_t m_revoked = 0;
    std::size_t m_deprecated = 0;
    std::size_t m_relationships = 0;
};

ImportReport BundleImport::run() {
    m_report.file = m_path;
    m_report.kind = "attack";

    const FileBytes bytes(m_path);
    // Hashing 40 MB takes about as long as parsing it: do both at once.
    auto sha256 = std::async(std::launch::async, [&bytes] { return sha256Hex(bytes.text()); });

    progress("parsing", 0, 1);
    simdjson::dom::parser ownParser;
    simdjson::dom::parser& parser = m_options.parser ? *m_options.parser : ownParser;
    simdjson::dom::element root;
    if (auto error = bytes.parse(parser).get(root); error != simdjson::SUCCESS) {
        sha256.wait();
        throw InputError(m_path, "", describeJsonError(bytes.text(), error));
    }
    simdjson::dom::array objects;
    if (root["objects"].get(objects) != simdjson::SUCCESS) {
        sha256.wait();
        throw InputError(m_path, "", "not an ATT&CK bundle: no 'objects' array at the top");
    }
    const BundleIdentity identity = identify(m_path, objects, m_options.attackVersion);
    m_spec = identity.domain + "@" + identity.version;
    m_report.target = m_spec;

    const std::string hash = sha256.get();
    auto same = m_db.prepare("SELECT 1 FROM attack_release WHERE domain = ? AND version = ? "
                             "AND sha256 = ?");
    same.bindAll(identity.domain, identity.version, hash);
    if (same.step()) {
        m_report.unchanged = true;
        return m_report;
    }

    std::string_view specVersion;
    bool stix21 = root["spec_version"].get(specVersion) != simdjson::SUCCESS ||
                  specVersion != "2.0";

    Transaction transaction(m_db);
    auto remove = m_db.prepare("DELETE FROM attack_release WHERE domain = ? AND version = ?");
    remove.bindAll(identity.domain, identity.version).run();
    auto unindex = m_db.prepare("DELETE FROM search_index WHERE kind = 'technique' AND scope = ?");
    unindex.bind(1, m_spec).run();

    auto release = m_db.prepare("INSERT INTO attack_release (domain, version, name, "
                                "stix_version, source_file, sha256) VALUES (?, ?, ?, ?, ?, ?)");
    release.bindAll(identity.domain, identity.version, identity.name,
                    stix21 ? "2.1" : "2.0",
                    std::filesystem::path(m_path).filename().string(), hash);
    release.run();
    m_releaseId = m_db.lastInsertId();

    const std::size_t total = objects.size();
    insertObjects(objects, total);
    insertRelationships(objects, total);
    linkTechniques();

    m_report.count("objects read", total);
    m_report.count("techniques", m_techniques);
    m_report.count("sub-techniques", m_subtechniques);
    m_report.count("revoked", m_revoked);
    m_report.count("deprecated", m_deprecated);
    for (const char* kind : {"tactic", "mitigation", "group", "software", "campaign",
                             "data-component"}) {
        m_report.count(std::string(kind) + (std::string_view(kind) == "software" ? "" : "s"),
                       m_kinds[kind]);
    }
    m_report.count("relationships", m_relationships);
    m_report.count("warnings", m_report.warnings.size());
    logImport(hash);
    if (auto changed = revalidateMappings(m_db, identity.domain); changed > 0) {
        m_report.notes.push_back("mappings checked again: " + std::to_string(changed) +
                                 " changed their flags");
    }
    progress("committing", total, total); // the last moment a cancel can roll back
    transaction.commit();
    return m_report;
}

void BundleImport::insertObjects(simdjson::dom::array objects, std::size_t total) {
    auto order = tacticOrder(objects);
    std::size_t index = 0;
    for (element value : objects) {
        simdjson::dom::object object;
        if (value.get(object) != simdjson::SUCCESS) {
            throw InputError(m_path, "objects[" + std::to_string(index) + "]",
                             "not a JSON object");
        }
        ObjectReader reader(m_path, index, object);
        std::string_view type = reader.requiredText("type");
        std::string_view stixId = reader.requiredText("id");
        if (m_rows.contains(stixId)) {
            reader.fail("the id appears twice in the bundle");
        }
        m_rows.emplace(stixId, 0);
        if (std::string_view kind = kindOf(type); !kind.empty()) {
            insertObject(reader, kind, order);
        }
        if (++index % 2000 == 0) {
            progress("objects", index, total);
        }
    }
}

void BundleImport::insertObject(const ObjectReader& reader, std::string_view kind,
                                const std::unordered_map<std::string_view, int>& order) {
    auto [attackId, url] = reader.attackReference();
    if (kind == "technique" && attackId.empty()) {
        reader.fail("attack-pattern without an ATT&CK ID in external_references");
    }
    auto nullable = [](std::string_view text) {
        return text.empty() ? std::optional<std::string_view>{} : text;
    };
    const bool revoked = reader.flag("revoked");
    const bool deprecated = reader.flag("x_mitre_deprecated");
    std::string_view name = reader.requiredText("name");
    m_insertObject.bindAll(m_releaseId, reader.stixId(), kind, nullable(attackId), name,
                           reader.optionalText("description"), nullable(url), revoked,
                           deprecated, nullable(reader.optionalText("x_mitre_version")),
                           nullable(reader.optionalText("modified")));
    m_insertObject.run();
    const std::int64_t row = m_db.lastInsertId();
    m_rows[reader.stixId()] = row;
    ++m_kinds[std::string(kind)];

    if (kind == "tactic") {
        std::string_view shortname = reader.requiredText("x_mitre_shortname");
        auto position = order.find(reader.stixId());
        int matrixOrder = position == order.end() ? static_cast<int>(order.size()) +
                                                        static_cast<int>(m_kinds["tactic"])
                                                  : position->second;
        m_insertTactic.bindAll(row, shortname, matrixOrder).run();
        m_tacticByShortname.emplace(shortname, row);
    } else if (kind == "technique") {
        const bool sub = reader.flag("x_mitre_is_subtechnique");
        if (revoked) {
            ++m_revoked;
        } else if (deprecated) {
            ++m_deprecated;
        } else {
            ++(sub ? m_subtechniques : m_techniques);
        }
        m_insertTechnique.bindAll(row, sub, reader.optionalText("x_mitre_detection")).run();
        insertTechnique(reader, row, attackId, name);
    }
}

void BundleImport::insertTechnique(const ObjectReader& reader, std::int64_t row,
                                   std::string_view attackId, std::string_view name) {
    reader.forEach("kill_chain_phases", [&](element phase) {
        std::string_view tactic;
        if (tryGet(phase["phase_name"], tactic)) {
            m_phases.push_back({row, attackId, tactic});
        }
    });
    int position = 0;
    reader.forEach("x_mitre_platforms", [&](element platform) {
        std::string_view text;
        if (platform.get(text) != simdjson::SUCCESS) {
            reader.fail("'x_mitre_platforms' must hold strings");
        }
        m_insertPlatform.bindAll(row, text, position++).run();
    });
    std::string title = std::string(attackId) + " " + std::string(name);
    m_index.bindAll(row, m_spec, title, reader.optionalText("description")).run();
}

void BundleImport::insertRelationships(simdjson::dom::array objects, std::size_t total) {
    std::size_t index = 0;
    for (element value : objects) {
        ObjectReader reader(m_path, index++, value.get_object().value_unsafe());
        if (reader.optionalText("type") != "relationship") {
            continue;
        }
        std::string_view type = reader.requiredText("relationship_type");
        std::string_view sourceRef = reader.requiredText("source_ref");
        std::string_view targetRef = reader.requiredText("target_ref");
        auto source = m_rows.find(sourceRef);
        auto target = m_rows.find(targetRef);
        if (source == m_rows.end() || target == m_rows.end()) {
            std::string_view missing = source == m_rows.end() ? sourceRef : targetRef;
            m_report.warnings.push_back(reader.where() + ": " + std::string(type) +
                                        " refers to " + std::string(missing) +
                                        ", which is not in the bundle; skipped");
            continue;
        }
        if (source->second == 0 || target->second == 0) {
            continue; // between objects of types we do not keep
        }
        m_insertRelationship.bindAll(m_releaseId, type, source->second, target->second,
                                     reader.optionalText("description"));
        m_insertRelationship.run();
        ++m_relationships;
        if (type == "subtechnique-of") {
            m_parents.emplace_back(source->second, target->second);
        } else if (type == "revoked-by") {
            m_replacements.emplace_back(source->second, target->second);
        }
        if (index % 4000 == 0) {
            progress("relationships", index, total);
        }
    }
}

void BundleImport::linkTechniques() {
    auto parent = m_db.prepare("UPDATE technique SET parent_id = ? WHERE object_id = ?");
    for (auto [child, parentRow] : m_parents) {
        parent.bindAll(parentRow, child).run();
    }
    auto replacement = m_db.prepare("UPDATE technique SET revoked_by_id = ? WHERE object_id = ?");
    for (auto [revoked, by] : m_replacements) {
        replacement.bindAll(by, revoked).run();
    }
    auto tactic = m_db.prepare("INSERT OR IGNORE INTO technique_tactic (technique_id, tactic_id) "
                               "VALUES (?, ?)");
    for (const Phase& phase : m_phases) {
        auto found = m_tacticByShortname.find(phase.tactic);
        if (found == m_tacticByShortname.end()) {
            m_report.warnings.push_back(std::string(phase.attackId) + ": kill chain phase '" +
                                        std::string(phase.tactic) +
                                        "' names no tactic in the bundle; skipped");
            continue;
        }
        tactic.bindAll(phase.technique, found->second).run();
    }
}

void BundleImport::logImport(const std::string& sha256) {
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [name, value] : m_report.counts) {
        counts[name] = value;
    }
    auto log = m_db.prepare("INSERT INTO import_log (file_name, sha256, kind, target, counts) "
                            "VALUES (?, ?, 'attack', ?, ?)");
    log.bindAll(std::filesystem::path(m_path).filename().string(), sha256, m_spec,
                counts.dump());
    log.run();
}

} // namespace

ImportReport importAttackBundle(Database& db, const std::string& path,
                                const AttackImportOptions& options) {
    return BundleImport(db, path, options).run();
}

} // namespace attackmap
