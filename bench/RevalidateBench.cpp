// What checking the mappings again costs an ATT&CK import (revalidateMappings,
// run in its transaction): the three 16.1 bundles and the 18 Mappings
// Explorer files in a database on disk, then each domain checked again,
// once when no flag changes (a re-import) and once when every mapping's
// validation flags must be rewritten (ATT&CK loaded after the mappings).

#include "BenchSupport.h"

#include "attackmap/AttackImporter.h"
#include "attackmap/Database.h"
#include "attackmap/MappingImporter.h"

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace attackmap;

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const auto data = bench::dataDir();
    const auto scratch = bench::scratchDir("revalidate");
    Database db((scratch / "all.db").string());
    for (const char* domain : {"enterprise", "mobile", "ics"}) {
        importAttackBundle(db, (data / "attack" / (std::string(domain) + "-attack-16.1.json"))
                                   .string());
    }
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(data / "mappings")) {
        if (entry.path().extension() == ".json") {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        importMappingJson(db, file);
    }
    auto count = db.prepare("SELECT count(*) FROM mapping");
    count.step();
    std::printf("%zu mapping files, %lld mappings\n", files.size(),
                static_cast<long long>(count.integer(0)));

    for (const char* domain : {"enterprise", "mobile", "ics"}) {
        std::size_t unchanged = 0;
        double same = bench::bestOf(runs, [&] {
            Transaction transaction(db); // rolled back: every run starts alike
            unchanged = revalidateMappings(db, domain);
        });
        // Every mapping of the domain marked unknown first, so that each must
        // be rewritten; only the check is timed, not that setup.
        std::size_t rewritten = 0;
        double all = 1e300;
        for (int i = 0; i < runs; ++i) {
            Transaction transaction(db);
            db.exec("UPDATE mapping SET flags = flags | 1");
            auto start = std::chrono::steady_clock::now();
            rewritten = revalidateMappings(db, domain);
            std::chrono::duration<double, std::milli> spent =
                std::chrono::steady_clock::now() - start;
            all = std::min(all, spent.count());
        }
        std::printf("%-10s nothing changes: %6.1f ms (%zu changed); all rewritten: %6.1f ms "
                    "(%zu changed)\n",
                    domain, same, unchanged, all, rewritten);
    }
    return 0;
}
