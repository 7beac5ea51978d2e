#include "Commands.h"
#include "Context.h"
#include "MappingCommands.h"
#include "Output.h"

#include "attackmap/Attack.h"
#include "attackmap/Error.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace attackmap::cli {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : std::string(separator)) + part;
    }
    return text;
}

std::string tacticNames(const Technique& technique) {
    std::vector<std::string> names;
    for (const auto& tactic : technique.tactics) {
        names.push_back(tactic.name + " (" + tactic.attackId + ")");
    }
    return join(names, ", ");
}

nlohmann::json refJson(const ObjectRef& ref) {
    return {{"id", ref.attackId}, {"name", ref.name}, {"type", ref.type}};
}

nlohmann::json techniqueJson(const Technique& technique, const Release& release) {
    nlohmann::json tactics = nlohmann::json::array();
    for (const auto& tactic : technique.tactics) {
        tactics.push_back({{"id", tactic.attackId}, {"name", tactic.name}});
    }
    nlohmann::json subtechniques = nlohmann::json::array();
    for (const auto& sub : technique.subtechniques) {
        subtechniques.push_back(refJson(sub));
    }
    return {{"release", release.spec()},
            {"id", technique.attackId},
            {"name", technique.name},
            {"status", technique.status()},
            {"revoked", technique.revoked},
            {"deprecated", technique.deprecated},
            {"revoked_by", technique.revokedBy ? refJson(*technique.revokedBy) : nullptr},
            {"parent", technique.parent ? refJson(*technique.parent) : nullptr},
            {"subtechniques", subtechniques},
            {"tactics", tactics},
            {"platforms", technique.platforms},
            {"url", technique.url},
            {"description", technique.description}};
}

/// "uses" by groups, software and campaigns; "mitigates" by mitigations.
std::vector<std::string> relatedNames(const std::vector<RelatedObject>& related,
                                      std::string_view relationship, std::string_view type) {
    std::vector<std::string> names;
    for (const auto& item : related) {
        if (item.relationship == relationship && item.object.type == type) {
            names.push_back(item.object.attackId + " " + item.object.name);
        }
    }
    return names;
}

nlohmann::json relatedJson(const std::vector<RelatedObject>& related) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : related) {
        list.push_back({{"relationship", item.relationship},
                        {"type", item.object.type},
                        {"id", item.object.attackId},
                        {"name", item.object.name}});
    }
    return list;
}

void printTechnique(const Technique& technique, const Release& release,
                    const std::vector<RelatedObject>& related) {
    auto field = [](std::string_view label, const std::string& value) {
        if (!value.empty()) {
            std::cout << "  " << label << std::string(16 - label.size(), ' ') << value << '\n';
        }
    };
    const std::string indent = "\n" + std::string(18, ' '); // under the values
    std::cout << technique.attackId << "  " << technique.name << '\n';
    field("Release", release.spec());
    field("Status", technique.status());
    field("Tactics", tacticNames(technique));
    field("Platforms", join(technique.platforms, ", "));
    if (technique.parent) {
        field("Parent", technique.parent->attackId + " " + technique.parent->name);
    }
    std::vector<std::string> subs;
    for (const auto& sub : technique.subtechniques) {
        subs.push_back(sub.attackId + " " + sub.name);
    }
    if (!subs.empty()) {
        field("Sub-techniques", join(subs, indent));
    }
    field("Groups", join(relatedNames(related, "uses", "group"), indent));
    field("Software", join(relatedNames(related, "uses", "software"), indent));
    field("Campaigns", join(relatedNames(related, "uses", "campaign"), indent));
    field("Mitigations", join(relatedNames(related, "mitigates", "mitigation"), indent));
    field("URL", technique.url);
    std::cout << '\n' << wrap(plainText(technique.description), 88, "  ") << '\n';
}

void runReleases(Context& context) {
    auto releases = listReleases(context.db());
    if (context.format() == Format::Json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& release : releases) {
            list.push_back({{"release", release.spec()},
                            {"domain", release.domain},
                            {"version", release.version},
                            {"name", release.name},
                            {"stix_version", release.stixVersion},
                            {"source_file", release.sourceFile}});
        }
        std::cout << jsonText(list) << '\n';
        return;
    }
    if (context.format() == Format::Csv) {
        writeCsvRow(std::cout, {"release", "domain", "version", "name", "stix_version",
                                "source_file"});
        for (const auto& release : releases) {
            writeCsvRow(std::cout, {release.spec(), release.domain, release.version, release.name,
                                    release.stixVersion, release.sourceFile});
        }
        return;
    }
    if (releases.empty()) {
        std::cout << "No ATT&CK release is loaded. Import one: attackmap import FILE\n";
        return;
    }
    for (const auto& release : releases) {
        std::cout << release.spec() << "  " << release.name << "  (STIX " << release.stixVersion
                  << ", " << release.sourceFile << ")\n";
    }
}

struct TechniqueQuery {
    std::string id;
    std::string release;
    MappingSelection mappings;
};

/// "; it is in mobile@17.1" when another loaded release has the id.
std::string elsewhere(Database& db, const std::string& id, const Release& asked) {
    std::vector<std::string> found;
    for (const auto& release : listReleases(db)) {
        if (release.id != asked.id && findTechnique(db, release.id, id)) {
            found.push_back(release.spec());
        }
    }
    return found.empty() ? "" : "; it is in " + join(found, ", ") + " (use --release)";
}

void runTechnique(Context& context, const TechniqueQuery& query) {
    Release release = resolveRelease(context.db(), query.release);
    auto technique = findTechnique(context.db(), release.id, query.id);
    if (!technique) {
        throw NotFound("no technique " + query.id + " in " + release.spec() +
                       elsewhere(context.db(), query.id, release));
    }
    auto related = relatedObjects(context.db(), technique->id);
    auto mappings = selectMappings(context.db(), *technique, release, query.mappings);
    if (context.format() == Format::Json) {
        auto json = techniqueJson(*technique, release);
        json["related"] = relatedJson(related);
        json["mappings"] = mappingsJson(context.db(), mappings);
        std::cout << jsonText(json) << '\n';
    } else if (context.format() == Format::Csv) {
        // A table has one kind of row: the mappings, each naming the technique.
        writeMappingsCsv(context.db(), std::cout, mappings);
    } else {
        printTechnique(*technique, release, related);
        printMappingSections(context.db(), std::cout, mappings);
    }
}

void runSearch(Context& context, const std::string& text, int limit) {
    auto hits = search(context.db(), text, limit);
    if (context.format() == Format::Json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& hit : hits) {
            list.push_back({{"kind", hit.kind},
                            {"scope", hit.scope},
                            {"title", hit.title},
                            {"snippet", hit.snippet}});
        }
        std::cout << jsonText(list) << '\n';
        return;
    }
    if (context.format() == Format::Csv) {
        writeCsvRow(std::cout, {"kind", "scope", "title", "snippet"});
        for (const auto& hit : hits) {
            writeCsvRow(std::cout, {hit.kind, hit.scope, hit.title, hit.snippet});
        }
        return;
    }
    if (hits.empty()) {
        std::cout << "Nothing matches '" << text << "'.\n";
    }
    for (const auto& hit : hits) {
        std::cout << hit.title << "  [" << hit.kind << ", " << hit.scope << "]\n"
                  << wrap(hit.snippet, 88, "    ") << '\n';
    }
}

} // namespace

void addAttackCommands(CLI::App& app, Context& context) {
    app.add_subcommand("releases", "List the ATT&CK releases in the database")
        ->callback([&context] { runReleases(context); });

    auto technique = std::make_shared<TechniqueQuery>();
    auto* show = app.add_subcommand("technique", "Show one technique and what maps to it");
    show->add_option("id", technique->id, "Technique id, e.g. T1552.005")->required();
    show->add_option("--release", technique->release,
                     "ATT&CK release, e.g. enterprise@16.1 (default: newest enterprise)");
    addMappingSelection(*show, technique->mappings);
    show->callback([&context, technique] { runTechnique(context, *technique); });

    auto query = std::make_shared<std::pair<std::string, int>>("", 20);
    auto* find = app.add_subcommand(
        "search", "Full-text search over techniques, capabilities and mapping comments");
    find->add_option("text", query->first, "Words to look for")->required();
    find->add_option("--limit", query->second, "Most results to show")->capture_default_str();
    find->callback([&context, query] { runSearch(context, query->first, query->second); });
}

} // namespace attackmap::cli
