#include "Output.h"

#include <filesystem>
#include <ostream>

namespace attackmap::cli {

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out;
    std::size_t column = 0;
    auto newline = [&] {
        out += '\n';
        column = 0;
    };
    std::size_t position = 0;
    while (position <= text.size()) {
        auto end = text.find('\n', position);
        std::string_view line =
            text.substr(position, end == std::string_view::npos ? text.npos : end - position);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            if (column > 0) {
                newline();
            }
            if (!out.empty() && !out.ends_with("\n\n")) {
                newline();
            }
        } else {
            std::size_t i = 0;
            while (i < line.size()) {
                auto wordStart = line.find_first_not_of(" \t\r", i);
                if (wordStart == std::string_view::npos) {
                    break;
                }
                auto wordEnd = line.find_first_of(" \t\r", wordStart);
                std::string_view word = line.substr(
                    wordStart, wordEnd == std::string_view::npos ? line.npos : wordEnd - wordStart);
                if (column > 0 && column + 1 + word.size() > width) {
                    newline();
                }
                if (column == 0) {
                    out += indent;
                    column = indent.size();
                } else {
                    out += ' ';
                    ++column;
                }
                out += word;
                column += word.size();
                i = wordStart + word.size();
            }
        }
        if (end == std::string_view::npos) {
            break;
        }
        position = end + 1;
    }
    while (out.ends_with('\n')) {
        out.pop_back();
    }
    return out;
}

std::string plainText(std::string_view description) {
    // A scan rather than std::regex: libstdc++'s regex recurses once per
    // character and overflows the stack on a long citation.
    std::string text;
    text.reserve(description.size());
    std::size_t i = 0;
    auto startsHere = [&](std::string_view token) {
        return description.substr(i, token.size()) == token;
    };
    while (i < description.size()) {
        if (startsHere("(Citation: ")) {
            auto close = description.find(')', i);
            if (close != std::string_view::npos) {
                auto name = description.substr(i + 11, close - i - 11);
                if (!text.empty() && text.back() == ' ') {
                    text.pop_back();
                }
                text += " [" + std::string(name) + "]";
                i = close + 1;
                continue;
            }
        }
        if (startsHere("<code>") || startsHere("</code>")) {
            text += '`';
            i = description.find('>', i) + 1;
            continue;
        }
        if (description[i] == '[') {
            // [words](http...) keeps its words.
            auto closeBracket = description.find(']', i);
            if (closeBracket != std::string_view::npos &&
                description.substr(closeBracket + 1, 5) == "(http") {
                auto closeParen = description.find(')', closeBracket);
                if (closeParen != std::string_view::npos) {
                    text += description.substr(i + 1, closeBracket - i - 1);
                    i = closeParen + 1;
                    continue;
                }
            }
        }
        text += description[i++];
    }
    return text;
}

std::string counted(std::size_t count, std::string_view singular, std::string_view plural) {
    return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    return quoted + '"';
}

void writeCsvRow(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out << ',';
        }
        out << csvField(fields[i]);
    }
    out << "\r\n";
}

std::string jsonText(const nlohmann::json& json) {
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json toJson(const ImportReport& report) {
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [name, value] : report.counts) {
        counts[name] = value;
    }
    return {{"file", report.file},       {"kind", report.kind},
            {"target", report.target},   {"unchanged", report.unchanged},
            {"counts", counts},          {"warnings", report.warnings},
            {"notes", report.notes}};
}

std::string summaryLine(const ImportReport& report) {
    std::string line = std::filesystem::path(report.file).filename().string() + " -> " +
                       report.target + ": ";
    if (report.unchanged) {
        return line + "already imported, unchanged";
    }
    bool first = true;
    for (const auto& [name, value] : report.counts) {
        line += (first ? "" : ", ") + std::to_string(value) + " " + name;
        first = false;
    }
    return line;
}

} // namespace attackmap::cli
