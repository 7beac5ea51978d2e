#include "Commands.h"
#include "Context.h"
#include "Output.h"

#include "attackmap/Attack.h"
#include "attackmap/Coverage.h"
#include "attackmap/Error.h"
#include "attackmap/HtmlReport.h"
#include "attackmap/NavigatorLayer.h"
#include "attackmap/Profile.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>

namespace attackmap::cli {

namespace {

struct ProfileOptions {
    std::string file;
    std::string name;
    std::string release;
    bool keepUnknown = false;
};

struct GapOptions {
    std::string profile;
    std::string release;
    std::vector<std::string> groups;
    std::vector<std::string> frameworks;
    bool includePlanned = false;
    std::size_t limit = 20;
    std::size_t recommendations = 10;
    std::string compare;
    std::string output;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : std::string(separator)) + part;
    }
    return text;
}

std::string percent(double value) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", value);
    return text;
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

std::string padLeft(const std::string& text, std::size_t width) {
    return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

std::string contributionText(const Contribution& contribution) {
    std::string detail = contribution.category;
    detail += (detail.empty() ? "" : " ") + std::string(toString(contribution.level));
    if (contribution.status == CapabilityStatus::Partial ||
        contribution.status == CapabilityStatus::Planned) {
        detail += ", " + std::string(toString(contribution.status));
    }
    return contribution.framework + " " + contribution.capabilityId + " (" + detail + ")";
}

std::vector<std::string> contributionTexts(const std::vector<Contribution>& list) {
    std::vector<std::string> texts;
    for (const auto& contribution : list) {
        texts.push_back(contributionText(contribution));
    }
    return texts;
}

/// One text per capability, its categories together: "azure defender_for_storage
/// (detect partial, respond partial)", in the order the list first names it.
std::vector<std::string> capabilityTexts(const std::vector<Contribution>& list) {
    std::vector<std::pair<std::string, std::string>> merged;
    for (const auto& contribution : list) {
        std::string name = contribution.framework + " " + contribution.capabilityId;
        std::string text = contributionText(contribution);
        std::string detail = text.substr(name.size() + 2, text.size() - name.size() - 3);
        auto found = std::find_if(merged.begin(), merged.end(),
                                  [&](const auto& item) { return item.first == name; });
        if (found == merged.end()) {
            merged.emplace_back(name, detail);
        } else {
            found->second += ", " + detail;
        }
    }
    std::vector<std::string> texts;
    for (const auto& [name, detail] : merged) {
        texts.push_back(name + " (" + detail + ")");
    }
    return texts;
}

// ---- profile ------------------------------------------------------------

void runProfileImport(Context& context, const ProfileOptions& options) {
    ProfileImportOptions importOptions;
    importOptions.name = options.name;
    importOptions.keepUnknown = options.keepUnknown;
    importOptions.release = options.release;
    auto result = importProfile(context.dbForWriting(), options.file, importOptions);
    if (context.format() == Format::Json) {
        std::cout << jsonText(nlohmann::json{{"profile", result.profile.name},
                                    {"entries", result.profile.entries.size()},
                                    {"unknown", result.unknownCount},
                                    {"replaced", result.replaced},
                                    {"warnings", result.warnings}})
                  << '\n';
        return;
    }
    std::cout << options.file << " -> profile '" << result.profile.name
              << "': " << counted(result.profile.entries.size(), "entry", "entries")
              << (result.unknownCount
                      ? ", " + std::to_string(result.unknownCount) + " unknown (kept, flagged)"
                      : "")
              << (result.replaced ? " (replaced the earlier one)" : "") << '\n';
    for (const auto& warning : result.warnings) {
        std::cerr << "  warning: " << warning << '\n';
    }
}

void runProfileList(Context& context) {
    auto profiles = listProfiles(context.db());
    if (context.format() == Format::Json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& profile : profiles) {
            list.push_back({{"name", profile.name},
                            {"description", profile.description},
                            {"source", profile.source},
                            {"created_at", profile.createdAt},
                            {"entries", profile.entryCount},
                            {"unknown", profile.unknownCount}});
        }
        std::cout << jsonText(list) << '\n';
        return;
    }
    if (context.format() == Format::Csv) {
        writeCsvRow(std::cout, {"name", "entries", "unknown", "source", "created_at"});
        for (const auto& profile : profiles) {
            writeCsvRow(std::cout,
                        {profile.name, std::to_string(profile.entryCount),
                         std::to_string(profile.unknownCount), profile.source, profile.createdAt});
        }
        return;
    }
    if (profiles.empty()) {
        std::cout << "No profile is stored. Import one: attackmap profile import FILE\n";
    }
    for (const auto& profile : profiles) {
        std::cout << profile.name << "  "
                  << counted(static_cast<std::size_t>(profile.entryCount), "entry", "entries")
                  << (profile.unknownCount
                          ? ", " + std::to_string(profile.unknownCount) + " unknown"
                          : "")
                  << "  (" << profile.source << ", " << profile.createdAt << ")\n";
    }
}

void runProfileShow(Context& context, const std::string& name) {
    Profile profile = loadProfile(context.db(), name);
    if (context.format() == Format::Json) {
        std::cout << profileToJson(profile);
        return;
    }
    if (context.format() == Format::Csv) {
        writeCsvRow(std::cout, {"framework", "capability_id", "status"});
        for (const auto& entry : profile.entries) {
            writeCsvRow(std::cout,
                        {entry.framework, entry.capabilityId, std::string(toString(entry.status))});
        }
        return;
    }
    std::cout << profile.name << "  ("
              << counted(profile.entries.size(), "entry", "entries") << ", from "
              << (profile.source.empty() ? "the desktop app" : profile.source) << ", "
              << profile.createdAt << ")\n";
    if (!profile.description.empty()) {
        std::cout << wrap(profile.description, 88, "  ") << '\n';
    }
    for (const auto& entry : profile.entries) {
        std::cout << "  " << pad(entry.framework, 14) << pad(entry.capabilityId, 28)
                  << toString(entry.status);
        if (entry.status == CapabilityStatus::Observed) {
            std::cout << ' ' << toString(entry.observedLevel);
        }
        std::cout << (entry.known ? "" : "  [unknown id]") << '\n';
    }
}

void runProfileDelete(Context& context, const std::string& name) {
    if (!deleteProfile(context.db(), name)) {
        throw NotFound("no profile named '" + name + "'");
    }
    std::cout << "Deleted profile '" << name << "'.\n";
}

// ---- gaps ---------------------------------------------------------------

CoverageOptions coverageOptions(const GapOptions& options) {
    CoverageOptions coverage;
    coverage.groups = options.groups;
    coverage.frameworks = options.frameworks;
    coverage.includePlanned = options.includePlanned;
    coverage.recommendations = options.recommendations;
    return coverage;
}

/// The chosen groups as the release spells them (G0016), or NotFound naming
/// the first the release does not have: an unknown id would otherwise rank
/// nothing and read as "no gaps against that group".
std::vector<std::string> checkedGroups(Database& db, const Release& release,
                                       const std::vector<std::string>& groups) {
    std::vector<std::string> checked;
    for (const auto& group : groups) {
        auto found = findObject(db, release.id, "group", group);
        if (!found) {
            throw NotFound("no group " + group + " in " + release.spec() +
                           "; --groups takes ATT&CK group ids such as G0016");
        }
        checked.push_back(found->attackId);
    }
    return checked;
}

CoverageResult analyse(Context& context, const GapOptions& options, const std::string& name) {
    Release release = resolveRelease(context.db(), options.release);
    Profile profile = loadProfile(context.db(), name);
    CoverageOptions coverage = coverageOptions(options);
    coverage.groups = checkedGroups(context.db(), release, options.groups);
    return analyseCoverage(context.db(), release, profile, coverage);
}

nlohmann::json contributionsJson(const std::vector<Contribution>& list) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& contribution : list) {
        array.push_back({{"framework", contribution.framework},
                         {"capability_id", contribution.capabilityId},
                         {"category", contribution.category},
                         {"level", toString(contribution.level)},
                         {"status", toString(contribution.status)}});
    }
    return array;
}

nlohmann::json resultJson(const CoverageResult& result) {
    nlohmann::json techniques = nlohmann::json::array();
    for (const auto& technique : result.techniques) {
        nlohmann::json item = {{"id", technique.attackId},
                               {"name", technique.name},
                               {"tactics", technique.tactics},
                               {"protect", toString(technique.categories[0])},
                               {"detect", toString(technique.categories[1])},
                               {"respond", toString(technique.categories[2])},
                               {"overall", toString(technique.overall)},
                               {"covered_by", contributionsJson(technique.coveredBy)},
                               {"groups", technique.groups},
                               {"campaigns", technique.campaigns},
                               {"kev_mappings", technique.kevMappings},
                               {"weight", technique.weight}};
        if (!technique.parentId.empty()) {
            item["parent"] = technique.parentId;
        }
        if (technique.subtechniques > 0) {
            item["subtechniques"] = {{"covered", technique.subtechniquesCovered},
                                     {"total", technique.subtechniques}};
        }
        if (technique.gap()) {
            item["gap"] = technique.closable() ? "closable" : "open";
            item["closable_by"] = contributionsJson(technique.closers);
        }
        techniques.push_back(std::move(item));
    }
    nlohmann::json tactics = nlohmann::json::array();
    for (const auto& tactic : result.tactics) {
        nlohmann::json levels;
        for (int i = 0; i <= 4; ++i) {
            levels[std::string(toString(static_cast<CoverageLevel>(i)))] =
                tactic.levels[static_cast<std::size_t>(i)];
        }
        tactics.push_back({{"id", tactic.attackId},
                           {"name", tactic.name},
                           {"levels", levels},
                           {"total", tactic.total},
                           {"covered", tactic.covered()},
                           {"percent_covered", tactic.percentCovered()}});
    }
    nlohmann::json ranked = nlohmann::json::array();
    for (int index : result.rankedGaps) {
        const auto& technique = result.techniques[static_cast<std::size_t>(index)];
        ranked.push_back({{"id", technique.attackId}, {"weight", technique.weight}});
    }
    nlohmann::json recommendations = nlohmann::json::array();
    for (const auto& recommendation : result.recommendations) {
        recommendations.push_back({{"framework", recommendation.framework},
                                   {"capability_id", recommendation.capabilityId},
                                   {"description", recommendation.description},
                                   {"closes", recommendation.closes},
                                   {"added_weight", recommendation.addedWeight}});
    }
    nlohmann::json releases = nlohmann::json::array();
    for (const auto& release : result.frameworkReleases) {
        releases.push_back(release.label);
    }
    nlohmann::json levels;
    for (int i = 0; i <= 4; ++i) {
        levels[std::string(toString(static_cast<CoverageLevel>(i)))] =
            result.levels[static_cast<std::size_t>(i)];
    }
    return {{"profile", result.profileName},
            {"release", result.release.spec()},
            {"groups", result.groups},
            {"mapping_releases", releases},
            {"levels", levels},
            {"closable_gaps", result.closableGaps},
            {"open_gaps", result.openGaps},
            {"unknown_entries", result.unknownEntries},
            {"tactics", tactics},
            {"ranked_gaps", ranked},
            {"recommendations", recommendations},
            {"techniques", techniques}};
}

void writeCsv(const CoverageResult& result) {
    std::vector<int> rank(result.techniques.size(), 0);
    for (std::size_t i = 0; i < result.rankedGaps.size(); ++i) {
        rank[static_cast<std::size_t>(result.rankedGaps[i])] = static_cast<int>(i) + 1;
    }
    writeCsvRow(std::cout,
                {"technique_id", "name", "tactics", "protect", "detect", "respond", "overall",
                 "gap", "rank", "weight", "groups", "campaigns", "kev_mappings",
                 "subtechniques_covered", "subtechniques", "covered_by", "closable_by"});
    for (std::size_t i = 0; i < result.techniques.size(); ++i) {
        const auto& technique = result.techniques[i];
        std::string gap = technique.gap() ? (technique.closable() ? "closable" : "open") : "";
        writeCsvRow(std::cout,
                    {technique.attackId, technique.name, join(technique.tactics, ";"),
                     std::string(toString(technique.categories[0])),
                     std::string(toString(technique.categories[1])),
                     std::string(toString(technique.categories[2])),
                     std::string(toString(technique.overall)), gap,
                     rank[i] ? std::to_string(rank[i]) : "", std::to_string(technique.weight),
                     std::to_string(technique.groups), std::to_string(technique.campaigns),
                     std::to_string(technique.kevMappings),
                     std::to_string(technique.subtechniquesCovered),
                     std::to_string(technique.subtechniques),
                     join(contributionTexts(technique.coveredBy), "; "),
                     join(contributionTexts(technique.closers), "; ")});
    }
}

void writeText(const CoverageResult& result, std::size_t limit) {
    int total = 0;
    for (int count : result.levels) {
        total += count;
    }
    int covered = total - result.levels[0];
    std::cout << "Profile '" << result.profileName << "' against " << result.release.spec() << " ("
              << result.frameworkReleases.size() << " mapping releases"
              << (result.groups.empty() ? "" : ", ranked against " + join(result.groups, ", "))
              << ")\n"
              << "Covered " << covered << " of " << total << " techniques and sub-techniques ("
              << percent(total ? 100.0 * covered / total : 0) << "): significant "
              << result.levels[4] << ", partial " << result.levels[3] << ", minimal "
              << result.levels[2] << ", mapped " << result.levels[1] << "; gaps "
              << result.levels[0] << " (closable " << result.closableGaps << ", open "
              << result.openGaps << ")\n";
    if (!result.unknownEntries.empty()) {
        std::cout << "Profile entries that name nothing read: " << join(result.unknownEntries, ", ")
                  << '\n';
    }

    std::cout << '\n'
              << pad("Tactic", 24) << padLeft("signif", 7) << padLeft("partial", 8)
              << padLeft("minimal", 8) << padLeft("mapped", 7) << padLeft("gap", 5)
              << padLeft("total", 6) << padLeft("covered", 9) << '\n';
    for (const auto& tactic : result.tactics) {
        std::cout << pad(tactic.name, 24);
        const std::array<std::size_t, 5> widths = {5, 7, 8, 8, 7};
        for (int i = 4; i >= 0; --i) {
            std::cout << padLeft(std::to_string(tactic.levels[static_cast<std::size_t>(i)]),
                                 widths[static_cast<std::size_t>(i)]);
        }
        std::cout << padLeft(std::to_string(tactic.total), 6)
                  << padLeft(percent(tactic.percentCovered()), 9) << '\n';
    }

    std::cout << "\nRanked gaps (" << result.rankedGaps.size()
              << (result.groups.empty() ? "" : " used by the chosen groups")
              << "; weight = groups + campaigns + KEV mappings";
    if (result.rankedGaps.size() > limit) {
        std::cout << "; the first " << limit << ", --limit for more";
    }
    std::cout << ")\n";
    for (std::size_t i = 0; i < result.rankedGaps.size() && i < limit; ++i) {
        const auto& technique = result.techniques[static_cast<std::size_t>(result.rankedGaps[i])];
        std::cout << padLeft(std::to_string(i + 1), 4) << "  " << pad(technique.attackId, 11)
                  << pad(technique.name.substr(0, 40), 42) << "weight "
                  << padLeft(std::to_string(technique.weight), 4) << "  (groups "
                  << technique.groups << ", campaigns " << technique.campaigns << ", KEV "
                  << technique.kevMappings << ")\n";
        if (technique.closers.empty()) {
            std::cout << "        open: no loaded capability maps to it\n";
            continue;
        }
        auto names = capabilityTexts(technique.closers);
        if (names.size() > 6) {
            std::size_t more = names.size() - 6;
            names.resize(6);
            names.push_back("and " + std::to_string(more) + " more");
        }
        std::cout << wrap("closable by " + join(names, ", "), 86, "        ") << '\n';
    }

    std::cout << "\nRecommendations (greedy: each closes the most remaining gap weight)\n";
    if (result.recommendations.empty()) {
        std::cout << "  none: no loaded capability outside the profile closes a ranked gap\n";
    }
    int rank = 0;
    for (const auto& recommendation : result.recommendations) {
        std::cout << padLeft(std::to_string(++rank), 4) << "  " << recommendation.framework << ' '
                  << recommendation.capabilityId << "  closes "
                  << counted(recommendation.closes.size(), "gap", "gaps") << ", weight +"
                  << recommendation.addedWeight << '\n';
        if (!recommendation.description.empty()) {
            std::cout << wrap(recommendation.description, 86, "        ") << '\n';
        }
    }
}

void writeComparison(const CoverageResult& before, const CoverageResult& after, Format format) {
    auto changes = compareCoverage(before, after);
    if (format == Format::Json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& change : changes) {
            list.push_back({{"id", change.attackId},
                            {"name", change.name},
                            {"before", toString(change.before)},
                            {"after", toString(change.after)}});
        }
        std::cout << jsonText(nlohmann::json{{"before", before.profileName},
                                    {"after", after.profileName},
                                    {"release", before.release.spec()},
                                    {"changes", list}})
                  << '\n';
        return;
    }
    if (format == Format::Csv) {
        writeCsvRow(std::cout, {"technique_id", "name", before.profileName, after.profileName});
        for (const auto& change : changes) {
            writeCsvRow(std::cout,
                        {change.attackId, change.name, std::string(toString(change.before)),
                         std::string(toString(change.after))});
        }
        return;
    }
    int better = 0;
    for (const auto& change : changes) {
        better += change.after > change.before ? 1 : 0;
    }
    std::cout << "'" << before.profileName << "' -> '" << after.profileName << "' on "
              << before.release.spec() << ": " << changes.size() << " techniques change level ("
              << better << " better, " << changes.size() - static_cast<std::size_t>(better)
              << " worse)\n";
    for (const auto& change : changes) {
        std::cout << "  " << pad(change.attackId, 11) << pad(change.name.substr(0, 44), 46)
                  << pad(std::string(toString(change.before)), 12) << "-> "
                  << toString(change.after) << '\n';
    }
}

void runGaps(Context& context, const GapOptions& options) {
    if (!options.compare.empty()) {
        // Planned capabilities, when asked for, count on the "after" side
        // only, so that a profile compared with itself shows what they add.
        GapOptions before = options;
        before.includePlanned = false;
        writeComparison(analyse(context, before, options.profile),
                        analyse(context, options, options.compare), context.format());
        return;
    }
    CoverageResult result = analyse(context, options, options.profile);
    switch (context.format()) {
    case Format::Json:
        std::cout << jsonText(resultJson(result)) << '\n';
        break;
    case Format::Csv:
        writeCsv(result);
        break;
    case Format::Text:
        writeText(result, options.limit);
        break;
    }
}

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    out.close();
    if (!out) {
        throw std::runtime_error(path + ": cannot be written");
    }
}

std::string nowUtc() {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    return text;
}

void runReport(Context& context, const GapOptions& options) {
    CoverageResult result = analyse(context, options, options.profile);
    HtmlReportOptions reportOptions;
    reportOptions.generatedAt = nowUtc();
    reportOptions.gapLimit = std::max<std::size_t>(options.limit, 1);
    writeFile(options.output, htmlReport(result, reportOptions));
    std::cout << "Wrote " << options.output << ": "
              << counted(result.rankedGaps.size(), "ranked gap", "ranked gaps") << ", "
              << counted(result.recommendations.size(), "recommendation", "recommendations")
              << '\n';
}

void runExportNavigator(Context& context, const GapOptions& options) {
    CoverageResult result = analyse(context, options, options.profile);
    writeFile(options.output, jsonText(navigatorLayer(result)) + "\n");
    std::cout << "Wrote " << options.output << ": Navigator layer 4.5 of "
              << result.techniques.size() << " techniques for " << result.release.spec() << '\n';
}

/// The options gaps, report and export share.
void addAnalysisOptions(CLI::App* command, GapOptions& options) {
    command->add_option("profile", options.profile, "Profile name")->required();
    command->add_option("--release", options.release,
                        "ATT&CK release, e.g. enterprise@16.1 (default: newest enterprise)");
    command
        ->add_option("--groups", options.groups,
                     "Rank gaps only by these groups and their campaigns, e.g. G0016,G0007")
        ->delimiter(',');
    command
        ->add_option("--framework", options.frameworks,
                     "Read only these frameworks' mappings, e.g. aws,nist_800_53")
        ->delimiter(',');
    command->add_flag("--include-planned", options.includePlanned,
                      "Count planned capabilities as in place (with --compare: in the second "
                      "profile only)");
    command->add_option("--recommend", options.recommendations, "Most capabilities to recommend")
        ->capture_default_str();
}

} // namespace

void addGapCommands(CLI::App& app, Context& context) {
    auto* profile = app.add_subcommand("profile", "Coverage profiles: what an organisation has");
    profile->require_subcommand(1);

    auto importOptions = std::make_shared<ProfileOptions>();
    auto* import = profile->add_subcommand(
        "import", "Import a profile from CSV (framework,capability_id,status), JSON or a "
                  "Navigator layer");
    import->add_option("file", importOptions->file, "Profile file")->required();
    import->add_option("--name", importOptions->name,
                       "Profile name (default: the file's name field, else its stem)");
    import->add_flag("--keep-unknown", importOptions->keepUnknown,
                     "Keep ids no loaded release knows, flagged, instead of refusing the file");
    import->add_option("--release", importOptions->release,
                       "Layers: ATT&CK release to check technique ids against");
    import->callback([&context, importOptions] { runProfileImport(context, *importOptions);
});

profile->add_subcommand("list", "List stored profiles")->callback([&context] {
    runProfileList(context);
});

auto name = std::make_shared<std::string>();
auto* show = profile->add_subcommand("show", "Show a profile's entries");
show->add_option("name", *name, "Profile name")->required();
show->callback([&context, name] { runProfileShow(context, *name); });

auto deleted = std::make_shared<std::string>();
auto* remove = profile->add_subcommand("delete", "Delete a stored profile");
remove->add_option("name", *deleted, "Profile name")->required();
remove->callback([&context, deleted] { runProfileDelete(context, *deleted); });

auto gapOptions = std::make_shared<GapOptions>();
auto* gaps = app.add_subcommand("gaps", "Coverage and ranked gaps of a profile");
addAnalysisOptions(gaps, *gapOptions);
gaps->add_option("--limit", gapOptions->limit, "Ranked gaps to list in text output")
    ->capture_default_str();
gaps->add_option("--compare", gapOptions->compare,
                 "Another profile: list the techniques whose level differs");
gaps->callback([&context, gapOptions] { runGaps(context, *gapOptions); });

auto reportOptions = std::make_shared<GapOptions>();
reportOptions->limit = 100;
auto* report = app.add_subcommand("report", "Write a self-contained HTML gap report");
addAnalysisOptions(report, *reportOptions);
report->add_option("-o,--output", reportOptions->output, "HTML file to write")->required();
report->add_option("--limit", reportOptions->limit, "Ranked gaps to list")->capture_default_str();
report->callback([&context, reportOptions] { runReport(context, *reportOptions); });

auto* exportCommand = app.add_subcommand("export", "Export coverage for other tools");
exportCommand->require_subcommand(1);
auto layerOptions = std::make_shared<GapOptions>();
auto* navigator = exportCommand->add_subcommand(
    "navigator", "ATT&CK Navigator layer (format 4.5) of a profile's coverage");
addAnalysisOptions(navigator, *layerOptions);
navigator->add_option("-o,--output", layerOptions->output, "Layer file to write")->required();
navigator->callback([&context, layerOptions] { runExportNavigator(context, *layerOptions); });
} // namespace attackmap::cli

} // namespace attackmap::cli
