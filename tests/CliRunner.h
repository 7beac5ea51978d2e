#pragma once

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace attackmap::test {

struct CliRun {
    int exitCode;
    std::string out; // stdout and stderr together
};

/// Runs the attackmap binary with arguments, already shell-quoted.
inline CliRun runCli(const std::string& args) {
    std::string command = std::string(ATTACKMAP_CLI) + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        out.append(buffer.data(), n);
    }
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/// A path in the temporary folder with no database (nor WAL files) at it.
inline std::string freshDatabasePath(const std::string& name) {
    auto path = std::filesystem::temp_directory_path() / ("attackmap-" + name + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix);
    }
    return path.string();
}

} // namespace attackmap::test
