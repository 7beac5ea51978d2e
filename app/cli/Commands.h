#pragma once

namespace CLI {
class App;
}

namespace attackmap::cli {

class Context;

// Each area of the command line adds its subcommands to the app.
void addImportCommand(CLI::App& app, Context& context);
void addAttackCommands(CLI::App& app, Context& context);
void addMappingCommands(CLI::App& app, Context& context);
void addGapCommands(CLI::App& app, Context& context);

} // namespace attackmap::cli
