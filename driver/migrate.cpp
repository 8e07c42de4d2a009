#include "driver/migrate.h"

#include <algorithm>

#include "backends/backend.h"
#include "backends/service_model/relational_schema.h"
#include "backends/service_model/service_model.h"

namespace bpc::driver {

namespace {

// Where an entity (or one of its fields) of a compiled version is declared.
SourceSpan locate(const Compilation& version, std::string_view entity, std::string_view field) {
  const ir::Module& m = *version.module;
  const auto e = std::find_if(m.entities.begin(), m.entities.end(), [&](const ir::Entity& x) { return x.name == entity; });
  if (e == m.entities.end()) return {};
  const std::vector<FileId> files = version.module_files();
  for (ir::FieldId f : e->fields) {
    if (m.field(f).name == field) return backends::span_of(m.field(f).location, files);
  }
  return backends::span_of(e->location, files);
}

}  // namespace

MigrateResult migrate(const FileSystem& files, const CompileOptions& before, const CompileOptions& after,
                      const backends::service::MigrationOptions& options) {
  MigrateResult result;
  Compilation old_version = compile(files, before);
  // The new version's sources follow the old one's, so one source manager shows both.
  Compilation new_version = compile(files, after, nullptr, old_version.sources);
  result.sources = new_version.sources;
  if (!old_version.ok() || !new_version.ok()) {
    result.diagnostics.absorb(std::move(old_version.diagnostics));
    result.diagnostics.absorb(std::move(new_version.diagnostics));
    return result;
  }
  const backends::service::ServiceModel old_model(*old_version.module);
  const backends::service::ServiceModel new_model(*new_version.module);
  const backends::service::Migration migration = backends::service::plan_migration(
      backends::service::relational_schema(old_model), backends::service::relational_schema(new_model), options, result.diagnostics,
      [&](bool in_new, std::string_view entity, std::string_view field) {
        return locate(in_new ? new_version : old_version, entity, field);
      });
  if (migration.refused) return result;
  result.script = backends::service::migration_script(migration, options.dialect, before.inputs.front(), after.inputs.front());
  return result;
}

}  // namespace bpc::driver
