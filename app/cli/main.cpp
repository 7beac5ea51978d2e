#include "Commands.h"
#include "Context.h"

#include "attackmap/Error.h"
#include "attackmap/ImportReport.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    using namespace attackmap;

    CLI::App app{"attackmap: MITRE ATT&CK techniques and the security controls mapped to them"};
    app.require_subcommand(1);
    app.fallthrough(); // global options may follow the subcommand
    app.set_version_flag("--version", "attackmap 0.1.0");

    cli::Context context;
    app.add_option("--db", context.dbPath,
                   "SQLite database (default: $XDG_DATA_HOME/attackmap/attackmap.db)")
        ->envname("ATTACKMAP_DB");
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
        std::cerr << "attackmap: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "attackmap: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
