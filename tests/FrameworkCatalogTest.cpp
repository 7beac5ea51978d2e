#include "attackmap/Error.h"
#include "attackmap/Frameworks.h"

#include <catch2/catch.hpp>

using namespace attackmap;

TEST_CASE("The framework catalogue names every framework of the real data", "[frameworks]") {
    const FrameworkCatalog& catalog = FrameworkCatalog::standard();
    std::vector<std::string> ids;
    for (const auto& framework : catalog.frameworks()) {
        ids.push_back(framework.id);
    }
    CHECK(ids == std::vector<std::string>{"nist_800_53", "cri_profile", "csa_ccm", "veris", "aws",
                                          "azure", "gcp", "m365", "kev", "intel-vpro"});
    CHECK(catalog.displayName("aws") == "Amazon Web Services");
    CHECK(catalog.shortName("nist_800_53") == "NIST 800-53");
    CHECK(catalog.displayName("no_such_framework") == "no_such_framework");
}

TEST_CASE("Mapping types resolve by key or label to their kind", "[frameworks]") {
    const FrameworkCatalog& catalog = FrameworkCatalog::standard();
    auto kindOf = [&](std::string_view framework, std::string_view type) {
        return catalog.resolveType(framework, type).kind;
    };
    CHECK(kindOf("aws", "technique_scores") == MappingKind::Scored);
    CHECK(kindOf("m365", "technique_score") == MappingKind::Scored);
    CHECK(kindOf("nist_800_53", "protects") == MappingKind::Mitigating);
    CHECK(kindOf("cri_profile", "mitigates") == MappingKind::Mitigating);
    CHECK(kindOf("veris", "related_to") == MappingKind::Related);
    CHECK(kindOf("kev", "secondary_impact") == MappingKind::Related);
    CHECK(kindOf("intel-vpro", "win11-def") == MappingKind::Mitigating);
    CHECK(kindOf("gcp", "non_mappable") == MappingKind::NonMappable);

    // The CSV export writes labels: "Technique Scores", "related-to", "Win 11, BitLocker".
    CHECK(catalog.resolveType("m365", "Technique Scores").id == "technique_score");
    CHECK(catalog.resolveType("aws", "technique_scores").id == "technique_scores");
    CHECK(catalog.resolveType("veris", "related-to").id == "related_to");
    CHECK(catalog.resolveType("intel-vpro", "Win 11, BitLocker").id == "win11-bl");
    CHECK(catalog.resolveType("cri_profile", "Non-Mappable").kind == MappingKind::NonMappable);

    auto unknown = catalog.resolveType("aws", "technique_guess");
    CHECK_FALSE(unknown.known);
    CHECK(unknown.kind == MappingKind::Related);
    CHECK(unknown.id == "technique_guess");
}

TEST_CASE("Capability ids compare in a canonical form", "[frameworks]") {
    const FrameworkCatalog& catalog = FrameworkCatalog::standard();
    CHECK(catalog.canonicalId("nist_800_53", "AC-2") == "AC-2");
    CHECK(catalog.canonicalId("nist_800_53", "AC-02") == "AC-2");
    CHECK(catalog.canonicalId("nist_800_53", "AC-2 ") == "AC-2");
    CHECK(catalog.canonicalId("nist_800_53", "ac-02(01)") == "AC-2(1)");
    CHECK(catalog.canonicalId("nist_800_53", "SC-10") == "SC-10");
    CHECK(catalog.canonicalId("nist_800_53", "SI-00") == "SI-0");
    CHECK(catalog.canonicalId("cri_profile", "PR.IR-01.01") == "PR.IR-01.01");
    CHECK(catalog.canonicalId("veris", "Action.Malware.Variety.Other") ==
          "action.malware.variety.other");
    CHECK(catalog.canonicalId("aws", " amazon_guardduty ") == "amazon_guardduty");
}

TEST_CASE("Capabilities know the levels above them", "[frameworks]") {
    const FrameworkCatalog& catalog = FrameworkCatalog::standard();
    using List = std::vector<std::string>;
    CHECK(catalog.ancestors("cri_profile", "PR.IR-01.01") == List{"PR.IR-01", "PR.IR", "PR"});
    CHECK(catalog.ancestors("cri_profile", "PR.IR") == List{"PR"});
    CHECK(catalog.ancestors("nist_800_53", "AC-02(01)") == List{"AC-02", "AC"});
    CHECK(catalog.ancestors("nist_800_53", "AC-2") == List{"AC"});
    CHECK(catalog.ancestors("csa_ccm", "A&A-01") == List{"A&A"});
    CHECK(catalog.ancestors("veris", "action.malware.variety.Password dumper") ==
          List{"action.malware.variety", "action.malware", "action"});
    CHECK(catalog.ancestors("veris", "attribute.confidentiality.data_disclosure") ==
          List{"attribute.confidentiality", "attribute"});
    CHECK(catalog.ancestors("aws", "amazon_guardduty").empty());
}

TEST_CASE("A broken catalogue names the file and the key", "[frameworks]") {
    CHECK_THROWS_WITH(FrameworkCatalog::fromJson(R"({"frameworks": [{"id": "x", "name": "X",
        "mapping_types": {"maps": {"kind": "sideways"}}}]})",
                                                 "frameworks.json"),
                      "frameworks.json: frameworks[0].mapping_types.maps.kind: must be scored, "
                      "mitigating, related or non-mappable");
    CHECK_THROWS_WITH(FrameworkCatalog::fromJson(R"({"frameworks": [{"id": "x", "name": "X",
        "ancestors": ["(unclosed"], "mapping_types": {}}]})",
                                                 "frameworks.json"),
                      Catch::StartsWith("frameworks.json: frameworks[0].ancestors: '(unclosed' "
                                        "is not a regular expression"));
    CHECK_THROWS_WITH(FrameworkCatalog::fromJson(R"({"frameworks": [{"name": "X"}]})",
                                                 "frameworks.json"),
                      "frameworks.json: frameworks[0]: missing 'id'");
}
