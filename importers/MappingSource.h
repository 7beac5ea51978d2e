#pragma once

// The rows of a Mappings Explorer file as read, before any interpretation:
// what the JSON and the CSV readers share with the importer. Internal to
// importers/.

#include <simdjson.h>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap {

class FileBytes;
class FrameworkCatalog;

enum class SourceKind { Json, Csv };

struct SourceMetadata {
    std::string framework;
    std::string frameworkVersion;
    std::string attackVersion;
    std::string domain;
    std::string mappingVersion;
    std::string author;
    std::string contact;
    std::string organization;
    std::string creationDate;
    std::string lastUpdate;

    struct Type {
        std::string id;
        std::string label;
        std::string description;
    };
    std::vector<Type> mappingTypes;
    std::vector<std::pair<std::string, std::string>> groups; // id, name
};

/// One mapping row. Null, "" and a missing key all read as an empty view.
/// The views point into the file's bytes, the parser that read them, or the
/// MappingSource's storage: all three must outlive the row.
struct SourceRow {
    std::size_t index = 0; // place in mapping_objects, or data row of a CSV file
    std::string_view capabilityId;
    std::string_view capabilityDescription;
    std::string_view capabilityGroup;
    std::string_view mappingType;
    std::string_view techniqueId;
    std::string_view techniqueName;
    std::string_view scoreCategory;
    std::string_view scoreValue;
    std::string_view relatedScore;
    std::string_view comments;
    std::string_view status;
    std::vector<std::string_view> references;
};

struct MappingSource {
    SourceMetadata metadata;
    std::vector<SourceRow> rows;
    bool csv = false;
    std::vector<std::size_t> lines; // CSV: the line each row starts on

    /// Where a row (and field) is, as errors name it:
    /// "mapping_objects[17].score_value", or "line 19, column score_value".
    std::string where(std::size_t index, std::string_view field) const;

    // Text made while reading (CSV fields with "" inside, parsed references).
    std::deque<std::string> storage;
};

/// Both readers throw InputError naming the file and the place of a fault.
/// The catalogue tells framework ids apart in a file name
/// (intel-vpro-08.20.2024_attack-15.1-enterprise.json), read when the file
/// does not name its framework, versions or domain itself.
MappingSource readMappingJson(const std::string& path, const FileBytes& bytes,
                              simdjson::dom::parser& parser, const FrameworkCatalog& catalog);
MappingSource readMappingCsv(const std::string& path, std::string_view text,
                             const FrameworkCatalog& catalog);

} // namespace attackmap
