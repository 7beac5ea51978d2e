#include "MappingCommands.h"

#include "Commands.h"
#include "Context.h"
#include "Output.h"

#include "attackmap/Attack.h"
#include "attackmap/Error.h"
#include "attackmap/Frameworks.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <map>

namespace attackmap::cli {

namespace {

std::string lowerCase(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : std::string(separator)) + part;
    }
    return text;
}

std::map<std::int64_t, FrameworkRelease> releasesById(Database& db) {
    std::map<std::int64_t, FrameworkRelease> releases;
    for (auto& release : listFrameworkReleases(db)) {
        releases.emplace(release.id, std::move(release));
    }
    return releases;
}

/// A framework as people name it: its id (nist_800_53), short name
/// (NIST 800-53) or display name, in any case.
bool namesFramework(const FrameworkRelease& release, std::string_view name) {
    const std::string wanted = lowerCase(trimmed(name));
    return wanted == lowerCase(release.framework) || wanted == lowerCase(release.shortName) ||
           wanted == lowerCase(release.displayName);
}

std::string loadedFrameworks(const std::vector<FrameworkRelease>& releases) {
    std::vector<std::string> names;
    for (const auto& release : releases) {
        if (std::find(names.begin(), names.end(), release.framework) == names.end()) {
            names.push_back(release.framework);
        }
    }
    return names.empty() ? "none; import a Mappings Explorer file first" : joined(names, ", ");
}

/// The type and score of a mapping as one phrase: "technique_scores: detect minimal".
std::string typeAndScore(const Mapping& mapping) {
    std::string text = mapping.mappingType.empty() ? std::string(toString(mapping.kind))
                                                   : mapping.mappingType;
    std::string score = mapping.scoreCategory;
    if (mapping.scoreValue != ScoreValue::None) {
        score += (score.empty() ? "" : " ") + std::string(toString(mapping.scoreValue));
    }
    return score.empty() ? text : text + ": " + score;
}

/// A labelled field under a mapping; wrapped text continues under the value.
void printField(std::ostream& out, std::string_view label, const std::string& value) {
    if (value.empty()) {
        return;
    }
    constexpr std::size_t valueColumn = 17;
    const std::string indent(valueColumn, ' ');
    std::string text = wrap(value, 88, indent);
    std::string head = "    " + std::string(label);
    head.resize(valueColumn, ' ');
    out << head << text.substr(std::min(text.size(), valueColumn)) << '\n';
}

void printMapping(std::ostream& out, const Mapping& mapping) {
    if (mapping.capabilityId) {
        out << "  " << *mapping.capabilityId;
        if (!mapping.capabilityDescription.empty()) {
            out << "  " << mapping.capabilityDescription;
        }
        out << '\n';
    } else {
        out << "  (no capability maps to this technique)\n";
    }
    std::string type = mapping.mappingType.empty()
                           ? std::string(toString(mapping.kind))
                           : mapping.mappingType + " (" + std::string(toString(mapping.kind)) + ")";
    printField(out, "Type", type);
    std::string score = mapping.scoreCategory;
    if (mapping.scoreValue != ScoreValue::None) {
        score += (score.empty() ? "" : " ") + std::string(toString(mapping.scoreValue));
    }
    printField(out, "Score", score);
    printField(out, "Related to", mapping.relatedScore);
    printField(out, "Comments", mapping.comments);
    printField(out, "References", joined(mapping.references, "\n"));
    printField(out, "Flags", joined(mapping.flags, "; "));
    if (mapping.duplicates > 0) {
        printField(out, "Repeated", std::to_string(mapping.duplicates) +
                                        " more identical row(s) in the file, kept once");
    }
}

nlohmann::json mappingJson(const Mapping& mapping, const FrameworkRelease* release) {
    auto optional = [](const std::optional<std::string>& text) -> nlohmann::json {
        return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
    };
    nlohmann::json json = {
        {"capability_id", optional(mapping.capabilityId)},
        {"capability_description", mapping.capabilityDescription},
        {"capability_group", mapping.capabilityGroup},
        {"technique_id", optional(mapping.techniqueId)},
        {"technique_name", mapping.techniqueName},
        {"technique_name_in_file", mapping.techniqueNameInFile},
        {"mapping_type", mapping.mappingType},
        {"kind", toString(mapping.kind)},
        {"score_category", mapping.scoreCategory},
        {"score_value", toString(mapping.scoreValue)},
        {"related_score", mapping.relatedScore},
        {"comments", mapping.comments},
        {"references", mapping.references},
        {"status", mapping.status},
        {"flags", mapping.flags},
        {"duplicates", mapping.duplicates},
    };
    if (release) {
        json["release"] = release->label();
        json["framework"] = release->framework;
        json["framework_version"] = release->frameworkVersion;
        json["attack_version"] = release->attackVersion;
        json["domain"] = release->domain;
    }
    return json;
}

nlohmann::json releaseJson(const FrameworkRelease& release) {
    return {{"label", release.label()},
            {"framework", release.framework},
            {"name", release.displayName},
            {"framework_version", release.frameworkVersion},
            {"attack_version", release.attackVersion},
            {"domain", release.domain},
            {"creation_date", release.creationDate},
            {"last_update", release.lastUpdate},
            {"source_file", release.sourceFile},
            {"rows", release.rowCount},
            {"mappings", release.mappingCount},
            {"capabilities", release.capabilityCount},
            {"flagged", release.flaggedCount},
            {"checked_against", release.validatedAgainst}};
}

void runFrameworks(Context& context) {
    auto releases = listFrameworkReleases(context.db());
    if (context.format() == Format::Json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& release : releases) {
            list.push_back(releaseJson(release));
        }
        std::cout << jsonText(list) << '\n';
        return;
    }
    if (context.format() == Format::Csv) {
        writeCsvRow(std::cout, {"framework", "framework_version", "attack_version", "domain",
                                "name", "rows", "mappings", "capabilities", "flagged",
                                "checked_against", "source_file"});
        for (const auto& r : releases) {
            writeCsvRow(std::cout, {r.framework, r.frameworkVersion, r.attackVersion, r.domain,
                                    r.displayName, std::to_string(r.rowCount),
                                    std::to_string(r.mappingCount),
                                    std::to_string(r.capabilityCount),
                                    std::to_string(r.flaggedCount), r.validatedAgainst,
                                    r.sourceFile});
        }
        return;
    }
    if (releases.empty()) {
        std::cout << "No mapping file is loaded. Import one: attackmap import FILE\n";
        return;
    }
    std::size_t width = std::string_view("Framework release").size();
    for (const auto& release : releases) {
        width = std::max(width, release.label().size());
    }
    auto pad = [](std::string text, std::size_t size, bool right) {
        if (text.size() < size) {
            text.insert(right ? 0 : text.size(), size - text.size(), ' ');
        }
        return text;
    };
    std::cout << pad("Framework release", width, false) << "   Rows  Mappings  Capabilities"
              << "  Flagged  Checked against\n";
    for (const auto& release : releases) {
        std::cout << pad(release.label(), width, false)
                  << pad(std::to_string(release.rowCount), 7, true)
                  << pad(std::to_string(release.mappingCount), 10, true)
                  << pad(std::to_string(release.capabilityCount), 14, true)
                  << pad(std::to_string(release.flaggedCount), 9, true) << "  "
                  << (release.validatedAgainst.empty() ? "(not checked)"
                                                       : release.validatedAgainst)
                  << '\n';
    }
}

struct CapabilityQuery {
    std::string framework;
    std::string id;
    std::string frameworkVersion;
    std::string attackVersion;
    std::string domain;
};

void printCapability(std::ostream& out, const FrameworkRelease& release,
                     const Capability& capability, const std::vector<std::string>& ancestors,
                     const std::vector<Mapping>& mappings) {
    out << capability.capabilityId;
    if (!capability.description.empty()) {
        out << "  " << capability.description;
    }
    out << '\n';
    auto field = [&out](std::string_view label, const std::string& value) {
        if (!value.empty()) {
            out << "  " << label << std::string(13 - label.size(), ' ') << value << '\n';
        }
    };
    field("Release", release.label());
    std::string group = capability.groupId;
    if (!capability.groupName.empty() && capability.groupName != capability.groupId) {
        group += "  " + capability.groupName;
    }
    field("Group", group);
    field("Under", joined(ancestors, ", "));
    std::size_t techniques = 0;
    for (const auto& mapping : mappings) {
        techniques += mapping.techniqueId ? 1 : 0;
    }
    field("Maps to", std::to_string(techniques) + " technique" + (techniques == 1 ? "" : "s"));
    out << '\n';

    std::size_t idWidth = 0;
    std::size_t howWidth = 0;
    for (const auto& mapping : mappings) {
        idWidth = std::max(idWidth, mapping.techniqueId.value_or("").size());
        howWidth = std::max(howWidth, typeAndScore(mapping).size());
    }
    for (const auto& mapping : mappings) {
        if (!mapping.techniqueId) {
            out << "  (maps to no technique)";
            if (!mapping.comments.empty()) {
                out << '\n' << wrap(mapping.comments, 88, "    ");
            }
            out << '\n';
            continue;
        }
        std::string id = *mapping.techniqueId;
        std::string how = typeAndScore(mapping);
        out << "  " << id << std::string(idWidth - id.size() + 2, ' ') << how
            << std::string(howWidth - how.size() + 2, ' ') << mapping.techniqueName;
        if (!mapping.flags.empty()) {
            out << "  [" << joined(mapping.flags, "; ") << ']';
        }
        out << '\n';
    }
}

void runCapability(Context& context, const CapabilityQuery& query) {
    Database& db = context.db();
    auto releases = listFrameworkReleases(db);
    std::vector<const FrameworkRelease*> candidates;
    for (const auto& release : releases) {
        auto matches = [](const std::string& wanted, const std::string& value) {
            return wanted.empty() || wanted == value;
        };
        if (namesFramework(release, query.framework) &&
            matches(query.frameworkVersion, release.frameworkVersion) &&
            matches(query.attackVersion, release.attackVersion) &&
            matches(query.domain, release.domain)) {
            candidates.push_back(&release);
        }
    }
    if (candidates.empty()) {
        throw UsageError("no framework release of '" + query.framework +
                         "' matches; loaded frameworks: " + loadedFrameworks(releases));
    }

    const FrameworkCatalog* catalog = nullptr;
    try {
        catalog = &FrameworkCatalog::standard();
    } catch (const NotFound&) {
        // Without a catalogue the page only lacks the "Under" line.
    }

    nlohmann::json list = nlohmann::json::array();
    std::vector<Mapping> all;
    bool first = true;
    for (const FrameworkRelease* release : candidates) {
        auto capability = findCapability(db, release->id, query.id);
        if (!capability) {
            continue;
        }
        auto mappings = mappingsForCapability(db, release->id, capability->capabilityId);
        std::vector<std::string> ancestors;
        if (catalog) {
            ancestors = catalog->ancestors(release->framework, capability->capabilityId);
        }
        if (context.format() == Format::Json) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& mapping : mappings) {
                items.push_back(mappingJson(mapping, nullptr));
            }
            list.push_back({{"release", releaseJson(*release)},
                            {"capability_id", capability->capabilityId},
                            {"canonical_id", capability->canonicalId},
                            {"description", capability->description},
                            {"group", capability->groupId},
                            {"group_name", capability->groupName},
                            {"ancestors", ancestors},
                            {"mappings", items}});
        } else if (context.format() == Format::Csv) {
            all.insert(all.end(), mappings.begin(), mappings.end());
        } else {
            std::cout << (first ? "" : "\n");
            printCapability(std::cout, *release, *capability, ancestors, mappings);
        }
        first = false;
    }
    if (first) {
        throw NotFound("no capability '" + query.id + "' in " + query.framework);
    }
    if (context.format() == Format::Json) {
        std::cout << jsonText(list) << '\n';
    } else if (context.format() == Format::Csv) {
        writeMappingsCsv(db, std::cout, all);
    }
}

} // namespace

void addMappingSelection(CLI::App& command, MappingSelection& selection) {
    command
        .add_option("--framework", selection.frameworks,
                    "Only these frameworks (aws, nist_800_53, ...; repeat or separate by commas)")
        ->delimiter(',');
    command
        .add_option("--kind", selection.kinds,
                    "Only these kinds of mapping: scored, mitigating, related, non-mappable")
        ->delimiter(',')
        ->check(CLI::IsMember({"scored", "mitigating", "related", "non-mappable"}));
}

std::vector<Mapping> selectMappings(Database& db, const Technique& technique,
                                    const Release& release, const MappingSelection& selection) {
    MappingFilter filter;
    filter.domain = release.domain;
    for (const auto& kind : selection.kinds) {
        if (auto parsed = parseMappingKind(kind)) {
            filter.kinds.push_back(*parsed);
        }
    }
    if (!selection.frameworks.empty()) {
        auto releases = listFrameworkReleases(db);
        for (const auto& name : selection.frameworks) {
            bool found = false;
            for (const auto& candidate : releases) {
                if (namesFramework(candidate, name)) {
                    filter.frameworkReleaseIds.push_back(candidate.id);
                    found = true;
                }
            }
            if (!found) {
                throw UsageError("no framework '" + name +
                                 "' is loaded; loaded: " + loadedFrameworks(releases));
            }
        }
    }
    return mappingsForTechnique(db, technique.attackId, filter);
}

void printMappingSections(Database& db, std::ostream& out, const std::vector<Mapping>& mappings) {
    if (mappings.empty()) {
        out << "\nMappings: none";
        if (listFrameworkReleases(db).empty()) {
            out << " (no mapping file is loaded; import one with 'attackmap import FILE')";
        }
        out << '\n';
        return;
    }
    auto releases = releasesById(db);
    std::size_t sections = 0;
    for (std::size_t i = 0; i < mappings.size(); ++i) {
        if (i == 0 || mappings[i].frameworkReleaseId != mappings[i - 1].frameworkReleaseId) {
            ++sections;
        }
    }
    out << "\nMappings: " << mappings.size() << " in " << sections << " framework release"
        << (sections == 1 ? "" : "s") << '\n';
    for (std::size_t i = 0; i < mappings.size(); ++i) {
        const Mapping& mapping = mappings[i];
        if (i == 0 || mapping.frameworkReleaseId != mappings[i - 1].frameworkReleaseId) {
            out << '\n' << releases.at(mapping.frameworkReleaseId).label() << '\n';
        }
        printMapping(out, mapping);
    }
}

nlohmann::json mappingsJson(Database& db, const std::vector<Mapping>& mappings) {
    auto releases = releasesById(db);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& mapping : mappings) {
        list.push_back(mappingJson(mapping, &releases.at(mapping.frameworkReleaseId)));
    }
    return list;
}

void writeMappingsCsv(Database& db, std::ostream& out, const std::vector<Mapping>& mappings) {
    auto releases = releasesById(db);
    writeCsvRow(out, {"framework", "framework_version", "attack_version", "domain",
                      "capability_id", "capability_description", "capability_group",
                      "mapping_type", "kind", "technique_id", "technique_name", "score_category",
                      "score_value", "related_score", "comments", "references", "status",
                      "flags"});
    for (const auto& mapping : mappings) {
        const FrameworkRelease& release = releases.at(mapping.frameworkReleaseId);
        writeCsvRow(out, {release.framework, release.frameworkVersion, release.attackVersion,
                          release.domain, mapping.capabilityId.value_or(""),
                          mapping.capabilityDescription, mapping.capabilityGroup,
                          mapping.mappingType, std::string(toString(mapping.kind)),
                          mapping.techniqueId.value_or(""), mapping.techniqueName,
                          mapping.scoreCategory, std::string(toString(mapping.scoreValue)),
                          mapping.relatedScore, mapping.comments,
                          joined(mapping.references, "\n"), mapping.status,
                          joined(mapping.flags, "; ")});
    }
}

void addMappingCommands(CLI::App& app, Context& context) {
    app.add_subcommand("frameworks", "List the imported framework releases with their counts")
        ->callback([&context] { runFrameworks(context); });

    auto query = std::make_shared<CapabilityQuery>();
    auto* capability =
        app.add_subcommand("capability", "Show what one capability of a framework maps to");
    capability->add_option("framework", query->framework, "Framework, e.g. nist_800_53 or aws")
        ->required();
    capability->add_option("id", query->id, "Capability id, e.g. AC-2 or amazon_guardduty")
        ->required();
    capability->add_option("--framework-version", query->frameworkVersion,
                           "Only this framework version, e.g. rev5");
    capability->add_option("--attack-version", query->attackVersion,
                           "Only releases mapped to this ATT&CK version, e.g. 16.1");
    capability->add_option("--domain", query->domain, "Only this domain: enterprise, mobile, ics");
    capability->callback([&context, query] { runCapability(context, *query); });
}

} // namespace attackmap::cli
