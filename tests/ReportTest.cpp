#include "GapFixture.h"
#include "TestData.h"

#include "attackmap/Attack.h"
#include "attackmap/Coverage.h"
#include "attackmap/Database.h"
#include "attackmap/HtmlReport.h"
#include "attackmap/NavigatorLayer.h"
#include "attackmap/Profile.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace attackmap;
using namespace attackmap::test;

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Compares with a golden file; ATTACKMAP_UPDATE_GOLDEN=1 rewrites it.
void checkGolden(const std::string& name, const std::string& actual) {
    std::string path = fixture(name);
    if (std::getenv("ATTACKMAP_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
    }
    INFO("golden file " << path << " (ATTACKMAP_UPDATE_GOLDEN=1 rewrites it)");
    CHECK(actual == readText(path));
}

struct Fixture {
    Database db{":memory:"};
    Release release;
    CoverageResult result;

    Fixture() {
        loadGapFixture(db);
        release = resolveRelease(db, "enterprise@16.1");
        importProfile(db, fixture("profile-aws.csv"), named("aws <cloud>"));
        result = analyseCoverage(db, release, loadProfile(db, "aws <cloud>"));
    }
};

void checkType(const nlohmann::json& object, const char* key, nlohmann::json::value_t type) {
    INFO("field " << key);
    REQUIRE(object.contains(key));
    CHECK(object[key].type() == type);
}

} // namespace

TEST_CASE("The HTML report matches its golden file", "[report]") {
    Fixture f;
    checkGolden("gaps-report.html", htmlReport(f.result));
}

TEST_CASE("The HTML report is self-contained and escapes data", "[report]") {
    Fixture f;
    std::string html = htmlReport(f.result, {"2026-12-04 16:00 UTC", 100});
    CHECK_THAT(html, Catch::Contains("<svg"));
    CHECK_THAT(html, Catch::Contains("<style>"));
    CHECK_THAT(html, Catch::Contains("@media print"));
    // Nothing is fetched: no scripts, no external style sheets or images.
    CHECK_THAT(html, !Catch::Contains("<script"));
    CHECK_THAT(html, !Catch::Contains("<link"));
    CHECK_THAT(html, !Catch::Contains("src="));
    CHECK_THAT(html, !Catch::Contains("https://"));
    // The profile name and a capability description come from files.
    CHECK_THAT(html, Catch::Contains("aws &lt;cloud&gt;"));
    CHECK_THAT(html, !Catch::Contains("aws <cloud>"));
    CHECK_THAT(html, Catch::Contains("Amazon Macie &lt;finds&gt; &quot;data&quot; &amp; more"));
    CHECK_THAT(html, Catch::Contains("generated 2026-12-04 16:00 UTC"));
    CHECK(escapeHtml("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
}

TEST_CASE("The Navigator layer matches its golden file", "[report]") {
    Fixture f;
    checkGolden("gaps-layer.json", navigatorLayer(f.result).dump(2) + "\n");
}

TEST_CASE("The Navigator layer has the fields and types of layer format 4.5", "[report]") {
    Fixture f;
    auto layer = navigatorLayer(f.result);
    using Type = nlohmann::json::value_t;
    checkType(layer, "name", Type::string);
    checkType(layer, "versions", Type::object);
    checkType(layer["versions"], "attack", Type::string);
    checkType(layer["versions"], "navigator", Type::string);
    checkType(layer["versions"], "layer", Type::string);
    CHECK(layer["versions"]["layer"] == "4.5");
    CHECK(layer["versions"]["attack"] == "16");
    CHECK(std::regex_match(layer["versions"]["navigator"].get<std::string>(),
                           std::regex(R"(\d+\.\d+\.\d+)")));
    checkType(layer, "domain", Type::string);
    CHECK(layer["domain"] == "enterprise-attack");
    checkType(layer, "description", Type::string);
    checkType(layer, "sorting", Type::number_integer);
    checkType(layer, "hideDisabled", Type::boolean);
    checkType(layer, "layout", Type::object);
    checkType(layer["layout"], "layout", Type::string);
    checkType(layer["layout"], "aggregateFunction", Type::string);
    checkType(layer["layout"], "showID", Type::boolean);
    checkType(layer["layout"], "showName", Type::boolean);
    checkType(layer["layout"], "showAggregateScores", Type::boolean);
    checkType(layer["layout"], "countUnscored", Type::boolean);
    checkType(layer["layout"], "expandedSubtechniques", Type::string);
    checkType(layer, "gradient", Type::object);
    checkType(layer["gradient"], "colors", Type::array);
    CHECK(layer["gradient"]["colors"].size() >= 2);
    checkType(layer["gradient"], "minValue", Type::number_integer);
    checkType(layer["gradient"], "maxValue", Type::number_integer);
    checkType(layer, "legendItems", Type::array);
    CHECK(layer["legendItems"].size() == 5);
    for (const auto& item : layer["legendItems"]) {
        checkType(item, "label", Type::string);
        checkType(item, "color", Type::string);
    }
    checkType(layer, "metadata", Type::array);
    for (const auto& item : layer["metadata"]) {
        checkType(item, "name", Type::string);
        checkType(item, "value", Type::string);
    }
    checkType(layer, "links", Type::array);
    checkType(layer, "showTacticRowBackground", Type::boolean);
    checkType(layer, "tacticRowBackground", Type::string);
    checkType(layer, "selectTechniquesAcrossTactics", Type::boolean);
    checkType(layer, "selectSubtechniquesWithParent", Type::boolean);
    checkType(layer, "selectVisibleTechniques", Type::boolean);
    checkType(layer, "techniques", Type::array);
    REQUIRE(layer["techniques"].size() == 6);
    const std::regex color("#[0-9a-f]{6}");
    const std::regex techniqueId(R"(T\d{4}(\.\d{3})?)");
    for (const auto& technique : layer["techniques"]) {
        checkType(technique, "techniqueID", Type::string);
        CHECK(std::regex_match(technique["techniqueID"].get<std::string>(), techniqueId));
        checkType(technique, "score", Type::number_integer);
        checkType(technique, "color", Type::string);
        CHECK(std::regex_match(technique["color"].get<std::string>(), color));
        checkType(technique, "comment", Type::string);
        checkType(technique, "enabled", Type::boolean);
        checkType(technique, "metadata", Type::array);
        checkType(technique, "links", Type::array);
        checkType(technique, "showSubtechniques", Type::boolean);
    }
    const auto& metadata = layer["techniques"][3];
    CHECK(metadata["techniqueID"] == "T1552.005");
    CHECK(metadata["score"] == 3);
    CHECK(metadata["comment"] == "Covered by: aws amazon_guardduty (detect minimal); "
                                 "aws aws_config (protect partial)");
}

TEST_CASE("A layer read back as a profile gives the same coverage", "[report]") {
    Fixture f;
    auto path = std::filesystem::temp_directory_path() / "attackmap-roundtrip-layer.json";
    std::ofstream(path) << navigatorLayer(f.result).dump(2);
    auto imported = importProfile(f.db, path.string(), named("observed"));
    std::filesystem::remove(path);
    // The layer lists gaps at score 0; reading it back skips them, and says so.
    REQUIRE(imported.warnings.size() == 1);
    CHECK_THAT(imported.warnings[0], Catch::Contains("4 technique entries at the gradient's "
                                                     "lowest score"));
    CHECK(imported.profile.entries.size() == 2);

    auto again = analyseCoverage(f.db, f.release, imported.profile);
    REQUIRE(again.techniques.size() == f.result.techniques.size());
    for (std::size_t i = 0; i < again.techniques.size(); ++i) {
        INFO(again.techniques[i].attackId);
        CHECK(again.techniques[i].overall == f.result.techniques[i].overall);
    }
    CHECK(compareCoverage(f.result, again).empty());
}

TEST_CASE("Real data: the AWS profile's layer round-trips through the importer", "[report][real]") {
    Database* db = realGapDatabase();
    if (!db) {
        return;
    }
    auto path = std::filesystem::temp_directory_path() / "attackmap-real-aws.csv";
    std::ofstream(path) << "framework,capability_id,status\naws,amazon_guardduty,implemented\n"
                           "aws,aws_config,implemented\n";
    importProfile(*db, path.string(), named("aws-real"));
    Release release = resolveRelease(*db, "enterprise@16.1");
    auto result = analyseCoverage(*db, release, loadProfile(*db, "aws-real"));

    auto layerPath = std::filesystem::temp_directory_path() / "attackmap-real-aws-layer.json";
    std::ofstream(layerPath) << navigatorLayer(result).dump(2);
    auto imported = importProfile(*db, layerPath.string(), named("aws-real-observed"));
    std::filesystem::remove(path);
    std::filesystem::remove(layerPath);

    CHECK(imported.profile.entries.size() == 101);
    auto again = analyseCoverage(*db, release, imported.profile);
    CHECK(compareCoverage(result, again).empty());
    CHECK(again.levels == result.levels);
}
