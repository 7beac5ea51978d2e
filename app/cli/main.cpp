#include "Commands.h"
#include "Context.h"

#include "attackmap/Error.h"
#include "attackmap/ImportReport.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstring>
#include <iostream>
#include <unistd.h>

namespace {

/// Input files are mapped, not copied: one truncated while it is read
/// raises SIGBUS. The import's transaction never commits, so say so and go.
extern "C" void onBusError(int) {
    static const char message[] = "attackmap: an input file changed while it was being read; "
                                  "the database is unchanged\n";
    ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    ::_exit(1);
}

} // namespace

int main(int argc, char** argv) {
    using namespace attackmap;
    std::signal(SIGBUS, onBusError);

    CLI::App app{"attackmap: MITRE ATT&CK techniques and the security controls mapped to them"};
    app.require_subcommand(1);
    app.fallthrough(); // global options may follow the subcommand
    app.set_version_flag("--version", "attackmap 0.1.0");

    cli::Context context;
    app.add_option("--db", context.dbPath,
                   "SQLite database (default: $XDG_DATA_HOME/attackmap/attackmap.db)")
        ->envname("ATTACKMAP_DB")
        ->check([](const std::string& path) {
            return path.empty() ? std::string("must not be empty") : std::string();
        });
    app.add_option("--format", context.formatName, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv"}));

    cli::addImportCommand(app, context);
    cli::addAttackCommands(app, context);
    cli::addMappingCommands(app, context);
    cli::addGapCommands(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const cli::UsageError& e) {
        std::cerr << "attackmap: " << e.what() << '\n';
        return 2;
    } catch (const ImportCancelled& e) {
        std::cerr << "attackmap: interrupted; the file being imported was rolled back\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "attackmap: " << e.what() << '\n';
        return 1;
    }
    if (!std::cout.flush()) {
        std::cerr << "attackmap: cannot write the output: " << std::strerror(errno) << '\n';
        return 1;
    }
    return 0;
}
