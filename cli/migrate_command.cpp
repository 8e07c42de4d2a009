// `bpc migrate OLD NEW`: the SQL migration from the database of a generated service of the old
// version to the schema of the new one, for SQLite or PostgreSQL (driver/migrate.h). Changes that
// would lose data are refused unless --allow-data-loss; renames the diff cannot see are given with
// --rename. The script goes to standard output or to --output; nothing is written when a change is
// refused. docs/migrations.md has the rules.

#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostic_options.h"
#include "cli/exit_codes.h"
#include "cli/input_files.h"
#include "cli/rename_hints.h"
#include "driver/migrate.h"

namespace bpc::cli {

CommandRunner add_migrate_command(CLI::App& app) {
  struct Options {
    std::string old_file;
    std::string new_file;
    ImportOptions imports;
    std::string dialect = "sqlite";
    MigrationFlags migration;
    std::string output;
    DiagnosticOptions diagnostics;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "migrate", "Write the SQL that migrates a generated service's database from one version of a blueprint to another");
  command->add_option("old", options->old_file, "The version the database was made for (a blueprint file)")->required();
  command->add_option("new", options->new_file, "The version to migrate to")->required();
  options->imports.add_to(*command);
  command->add_option("--dialect", options->dialect, "sqlite or postgresql")
      ->check(CLI::IsMember({"sqlite", "postgresql"}))
      ->capture_default_str();
  options->migration.add_to(*command);
  command->add_option("-o,--output", options->output, "Write the script to this file instead of standard output");
  options->diagnostics.add_to(*command, "--diagnostic-format");
  command->footer(
      "Tables are matched by entity, columns by field name. Refused (exit 1, nothing written): a table or column removed "
      "or a column's type changed, unless --allow-data-loss; a new required field without a default; an enum value "
      "removed (map it with --rename Enum.old=kept). The rules are in docs/migrations.md.\n"
      "Exit codes: 0 the script was written, 1 a version has errors or a change was refused, 2 usage or I/O error.");

  return [options] {
    backends::service::MigrationOptions migration = options->migration.options();
    migration.dialect = options->dialect == "postgresql" ? backends::service::SqlDialect::Postgresql : backends::service::SqlDialect::Sqlite;
    const driver::DiskFileSystem disk;
    driver::MigrateResult result = driver::migrate(disk, options->imports.compile_options({options->old_file}),
                                                   options->imports.compile_options({options->new_file}), migration);
    options->diagnostics.print(result.sources, result.diagnostics);
    if (!result.script) {
      return exit_code_for_failure(result.diagnostics);
    }
    if (options->output.empty()) {
      std::cout << *result.script;
      return kExitClean;
    }
    std::ofstream file(options->output, std::ios::binary | std::ios::trunc);
    file << *result.script;
    if (!file.flush()) {
      std::cerr << "bpc migrate: cannot write `" << options->output << "`\n";
      return kExitUsage;
    }
    return kExitClean;
  };
}

}  // namespace bpc::cli
