#include "attackmap/HtmlReport.h"

#include "attackmap/NavigatorLayer.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace attackmap {

namespace {

/// A tactic's name ("Credential Access") from the shortname techniques carry.
const std::string& tacticName(const CoverageResult& result, const std::string& shortname) {
    for (const auto& tactic : result.tactics) {
        if (tactic.shortname == shortname) {
            return tactic.name;
        }
    }
    return shortname;
}

std::string percent(double value) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", value);
    return text;
}

std::string percentOf(int part, int whole) {
    return percent(whole ? 100.0 * part / whole : 0.0);
}

constexpr const char* style = R"css(
body { font: 14px/1.45 system-ui, sans-serif; color: #1a1a1a; margin: 2em auto;
       max-width: 62em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em;
         border-bottom: 1px solid #e4e4e4; }
td code { overflow-wrap: anywhere; }
th { background: #f3f3f3; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #555; }
.chip { display: inline-block; padding: 0 0.4em; border-radius: 3px;
        border: 1px solid #999; font-size: 0.9em; }
.warn { background: #fff4e5; border-left: 4px solid #e8a33d; padding: 0.4em 0.8em; }
code { font-family: ui-monospace, monospace; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr, svg { break-inside: avoid; }
  th { background: none; border-bottom: 2px solid #000; }
}
)css";

void writeLevelChip(std::ostream& out, CoverageLevel level) {
    bool dark = level == CoverageLevel::Partial || level == CoverageLevel::Significant;
    out << "<span class=\"chip\" style=\"background:" << levelColor(level)
        << (dark ? ";color:#fff" : "") << "\">"
        << (level == CoverageLevel::None ? "gap" : toString(level)) << "</span>";
}

void writeSummary(std::ostream& out, const CoverageResult& result) {
    int total = 0;
    for (int count : result.levels) {
        total += count;
    }
    int covered = total - result.levels[0];
    out << "<h2>Summary</h2>\n<p>" << covered << " of " << total
        << " techniques and sub-techniques are covered (" << percentOf(covered, total) << "). "
        << result.levels[0] << " are gaps: " << result.closableGaps
        << " closable by a loaded capability outside the profile, " << result.openGaps
        << " open (nothing loaded maps to them).</p>\n<table>\n<tr><th>Level</th>"
           "<th class=\"n\">Techniques</th><th class=\"n\">Share</th></tr>\n";
    for (int i = 4; i >= 0; --i) {
        out << "<tr><td>";
        writeLevelChip(out, static_cast<CoverageLevel>(i));
        out << "</td><td class=\"n\">" << result.levels[static_cast<std::size_t>(i)]
            << "</td><td class=\"n\">"
            << percentOf(result.levels[static_cast<std::size_t>(i)], total) << "</td></tr>\n";
    }
    out << "</table>\n";
    if (!result.unknownEntries.empty()) {
        out << "<p class=\"warn\">" << result.unknownEntries.size()
            << " profile entries name nothing in the mappings read and count for nothing: ";
        for (std::size_t i = 0; i < result.unknownEntries.size(); ++i) {
            out << (i ? ", " : "") << "<code>" << escapeHtml(result.unknownEntries[i]) << "</code>";
        }
        out << ".</p>\n";
    }
}

/// Horizontal stacked bars, one per tactic, best level on the left.
void writeTacticChart(std::ostream& out, const CoverageResult& result) {
    const int labelWidth = 190;
    const int barWidth = 420;
    const int rowHeight = 22;
    const int top = 28;
    int height = top + rowHeight * static_cast<int>(result.tactics.size()) + 6;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 "
        << labelWidth + barWidth + 70 << ' ' << height
        << "\" role=\"img\" aria-label=\"Coverage per tactic\" "
           "font-family=\"system-ui, sans-serif\" font-size=\"12\">\n";
    int x = labelWidth;
    for (int i = 4; i >= 0; --i) {
        auto level = static_cast<CoverageLevel>(i);
        out << "<rect x=\"" << x << "\" y=\"4\" width=\"12\" height=\"12\" fill=\""
            << levelColor(level) << "\" stroke=\"#777\" stroke-width=\"0.5\"/><text x=\"" << x + 16
            << "\" y=\"14\">" << (level == CoverageLevel::None ? "gap" : toString(level))
            << "</text>\n";
        x += 84;
    }
    int y = top;
    for (const auto& tactic : result.tactics) {
        out << "<text x=\"" << labelWidth - 6 << "\" y=\"" << y + 14 << "\" text-anchor=\"end\">"
            << escapeHtml(tactic.name) << "</text>\n";
        double offset = labelWidth;
        for (int i = 4; i >= 0; --i) {
            int count = tactic.levels[static_cast<std::size_t>(i)];
            if (count == 0 || tactic.total == 0) {
                continue;
            }
            double width = static_cast<double>(barWidth) * count / tactic.total;
            char geometry[96];
            std::snprintf(geometry, sizeof geometry,
                          "x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\"", offset, y + 2, width,
                          rowHeight - 6);
            out << "<rect " << geometry << " fill=\"" << levelColor(static_cast<CoverageLevel>(i))
                << "\" stroke=\"#fff\" stroke-width=\"0.5\"><title>" << escapeHtml(tactic.name)
                << ": " << count << ' '
                << (i == 0 ? "gap" : toString(static_cast<CoverageLevel>(i)))
                << "</title></rect>\n";
            offset += width;
        }
        out << "<text x=\"" << labelWidth + barWidth + 6 << "\" y=\"" << y + 14 << "\">"
            << percent(tactic.percentCovered()) << "</text>\n";
        y += rowHeight;
    }
    out << "</svg>\n";
}

void writeTactics(std::ostream& out, const CoverageResult& result) {
    out << "<h2>Coverage per tactic</h2>\n<p class=\"muted\">Techniques and sub-techniques per "
           "tactic by their best level; a technique under several tactics counts in each.</p>\n";
    writeTacticChart(out, result);
    out << "<table>\n<tr><th>Tactic</th><th class=\"n\">Significant</th>"
           "<th class=\"n\">Partial</th><th class=\"n\">Minimal</th><th class=\"n\">Mapped</th>"
           "<th class=\"n\">Gap</th><th class=\"n\">Total</th><th class=\"n\">Covered</th></tr>\n";
    for (const auto& tactic : result.tactics) {
        out << "<tr><td>" << escapeHtml(tactic.name) << " <span class=\"muted\">"
            << escapeHtml(tactic.attackId) << "</span></td>";
        for (int i = 4; i >= 0; --i) {
            out << "<td class=\"n\">" << tactic.levels[static_cast<std::size_t>(i)] << "</td>";
        }
        out << "<td class=\"n\">" << tactic.total << "</td><td class=\"n\">"
            << percent(tactic.percentCovered()) << "</td></tr>\n";
    }
    out << "</table>\n";
}

void writeGaps(std::ostream& out, const CoverageResult& result, std::size_t limit) {
    out << "<h2>Ranked gaps</h2>\n";
    if (result.rankedGaps.empty()) {
        out << "<p>No gaps" << (result.groups.empty() ? "" : " used by the chosen groups")
            << ".</p>\n";
        return;
    }
    out << "<p class=\"muted\">" << result.rankedGaps.size() << " gaps"
        << (result.groups.empty() ? "" : " used by the chosen groups") << ", heaviest first"
        << (result.rankedGaps.size() > limit
                ? "; the first " + std::to_string(limit) + " are listed"
                : "")
        << ".</p>\n<table>\n<tr><th class=\"n\">#</th><th>Technique</th><th>Tactics</th>"
           "<th class=\"n\">Groups</th><th class=\"n\">Campaigns</th><th class=\"n\">KEV</th>"
           "<th class=\"n\">Weight</th><th>Closable by</th></tr>\n";
    for (std::size_t rank = 0; rank < result.rankedGaps.size() && rank < limit; ++rank) {
        const auto& technique =
            result.techniques[static_cast<std::size_t>(result.rankedGaps[rank])];
        out << "<tr><td class=\"n\">" << rank + 1 << "</td><td><code>"
            << escapeHtml(technique.attackId) << "</code> " << escapeHtml(technique.name)
            << "</td><td>";
        for (std::size_t i = 0; i < technique.tactics.size(); ++i) {
            out << (i ? ", " : "") << escapeHtml(tacticName(result, technique.tactics[i]));
        }
        out << "</td><td class=\"n\">" << technique.groups << "</td><td class=\"n\">"
            << technique.campaigns << "</td><td class=\"n\">" << technique.kevMappings
            << "</td><td class=\"n\">" << technique.weight << "</td><td>";
        if (technique.closers.empty()) {
            out << "<em>open: nothing loaded maps to it</em>";
        }
        // A capability that maps in two categories is named once.
        std::vector<int> seen;
        const std::size_t shown = 6;
        std::size_t written = 0;
        for (const auto& closer : technique.closers) {
            if (std::find(seen.begin(), seen.end(), closer.capability) != seen.end()) {
                continue;
            }
            seen.push_back(closer.capability);
            if (written++ < shown) {
                out << (written > 1 ? ", " : "") << escapeHtml(closer.framework) << " <code>"
                    << escapeHtml(closer.capabilityId) << "</code>";
            }
        }
        if (written > shown) {
            out << " and " << written - shown << " more";
        }
        out << "</td></tr>\n";
    }
    out << "</table>\n";
}

void writeRecommendations(std::ostream& out, const CoverageResult& result) {
    out << "<h2>Recommendations</h2>\n";
    if (result.recommendations.empty()) {
        out << "<p>No loaded capability outside the profile closes a ranked gap.</p>\n";
        return;
    }
    out << "<p class=\"muted\">Each capability closes ranked gaps that the capabilities above it "
           "leave open; weight is the sum of those gaps' weights.</p>\n<table>\n"
           "<tr><th class=\"n\">#</th><th>Capability</th><th class=\"n\">Gaps closed</th>"
           "<th class=\"n\">Added weight</th><th>Techniques</th></tr>\n";
    int rank = 0;
    for (const auto& recommendation : result.recommendations) {
        out << "<tr><td class=\"n\">" << ++rank << "</td><td>"
            << escapeHtml(recommendation.framework) << " <code>"
            << escapeHtml(recommendation.capabilityId) << "</code>";
        if (!recommendation.description.empty()) {
            out << "<br><span class=\"muted\">" << escapeHtml(recommendation.description)
                << "</span>";
        }
        out << "</td><td class=\"n\">" << recommendation.closes.size() << "</td><td class=\"n\">"
            << recommendation.addedWeight << "</td><td>";
        for (std::size_t i = 0; i < recommendation.closes.size(); ++i) {
            out << (i ? ", " : "") << "<code>" << escapeHtml(recommendation.closes[i]) << "</code>";
        }
        out << "</td></tr>\n";
    }
    out << "</table>\n";
}

void writeMethod(std::ostream& out, const CoverageResult& result) {
    out << "<h2>Method</h2>\n<ul>\n"
           "<li>Coverage of a technique in each category (protect, detect, respond) is the best "
           "score among the profile's capabilities that map to it: significant &gt; partial &gt; "
           "minimal. A mitigating mapping without a score counts as <em>mapped</em>, under "
           "protect. Related mappings (VERIS, KEV) never count. The overall level is the best "
           "category.</li>\n"
           "<li>Capabilities whose status is <em>partial</em> count at most as partial; "
           "<em>planned</em> ones do not count. Observed techniques (from a Navigator layer) "
           "count at the level observed.</li>\n"
           "<li>A gap is a technique with no coverage. It is <em>closable</em> when a loaded "
           "capability outside the profile maps to it, <em>open</em> otherwise.</li>\n"
           "<li>Weight of a gap = groups that use it + campaigns that use it + KEV mappings to "
           "it (ATT&amp;CK <code>uses</code> relationships of "
        << escapeHtml(result.release.spec()) << ")";
    if (!result.groups.empty()) {
        out << "; only the chosen groups (";
        for (std::size_t i = 0; i < result.groups.size(); ++i) {
            out << (i ? ", " : "") << escapeHtml(result.groups[i]);
        }
        out << ") and the campaigns attributed to them count, and only gaps they use are "
               "ranked";
    }
    out << ".</li>\n<li>Recommendations are a greedy set cover: each step picks the capability "
           "that closes the most remaining gap weight (ties: more gaps, then by name).</li>\n"
           "<li>Mappings read:<ul>\n";
    for (const auto& release : result.frameworkReleases) {
        out << "<li>" << escapeHtml(release.label) << "</li>\n";
    }
    out << "</ul></li>\n</ul>\n";
}

} // namespace

std::string escapeHtml(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        case '\'':
            escaped += "&#39;";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

std::string htmlReport(const CoverageResult& result, const HtmlReportOptions& options) {
    std::ostringstream out;
    std::string title =
        "Coverage of " + result.profileName + " against ATT&CK " + result.release.spec();
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << escapeHtml(title) << "</title>\n<style>" << style << "</style>\n"
        << "</head>\n<body>\n<h1>" << escapeHtml(title) << "</h1>\n<p class=\"muted\">Profile "
        << "<strong>" << escapeHtml(result.profileName) << "</strong>, "
        << result.frameworkReleases.size() << " mapping releases read";
    if (!result.groups.empty()) {
        out << ", gaps ranked against ";
        for (std::size_t i = 0; i < result.groups.size(); ++i) {
            out << (i ? ", " : "") << escapeHtml(result.groups[i]);
        }
    }
    if (!options.generatedAt.empty()) {
        out << ", generated " << escapeHtml(options.generatedAt);
    }
    out << ".</p>\n";
    writeSummary(out, result);
    writeTactics(out, result);
    writeGaps(out, result, options.gapLimit);
    writeRecommendations(out, result);
    writeMethod(out, result);
    out << "</body>\n</html>\n";
    return out.str();
}

} // namespace attackmap
