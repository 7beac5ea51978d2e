#include "attackmap/Frameworks.h"

#include "attackmap/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#ifndef ATTACKMAP_DATA_DIR
#define ATTACKMAP_DATA_DIR ""
#endif

namespace attackmap {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// The form under which type keys and labels are compared: lower case, with
/// spaces and hyphens read as underscores ("Technique Scores" matches
/// technique_scores, "related-to" matches related_to).
std::string typeKey(std::string_view text) {
    std::string key;
    key.reserve(text.size());
    for (char c : trimmed(text)) {
        key += (c == ' ' || c == '-') ? '_' : lower(c);
    }
    return key;
}

std::string stringField(const nlohmann::json& object, const char* key, const std::string& origin,
                        const std::string& where, bool required = true) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        if (required) {
            throw InputError(origin, where, std::string("missing '") + key + "'");
        }
        return {};
    }
    if (!found->is_string()) {
        throw InputError(origin, where + "." + key, "must be a string");
    }
    return found->get<std::string>();
}

FrameworkInfo parseFramework(const nlohmann::json& entry, const std::string& origin,
                             const std::string& where) {
    if (!entry.is_object()) {
        throw InputError(origin, where, "must be an object");
    }
    FrameworkInfo info;
    info.id = stringField(entry, "id", origin, where);
    info.displayName = stringField(entry, "name", origin, where);
    info.shortName = stringField(entry, "short_name", origin, where, false);
    if (info.shortName.empty()) {
        info.shortName = info.displayName;
    }

    if (auto canonical = entry.find("canonical_id"); canonical != entry.end()) {
        std::string idCase = canonical->value("case", "as-is");
        if (idCase == "upper") {
            info.idCase = IdCase::Upper;
        } else if (idCase == "lower") {
            info.idCase = IdCase::Lower;
        } else if (idCase != "as-is") {
            throw InputError(origin, where + ".canonical_id.case",
                             "must be 'upper', 'lower' or 'as-is', not '" + idCase + "'");
        }
        info.stripLeadingZeros = canonical->value("strip_leading_zeros", false);
    }

    if (auto ancestors = entry.find("ancestors"); ancestors != entry.end()) {
        for (const auto& pattern : *ancestors) {
            if (!pattern.is_string()) {
                throw InputError(origin, where + ".ancestors", "must hold strings");
            }
            info.ancestorPatterns.push_back(pattern.get<std::string>());
        }
    }

    auto types = entry.find("mapping_types");
    if (types == entry.end() || !types->is_object()) {
        throw InputError(origin, where + ".mapping_types", "must be an object");
    }
    for (const auto& [key, value] : types->items()) {
        const std::string place = where + ".mapping_types." + key;
        std::string kindText = value.is_object() ? value.value("kind", "") : "";
        auto kind = parseMappingKind(kindText);
        if (!kind) {
            throw InputError(origin, place + ".kind",
                             "must be scored, mitigating, related or non-mappable");
        }
        info.mappingTypes.push_back({key, value.value("label", key), *kind});
    }
    return info;
}

} // namespace

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view space = " \t\r\n\f\v";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

struct FrameworkCatalog::Data {
    std::vector<FrameworkInfo> frameworks;
    // Compiled ancestorPatterns, in the same order as frameworks.
    std::vector<std::vector<std::regex>> ancestors;
};

FrameworkCatalog::FrameworkCatalog() : m_data(std::make_unique<Data>()) {}
FrameworkCatalog::~FrameworkCatalog() = default;
FrameworkCatalog::FrameworkCatalog(FrameworkCatalog&&) noexcept = default;
FrameworkCatalog& FrameworkCatalog::operator=(FrameworkCatalog&&) noexcept = default;

FrameworkCatalog FrameworkCatalog::fromJson(std::string_view text, const std::string& origin) {
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(origin, "", e.what());
    }
    auto list = root.find("frameworks");
    if (!root.is_object() || list == root.end() || !list->is_array()) {
        throw InputError(origin, "", "no 'frameworks' array at the top");
    }
    FrameworkCatalog catalog;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = "frameworks[" + std::to_string(i) + "]";
        FrameworkInfo info = parseFramework((*list)[i], origin, where);
        std::vector<std::regex> compiled;
        for (const auto& pattern : info.ancestorPatterns) {
            try {
                compiled.emplace_back(pattern, std::regex::ECMAScript | std::regex::icase);
            } catch (const std::regex_error& e) {
                throw InputError(origin, where + ".ancestors",
                                 "'" + pattern + "' is not a regular expression: " + e.what());
            }
        }
        catalog.m_data->frameworks.push_back(std::move(info));
        catalog.m_data->ancestors.push_back(std::move(compiled));
    }
    return catalog;
}

FrameworkCatalog FrameworkCatalog::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path, "", "cannot open the framework catalogue");
    }
    std::stringstream text;
    text << in.rdbuf();
    return fromJson(text.str(), path);
}

std::string FrameworkCatalog::dataDirectory() {
    namespace fs = std::filesystem;
    auto holdsCatalog = [](const fs::path& dir) {
        std::error_code error;
        return fs::is_regular_file(dir / "frameworks.json", error);
    };

    if (const char* dir = std::getenv("ATTACKMAP_DATA_DIR"); dir && *dir) {
        if (!holdsCatalog(dir)) {
            throw NotFound(std::string("ATTACKMAP_DATA_DIR=") + dir +
                           " holds no frameworks.json");
        }
        return dir;
    }
    std::vector<fs::path> tried;
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        tried.push_back(exe.parent_path().parent_path() / "share" / "attackmap");
    }
    if (*ATTACKMAP_DATA_DIR) {
        tried.emplace_back(ATTACKMAP_DATA_DIR);
    }
    for (const auto& dir : tried) {
        if (holdsCatalog(dir)) {
            return dir.string();
        }
    }
    std::string places;
    for (const auto& dir : tried) {
        places += (places.empty() ? "" : ", ") + dir.string();
    }
    throw NotFound("cannot find the framework catalogue frameworks.json (looked in " + places +
                   "); set ATTACKMAP_DATA_DIR to the folder that holds it");
}

const FrameworkCatalog& FrameworkCatalog::standard() {
    static const FrameworkCatalog catalog = load(dataDirectory() + "/frameworks.json");
    return catalog;
}

const std::vector<FrameworkInfo>& FrameworkCatalog::frameworks() const {
    return m_data->frameworks;
}

const FrameworkInfo* FrameworkCatalog::find(std::string_view framework) const {
    for (const auto& info : m_data->frameworks) {
        if (info.id == framework) {
            return &info;
        }
    }
    return nullptr;
}

std::string FrameworkCatalog::displayName(std::string_view framework) const {
    const FrameworkInfo* info = find(framework);
    return info ? info->displayName : std::string(framework);
}

std::string FrameworkCatalog::shortName(std::string_view framework) const {
    const FrameworkInfo* info = find(framework);
    return info ? info->shortName : std::string(framework);
}

ResolvedType FrameworkCatalog::resolveType(std::string_view framework,
                                           std::string_view type) const {
    const std::string key = typeKey(type);
    if (const FrameworkInfo* info = find(framework)) {
        // Exact spellings first, keys before labels, then looser ones: one
        // type's label may spell another type's key ("Technique Scores" is
        // m365's label for technique_score; technique_scores is a key too).
        using Field = std::string MappingTypeInfo::*;
        for (Field field : {&MappingTypeInfo::id, &MappingTypeInfo::label}) {
            for (const auto& known : info->mappingTypes) {
                if (known.*field == trimmed(type)) {
                    return {known.id, known.kind, true};
                }
            }
        }
        for (Field field : {&MappingTypeInfo::id, &MappingTypeInfo::label}) {
            for (const auto& known : info->mappingTypes) {
                if (typeKey(known.*field) == key) {
                    return {known.id, known.kind, true};
                }
            }
        }
    }
    if (key == "non_mappable") {
        return {"non_mappable", MappingKind::NonMappable, true};
    }
    return {std::string(trimmed(type)), MappingKind::Related, false};
}

std::string FrameworkCatalog::canonicalId(std::string_view framework, std::string_view id) const {
    id = trimmed(id);
    const FrameworkInfo* info = find(framework);
    if (!info) {
        return std::string(id);
    }
    std::string canonical;
    canonical.reserve(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
        char c = id[i];
        // A zero that starts a run of digits goes, unless it is the run's last digit.
        bool startsNumber = i == 0 || !isDigit(id[i - 1]);
        if (info->stripLeadingZeros && c == '0' && startsNumber) {
            std::size_t end = i;
            while (end < id.size() && id[end] == '0') {
                ++end;
            }
            i = (end < id.size() && isDigit(id[end])) ? end : end - 1;
            c = id[i];
        }
        switch (info->idCase) {
        case IdCase::Upper:
            c = upper(c);
            break;
        case IdCase::Lower:
            c = lower(c);
            break;
        case IdCase::AsIs:
            break;
        }
        canonical += c;
    }
    return canonical;
}

std::vector<std::string> FrameworkCatalog::ancestors(std::string_view framework,
                                                     std::string_view id) const {
    std::vector<std::string> found;
    const auto& frameworks = m_data->frameworks;
    for (std::size_t f = 0; f < frameworks.size(); ++f) {
        if (frameworks[f].id != framework) {
            continue;
        }
        const std::string text(trimmed(id));
        for (const auto& pattern : m_data->ancestors[f]) {
            std::smatch match;
            if (!std::regex_search(text, match, pattern) || match.size() < 2) {
                continue;
            }
            std::string ancestor = match[1].str();
            if (!ancestor.empty() && ancestor != text &&
                std::find(found.begin(), found.end(), ancestor) == found.end()) {
                found.push_back(std::move(ancestor));
            }
        }
    }
    return found;
}

} // namespace attackmap
