#include "attackmap/Profile.h"

#include "MappingTables.h"

#include "attackmap/Attack.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace attackmap {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
}

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path, "", "cannot be read");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// ---- CSV ----------------------------------------------------------------

/// Splits one CSV record; quoted fields may hold commas and doubled quotes.
std::vector<std::string> splitCsv(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

CapabilityStatus readStatus(const std::string& file, const std::string& where,
                            std::string_view text) {
    if (trim(text).empty()) {
        return CapabilityStatus::Implemented;
    }
    auto status = parseCapabilityStatus(lower(trim(text)));
    if (!status) {
        throw InputError(file, where,
                         "status '" + std::string(trim(text)) +
                             "' is not one of implemented, partial, planned, observed");
    }
    return *status;
}

ParsedProfile parseCsv(const std::string& path, const std::string& bytes) {
    ParsedProfile parsed;
    parsed.file = path;
    std::istringstream in(bytes);
    std::string line;
    int lineNumber = 0;
    int frameworkColumn = -1;
    int idColumn = -1;
    int statusColumn = -1;
    bool header = true;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (lineNumber == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
            line.erase(0, 3); // a byte-order mark from spreadsheet exports
        }
        if (trim(line).empty() || trim(line).front() == '#') {
            continue;
        }
        auto fields = splitCsv(line);
        std::string where = "line " + std::to_string(lineNumber);
        if (header) {
            for (std::size_t i = 0; i < fields.size(); ++i) {
                std::string name = lower(trim(fields[i]));
                int column = static_cast<int>(i);
                if (name == "framework") {
                    frameworkColumn = column;
                } else if (name == "capability_id") {
                    idColumn = column;
                } else if (name == "status") {
                    statusColumn = column;
                }
            }
            if (frameworkColumn < 0 || idColumn < 0) {
                throw InputError(path, where,
                                 "the header must name the columns framework and "
                                 "capability_id (and optionally status)");
            }
            header = false;
            continue;
        }
        auto field = [&](int column) -> std::string_view {
            return column >= 0 && column < static_cast<int>(fields.size())
                       ? trim(fields[static_cast<std::size_t>(column)])
                       : std::string_view();
        };
        ParsedEntry parsedEntry;
        parsedEntry.location = where;
        ProfileEntry& entry = parsedEntry.entry;
        entry.framework = lower(field(frameworkColumn));
        entry.capabilityId = std::string(field(idColumn));
        if (entry.framework.empty() || entry.capabilityId.empty()) {
            throw InputError(path, where, "framework and capability_id must not be empty");
        }
        entry.status = readStatus(path, where, field(statusColumn));
        parsed.entries.push_back(std::move(parsedEntry));
    }
    if (header) {
        throw InputError(path, "line 1",
                         "empty file: expected the header "
                         "framework,capability_id,status");
    }
    parsed.name = std::filesystem::path(path).stem().string();
    return parsed;
}

// ---- JSON ---------------------------------------------------------------

const nlohmann::json* member(const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

std::string requiredString(const std::string& file, const nlohmann::json& object,
                           const std::string& path, const char* key) {
    const auto* value = member(object, key);
    if (!value) {
        throw InputError(file, path + "." + key, "missing");
    }
    if (!value->is_string()) {
        throw InputError(file, path + "." + key, "must be a string");
    }
    return value->get<std::string>();
}

std::string optionalString(const std::string& file, const nlohmann::json& object,
                           const std::string& path, const char* key) {
    const auto* value = member(object, key);
    if (!value) {
        return {};
    }
    if (!value->is_string()) {
        throw InputError(file, path + "." + key, "must be a string");
    }
    return value->get<std::string>();
}

ParsedProfile parseProfileJson(const std::string& path, const nlohmann::json& document) {
    ParsedProfile parsed;
    parsed.file = path;
    parsed.name = std::filesystem::path(path).stem().string();
    const nlohmann::json* list = &document;
    std::string listPath;
    if (document.is_object()) {
        std::string name = optionalString(path, document, "$", "name");
        if (!name.empty()) {
            parsed.name = name;
        }
        parsed.description = optionalString(path, document, "$", "description");
        list = member(document, "capabilities");
        listPath = "capabilities";
        if (!list) {
            throw InputError(path, "capabilities", "missing: a profile lists its capabilities");
        }
    }
    if (!list->is_array()) {
        throw InputError(path, listPath.empty() ? "$" : listPath, "must be an array");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string where = listPath + "[" + std::to_string(i) + "]";
        const auto& item = (*list)[i];
        if (!item.is_object()) {
            throw InputError(path, where, "must be an object");
        }
        ParsedEntry parsedEntry;
        parsedEntry.location = where;
        ProfileEntry& entry = parsedEntry.entry;
        entry.framework = lower(trim(requiredString(path, item, where, "framework")));
        entry.capabilityId = std::string(trim(requiredString(path, item, where, "capability_id")));
        if (entry.framework.empty() || entry.capabilityId.empty()) {
            throw InputError(path, where, "framework and capability_id must not be empty");
        }
        entry.status =
            readStatus(path, where + ".status", optionalString(path, item, where, "status"));
        if (entry.status == CapabilityStatus::Observed) {
            std::string level = optionalString(path, item, where, "level");
            auto parsedLevel = parseCoverageLevel(level);
            if (!parsedLevel) {
                throw InputError(path, where + ".level", "'" + level + "' is not a coverage level");
            }
            entry.observedLevel = *parsedLevel;
        }
        parsed.entries.push_back(std::move(parsedEntry));
    }
    return parsed;
}

double numberAt(const std::string& file, const nlohmann::json& object, const std::string& path,
                const char* key, double fallback) {
    const auto* value = member(object, key);
    if (!value) {
        return fallback;
    }
    if (!value->is_number()) {
        throw InputError(file, path + "." + key, "must be a number");
    }
    return value->get<double>();
}

/// A Navigator score as a level: the gradient's range split in four equal
/// steps, mapped < minimal < partial < significant; the lowest score is none.
CoverageLevel levelOfScore(double score, double minValue, double maxValue) {
    double fraction = maxValue > minValue ? (score - minValue) / (maxValue - minValue) : 1.0;
    if (fraction <= 0.0) {
        return CoverageLevel::None;
    }
    if (fraction <= 0.25) {
        return CoverageLevel::Mapped;
    }
    if (fraction <= 0.5) {
        return CoverageLevel::Minimal;
    }
    return fraction <= 0.75 ? CoverageLevel::Partial : CoverageLevel::Significant;
}

std::string describePlaces(const std::vector<std::string>& places) {
    std::string text;
    for (std::size_t i = 0; i < places.size() && i < 5; ++i) {
        text += (i ? ", " : "") + places[i];
    }
    return places.size() > 5 ? text + ", ..." : text;
}

ParsedProfile parseLayer(const std::string& path, const nlohmann::json& layer) {
    ParsedProfile parsed;
    parsed.file = path;
    parsed.name = optionalString(path, layer, "$", "name");
    if (parsed.name.empty()) {
        parsed.name = std::filesystem::path(path).stem().string();
    }
    parsed.description = optionalString(path, layer, "$", "description");
    std::string domain = optionalString(path, layer, "$", "domain");
    parsed.layerDomain = domain.ends_with("-attack") ? domain.substr(0, domain.size() - 7) : domain;
    if (const auto* versions = member(layer, "versions")) {
        if (!versions->is_object()) {
            throw InputError(path, "versions", "must be an object");
        }
        parsed.layerAttackVersion = optionalString(path, *versions, "versions", "attack");
    }
    double minValue = 0;
    double maxValue = 100; // Navigator's own default gradient
    if (const auto* gradient = member(layer, "gradient")) {
        minValue = numberAt(path, *gradient, "gradient", "minValue", minValue);
        maxValue = numberAt(path, *gradient, "gradient", "maxValue", maxValue);
    }
    const auto* techniques = member(layer, "techniques");
    if (!techniques || !techniques->is_array()) {
        throw InputError(path, "techniques", "a layer must hold an array of techniques");
    }

    // One technique may appear once per tactic; keep its best level.
    std::map<std::string, std::size_t> seen;
    std::vector<std::string> unscored;
    std::vector<std::string> lowest;
    for (std::size_t i = 0; i < techniques->size(); ++i) {
        std::string where = "techniques[" + std::to_string(i) + "]";
        const auto& item = (*techniques)[i];
        if (!item.is_object()) {
            throw InputError(path, where, "must be an object");
        }
        std::string id(trim(requiredString(path, item, where, "techniqueID")));
        const auto* score = member(item, "score");
        if (!score) {
            unscored.push_back(where);
            continue;
        }
        if (!score->is_number()) {
            throw InputError(path, where + ".score", "must be a number");
        }
        CoverageLevel level = levelOfScore(score->get<double>(), minValue, maxValue);
        if (level == CoverageLevel::None) {
            lowest.push_back(where);
            continue;
        }
        auto [it, added] = seen.emplace(id, parsed.entries.size());
        if (!added) {
            auto& earlier = parsed.entries[it->second].entry.observedLevel;
            earlier = std::max(earlier, level);
            continue;
        }
        ParsedEntry parsedEntry;
        parsedEntry.location = where;
        parsedEntry.entry.framework = std::string(observedFramework);
        parsedEntry.entry.capabilityId = id;
        parsedEntry.entry.status = CapabilityStatus::Observed;
        parsedEntry.entry.observedLevel = level;
        parsed.entries.push_back(std::move(parsedEntry));
    }
    if (!unscored.empty()) {
        parsed.notes.push_back(std::to_string(unscored.size()) +
                               " technique entries without a score were skipped (" +
                               describePlaces(unscored) + ")");
    }
    if (!lowest.empty()) {
        parsed.notes.push_back(std::to_string(lowest.size()) +
                               " technique entries at the gradient's lowest score count as "
                               "not covered and were skipped (" +
                               describePlaces(lowest) + ")");
    }
    return parsed;
}

ProfileFormat detectFormat(const std::string& path, const std::string& bytes) {
    std::string extension = lower(std::filesystem::path(path).extension().string());
    if (extension == ".csv") {
        return ProfileFormat::Csv;
    }
    std::string_view start = trim(bytes);
    if (start.empty() || (start.front() != '{' && start.front() != '[')) {
        return ProfileFormat::Csv;
    }
    return ProfileFormat::Json; // Json covers layers too; the content decides
}

// ---- Storage ------------------------------------------------------------

/// The release whose techniques a layer names: the one asked for, else the
/// newest of the layer's domain and major version, else of its domain.
Release layerRelease(Database& db, const ParsedProfile& parsed, const std::string& asked) {
    if (!asked.empty()) {
        return resolveRelease(db, asked);
    }
    std::string domain = parsed.layerDomain.empty() ? "enterprise" : parsed.layerDomain;
    std::optional<Release> best;
    for (auto& release : listReleases(db)) {
        bool sameMajor = release.version == parsed.layerAttackVersion ||
                         release.version.starts_with(parsed.layerAttackVersion + ".");
        if (release.domain == domain && sameMajor &&
            (!best || compareVersions(best->version, release.version) < 0)) {
            best = release;
        }
    }
    return best ? *best : resolveRelease(db, domain);
}

/// Known ids per framework: canonical forms of every loaded capability.
std::map<std::string, std::set<std::string>, std::less<>> capabilityCatalog(Database& db) {
    std::map<std::int64_t, std::string> frameworkOf;
    for (const auto& release : detail::readFrameworkReleases(db)) {
        frameworkOf[release.id] = release.framework;
    }
    std::map<std::string, std::set<std::string>, std::less<>> catalog;
    for (const auto& [id, framework] : frameworkOf) {
        catalog[framework]; // a framework with no capabilities is still loaded
    }
    for (const auto& row : detail::readCapabilities(db)) {
        const std::string& framework = frameworkOf[row.frameworkReleaseId];
        catalog[framework].insert(canonicalCapabilityId(framework, row.capabilityId));
    }
    return catalog;
}

void checkEntries(Database& db, ParsedProfile& parsed, const ProfileImportOptions& options,
                  ProfileImportResult& result) {
    bool anyCapability = false;
    bool anyObserved = false;
    for (const auto& parsedEntry : parsed.entries) {
        bool observed = parsedEntry.entry.framework == observedFramework;
        anyObserved = anyObserved || observed;
        anyCapability = anyCapability || !observed;
    }
    std::map<std::string, std::set<std::string>, std::less<>> catalog;
    if (anyCapability) {
        catalog = capabilityCatalog(db);
    }
    std::map<std::string, std::optional<std::string>> techniques; // id -> replacement
    std::string releaseSpec;
    if (anyObserved) {
        Release release = layerRelease(db, parsed, options.release);
        releaseSpec = release.spec();
        auto stmt = db.prepare(
            "SELECT o.attack_id, o.revoked, coalesce(r.attack_id, '') FROM attack_object o "
            "JOIN technique t ON t.object_id = o.id "
            "LEFT JOIN attack_object r ON r.id = t.revoked_by_id "
            "WHERE o.release_id = ? AND o.type = 'technique'");
        stmt.bind(1, release.id);
        while (stmt.step()) {
            auto& replacement = techniques[stmt.text(0)];
            if (stmt.integer(1) != 0) {
                replacement = stmt.text(2);
            }
        }
    }

    std::vector<std::string> unknown;
    for (auto& parsedEntry : parsed.entries) {
        ProfileEntry& entry = parsedEntry.entry;
        std::string place = parsed.file + ": " + parsedEntry.location + ": ";
        if (entry.framework == observedFramework) {
            auto found = techniques.find(entry.capabilityId);
            if (found == techniques.end()) {
                entry.known = false;
                unknown.push_back(place + entry.capabilityId + " is not a technique of " +
                                  releaseSpec);
            } else if (found->second) {
                result.warnings.push_back(place + entry.capabilityId + " is revoked in " +
                                          releaseSpec + ", replaced by " + *found->second);
            }
            continue;
        }
        auto framework = catalog.find(entry.framework);
        if (framework == catalog.end()) {
            entry.known = false;
            unknown.push_back(place + "framework '" + entry.framework +
                              "' has no loaded mapping release");
        } else if (!framework->second.contains(entry.canonicalId)) {
            entry.known = false;
            unknown.push_back(place + entry.framework + " " + entry.capabilityId +
                              " is not a capability of any loaded " + entry.framework + " release");
        }
    }
    // Known ids of frameworks that only relate (VERIS, KEV) count for nothing:
    // say so once per framework rather than let the profile look covered.
    if (anyCapability) {
        auto covering = detail::coveringFrameworks(db);
        std::map<std::string, std::vector<std::string>> contextOnly;
        for (const auto& parsedEntry : parsed.entries) {
            const auto& entry = parsedEntry.entry;
            if (entry.known && entry.framework != observedFramework &&
                !covering.contains(entry.framework)) {
                contextOnly[entry.framework].push_back(parsedEntry.location);
            }
        }
        for (const auto& [framework, places] : contextOnly) {
            result.warnings.push_back(parsed.file + ": " + std::to_string(places.size()) + " " +
                                      framework + " entries (" + describePlaces(places) +
                                      "): " + framework +
                                      " mappings are context, never "
                                      "coverage, so these count for nothing");
        }
    }
    result.unknownCount = unknown.size();
    if (!unknown.empty() && !options.keepUnknown) {
        std::string message = std::to_string(unknown.size()) +
                              " unknown id(s); fix them, or keep them flagged with "
                              "--keep-unknown:";
        for (const auto& line : unknown) {
            message += "\n  " + line;
        }
        throw InputError(parsed.file, "", message);
    }
    result.warnings.insert(result.warnings.begin(), unknown.begin(), unknown.end());
}

} // namespace

std::string_view toString(CoverageLevel level) {
    switch (level) {
    case CoverageLevel::None:
        return "none";
    case CoverageLevel::Mapped:
        return "mapped";
    case CoverageLevel::Minimal:
        return "minimal";
    case CoverageLevel::Partial:
        return "partial";
    case CoverageLevel::Significant:
        return "significant";
    }
    return "none";
}

std::optional<CoverageLevel> parseCoverageLevel(std::string_view text) {
    for (int i = 0; i <= 4; ++i) {
        auto level = static_cast<CoverageLevel>(i);
        if (toString(level) == text) {
            return level;
        }
    }
    return std::nullopt;
}

std::string_view toString(CapabilityStatus status) {
    switch (status) {
    case CapabilityStatus::Implemented:
        return "implemented";
    case CapabilityStatus::Partial:
        return "partial";
    case CapabilityStatus::Planned:
        return "planned";
    case CapabilityStatus::Observed:
        return "observed";
    }
    return "implemented";
}

std::optional<CapabilityStatus> parseCapabilityStatus(std::string_view text) {
    for (auto status : {CapabilityStatus::Implemented, CapabilityStatus::Partial,
                        CapabilityStatus::Planned, CapabilityStatus::Observed}) {
        if (toString(status) == text) {
            return status;
        }
    }
    return std::nullopt;
}

std::string canonicalCapabilityId(std::string_view framework, std::string_view id) {
    id = trim(id);
    if (framework != "nist_800_53") {
        return std::string(id);
    }
    std::string result;
    for (std::size_t i = 0; i < id.size(); ++i) {
        char c = id[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            continue;
        }
        bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
        bool runStart = i == 0 || !std::isdigit(static_cast<unsigned char>(id[i - 1]));
        bool moreDigits = i + 1 < id.size() && std::isdigit(static_cast<unsigned char>(id[i + 1]));
        if (digit && c == '0' && runStart && moreDigits) {
            // Drop leading zeros of a number, keeping a lone 0.
            std::size_t j = i;
            while (j + 1 < id.size() && id[j] == '0' &&
                   std::isdigit(static_cast<unsigned char>(id[j + 1]))) {
                ++j;
            }
            i = j;
            c = id[i];
        }
        result += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return result;
}

ParsedProfile parseProfileFile(const std::string& path, ProfileFormat format) {
    std::string bytes = readWhole(path);
    if (format == ProfileFormat::Auto) {
        format = detectFormat(path, bytes);
    }
    ParsedProfile parsed;
    if (format == ProfileFormat::Csv) {
        parsed = parseCsv(path, bytes);
    } else {
        nlohmann::json document;
        try {
            document = nlohmann::json::parse(bytes);
        } catch (const nlohmann::json::parse_error& e) {
            throw InputError(path, "byte " + std::to_string(e.byte), "not valid JSON");
        }
        bool layer = document.is_object() && document.contains("techniques");
        if (format == ProfileFormat::NavigatorLayer || (format == ProfileFormat::Json && layer)) {
            if (!document.is_object()) {
                throw InputError(path, "$", "a Navigator layer must be a JSON object");
            }
            parsed = parseLayer(path, document);
        } else {
            parsed = parseProfileJson(path, document);
        }
    }

    // Canonical ids, then repeated entries: the first is kept, the others named.
    std::map<std::pair<std::string, std::string>, std::string> first;
    std::vector<ParsedEntry> kept;
    for (auto& parsedEntry : parsed.entries) {
        auto& entry = parsedEntry.entry;
        entry.canonicalId = canonicalCapabilityId(entry.framework, entry.capabilityId);
        auto [it, added] =
            first.emplace(std::pair(entry.framework, entry.canonicalId), parsedEntry.location);
        if (!added) {
            parsed.notes.push_back(parsedEntry.location + ": " + entry.framework + " " +
                                   entry.capabilityId + " repeats " + it->second +
                                   "; the first is kept");
            continue;
        }
        kept.push_back(std::move(parsedEntry));
    }
    parsed.entries = std::move(kept);
    return parsed;
}

ProfileImportResult importProfile(Database& db, const std::string& path,
                                  const ProfileImportOptions& options) {
    ParsedProfile parsed = parseProfileFile(path, options.format);
    ProfileImportResult result;
    checkEntries(db, parsed, options, result);
    for (const auto& note : parsed.notes) {
        result.warnings.push_back(path + ": " + note);
    }

    Profile& profile = result.profile;
    profile.name = options.name.empty() ? parsed.name : options.name;
    profile.description = parsed.description;
    profile.source = std::filesystem::path(path).filename().string();
    for (auto& parsedEntry : parsed.entries) {
        profile.entries.push_back(std::move(parsedEntry.entry));
    }
    {
        auto stmt = db.prepare("SELECT 1 FROM profile WHERE name = ?");
        stmt.bind(1, profile.name);
        result.replaced = stmt.step();
    }
    profile.id = saveProfile(db, profile);
    result.profile = loadProfile(db, profile.name);
    return result;
}

std::int64_t saveProfile(Database& db, const Profile& profile) {
    if (trim(profile.name).empty()) {
        throw InputError(profile.source, "", "a profile needs a name");
    }
    Transaction transaction(db);
    auto remove = db.prepare("DELETE FROM profile WHERE name = ?");
    remove.bind(1, profile.name).run();
    auto insert = db.prepare("INSERT INTO profile (name, description, source) VALUES (?, ?, ?)");
    insert.bindAll(profile.name, profile.description, profile.source).run();
    std::int64_t id = db.lastInsertId();
    auto entry = db.prepare("INSERT OR IGNORE INTO profile_entry (profile_id, position, framework, "
                            "capability_id, canonical_id, status, level, known) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const auto& item : profile.entries) {
        std::string canonical = item.canonicalId.empty()
                                    ? canonicalCapabilityId(item.framework, item.capabilityId)
                                    : item.canonicalId;
        std::optional<std::string> level;
        if (item.status == CapabilityStatus::Observed) {
            level = std::string(toString(item.observedLevel));
        }
        entry.bindAll(id, position++, item.framework, item.capabilityId, canonical,
                      toString(item.status), level, item.known);
        entry.run();
    }
    transaction.commit();
    return id;
}

std::vector<ProfileSummary> listProfiles(Database& db) {
    auto stmt = db.prepare(
        "SELECT p.id, p.name, p.description, p.source, p.created_at, "
        "(SELECT count(*) FROM profile_entry e WHERE e.profile_id = p.id), "
        "(SELECT count(*) FROM profile_entry e WHERE e.profile_id = p.id AND NOT e.known) "
        "FROM profile p ORDER BY p.name");
    std::vector<ProfileSummary> profiles;
    while (stmt.step()) {
        profiles.push_back({stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4),
                            stmt.integer(5), stmt.integer(6)});
    }
    return profiles;
}

Profile loadProfile(Database& db, std::string_view name) {
    auto stmt =
        db.prepare("SELECT id, name, description, source, created_at FROM profile WHERE name = ?");
    stmt.bind(1, name);
    if (!stmt.step()) {
        std::string names;
        for (const auto& summary : listProfiles(db)) {
            names += (names.empty() ? "" : ", ") + summary.name;
        }
        throw NotFound("no profile named '" + std::string(name) + "'" +
                       (names.empty() ? "; none is stored yet (attackmap profile import FILE)"
                                      : "; there are: " + names));
    }
    Profile profile;
    profile.id = stmt.integer(0);
    profile.name = stmt.text(1);
    profile.description = stmt.text(2);
    profile.source = stmt.text(3);
    profile.createdAt = stmt.text(4);
    auto entries = db.prepare("SELECT framework, capability_id, canonical_id, status, "
                              "coalesce(level, 'none'), known FROM profile_entry "
                              "WHERE profile_id = ? ORDER BY position");
    entries.bind(1, profile.id);
    while (entries.step()) {
        ProfileEntry entry;
        entry.framework = entries.text(0);
        entry.capabilityId = entries.text(1);
        entry.canonicalId = entries.text(2);
        entry.status =
            parseCapabilityStatus(entries.textView(3)).value_or(CapabilityStatus::Implemented);
        entry.observedLevel = parseCoverageLevel(entries.textView(4)).value_or(CoverageLevel::None);
        entry.known = entries.integer(5) != 0;
        profile.entries.push_back(std::move(entry));
    }
    return profile;
}

bool deleteProfile(Database& db, std::string_view name) {
    auto stmt = db.prepare("DELETE FROM profile WHERE name = ?");
    stmt.bind(1, name).run();
    return db.changes() > 0;
}

std::string profileToJson(const Profile& profile) {
    nlohmann::json capabilities = nlohmann::json::array();
    for (const auto& entry : profile.entries) {
        nlohmann::json item = {{"framework", entry.framework},
                               {"capability_id", entry.capabilityId},
                               {"status", toString(entry.status)}};
        if (entry.status == CapabilityStatus::Observed) {
            item["level"] = toString(entry.observedLevel);
        }
        if (!entry.known) {
            item["known"] = false;
        }
        capabilities.push_back(std::move(item));
    }
    nlohmann::json document = {{"name", profile.name},
                               {"description", profile.description},
                               {"capabilities", capabilities}};
    return document.dump(2) + "\n";
}

} // namespace attackmap
