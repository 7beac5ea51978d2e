#include "attackmap/NavigatorLayer.h"

#include <array>

namespace attackmap {

namespace {

// The version of Navigator whose layer format 4.5 this follows.
constexpr const char* navigatorVersion = "5.1.0";

std::string majorVersion(const std::string& version) {
    return version.substr(0, version.find('.'));
}

std::string describe(const Contribution& contribution) {
    std::string text = contribution.framework + " " + contribution.capabilityId;
    std::string detail = contribution.category;
    detail += (detail.empty() ? "" : " ") + std::string(toString(contribution.level));
    if (contribution.status == CapabilityStatus::Partial ||
        contribution.status == CapabilityStatus::Planned) {
        detail += ", " + std::string(toString(contribution.status));
    }
    return text + " (" + detail + ")";
}

std::string comment(const TechniqueCoverage& technique) {
    std::string text;
    const auto& list = technique.gap() ? technique.closers : technique.coveredBy;
    if (technique.gap()) {
        text = list.empty() ? "Gap, open: no loaded capability maps to it" : "Gap, closable by: ";
    } else {
        text = "Covered by: ";
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        text += (i ? "; " : "") + describe(list[i]);
    }
    if (technique.subtechniques > 0) {
        text += "\nSub-techniques covered: " + std::to_string(technique.subtechniquesCovered) +
                " of " + std::to_string(technique.subtechniques);
    }
    return text;
}

} // namespace

std::string levelColor(CoverageLevel level) {
    switch (level) {
    case CoverageLevel::None:
        return "#f4a6a6";
    case CoverageLevel::Mapped:
        return "#deebf7";
    case CoverageLevel::Minimal:
        return "#9ecae1";
    case CoverageLevel::Partial:
        return "#4292c6";
    case CoverageLevel::Significant:
        return "#08519c";
    }
    return "#ffffff";
}

int layerScore(CoverageLevel level) {
    return static_cast<int>(level);
}

nlohmann::json navigatorLayer(const CoverageResult& result) {
    nlohmann::json techniques = nlohmann::json::array();
    for (const auto& technique : result.techniques) {
        techniques.push_back({{"techniqueID", technique.attackId},
                              {"score", layerScore(technique.overall)},
                              {"color", levelColor(technique.overall)},
                              {"comment", comment(technique)},
                              {"enabled", true},
                              {"metadata", nlohmann::json::array()},
                              {"links", nlohmann::json::array()},
                              {"showSubtechniques", technique.subtechniquesCovered > 0}});
    }
    nlohmann::json legend = nlohmann::json::array();
    for (int i = 4; i >= 0; --i) {
        auto level = static_cast<CoverageLevel>(i);
        std::string label(toString(level));
        legend.push_back({{"label", level == CoverageLevel::None ? "gap" : label},
                          {"color", levelColor(level)}});
    }
    std::string releases;
    for (const auto& release : result.frameworkReleases) {
        releases += (releases.empty() ? "" : "; ") + release.label;
    }
    return {
        {"name", "attackmap: " + result.profileName},
        {"versions",
         {{"attack", majorVersion(result.release.version)},
          {"navigator", navigatorVersion},
          {"layer", "4.5"}}},
        {"domain", result.release.domain + "-attack"},
        {"description", "Coverage of profile '" + result.profileName + "' against ATT&CK " +
                            result.release.spec() +
                            ". Score: 0 gap, 1 mapped, 2 minimal, "
                            "3 partial, 4 significant."},
        {"sorting", 0},
        {"layout",
         {{"layout", "side"},
          {"aggregateFunction", "max"},
          {"showID", true},
          {"showName", true},
          {"showAggregateScores", false},
          {"countUnscored", false},
          {"expandedSubtechniques", "none"}}},
        {"hideDisabled", false},
        {"techniques", techniques},
        {"gradient",
         {{"colors",
           {levelColor(CoverageLevel::None), levelColor(CoverageLevel::Mapped),
            levelColor(CoverageLevel::Significant)}},
          {"minValue", 0},
          {"maxValue", 4}}},
        {"legendItems", legend},
        {"metadata",
         {{{"name", "profile"}, {"value", result.profileName}},
          {{"name", "release"}, {"value", result.release.spec()}},
          {{"name", "mappings"}, {"value", releases}},
          {{"name", "generator"}, {"value", "attackmap"}}}},
        {"links", nlohmann::json::array()},
        {"showTacticRowBackground", false},
        {"tacticRowBackground", "#dddddd"},
        {"selectTechniquesAcrossTactics", true},
        {"selectSubtechniquesWithParent", false},
        {"selectVisibleTechniques", false},
    };
}

} // namespace attackmap
