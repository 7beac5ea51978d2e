#pragma once

#include "attackmap/ImportReport.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap::cli {

/// Wraps text to a width, keeping blank lines as paragraph breaks and
/// indenting every line.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);

/// ATT&CK's description markup as plain text for a terminal: markdown links
/// keep their words, "(Citation: X)" becomes "[X]", <code> becomes `...`.
std::string plainText(std::string_view description);

/// "1 gap", "2 gaps": a count with its noun, plural when it is not one.
std::string counted(std::size_t count, std::string_view singular, std::string_view plural);

/// One CSV field, quoted when it needs to be.
std::string csvField(std::string_view text);
void writeCsvRow(std::ostream& out, const std::vector<std::string>& fields);

/// JSON text for output. Bytes that are not UTF-8 (a file name, say) become
/// U+FFFD rather than failing the whole command.
std::string jsonText(const nlohmann::json& json);

nlohmann::json toJson(const ImportReport& report);
/// "enterprise-attack-16.1.json -> enterprise@16.1: 21315 objects read, ..."
std::string summaryLine(const ImportReport& report);

} // namespace attackmap::cli
