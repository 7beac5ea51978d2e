#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap {

/// What an import did, for the user to read. counts keeps named figures in
/// a stable order ("techniques", "revoked", ...).
struct ImportReport {
    std::string file;
    std::string kind;   // attack, mapping
    std::string target; // enterprise@16.1, aws 12/12/2024 (attack 16.1 enterprise)
    bool unchanged = false; // the same bytes were imported before: nothing done
    std::vector<std::pair<std::string, std::size_t>> counts;
    std::vector<std::string> warnings;
    /// Facts worth telling that are not problems, such as which ATT&CK
    /// release a mapping file was checked against.
    std::vector<std::string> notes;

    void count(const std::string& name, std::size_t value) { counts.emplace_back(name, value); }
    std::size_t countOf(std::string_view name) const;
};

/// Told how far an import has come; returns false to cancel it, which rolls
/// the import back.
using ProgressFn = std::function<bool(std::string_view stage, std::size_t done,
                                      std::size_t total)>;

/// Thrown when a progress callback asked to stop.
struct ImportCancelled : std::exception {
    const char* what() const noexcept override { return "import cancelled"; }
};

} // namespace attackmap
