#pragma once

// What `attackmap technique` shows after the technique itself: the mappings
// to it, one section per framework release. The mapping commands of their
// own (frameworks, capability) are added by addMappingCommands in Commands.h.

#include "attackmap/Mappings.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace attackmap {
struct Release;
struct Technique;
} // namespace attackmap

namespace attackmap::cli {

/// The --framework and --kind options: which mappings to show.
struct MappingSelection {
    std::vector<std::string> frameworks; // aws, nist_800_53, or short names; empty: all
    std::vector<std::string> kinds;      // scored, mitigating, related, non-mappable
};

void addMappingSelection(CLI::App& command, MappingSelection& selection);

/// The mappings to a technique in its release's domain that the selection
/// asks for. Throws UsageError for a framework that is not loaded.
std::vector<Mapping> selectMappings(Database& db, const Technique& technique,
                                    const Release& release, const MappingSelection& selection);

void printMappingSections(Database& db, std::ostream& out, const std::vector<Mapping>& mappings);
nlohmann::json mappingsJson(Database& db, const std::vector<Mapping>& mappings);
/// One CSV row per mapping, with a header line.
void writeMappingsCsv(Database& db, std::ostream& out, const std::vector<Mapping>& mappings);

} // namespace attackmap::cli
