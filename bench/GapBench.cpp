// Gap analysis of every enterprise 16.1 technique against a 50-capability
// profile: load (the few queries) and analyse (in memory), timed apart and
// together, beside a plain SQL "is it mapped at all" query for scale.
//
//   bench_gaps [DB]   an existing database with enterprise 16.1 and the
//                     mapping files; without one, a new database is filled
//                     from ATTACKMAP_TEST_DATA (or ../shared/data).

#include "BenchSupport.h"

#include "attackmap/AttackImporter.h"
#include "attackmap/Coverage.h"
#include "attackmap/Database.h"
#include "attackmap/MappingImporter.h"
#include "attackmap/Profile.h"


#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace attackmap;
using Clock = std::chrono::steady_clock;

namespace {

double millisecondsOf(const std::function<void()>& work) {
    auto start = Clock::now();
    work();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Timing {
    double best = 1e9;
    double median = 0;
};

Timing repeat(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        times.push_back(millisecondsOf(work));
    }
    std::sort(times.begin(), times.end());
    return {times.front(), times[times.size() / 2]};
}

Database openDatabase(int argc, char** argv) {
    if (argc > 1) {
        return Database(argv[1]);
    }
    std::filesystem::path data = bench::dataDir();
    Database db((bench::scratchDir("gaps") / "gaps.db").string());
    importAttackBundle(db, (data / "attack" / "enterprise-attack-16.1.json").string());
    for (const auto& entry : std::filesystem::directory_iterator(data / "mappings")) {
        importMappingJson(db, entry.path().string());
    }
    return db;
}

/// Ten capabilities of each of five frameworks, the first by id: a
/// plausible organisation with cloud, SaaS and NIST controls.
Profile fiftyCapabilities(const CoverageInput& input) {
    std::map<std::string, std::vector<std::string>> byFramework;
    for (const auto& capability : input.capabilities) {
        const auto& framework =
            input.frameworkReleases[static_cast<std::size_t>(capability.frameworkRelease)];
        byFramework[framework.framework].push_back(capability.capabilityId);
    }
    Profile profile;
    profile.name = "bench-50";
    for (const char* framework : {"aws", "azure", "gcp", "m365", "nist_800_53"}) {
        auto& ids = byFramework[framework];
        std::sort(ids.begin(), ids.end());
        for (std::size_t i = 0; i < ids.size() && i < 10; ++i) {
            ProfileEntry entry;
            entry.framework = framework;
            entry.capabilityId = ids[i];
            entry.canonicalId = canonicalCapabilityId(framework, ids[i]);
            profile.entries.push_back(entry);
        }
    }
    return profile;
}

} // namespace

int main(int argc, char** argv) {
    Database db = openDatabase(argc, argv);
    Release release = resolveRelease(db, "enterprise@16.1");
    CoverageInput input = loadCoverageInput(db, release);
    Profile profile = fiftyCapabilities(input);
    CoverageResult result = analyseCoverage(input, profile);

    const int runs = 30;
    Timing load = repeat(runs, [&] { loadCoverageInput(db, release); });
    Timing analyse = repeat(runs, [&] { analyseCoverage(input, profile); });
    Timing total = repeat(runs, [&] { analyseCoverage(db, release, profile); });
    Timing plain = repeat(runs, [&] {
        auto stmt = db.prepare(
            "SELECT o.attack_id, EXISTS (SELECT 1 FROM mapping m WHERE m.technique_id = "
            "o.attack_id AND m.kind IN ('scored', 'mitigating')) FROM attack_object o "
            "WHERE o.release_id = ? AND o.type = 'technique' AND NOT o.revoked "
            "AND NOT o.deprecated");
        stmt.bind(1, release.id);
        while (stmt.step()) {
        }
    });

    std::printf("enterprise@16.1: %zu techniques, %zu mapping rows read from %zu releases, "
                "profile of %zu capabilities\n",
                input.techniques.size(), input.mappings.size(), input.frameworkReleases.size(),
                profile.entries.size());
    std::printf("result: %d covered, %zu ranked gaps, %zu recommendations\n",
                static_cast<int>(input.techniques.size()) - result.levels[0],
                result.rankedGaps.size(), result.recommendations.size());
    std::printf("%-34s %8s %8s\n", "(ms, best and median of 30)", "best", "median");
    std::printf("%-34s %8.2f %8.2f\n", "load (queries)", load.best, load.median);
    std::printf("%-34s %8.2f %8.2f\n", "analyse (in memory)", analyse.best, analyse.median);
    std::printf("%-34s %8.2f %8.2f   target < 20 ms\n", "load + analyse", total.best,
                total.median);
    std::printf("%-34s %8.2f %8.2f\n", "plain SQL 'mapped at all'", plain.best, plain.median);
    return total.median < 20.0 ? 0 : 1;
}
