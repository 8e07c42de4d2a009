#include "backends/jsonschema/jsonschema_backend.h"
#include "backends/jsonschema/schema_mapping.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bpc::backends::jsonschema {

namespace {

constexpr std::string_view kDialect = "https://json-schema.org/draft/2020-12/schema";

std::string schema_file(std::string_view name) { return fmt::format("{}.schema.json", name); }

std::string dump(const Json& json) { return json.dump(2) + "\n"; }

}  // namespace

std::vector<OptionSpec> JsonSchemaBackend::options() const {
  return {OptionSpec{"entityReferences", OptionType::Enum, {"id", "ref"}, std::string("id"),
                     "How a field that refers to an entity is written: `id`, the referenced "
                     "entity's id; `ref`, a `$ref` to the entity's schema"}};
}

void JsonSchemaBackend::emit(const ir::Module& module, const Options& options, OutputDirectory& out,
                             DiagnosticEngine& /*diagnostics*/, SharedArtifacts& /*shared*/) const {
  const SchemaMapper generator(module, MappingSettings{[](std::string_view name) { return schema_file(name); },
                                                      options.string("entityReferences") == "ref", true});
  struct Entry {
    std::string name;
    std::string kind;
    std::string path;
  };
  std::vector<Entry> entries;
  const auto add = [&](const std::string& name, std::string kind, const Json& schema) {
    std::string path = "schemas/" + schema_file(name);
    out.add(path, dump(schema));
    entries.push_back({name, std::move(kind), std::move(path)});
  };
  for (const ir::Enum& e : module.enums) add(e.name, "enum", generator.enum_schema(e));
  for (const ir::Struct& s : module.structs) add(s.name, "struct", generator.record_schema(s.name, s.doc, s.fields));
  for (const ir::Entity& e : module.entities) add(e.name, "entity", generator.record_schema(e.name, e.doc, e.fields));
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });

  Json index = Json::object();
  index["blueprint"] = module.header.name;
  if (!module.header.version.empty()) index["version"] = module.header.version;
  index["dialect"] = kDialect;
  Json schemas = Json::array();
  for (const Entry& entry : entries) {
    schemas.push_back(Json{{"name", entry.name}, {"kind", entry.kind}, {"path", entry.path}});
  }
  index["schemas"] = std::move(schemas);
  out.add("index.json", dump(index));
}

}  // namespace bpc::backends::jsonschema
