#pragma once

// The framework catalogue (data/frameworks.json): what each Mappings Explorer
// framework is called, how its capability ids compare and nest, and how each
// of its mapping types counts. Read at run time so that a new framework needs
// no new C++.

#include "attackmap/Mappings.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attackmap {

struct MappingTypeInfo {
    std::string id;    // the key files use: technique_scores, mitigates, win11-def
    std::string label; // what Mappings Explorer shows, and writes in its CSV export
    MappingKind kind = MappingKind::Related;
};

enum class IdCase { AsIs, Upper, Lower };

struct FrameworkInfo {
    std::string id;          // nist_800_53
    std::string displayName; // NIST SP 800-53
    std::string shortName;   // NIST 800-53
    IdCase idCase = IdCase::AsIs;
    bool stripLeadingZeros = false;
    std::vector<std::string> ancestorPatterns;
    std::vector<MappingTypeInfo> mappingTypes;
};

/// The kind a catalogue gives a mapping type, and the key it is stored under.
struct ResolvedType {
    std::string id;   // the catalogue's key when the type is known, else as given
    MappingKind kind; // Related when unknown
    bool known = false;
};

class FrameworkCatalog {
public:
    FrameworkCatalog();
    ~FrameworkCatalog();
    FrameworkCatalog(FrameworkCatalog&&) noexcept;
    FrameworkCatalog& operator=(FrameworkCatalog&&) noexcept;

    /// Parses a catalogue; throws InputError naming origin and the faulty key.
    static FrameworkCatalog fromJson(std::string_view text, const std::string& origin);
    static FrameworkCatalog load(const std::string& path);

    /// The catalogue of this installation, read once from dataDirectory().
    static const FrameworkCatalog& standard();

    /// Where data/frameworks.json and data/sample live: $ATTACKMAP_DATA_DIR,
    /// else share/attackmap beside the binary's folder, else the source
    /// tree's data folder this build was configured from. Throws NotFound
    /// naming the places tried when none holds frameworks.json.
    static std::string dataDirectory();

    const std::vector<FrameworkInfo>& frameworks() const;
    const FrameworkInfo* find(std::string_view framework) const;

    /// The display name, or the id itself for a framework not in the catalogue.
    std::string displayName(std::string_view framework) const;
    std::string shortName(std::string_view framework) const;

    /// Resolves a type as a file or its CSV export writes it: the key
    /// (technique_scores), or the label (Technique Scores, related-to), in any
    /// case. "non_mappable" is non-mappable in every framework.
    ResolvedType resolveType(std::string_view framework, std::string_view type) const;

    /// The id used to compare capabilities across releases: trimmed, cased as
    /// the framework says, and for NIST "AC-02(01)" becomes "AC-2(1)".
    std::string canonicalId(std::string_view framework, std::string_view id) const;

    /// The levels above a capability, nearest first: PR.IR-01.01 gives
    /// PR.IR-01, PR.IR, PR; AC-02(01) gives AC-02, AC.
    std::vector<std::string> ancestors(std::string_view framework, std::string_view id) const;

private:
    struct Data;
    std::unique_ptr<Data> m_data;
};

/// Outer whitespace removed: spaces, tabs, carriage returns and newlines.
std::string_view trimmed(std::string_view text);

} // namespace attackmap
