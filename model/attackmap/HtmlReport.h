#pragma once

#include "attackmap/Coverage.h"

#include <string>
#include <string_view>

namespace attackmap {

struct HtmlReportOptions {
    std::string generatedAt;    // shown as is; "" leaves it out (golden files)
    std::size_t gapLimit = 100; // ranked gaps listed at most
};

/// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string escapeHtml(std::string_view text);

/// One self-contained HTML page (inline CSS and SVG, nothing fetched):
/// summary, per-tactic chart and table, ranked gaps, recommendations and
/// the method. Every string from data files is escaped.
std::string htmlReport(const CoverageResult& result, const HtmlReportOptions& options = {});

} // namespace attackmap
