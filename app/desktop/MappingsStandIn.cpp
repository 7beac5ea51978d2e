// Stands in for model/Mappings.cpp until the mapping importer lands (issue
// #3): the desktop builds and runs on ATT&CK alone and shows no mappings.
// CMake leaves this file out as soon as the real implementation exists.
#include "attackmap/Mappings.h"

namespace attackmap {

std::string_view toString(MappingKind kind) {
    switch (kind) {
    case MappingKind::Scored:
        return "scored";
    case MappingKind::Mitigating:
        return "mitigating";
    case MappingKind::Related:
        return "related";
    case MappingKind::NonMappable:
        return "non-mappable";
    }
    return "related";
}

std::optional<MappingKind> parseMappingKind(std::string_view) {
    return std::nullopt;
}

std::string_view toString(ScoreValue value) {
    switch (value) {
    case ScoreValue::Minimal:
        return "minimal";
    case ScoreValue::Partial:
        return "partial";
    case ScoreValue::Significant:
        return "significant";
    case ScoreValue::None:
        break;
    }
    return "";
}

ScoreValue parseScoreValue(std::string_view) {
    return ScoreValue::None;
}

std::string FrameworkRelease::label() const {
    return displayName + " " + frameworkVersion + " (ATT&CK " + attackVersion + " " + domain + ")";
}

std::vector<FrameworkRelease> listFrameworkReleases(Database&) {
    return {};
}

std::vector<Mapping> mappingsForTechnique(Database&, std::string_view, const MappingFilter&) {
    return {};
}

std::vector<Mapping> mappingsForCapability(Database&, std::int64_t, std::string_view) {
    return {};
}

std::vector<Capability> listCapabilities(Database&, std::int64_t) {
    return {};
}

} // namespace attackmap
