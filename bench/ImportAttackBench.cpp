// Imports enterprise-attack-16.1.json into a new database and compares the
// time with simdjson's own parse of the same bytes (issue #2: at most 4x).

#include "BenchSupport.h"

#include "attackmap/AttackImporter.h"
#include "attackmap/Database.h"
#include "attackmap/FileBytes.h"

#include <simdjson.h>

#include <cstdio>

using namespace attackmap;

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    const auto file = (bench::dataDir() / "attack/enterprise-attack-16.1.json").string();
    const auto scratch = bench::scratchDir("import-attack");

    // The import reuses one parser, as `attackmap import` does across files:
    // both timings below then run on warm parser buffers.
    simdjson::dom::parser parser;
    int round = 0;
    double import = bench::bestOf(runs, [&] {
        Database db((scratch / ("run" + std::to_string(round++) + ".db")).string());
        AttackImportOptions options;
        options.parser = &parser;
        importAttackBundle(db, file, options);
    });
    double importPeak = bench::peakMiB();

    const FileBytes bytes(file);
    double parse = bench::bestOf(runs, [&] {
        simdjson::dom::element root;
        if (bytes.parse(parser).get(root) != simdjson::SUCCESS) {
            std::fprintf(stderr, "simdjson failed to parse %s\n", file.c_str());
            std::exit(1);
        }
    });

    std::printf("file                 %s (%.1f MB)\n", file.c_str(), bytes.size() / 1e6);
    std::printf("simdjson parse       %8.1f ms (best of %d)\n", parse, runs);
    std::printf("attackmap import     %8.1f ms (best of %d, new database on disk each run)\n",
                import, runs);
    std::printf("ratio                %8.2f x (target: at most 4)\n", import / parse);
    std::printf("peak memory          %8.1f MiB (after the imports)\n", importPeak);
    std::filesystem::remove_all(scratch);
    return 0;
}
