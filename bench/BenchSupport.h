#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <sys/resource.h>

namespace attackmap::bench {

/// The real data folder: ATTACKMAP_TEST_DATA, else ../shared/data from the
/// working directory. Exits with a message when neither is there.
inline std::filesystem::path dataDir() {
    const char* env = std::getenv("ATTACKMAP_TEST_DATA");
    std::filesystem::path dir = env && *env ? env : "../shared/data";
    if (!std::filesystem::is_directory(dir / "attack")) {
        std::cerr << "bench: no ATT&CK data in " << dir
                  << "; set ATTACKMAP_TEST_DATA to the shared data folder\n";
        std::exit(2);
    }
    return dir;
}

/// A new, empty directory for databases the bench creates.
inline std::filesystem::path scratchDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("attackmap-bench-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline double peakMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB
}

/// Runs work `runs` times and returns the fastest wall time in milliseconds:
/// the best run is the one least disturbed by the rest of the machine.
template <typename Work> double bestOf(int runs, Work work) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        work();
        std::chrono::duration<double, std::milli> elapsed =
            std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
    }
    return best;
}

} // namespace attackmap::bench
