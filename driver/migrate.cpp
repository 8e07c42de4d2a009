#include "driver/migrate.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

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

backends::service::RelationalSchema schema_of(const Compilation& version) {
  const backends::service::ServiceModel model(*version.module);
  return backends::service::relational_schema(model);
}

// Two compiled versions and their relational schemas, made once for every dialect planned.
class Versions {
 public:
  Versions(const Compilation& old_version, const Compilation& new_version)
      : old_(old_version), new_(new_version), before_(schema_of(old_version)), after_(schema_of(new_version)) {}

  // The script for `dialect`, or nothing when a change is refused (reported to `diagnostics`).
  std::optional<std::string> script(backends::service::MigrationOptions options, backends::service::SqlDialect dialect,
                                    DiagnosticEngine& diagnostics, std::string_view from, std::string_view to) const {
    options.dialect = dialect;
    const backends::service::Migration migration = backends::service::plan_migration(
        before_, after_, options, diagnostics,
        [&](bool in_new, std::string_view entity, std::string_view field) { return locate(in_new ? new_ : old_, entity, field); });
    if (migration.refused) return std::nullopt;
    return backends::service::migration_script(migration, dialect, from, to);
  }

 private:
  const Compilation& old_;
  const Compilation& new_;
  backends::service::RelationalSchema before_;
  backends::service::RelationalSchema after_;
};

// MAJOR.MINOR.PATCH of a semantic version (the checker accepts no other `version`).
std::array<long, 3> release_of(std::string_view version) {
  std::array<long, 3> parts{};
  std::size_t at = 0;
  for (long& part : parts) {
    while (at < version.size() && std::isdigit(static_cast<unsigned char>(version[at])) != 0) part = part * 10 + (version[at++] - '0');
    if (at < version.size() && version[at] == '.') ++at;
  }
  return parts;
}

}  // namespace

MigrationFiles migration_files(const FileSystem& files, const CompileOptions& old, const Compilation& current,
                               const backends::service::MigrationOptions& options, DiagnosticEngine& diagnostics) {
  MigrationFiles result;
  Compilation old_version = compile(files, old, nullptr, current.sources);
  result.sources = old_version.sources;
  if (!old_version.ok()) {
    diagnostics.absorb(std::move(old_version.diagnostics));
    return result;
  }
  const std::string& from = old_version.module->header.version;
  const std::string& to = current.module->header.version;
  const SourceSpan where = backends::span_of(current.module->header.location, current.module_files());
  if (from.empty() || to.empty()) {
    (void)diagnostics.report<DiagnosticKind::MigrationVersions>(
        from.empty() ? SourceSpan{} : where, fmt::format("the {} version's header has no `version`", from.empty() ? "old" : "new"));
    return result;
  }
  if (release_of(to) <= release_of(from)) {
    (void)diagnostics.report<DiagnosticKind::MigrationVersions>(
        where, fmt::format("the new version `{}` is not later than the old one `{}`", to, from));
    return result;
  }
  const Versions versions(old_version, current);
  std::vector<MigrationFile> out;
  for (const auto& [dialect, folder] : {std::pair{backends::service::SqlDialect::Sqlite, "sqlite"},
                                        std::pair{backends::service::SqlDialect::Postgresql, "postgresql"}}) {
    auto script = versions.script(options, dialect, diagnostics, "v" + from, "v" + to);
    if (!script) return result;
    out.push_back({fmt::format("migrations/{}/v{}.sql", folder, to), std::move(*script)});
  }
  result.files = std::move(out);
  return result;
}

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
  result.script = Versions(old_version, new_version)
                      .script(options, options.dialect, result.diagnostics, before.inputs.front(), after.inputs.front());
  return result;
}

}  // namespace bpc::driver
