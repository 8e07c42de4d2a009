#pragma once

// The migration between two versions of a blueprint, for front ends (`bpc migrate`, later the
// service): both versions are compiled as `bpc build` compiles them, their relational schemas
// (backends/service_model/relational_schema.h) compared, and the SQL script planned
// (backends/service_model/migration.h). Refused changes are diagnostics located in the version
// where the field or entity is.

#include <optional>
#include <string>

#include "backends/service_model/migration.h"
#include "driver/build.h"
#include "driver/compilation.h"

namespace bpc::driver {

struct MigrateResult {
  SourceManager sources;         // both versions' files, for printing the diagnostics
  DiagnosticEngine diagnostics;  // the versions' errors, or the refused changes
  std::optional<std::string> script;  // the SQL, when both versions check and nothing is refused
};

// `before` and `after` are the compile options of each version (inputs, imports, budgets).
MigrateResult migrate(const FileSystem& files, const CompileOptions& before, const CompileOptions& after,
                      const backends::service::MigrationOptions& options);

struct MigrationFiles {
  SourceManager sources;  // the current version's files and the old version's, for the diagnostics
  std::optional<std::vector<MigrationFile>> files;  // absent when the old version has errors or a change is refused
};

// The migration scripts, for SQLite and PostgreSQL, from the version `old` compiles to the already
// compiled `current` one. Both headers must give a `version`, the current one later than the old
// (the scripts are named and ordered by it); problems are reported to `diagnostics`.
MigrationFiles migration_files(const FileSystem& files, const CompileOptions& old, const Compilation& current,
                               const backends::service::MigrationOptions& options, DiagnosticEngine& diagnostics);

}  // namespace bpc::driver
