#include "MappingSource.h"

#include "attackmap/Error.h"
#include "attackmap/FileBytes.h"
#include "attackmap/Frameworks.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace attackmap {

namespace {

using simdjson::dom::element;

std::string_view describeType(element value) {
    switch (value.type()) {
    case simdjson::dom::element_type::ARRAY:
        return "an array";
    case simdjson::dom::element_type::OBJECT:
        return "an object";
    case simdjson::dom::element_type::STRING:
        return "a string";
    case simdjson::dom::element_type::BOOL:
        return "true or false";
    case simdjson::dom::element_type::NULL_VALUE:
        return "null";
    default:
        return "a number";
    }
}

/// The four fields that name a framework release, from a file name such as
/// intel-vpro-08.20.2024_attack-15.1-enterprise.json, for files that do not
/// say them. Empty fields stay empty when the name does not fit.
void fillFromFileName(const std::string& path, const FrameworkCatalog& catalog,
                      SourceMetadata& meta) {
    std::string stem = std::filesystem::path(path).stem().string();
    auto attack = stem.find("_attack-");
    if (attack == std::string::npos) {
        return;
    }
    std::string left = stem.substr(0, attack);
    std::string right = stem.substr(attack + 8);

    // Framework ids may hold hyphens: the longest catalogue id that fits wins.
    std::string framework;
    for (const auto& info : catalog.frameworks()) {
        if (left.starts_with(info.id + "-") && info.id.size() > framework.size()) {
            framework = info.id;
        }
    }
    if (framework.empty()) {
        framework = left.substr(0, left.find('-'));
    }
    std::string version = framework.size() < left.size() ? left.substr(framework.size() + 1) : "";
    auto dash = right.rfind('-');
    std::string attackVersion = dash == std::string::npos ? right : right.substr(0, dash);
    std::string domain = dash == std::string::npos ? "" : right.substr(dash + 1);

    auto fill = [](std::string& field, const std::string& value) {
        if (field.empty()) {
            field = value;
        }
    };
    fill(meta.framework, framework);
    fill(meta.frameworkVersion, version);
    fill(meta.attackVersion, attackVersion);
    fill(meta.domain, domain);
}

void requireIdentity(const std::string& path, const std::string& place,
                     const SourceMetadata& meta) {
    auto require = [&](const std::string& value, const char* key) {
        if (value.empty()) {
            throw InputError(path, place.empty() ? key : place + "." + key,
                             "missing, and the file name does not say it");
        }
    };
    require(meta.framework, "mapping_framework");
    require(meta.frameworkVersion, "mapping_framework_version");
    require(meta.attackVersion, "attack_version");
    require(meta.domain, "technology_domain");
}

class JsonReader {
public:
    JsonReader(const std::string& path, MappingSource& source) : m_path(path), m_source(source) {}

    void readMetadata(simdjson::dom::object metadata);
    void readRows(simdjson::dom::array rows);

private:
    [[noreturn]] void wrongType(const std::string& place, element value,
                                std::string_view expected) const {
        throw InputError(m_path, place,
                         "must be " + std::string(expected) + ", not " +
                             std::string(describeType(value)));
    }

    std::string_view text(element value, const std::string& place) const {
        if (value.is_null()) {
            return {};
        }
        std::string_view result;
        if (value.get(result) != simdjson::SUCCESS) {
            wrongType(place, value, "a string or null");
        }
        return result;
    }

    std::string metaText(simdjson::dom::object metadata, const char* key) const {
        element value;
        if (metadata[key].get(value) != simdjson::SUCCESS) {
            return {};
        }
        return std::string(trimmed(text(value, std::string("metadata.") + key)));
    }

    void readRow(std::size_t index, element value);

    const std::string& m_path;
    MappingSource& m_source;
};

void JsonReader::readMetadata(simdjson::dom::object metadata) {
    SourceMetadata& meta = m_source.metadata;
    meta.framework = metaText(metadata, "mapping_framework");
    meta.frameworkVersion = metaText(metadata, "mapping_framework_version");
    meta.attackVersion = metaText(metadata, "attack_version");
    meta.domain = metaText(metadata, "technology_domain");
    meta.mappingVersion = metaText(metadata, "mapping_version");
    meta.author = metaText(metadata, "author");
    meta.contact = metaText(metadata, "contact");
    meta.organization = metaText(metadata, "organization");
    meta.creationDate = metaText(metadata, "creation_date");
    meta.lastUpdate = metaText(metadata, "last_update");

    element types;
    if (metadata["mapping_types"].get(types) == simdjson::SUCCESS && !types.is_null()) {
        simdjson::dom::object object;
        if (types.get(object) != simdjson::SUCCESS) {
            wrongType("metadata.mapping_types", types, "an object");
        }
        for (auto field : object) {
            SourceMetadata::Type type{std::string(field.key), std::string(field.key), ""};
            const std::string place = "metadata.mapping_types." + type.id;
            std::string_view name;
            if (field.value.get(name) == simdjson::SUCCESS) {
                type.label = name;
            } else if (field.value.is_object()) {
                element inner;
                if (field.value["name"].get(inner) == simdjson::SUCCESS) {
                    type.label = text(inner, place + ".name");
                }
                if (field.value["description"].get(inner) == simdjson::SUCCESS) {
                    type.description = text(inner, place + ".description");
                }
            } else if (!field.value.is_null()) {
                wrongType(place, field.value, "an object");
            }
            meta.mappingTypes.push_back(std::move(type));
        }
    }

    element groups;
    if (metadata["capability_groups"].get(groups) == simdjson::SUCCESS && !groups.is_null()) {
        simdjson::dom::object object;
        if (groups.get(object) != simdjson::SUCCESS) {
            wrongType("metadata.capability_groups", groups, "an object");
        }
        for (auto field : object) {
            std::string id(field.key);
            meta.groups.emplace_back(
                id, std::string(text(field.value, "metadata.capability_groups." + id)));
        }
    }
}

void JsonReader::readRows(simdjson::dom::array rows) {
    m_source.rows.reserve(rows.size());
    std::size_t index = 0;
    for (element value : rows) {
        readRow(index++, value);
    }
}

void JsonReader::readRow(std::size_t index, element value) {
    const std::string place = "mapping_objects[" + std::to_string(index) + "]";
    simdjson::dom::object object;
    if (value.get(object) != simdjson::SUCCESS) {
        wrongType(place, value, "an object");
    }
    SourceRow row;
    row.index = index;
    for (auto field : object) {
        std::string_view key = field.key;
        auto read = [&](std::string_view& target) {
            target = text(field.value, place + "." + std::string(key));
        };
        if (key == "capability_id") {
            read(row.capabilityId);
        } else if (key == "capability_description") {
            read(row.capabilityDescription);
        } else if (key == "capability_group") {
            read(row.capabilityGroup);
        } else if (key == "mapping_type") {
            read(row.mappingType);
        } else if (key == "attack_object_id") {
            read(row.techniqueId);
        } else if (key == "attack_object_name") {
            read(row.techniqueName);
        } else if (key == "score_category") {
            read(row.scoreCategory);
        } else if (key == "score_value") {
            read(row.scoreValue);
        } else if (key == "related_score") {
            read(row.relatedScore);
        } else if (key == "comments") {
            read(row.comments);
        } else if (key == "status") {
            read(row.status);
        } else if (key == "references" && !field.value.is_null()) {
            simdjson::dom::array references;
            if (field.value.get(references) != simdjson::SUCCESS) {
                wrongType(place + ".references", field.value, "an array of strings or null");
            }
            std::size_t position = 0;
            for (element reference : references) {
                std::string_view url;
                if (reference.get(url) != simdjson::SUCCESS) {
                    wrongType(place + ".references[" + std::to_string(position) + "]",
                              reference, "a string");
                }
                row.references.push_back(url);
                ++position;
            }
        }
        // Other keys (author, attack_version, ...) say nothing we keep per row.
    }
    m_source.rows.push_back(std::move(row));
}

/// Where the first byte sequence that is not UTF-8 starts. Only called once
/// simdjson has found that there is one, so its slowness does not matter.
std::size_t firstInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        unsigned char low = 0x80;  // bounds of the second byte: overlongs,
        unsigned char high = 0xBF; // surrogates and code points past U+10FFFF
        if (byte < 0x80) {
            ++i;
            continue;
        } else if (byte >= 0xC2 && byte <= 0xDF) {
            length = 2;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            length = 3;
            low = byte == 0xE0 ? 0xA0 : 0x80;
            high = byte == 0xED ? 0x9F : 0xBF;
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            length = 4;
            low = byte == 0xF0 ? 0x90 : 0x80;
            high = byte == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > text.size()) {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
                return i;
            }
        }
        i += length;
    }
    return text.size();
}

/// Text that is not UTF-8 would be stored as it is and break every JSON
/// output later: refuse it, naming the line and the byte column.
void requireUtf8(const std::string& path, std::string_view text) {
    if (simdjson::validate_utf8(text.data(), text.size())) {
        return;
    }
    const std::size_t bad = firstInvalidUtf8(text);
    const std::size_t lineStart = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
    const std::size_t column =
        bad - (lineStart == std::string_view::npos || bad == 0 ? 0 : lineStart + 1) + 1;
    static constexpr char hex[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(text[bad]);
    throw InputError(path, "line " + std::to_string(line) + ", column " + std::to_string(column),
                     std::string("not valid UTF-8 (byte 0x") + hex[byte >> 4] + hex[byte & 0xf] +
                         ")");
}

/// Splits CSV text (RFC 4180: quoted fields, "" inside quotes, line breaks
/// inside quoted fields) into records of field views. Unquoted fields and
/// quoted ones without "" point into text; the others into storage.
class CsvParser {
public:
    CsvParser(const std::string& path, std::string_view text, std::deque<std::string>& storage)
        : m_path(path), m_text(text), m_storage(storage) {
        if (m_text.starts_with("\xEF\xBB\xBF")) {
            m_position = 3;
        }
    }

    /// The next record; false at the end of the text. line is where it starts.
    bool next(std::vector<std::string_view>& fields, std::size_t& line);

private:
    std::string_view quotedField();

    const std::string& m_path;
    std::string_view m_text;
    std::deque<std::string>& m_storage;
    std::size_t m_position = 0;
    std::size_t m_line = 1;
};

bool CsvParser::next(std::vector<std::string_view>& fields, std::size_t& line) {
    fields.clear();
    // Blank lines between records carry nothing.
    while (m_position < m_text.size() &&
           (m_text[m_position] == '\n' || m_text[m_position] == '\r')) {
        if (m_text[m_position] == '\n') {
            ++m_line;
        }
        ++m_position;
    }
    if (m_position >= m_text.size()) {
        return false;
    }
    line = m_line;
    while (true) {
        if (m_position < m_text.size() && m_text[m_position] == '"') {
            fields.push_back(quotedField());
        } else {
            auto end = m_text.find_first_of(",\r\n", m_position);
            if (end == std::string_view::npos) {
                end = m_text.size();
            }
            fields.push_back(m_text.substr(m_position, end - m_position));
            m_position = end;
        }
        if (m_position < m_text.size() && m_text[m_position] == ',') {
            ++m_position;
            continue;
        }
        break;
    }
    if (m_position < m_text.size() && m_text[m_position] == '\r') {
        ++m_position;
    }
    if (m_position < m_text.size() && m_text[m_position] == '\n') {
        ++m_position;
        ++m_line;
    }
    return true;
}

std::string_view CsvParser::quotedField() {
    const std::size_t startLine = m_line;
    const std::size_t start = ++m_position;
    bool doubled = false;
    while (true) {
        auto quote = m_text.find('"', m_position);
        if (quote == std::string_view::npos) {
            throw InputError(m_path, "line " + std::to_string(startLine),
                             "a quoted field is not closed");
        }
        for (std::size_t i = m_position; i < quote; ++i) {
            m_line += m_text[i] == '\n' ? 1 : 0;
        }
        if (quote + 1 < m_text.size() && m_text[quote + 1] == '"') {
            doubled = true;
            m_position = quote + 2;
            continue;
        }
        m_position = quote + 1;
        std::string_view raw = m_text.substr(start, quote - start);
        if (m_position < m_text.size() && m_text.find_first_of(",\r\n", m_position) != m_position) {
            throw InputError(m_path, "line " + std::to_string(m_line),
                             "text after the closing quote of a field");
        }
        if (!doubled) {
            return raw;
        }
        std::string& unescaped = m_storage.emplace_back();
        unescaped.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            unescaped += raw[i];
            if (raw[i] == '"') {
                ++i; // skip the second quote of a pair
            }
        }
        return unescaped;
    }
}

/// The references field of the CSV export: Mappings Explorer writes a
/// Python list (['https://a', 'https://b']); a JSON array reads the same
/// way, and anything else is one reference per line.
std::vector<std::string_view> parseReferences(std::string_view field,
                                              std::deque<std::string>& storage,
                                              const std::string& path, const std::string& place) {
    std::vector<std::string_view> references;
    field = trimmed(field);
    if (field.empty()) {
        return references;
    }
    if (field.front() != '[') {
        while (!field.empty()) {
            auto end = field.find('\n');
            auto line = trimmed(field.substr(0, end));
            if (!line.empty()) {
                references.push_back(line);
            }
            field.remove_prefix(end == std::string_view::npos ? field.size() : end + 1);
        }
        return references;
    }
    auto fail = [&]() -> void {
        throw InputError(path, place,
                         "not a list of quoted strings such as ['https://a', 'https://b']");
    };
    std::size_t i = 1;
    auto skipSpace = [&] {
        while (i < field.size() && (field[i] == ' ' || field[i] == '\t' || field[i] == '\n' ||
                                    field[i] == '\r')) {
            ++i;
        }
    };
    skipSpace();
    if (i < field.size() && field[i] == ']') {
        ++i;
    } else {
        while (true) {
            skipSpace();
            if (i >= field.size() || (field[i] != '\'' && field[i] != '"')) {
                fail();
            }
            const char quote = field[i++];
            std::string& value = storage.emplace_back();
            while (i < field.size() && field[i] != quote) {
                if (field[i] == '\\' && i + 1 < field.size()) {
                    char escaped = field[++i];
                    value += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
                } else {
                    value += field[i];
                }
                ++i;
            }
            if (i >= field.size()) {
                fail();
            }
            ++i;
            references.push_back(value);
            skipSpace();
            if (i < field.size() && field[i] == ',') {
                ++i;
                continue;
            }
            if (i < field.size() && field[i] == ']') {
                ++i;
                break;
            }
            fail();
        }
    }
    skipSpace();
    if (i != field.size()) {
        fail();
    }
    return references;
}

} // namespace

std::string MappingSource::where(std::size_t index, std::string_view field) const {
    if (csv) {
        std::string place = "line " + std::to_string(index < lines.size() ? lines[index] : 0);
        return field.empty() ? place : place + ", column " + std::string(field);
    }
    std::string place = "mapping_objects[" + std::to_string(index) + "]";
    return field.empty() ? place : place + "." + std::string(field);
}

MappingSource readMappingJson(const std::string& path, const FileBytes& bytes,
                              simdjson::dom::parser& parser, const FrameworkCatalog& catalog) {
    MappingSource source;
    // Some editors start a UTF-8 file with a byte order mark, which JSON does
    // not allow but which says nothing: parse after it. The padding simdjson
    // needs is still there, at the end of the same buffer.
    std::string_view text = bytes.text();
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    element root;
    if (auto error = parser.parse(text.data(), text.size(), false).get(root);
        error != simdjson::SUCCESS) {
        throw InputError(path, "", describeJsonError(text, error));
    }
    simdjson::dom::object top;
    if (root.get(top) != simdjson::SUCCESS) {
        throw InputError(path, "", "not a Mappings Explorer file: the top is " +
                                       std::string(describeType(root)) + ", not an object");
    }
    element rows;
    if (top["mapping_objects"].get(rows) != simdjson::SUCCESS) {
        throw InputError(path, "", "not a Mappings Explorer file: no 'mapping_objects' array");
    }
    simdjson::dom::array rowArray;
    if (rows.get(rowArray) != simdjson::SUCCESS) {
        throw InputError(path, "mapping_objects",
                         "must be an array, not " + std::string(describeType(rows)));
    }

    JsonReader reader(path, source);
    element metadata;
    if (top["metadata"].get(metadata) == simdjson::SUCCESS && !metadata.is_null()) {
        simdjson::dom::object object;
        if (metadata.get(object) != simdjson::SUCCESS) {
            throw InputError(path, "metadata",
                             "must be an object, not " + std::string(describeType(metadata)));
        }
        reader.readMetadata(object);
    }
    fillFromFileName(path, catalog, source.metadata);
    requireIdentity(path, "metadata", source.metadata);
    reader.readRows(rowArray);
    return source;
}

MappingSource readMappingCsv(const std::string& path, std::string_view text,
                             const FrameworkCatalog& catalog) {
    requireUtf8(path, text);
    MappingSource source;
    source.csv = true;
    CsvParser parser(path, text, source.storage);

    std::vector<std::string_view> header;
    std::size_t headerLine = 0;
    if (!parser.next(header, headerLine)) {
        throw InputError(path, "", "empty: no header line");
    }
    std::unordered_map<std::string_view, std::size_t> columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string_view name = trimmed(header[i]);
        // pandas writes its row index as a first column without a name.
        if (name.empty()) {
            continue;
        }
        auto [found, added] = columns.emplace(name, i);
        if (!added) {
            // Which of the two holds the value is anyone's guess: refuse.
            throw InputError(path, "line " + std::to_string(headerLine),
                             "the header names column '" + std::string(name) +
                                 "' twice, as columns " + std::to_string(found->second + 1) +
                                 " and " + std::to_string(i + 1));
        }
    }
    for (const char* required : {"capability_id", "attack_object_id"}) {
        if (!columns.contains(required)) {
            throw InputError(path, "line " + std::to_string(headerLine),
                             std::string("no '") + required + "' column in the header");
        }
    }

    std::vector<std::string_view> fields;
    std::size_t line = 0;
    auto column = [&](std::string_view name) -> std::string_view {
        auto found = columns.find(name);
        return found == columns.end() ? std::string_view{} : fields[found->second];
    };

    // The export repeats the release's metadata on every row; each row must
    // agree with the first, since one file holds one framework release.
    static constexpr std::pair<const char*, std::string SourceMetadata::*> identity[] = {
        {"mapping_framework", &SourceMetadata::framework},
        {"mapping_framework_version", &SourceMetadata::frameworkVersion},
        {"attack_version", &SourceMetadata::attackVersion},
        {"technology_domain", &SourceMetadata::domain},
    };
    SourceMetadata& meta = source.metadata;
    while (parser.next(fields, line)) {
        if (fields.size() != header.size()) {
            throw InputError(path, "line " + std::to_string(line),
                             std::to_string(fields.size()) + " fields, but the header has " +
                                 std::to_string(header.size()));
        }
        const std::size_t index = source.rows.size();
        source.lines.push_back(line);
        if (index == 0) {
            for (const auto& [name, member] : identity) {
                meta.*member = std::string(trimmed(column(name)));
            }
            meta.mappingVersion = trimmed(column("mapping_version"));
            meta.author = trimmed(column("author"));
            meta.contact = trimmed(column("contact"));
            meta.organization = trimmed(column("organization"));
            meta.creationDate = trimmed(column("creation_date"));
            meta.lastUpdate = trimmed(column("last_update"));
        } else {
            for (const auto& [name, member] : identity) {
                std::string_view value = trimmed(column(name));
                if (!value.empty() && value != meta.*member) {
                    throw InputError(path, source.where(index, name),
                                     "'" + std::string(value) + "' differs from the first row's '" +
                                         meta.*member +
                                         "': a file holds one framework release");
                }
            }
        }

        SourceRow row;
        row.index = index;
        row.capabilityId = column("capability_id");
        row.capabilityDescription = column("capability_description");
        row.capabilityGroup = column("capability_group");
        row.mappingType = column("mapping_type");
        row.techniqueId = column("attack_object_id");
        row.techniqueName = column("attack_object_name");
        row.scoreCategory = column("score_category");
        row.scoreValue = column("score_value");
        row.relatedScore = column("related_score");
        row.comments = column("comments");
        row.status = column("status");
        row.references = parseReferences(column("references"), source.storage, path,
                                         source.where(index, "references"));
        source.rows.push_back(std::move(row));
    }
    fillFromFileName(path, catalog, meta);
    requireIdentity(path, "", meta);
    return source;
}

} // namespace attackmap
