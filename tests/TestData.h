#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace attackmap::test {

/// The real data folder from ATTACKMAP_TEST_DATA. In CI (CI set) a missing
/// folder fails the test; elsewhere the test is skipped with a message.
inline std::optional<std::filesystem::path> realData() {
    const char* dir = std::getenv("ATTACKMAP_TEST_DATA");
    const bool ci = std::getenv("CI") != nullptr;
    if (!dir || !*dir) {
        if (ci) {
            FAIL("ATTACKMAP_TEST_DATA is not set: CI must run the real-data tests");
        }
        WARN("skipped: set ATTACKMAP_TEST_DATA to the shared data folder to run this test");
        return std::nullopt;
    }
    std::filesystem::path path(dir);
    if (!std::filesystem::is_directory(path / "attack")) {
        FAIL("ATTACKMAP_TEST_DATA=" << dir << " holds no attack/ folder");
    }
    return path;
}

/// A hand-written fixture from tests/fixtures/.
inline std::string fixture(const std::string& name) {
    return std::string(ATTACKMAP_FIXTURES) + "/" + name;
}

/// The project's embedded sample folder, data/sample.
inline std::string sample(const std::string& name) {
    return std::string(ATTACKMAP_DATA) + "/sample/" + name;
}

/// Every JSON file of data/sample, each preceded by a space, for a command line.
inline std::string sampleJsonFiles() {
    std::string files;
    for (const auto& entry : std::filesystem::directory_iterator(sample(""))) {
        if (entry.path().extension() == ".json") {
            files += " " + entry.path().string();
        }
    }
    return files;
}

} // namespace attackmap::test
