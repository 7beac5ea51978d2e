#include "Commands.h"
#include "Context.h"
#include "Output.h"

#include "attackmap/AttackImporter.h"
#include "attackmap/Error.h"
#include "attackmap/FileKind.h"
#include "attackmap/MappingImporter.h"

#include <CLI/CLI.hpp>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <csignal>
#include <unistd.h>

namespace attackmap::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> files;
    std::string attackVersion;
};

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onInterrupt(int) { g_interrupted = 1; }

/// Ctrl-C cancels the import in progress, which rolls it back; a second
/// Ctrl-C ends the process at once.
void catchInterrupts() {
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

/// Cancels on an interrupt; on a terminal, also shows one line that
/// rewrites itself.
ProgressFn progressFor(const std::string& file) {
    const bool terminal = isatty(STDERR_FILENO);
    std::string name = std::filesystem::path(file).filename().string();
    return [name, terminal](std::string_view stage, std::size_t done, std::size_t total) {
        if (terminal) {
            std::cerr << "\r\033[K" << name << ": " << stage;
            if (total > 1) {
                std::cerr << ' ' << done << '/' << total;
            }
            std::cerr << std::flush;
        }
        return g_interrupted == 0;
    };
}

void clearProgressLine() {
    if (isatty(STDERR_FILENO)) {
        std::cerr << "\r\033[K" << std::flush;
    }
}

ImportReport importOne(Context& context, const std::string& file, FileKind kind,
                       const ImportOptions& options) {
    static simdjson::dom::parser parser; // reused: its buffers stay warm across files
    switch (kind) {
    case FileKind::AttackBundle:
        return importAttackBundle(context.dbForWriting(), file,
                                  {options.attackVersion, progressFor(file), &parser});
    case FileKind::MappingJson:
        return importMappingJson(context.dbForWriting(), file, {nullptr, progressFor(file), &parser});
    case FileKind::MappingCsv:
        return importMappingCsv(context.dbForWriting(), file, {nullptr, progressFor(file), &parser});
    case FileKind::Unknown:
        break;
    }
    throw InputError(file, "", "neither an ATT&CK STIX bundle nor a Mappings Explorer "
                               "file (JSON or CSV)");
}

void runImport(Context& context, const ImportOptions& options) {
    catchInterrupts();
    // ATT&CK first, so that mappings are checked against the releases they name.
    std::vector<std::pair<FileKind, std::string>> queue;
    std::vector<std::string> failures;
    for (const auto& file : options.files) {
        try {
            queue.emplace_back(detectFileKind(file), file);
        } catch (const std::exception& e) {
            failures.push_back(e.what());
        }
    }
    std::stable_sort(queue.begin(), queue.end(), [](const auto& a, const auto& b) {
        return (a.first == FileKind::AttackBundle) > (b.first == FileKind::AttackBundle);
    });

    nlohmann::json reports = nlohmann::json::array();
    for (const auto& [kind, file] : queue) {
        try {
            ImportReport report = importOne(context, file, kind, options);
            clearProgressLine();
            if (context.format() == Format::Json) {
                reports.push_back(toJson(report));
                continue;
            }
            std::cout << summaryLine(report) << '\n';
            for (const auto& note : report.notes) {
                std::cout << "  " << note << '\n';
            }
            for (const auto& warning : report.warnings) {
                std::cerr << "  warning: " << std::filesystem::path(file).filename().string()
                          << ": " << warning << '\n';
            }
        } catch (const ImportCancelled&) {
            clearProgressLine();
            throw;
        } catch (const InputError& e) {
            clearProgressLine();
            failures.push_back(e.what());
        } catch (const std::exception& e) {
            clearProgressLine();
            failures.push_back(file + ": " + e.what());
        }
    }
    if (context.format() == Format::Json) {
        std::cout << jsonText(reports) << '\n';
    }
    for (const auto& failure : failures) {
        std::cerr << "attackmap: " << failure << '\n';
    }
    if (!failures.empty()) {
        throw std::runtime_error(std::to_string(failures.size()) + " of " +
                                 std::to_string(options.files.size()) +
                                 " files failed; the database keeps the others");
    }
}

} // namespace

void addImportCommand(CLI::App& app, Context& context) {
    auto options = std::make_shared<ImportOptions>();
    auto* command = app.add_subcommand(
        "import", "Import ATT&CK bundles and Mappings Explorer files (JSON or CSV)");
    command->add_option("files", options->files, "Files to import")->required();
    command->add_option("--attack-version", options->attackVersion,
                        "ATT&CK version of a bundle that does not name its own (e.g. 16.1)");
    command->callback([&context, options] { runImport(context, *options); });
}

} // namespace attackmap::cli
