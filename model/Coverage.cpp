#include "attackmap/Coverage.h"

#include "MappingTables.h"

#include "attackmap/Database.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

namespace attackmap {

namespace {

using FrameworkReleaseRow = detail::FrameworkReleaseRow;

/// "16.1" -> 1601, so that the distance between versions is one number.
int versionNumber(std::string_view version) {
    int major = 0;
    int minor = 0;
    auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), major);
    if (end != version.data() + version.size() && *end == '.') {
        std::from_chars(end + 1, version.data() + version.size(), minor);
    }
    return major * 100 + minor;
}

/// Mappings Explorer dates are MM/DD/YYYY; as YYYYMMDD they sort.
std::string sortableDate(const std::string& date) {
    if (date.size() == 10 && date[2] == '/' && date[5] == '/') {
        return date.substr(6, 4) + date.substr(0, 2) + date.substr(3, 2);
    }
    return date;
}

/// For each framework, the release mapped to the ATT&CK version nearest
/// the analysed one: an exact match first, then the closest, then the most
/// recently updated.
std::vector<FrameworkReleaseRow> chooseFrameworkReleases(Database& db, const Release& release,
                                                         const CoverageOptions& options) {
    auto rows = detail::readFrameworkReleases(db);
    auto wanted = [&](const FrameworkReleaseRow& row) {
        if (!options.frameworks.empty() &&
            std::find(options.frameworks.begin(), options.frameworks.end(), row.framework) ==
                options.frameworks.end()) {
            return false;
        }
        if (!options.frameworkReleaseIds.empty() &&
            std::find(options.frameworkReleaseIds.begin(), options.frameworkReleaseIds.end(),
                      row.id) == options.frameworkReleaseIds.end()) {
            return false;
        }
        return row.domain == release.domain;
    };
    const int target = versionNumber(release.version);
    std::map<std::string, FrameworkReleaseRow> best;
    auto better = [&](const FrameworkReleaseRow& a, const FrameworkReleaseRow& b) {
        int distanceA = std::abs(versionNumber(a.attackVersion) - target);
        int distanceB = std::abs(versionNumber(b.attackVersion) - target);
        if (distanceA != distanceB) {
            return distanceA < distanceB;
        }
        std::string dateA = sortableDate(a.lastUpdate);
        std::string dateB = sortableDate(b.lastUpdate);
        return dateA != dateB ? dateA > dateB : a.id > b.id;
    };
    for (auto& row : rows) {
        if (!wanted(row)) {
            continue;
        }
        auto found = best.find(row.framework);
        if (found == best.end()) {
            best.emplace(row.framework, row);
        } else if (better(row, found->second)) {
            found->second = row;
        }
    }
    std::vector<FrameworkReleaseRow> chosen;
    for (auto& [framework, row] : best) {
        chosen.push_back(std::move(row));
    }
    return chosen;
}

CoverageLevel levelOf(ScoreValue value) {
    switch (value) {
    case ScoreValue::Significant:
        return CoverageLevel::Significant;
    case ScoreValue::Partial:
        return CoverageLevel::Partial;
    case ScoreValue::Minimal:
        return CoverageLevel::Minimal;
    case ScoreValue::None:
        break;
    }
    return CoverageLevel::Mapped;
}

ScoreCategory categoryOf(std::string_view text) {
    if (text == "detect") {
        return ScoreCategory::Detect;
    }
    // Mitigating rows have no category: a control that mitigates protects.
    return text == "respond" ? ScoreCategory::Respond : ScoreCategory::Protect;
}

void loadTechniques(Database& db, const Release& release, CoverageInput& input,
                    std::unordered_map<std::int64_t, int>& byObjectId) {
    std::unordered_map<std::int64_t, int> tacticIndex;
    for (std::size_t i = 0; i < input.tactics.size(); ++i) {
        tacticIndex[input.tactics[i].id] = static_cast<int>(i);
    }
    auto stmt = db.prepare(
        "SELECT o.id, o.attack_id, o.name, "
        "(SELECT group_concat(tactic_id) FROM technique_tactic WHERE technique_id = o.id) "
        "FROM attack_object o "
        "WHERE o.release_id = ? AND o.type = 'technique' AND NOT o.revoked AND NOT o.deprecated");
    stmt.bind(1, release.id);
    struct Loaded {
        std::int64_t objectId;
        CoverageInput::TechniqueRow row;
    };
    std::vector<Loaded> loaded;
    while (stmt.step()) {
        CoverageInput::TechniqueRow row;
        row.attackId = stmt.text(1);
        row.name = stmt.text(2);
        std::string_view list = stmt.textView(3);
        while (!list.empty()) {
            std::int64_t tactic = 0;
            auto [end, error] = std::from_chars(list.data(), list.data() + list.size(), tactic);
            if (auto found = tacticIndex.find(tactic); found != tacticIndex.end()) {
                row.tactics.push_back(found->second);
            }
            list.remove_prefix(static_cast<std::size_t>(end - list.data()));
            if (!list.empty()) {
                list.remove_prefix(1); // the comma
            }
        }
        std::sort(row.tactics.begin(), row.tactics.end());
        loaded.push_back({stmt.integer(0), std::move(row)});
    }
    // Sorted here rather than in SQL, which would walk every object of the release.
    std::sort(loaded.begin(), loaded.end(),
              [](const Loaded& a, const Loaded& b) { return a.row.attackId < b.row.attackId; });
    for (auto& item : loaded) {
        byObjectId[item.objectId] = static_cast<int>(input.techniques.size());
        input.techniques.push_back(std::move(item.row));
    }
    // A sub-technique's id is its parent's plus a suffix (T1552.005 under
    // T1552); reading that spares the technique rows and their long texts.
    std::unordered_map<std::string_view, int> byAttackId;
    for (std::size_t i = 0; i < input.techniques.size(); ++i) {
        byAttackId[input.techniques[i].attackId] = static_cast<int>(i);
    }
    for (auto& technique : input.techniques) {
        auto dot = technique.attackId.find('.');
        if (dot != std::string::npos) {
            auto found = byAttackId.find(std::string_view(technique.attackId).substr(0, dot));
            technique.parent = found != byAttackId.end() ? found->second : -1;
        }
    }
}

void loadUses(Database& db, const Release& release, CoverageInput& input,
              const std::unordered_map<std::int64_t, int>& byObjectId) {
    // From the few groups and campaigns to their relationships, both by index.
    auto uses = db.prepare("SELECT r.target_id, s.type, s.attack_id FROM attack_object s "
                           "JOIN relationship r ON r.source_id = s.id AND r.type = 'uses' "
                           "WHERE s.release_id = ? AND s.type IN ('group', 'campaign') "
                           "AND NOT s.revoked AND NOT s.deprecated");
    uses.bind(1, release.id);
    while (uses.step()) {
        auto found = byObjectId.find(uses.integer(0));
        if (found == byObjectId.end()) {
            continue; // software, or a revoked technique
        }
        auto& row = input.techniques[static_cast<std::size_t>(found->second)];
        (uses.textView(1) == "group" ? row.groups : row.campaigns).push_back(uses.text(2));
    }
    auto attributed =
        db.prepare("SELECT s.attack_id, t.attack_id FROM attack_object s "
                   "JOIN relationship r ON r.source_id = s.id AND r.type = 'attributed-to' "
                   "JOIN attack_object t ON t.id = r.target_id "
                   "WHERE s.release_id = ? AND s.type = 'campaign' AND t.type = 'group' "
                   "ORDER BY s.attack_id, t.attack_id");
    attributed.bind(1, release.id);
    while (attributed.step()) {
        std::string campaign = attributed.text(0);
        if (input.campaignGroups.empty() || input.campaignGroups.back().first != campaign) {
            input.campaignGroups.emplace_back(campaign, std::vector<std::string>{});
        }
        input.campaignGroups.back().second.push_back(attributed.text(1));
    }
}

void loadMappings(Database& db, const std::vector<FrameworkReleaseRow>& chosen,
                  CoverageInput& input) {
    std::vector<std::int64_t> ids;
    std::unordered_map<std::int64_t, int> releaseIndex;
    for (const auto& row : chosen) {
        releaseIndex[row.id] = static_cast<int>(input.frameworkReleases.size());
        input.frameworkReleases.push_back({row.id, row.framework, row.label});
        ids.push_back(row.id);
    }
    if (ids.empty()) {
        return;
    }

    // Capabilities of the chosen releases, by their row id.
    std::unordered_map<std::int64_t, int> capabilityIndex;
    for (auto& row : detail::readCapabilities(db, ids)) {
        auto found = releaseIndex.find(row.frameworkReleaseId);
        if (found == releaseIndex.end()) {
            continue;
        }
        const auto& framework = input.frameworkReleases[static_cast<std::size_t>(found->second)];
        capabilityIndex[row.rowId] = static_cast<int>(input.capabilities.size());
        input.capabilities.push_back({found->second, row.capabilityId,
                                      canonicalCapabilityId(framework.framework, row.capabilityId),
                                      std::move(row.description)});
    }

    // Keys view the techniques' own ids, which stay put from here on.
    std::unordered_map<std::string_view, int> techniqueIndex;
    for (std::size_t i = 0; i < input.techniques.size(); ++i) {
        techniqueIndex[input.techniques[i].attackId] = static_cast<int>(i);
    }
    detail::forEachMapping(db, ids, [&](const detail::MappingView& row) {
        auto technique = techniqueIndex.find(row.techniqueId);
        auto capability = capabilityIndex.find(row.capabilityRowId);
        if (technique == techniqueIndex.end() || capability == capabilityIndex.end()) {
            return; // revoked, deprecated or unknown here: the importer flags it
        }
        int release = releaseIndex.at(row.frameworkReleaseId);
        const auto& framework = input.frameworkReleases[static_cast<std::size_t>(release)];
        if (row.kind == MappingKind::Related) {
            if (framework.framework == kevFramework) {
                ++input.techniques[static_cast<std::size_t>(technique->second)].kevMappings;
            }
            return; // context, never coverage
        }
        if (row.kind != MappingKind::Scored && row.kind != MappingKind::Mitigating) {
            return;
        }
        if (row.kind == MappingKind::Scored &&
            (row.scoreValue == ScoreValue::None || row.scoreCategory.empty())) {
            return; // flagged "no score" by the importer: a score that is not there
        }
        CoverageInput::MappingRow mapping;
        mapping.technique = technique->second;
        mapping.capability = capability->second;
        mapping.category = categoryOf(row.scoreCategory);
        mapping.level =
            row.kind == MappingKind::Scored ? levelOf(row.scoreValue) : CoverageLevel::Mapped;
        input.mappings.push_back(mapping);
    });
}

/// A profile's capabilities as the analysis sees them: the status that
/// counts for each capability row, or nothing.
struct ProfileView {
    std::vector<std::optional<CapabilityStatus>> capabilityStatus;
    std::vector<CoverageLevel> observed; // per technique
    std::vector<std::string> unknown;
};

ProfileView viewProfile(const CoverageInput& input, const Profile& profile) {
    ProfileView view;
    view.capabilityStatus.resize(input.capabilities.size());
    view.observed.resize(input.techniques.size(), CoverageLevel::None);

    std::map<std::pair<std::string_view, std::string_view>, const ProfileEntry*> entries;
    std::map<std::string_view, const ProfileEntry*> observed;
    for (const auto& entry : profile.entries) {
        if (entry.framework == observedFramework) {
            observed[entry.capabilityId] = &entry;
        } else {
            entries[{entry.framework, entry.canonicalId}] = &entry;
        }
    }
    std::set<const ProfileEntry*> matched;
    for (std::size_t i = 0; i < input.capabilities.size(); ++i) {
        const auto& capability = input.capabilities[i];
        const auto& framework =
            input.frameworkReleases[static_cast<std::size_t>(capability.frameworkRelease)];
        auto found = entries.find({framework.framework, capability.canonicalId});
        if (found != entries.end()) {
            view.capabilityStatus[i] = found->second->status;
            matched.insert(found->second);
        }
    }
    for (std::size_t i = 0; i < input.techniques.size(); ++i) {
        auto found = observed.find(input.techniques[i].attackId);
        if (found != observed.end()) {
            view.observed[i] = found->second->observedLevel;
            matched.insert(found->second);
        }
    }

    // Entries of a framework that was read but that name nothing in it.
    std::set<std::string_view> frameworksRead;
    for (const auto& release : input.frameworkReleases) {
        frameworksRead.insert(release.framework);
    }
    for (const auto& entry : profile.entries) {
        bool read =
            entry.framework == observedFramework || frameworksRead.contains(entry.framework);
        if (read && !matched.contains(&entry)) {
            view.unknown.push_back(entry.framework + " " + entry.capabilityId);
        }
    }
    return view;
}

bool counts(std::optional<CapabilityStatus> status, const CoverageOptions& options) {
    return status && (*status != CapabilityStatus::Planned || options.includePlanned);
}

void rankAndRecommend(const CoverageInput& input, const CoverageOptions& options,
                      CoverageResult& result) {
    for (std::size_t i = 0; i < result.techniques.size(); ++i) {
        const auto& technique = result.techniques[i];
        if (!technique.gap()) {
            continue;
        }
        if (!options.groups.empty() && technique.groups + technique.campaigns == 0) {
            continue; // no chosen group uses it
        }
        result.rankedGaps.push_back(static_cast<int>(i));
    }
    std::stable_sort(result.rankedGaps.begin(), result.rankedGaps.end(), [&](int a, int b) {
        return result.techniques[static_cast<std::size_t>(a)].weight >
               result.techniques[static_cast<std::size_t>(b)].weight;
    });

    // Greedy set cover: each round takes the capability that closes the most
    // weight still open, then the most gaps, then the first by name.
    std::map<int, std::vector<int>> closes; // capability -> ranked gaps
    for (int gap : result.rankedGaps) {
        for (const auto& closer : result.techniques[static_cast<std::size_t>(gap)].closers) {
            auto& list = closes[closer.capability];
            if (list.empty() || list.back() != gap) {
                list.push_back(gap);
            }
        }
    }
    std::vector<bool> closed(result.techniques.size(), false);
    auto name = [&](int capability) {
        const auto& row = input.capabilities[static_cast<std::size_t>(capability)];
        return std::pair(
            input.frameworkReleases[static_cast<std::size_t>(row.frameworkRelease)].framework,
            row.capabilityId);
    };
    while (result.recommendations.size() < options.recommendations) {
        int best = -1;
        int bestWeight = 0;
        int bestCount = 0;
        for (const auto& [capability, gaps] : closes) {
            int weight = 0;
            int count = 0;
            for (int gap : gaps) {
                if (!closed[static_cast<std::size_t>(gap)]) {
                    weight += result.techniques[static_cast<std::size_t>(gap)].weight;
                    ++count;
                }
            }
            bool better = weight > bestWeight || (weight == bestWeight && count > bestCount) ||
                          (weight == bestWeight && count == bestCount && count > 0 && best >= 0 &&
                           name(capability) < name(best));
            if (count > 0 && (best < 0 || better)) {
                best = capability;
                bestWeight = weight;
                bestCount = count;
            }
        }
        if (best < 0) {
            break;
        }
        Recommendation recommendation;
        recommendation.capability = best;
        std::tie(recommendation.framework, recommendation.capabilityId) = name(best);
        recommendation.description = input.capabilities[static_cast<std::size_t>(best)].description;
        recommendation.addedWeight = bestWeight;
        for (int gap : closes[best]) {
            if (!closed[static_cast<std::size_t>(gap)]) {
                closed[static_cast<std::size_t>(gap)] = true;
                recommendation.closes.push_back(
                    result.techniques[static_cast<std::size_t>(gap)].attackId);
            }
        }
        result.recommendations.push_back(std::move(recommendation));
    }
}

} // namespace

std::string_view toString(ScoreCategory category) {
    switch (category) {
    case ScoreCategory::Protect:
        return "protect";
    case ScoreCategory::Detect:
        return "detect";
    case ScoreCategory::Respond:
        return "respond";
    }
    return "protect";
}

CoverageInput loadCoverageInput(Database& db, const Release& release,
                                const CoverageOptions& options) {
    CoverageInput input;
    input.release = release;
    input.tactics = listTactics(db, release.id);
    std::unordered_map<std::int64_t, int> byObjectId;
    loadTechniques(db, release, input, byObjectId);
    loadUses(db, release, input, byObjectId);
    loadMappings(db, chooseFrameworkReleases(db, release, options), input);
    return input;
}

const TechniqueCoverage* CoverageResult::find(std::string_view attackId) const {
    auto found = std::lower_bound(techniques.begin(), techniques.end(), attackId,
                                  [](const TechniqueCoverage& technique, std::string_view id) {
                                      return technique.attackId < id;
                                  });
    return found != techniques.end() && found->attackId == attackId ? &*found : nullptr;
}

CoverageResult analyseCoverage(const CoverageInput& input, const Profile& profile,
                               const CoverageOptions& options) {
    CoverageResult result;
    result.release = input.release;
    result.profileName = profile.name;
    result.groups = options.groups;
    result.frameworkReleases = input.frameworkReleases;
    ProfileView view = viewProfile(input, profile);
    result.unknownEntries = view.unknown;

    // The techniques, with their use by the chosen groups (or by all).
    std::set<std::string_view> chosen(options.groups.begin(), options.groups.end());
    std::set<std::string_view> chosenCampaigns;
    for (const auto& [campaign, groups] : input.campaignGroups) {
        for (const auto& group : groups) {
            if (chosen.contains(group)) {
                chosenCampaigns.insert(campaign);
            }
        }
    }
    result.techniques.resize(input.techniques.size());
    for (std::size_t i = 0; i < input.techniques.size(); ++i) {
        const auto& row = input.techniques[i];
        auto& technique = result.techniques[i];
        technique.attackId = row.attackId;
        technique.name = row.name;
        if (row.parent >= 0) {
            technique.parentId = input.techniques[static_cast<std::size_t>(row.parent)].attackId;
        }
        for (int tactic : row.tactics) {
            technique.tactics.push_back(input.tactics[static_cast<std::size_t>(tactic)].shortname);
        }
        if (chosen.empty()) {
            technique.groups = static_cast<int>(row.groups.size());
            technique.campaigns = static_cast<int>(row.campaigns.size());
        } else {
            technique.groups = static_cast<int>(
                std::count_if(row.groups.begin(), row.groups.end(),
                              [&](const std::string& id) { return chosen.contains(id); }));
            technique.campaigns = static_cast<int>(
                std::count_if(row.campaigns.begin(), row.campaigns.end(),
                              [&](const auto& id) { return chosenCampaigns.contains(id); }));
        }
        technique.kevMappings = row.kevMappings;
        technique.weight = technique.groups + technique.campaigns + technique.kevMappings;
        if (view.observed[i] != CoverageLevel::None) {
            technique.overall = view.observed[i];
            technique.coveredBy.push_back({-1, std::string(observedFramework), row.attackId, "",
                                           view.observed[i], CapabilityStatus::Observed});
        }
    }

    // Levels: the best of the profile's capabilities, per category. A
    // capability only partly in place counts at most as partial.
    auto contribution = [&](const CoverageInput::MappingRow& mapping, CoverageLevel level,
                            CapabilityStatus status) {
        const auto& capability = input.capabilities[static_cast<std::size_t>(mapping.capability)];
        const auto& framework =
            input.frameworkReleases[static_cast<std::size_t>(capability.frameworkRelease)];
        return Contribution{mapping.capability,
                            framework.framework,
                            capability.capabilityId,
                            std::string(toString(mapping.category)),
                            level,
                            status};
    };
    for (const auto& mapping : input.mappings) {
        auto status = view.capabilityStatus[static_cast<std::size_t>(mapping.capability)];
        if (!counts(status, options)) {
            continue;
        }
        CoverageLevel level = mapping.level;
        if (*status == CapabilityStatus::Partial) {
            level = std::min(level, CoverageLevel::Partial);
        }
        auto& technique = result.techniques[static_cast<std::size_t>(mapping.technique)];
        auto& category = technique.categories[static_cast<std::size_t>(mapping.category)];
        category = std::max(category, level);
        technique.overall = std::max(technique.overall, level);
        technique.coveredBy.push_back(contribution(mapping, level, *status));
    }

    // Gaps: what outside the profile maps to them, best first.
    for (const auto& mapping : input.mappings) {
        auto& technique = result.techniques[static_cast<std::size_t>(mapping.technique)];
        auto status = view.capabilityStatus[static_cast<std::size_t>(mapping.capability)];
        if (technique.gap() && !counts(status, options)) {
            technique.closers.push_back(contribution(
                mapping, mapping.level, status.value_or(CapabilityStatus::Implemented)));
        }
    }
    for (auto& technique : result.techniques) {
        std::sort(technique.closers.begin(), technique.closers.end(),
                  [](const Contribution& a, const Contribution& b) {
                      if (a.level != b.level) {
                          return a.level > b.level;
                      }
                      return std::tie(a.framework, a.capabilityId, a.category) <
                             std::tie(b.framework, b.capabilityId, b.category);
                  });
    }

    // Roll-ups: sub-techniques on parents, techniques on tactics and overall.
    for (const auto& tactic : input.tactics) {
        result.tactics.push_back({tactic.attackId, tactic.shortname, tactic.name, {}, 0});
    }
    for (std::size_t i = 0; i < input.techniques.size(); ++i) {
        const auto& technique = result.techniques[i];
        int parent = input.techniques[i].parent;
        if (parent >= 0) {
            auto& parentCoverage = result.techniques[static_cast<std::size_t>(parent)];
            ++parentCoverage.subtechniques;
            parentCoverage.subtechniquesCovered += technique.gap() ? 0 : 1;
        }
        auto level = static_cast<std::size_t>(technique.overall);
        ++result.levels[level];
        for (int tactic : input.techniques[i].tactics) {
            auto& tacticCoverage = result.tactics[static_cast<std::size_t>(tactic)];
            ++tacticCoverage.levels[level];
            ++tacticCoverage.total;
        }
        if (technique.gap()) {
            ++(technique.closers.empty() ? result.openGaps : result.closableGaps);
        }
    }

    rankAndRecommend(input, options, result);
    return result;
}

CoverageResult analyseCoverage(Database& db, const Release& release, const Profile& profile,
                               const CoverageOptions& options) {
    return analyseCoverage(loadCoverageInput(db, release, options), profile, options);
}

std::vector<LevelChange> compareCoverage(const CoverageResult& before,
                                         const CoverageResult& after) {
    std::vector<LevelChange> changes;
    for (const auto& technique : before.techniques) {
        const auto* other = after.find(technique.attackId);
        CoverageLevel afterLevel = other ? other->overall : CoverageLevel::None;
        if (afterLevel != technique.overall) {
            changes.push_back({technique.attackId, technique.name, technique.overall, afterLevel});
        }
    }
    for (const auto& technique : after.techniques) {
        if (!before.find(technique.attackId) && !technique.gap()) {
            changes.push_back(
                {technique.attackId, technique.name, CoverageLevel::None, technique.overall});
        }
    }
    return changes;
}

} // namespace attackmap
