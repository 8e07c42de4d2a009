#include "backends/openapi/openapi_backend.h"
#include "backends/openapi/openapi_documents.h"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "backends/jsonschema/schema_mapping.h"
#include "backends/support/access.h"
#include "backends/support/routes.h"

namespace bpc::backends::openapi {

namespace {

using jsonschema::Json;
using jsonschema::MappingSettings;
using jsonschema::SchemaMapper;

constexpr std::string_view kSecurityScheme = "bearerAuth";

std::string component_ref(std::string_view name) { return fmt::format("#/components/schemas/{}", name); }

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) quoted.push_back(fmt::format("`{}`", name));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const ir::Module& module)
      : module_(module),
        inputs_(module, MappingSettings{component_ref, false, false}),
        results_(module, MappingSettings{component_ref, true, false}) {
    std::set<std::string, std::less<>> names;
    for (const ir::Enum& e : module.enums) names.insert(e.name);
    for (const ir::Struct& s : module.structs) names.insert(s.name);
    for (const ir::Entity& e : module.entities) names.insert(e.name);
    problem_ = "Problem";
    while (names.contains(problem_)) problem_ += "_";
    secured_ = !module.roles.empty();
  }

  Json document(const ir::Api& api) const {
    Json doc = Json::object();
    doc["openapi"] = "3.1.0";
    Json info = Json::object();
    info["title"] = module_.header.name.empty() ? api.name : fmt::format("{} {}", module_.header.name, api.name);
    info["version"] = module_.header.version.empty() ? "0.0.0" : module_.header.version;
    std::string description = api.doc;
    if (description.empty()) description = module_.header.description;
    if (description.empty()) description = module_.header.doc;
    if (!description.empty()) info["description"] = description;
    doc["info"] = std::move(info);
    doc["servers"] = Json::array({Json{{"url", api.base_path.empty() ? "/" : api.base_path}}});

    std::set<std::uint32_t> tagged;
    // Path items in order of first use, found through an index: looking keys up in an ordered
    // JSON object is linear, and growing one copies every member.
    Json paths = Json::object();
    Json::object_t& items = paths.get_ref<Json::object_t&>();
    items.reserve(api.operations.size());
    std::unordered_map<std::string_view, std::size_t> item_of;
    for (ir::OperationId id : api.operations) {
      const ir::Operation& op = module_.operations[id.index];
      const auto [at, added] = item_of.emplace(op.path, items.size());
      if (added) items.emplace_back(op.path, Json::object());
      std::next(items.begin(), static_cast<std::ptrdiff_t>(at->second))->second[lowercase_method(op.method)] = operation(op);
      if (!op.entity.is_none()) tagged.insert(op.entity.index);
    }
    if (!tagged.empty()) {
      Json tags = Json::array();
      std::vector<std::string> names;
      for (std::uint32_t index : tagged) names.push_back(module_.entities[index].name);
      std::sort(names.begin(), names.end());
      for (const std::string& name : names) {
        Json tag = Json{{"name", name}};
        for (const ir::Entity& entity : module_.entities) {
          if (entity.name == name && !entity.doc->empty()) tag["description"] = *entity.doc;
        }
        tags.push_back(std::move(tag));
      }
      doc["tags"] = std::move(tags);
    }
    doc["paths"] = std::move(paths);
    doc["components"] = components();
    return doc;
  }

 private:
  Json components() const {
    Json components = Json::object();
    std::vector<std::pair<std::string, Json>> schemas;
    for (const ir::Enum& e : module_.enums) schemas.emplace_back(e.name, inputs_.enum_schema(e));
    for (const ir::Struct& s : module_.structs) schemas.emplace_back(s.name, inputs_.record_schema(s.name, s.doc, s.fields));
    for (const ir::Entity& e : module_.entities) schemas.emplace_back(e.name, inputs_.record_schema(e.name, e.doc, e.fields));
    schemas.emplace_back(problem_, problem_schema());
    std::sort(schemas.begin(), schemas.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Json all = Json::object();
    Json::object_t& members = all.get_ref<Json::object_t&>();  // names are distinct: append
    members.reserve(schemas.size());
    for (auto& [name, schema] : schemas) members.emplace_back(name, std::move(schema));
    components["schemas"] = std::move(all);

    Json responses = Json::object();
    responses["BadRequest"] = problem_response("The request is invalid: a parameter or the body does not match its schema.");
    if (secured_) {
      responses["Unauthorized"] = problem_response("The caller has no identity: the bearer token is missing or invalid.");
      responses["Forbidden"] = problem_response("None of the caller's roles may call this operation.");
    }
    responses["NotFound"] = problem_response("No record has this id.");
    responses["Conflict"] = problem_response(
        "The request conflicts with the current state: an illegal workflow transition or a duplicate "
        "value of a unique field.");
    components["responses"] = std::move(responses);

    if (secured_) {
      std::vector<std::string> roles;
      for (const ir::Role& role : module_.roles) roles.push_back(role.name);
      std::string description = fmt::format("A bearer token that identifies the caller and their roles ({}).", quoted_list(roles));
      components["securitySchemes"] =
          Json{{kSecurityScheme, Json{{"type", "http"}, {"scheme", "bearer"}, {"description", description}}}};
    }
    return components;
  }

  Json problem_schema() const {
    Json properties = Json::object();
    properties["type"] = Json{{"description", "A URI reference that identifies the problem type."},
                              {"type", "string"}, {"format", "uri-reference"}};
    properties["title"] = Json{{"description", "A short summary of the problem type."}, {"type", "string"}};
    properties["status"] = Json{{"description", "The HTTP status code."}, {"type", "integer"}};
    properties["detail"] = Json{{"description", "An explanation of this occurrence of the problem."}, {"type", "string"}};
    properties["instance"] = Json{{"description", "A URI reference that identifies this occurrence."},
                                  {"type", "string"}, {"format", "uri-reference"}};
    Json error = Json{{"type", "object"},
                      {"properties", Json{{"field", Json{{"description", "The field or parameter, as a JSON path."}, {"type", "string"}}},
                                          {"message", Json{{"type", "string"}}}}},
                      {"required", Json::array({"field", "message"})}};
    properties["errors"] = Json{{"description", "Validation errors, one per invalid field."},
                                {"type", "array"}, {"items", std::move(error)}};
    Json schema = Json::object();
    schema["title"] = "Problem";
    schema["description"] = "A problem details object (RFC 9457).";
    schema["type"] = "object";
    schema["properties"] = std::move(properties);
    schema["required"] = Json::array({"title", "status"});
    return schema;
  }

  Json problem_response(std::string description) const {
    return Json{{"description", std::move(description)},
                {"content", Json{{"application/problem+json", Json{{"schema", Json{{"$ref", component_ref(problem_)}}}}}}}};
  }

  static Json error_ref(std::string_view name) { return Json{{"$ref", fmt::format("#/components/responses/{}", name)}}; }

  std::string roles_text(const std::vector<ir::RoleId>& roles) const {
    if (roles.empty()) return "every role";
    std::vector<std::string> names;
    for (ir::RoleId role : roles) names.push_back(module_.roles[role.index].name);
    return quoted_list(names);
  }

  std::string roles_text(const RoleSet& roles) const { return roles.every ? "every role" : roles_text(roles.roles); }

  // The roles that may call the operation, unconditionally (from `by` and unguarded allow rules),
  // in declaration order; `*` for every role. And a description of the whole access rule.
  std::pair<std::vector<std::string>, std::string> access(const ir::Operation& op) const {
    const OperationAccess rule = operation_access(module_, op);
    std::vector<std::string> roles;
    if (rule.granted.every) {
      roles.push_back("*");
    } else {
      for (ir::RoleId role : rule.granted.roles) roles.push_back(module_.roles[role.index].name);
    }
    std::vector<std::string> parts;
    if (rule.granted.every) {
      parts.push_back("allowed to every role");
    } else if (!roles.empty()) {
      parts.push_back(fmt::format("allowed to {}", quoted_list(roles)));
    }
    for (const ConditionalRule& grant : rule.conditional_grants) {
      parts.push_back(fmt::format("allowed to {} when `{}`", roles_text(grant.roles), grant.condition));
    }
    for (const ConditionalRule& denial : rule.denials) {
      parts.push_back(denial.condition.empty()
                          ? fmt::format("denied to {}", roles_text(denial.roles))
                          : fmt::format("denied to {} when `{}`", roles_text(denial.roles), denial.condition));
    }
    std::string text = parts.empty() ? "Access: no role is granted this operation."
                                     : fmt::format("Access: {}.", fmt::join(parts, "; "));
    return {std::move(roles), std::move(text)};
  }

  Json parameter(ir::FieldId id, std::string_view in, bool required) const {
    const ir::Field& field = module_.field(id);
    Json schema = inputs_.field_schema(id);
    schema.erase("readOnly");  // an input: a generated id is still given in the path
    Json parameter = Json::object();
    parameter["name"] = field.name;
    parameter["in"] = in;
    if (schema.contains("description")) {
      parameter["description"] = schema["description"];
      schema.erase("description");
    }
    parameter["required"] = required;
    if (field.constraints->deprecated) parameter["deprecated"] = true;
    parameter["schema"] = std::move(schema);
    return parameter;
  }

  bool has_unique_field(ir::EntityId id) const {
    if (id.is_none()) return false;
    for (ir::FieldId field : module_.entities[id.index].fields) {
      if (module_.field(field).constraints->unique) return true;
    }
    return false;
  }

  static std::string summary(const ir::Operation& op, const std::string& entity) {
    const std::string article = !entity.empty() && std::string_view("AEIOU").find(entity[0]) != std::string_view::npos ? "an" : "a";
    switch (op.kind) {
      case ir::Operation::Kind::List: return fmt::format("List {} records", entity);
      case ir::Operation::Kind::Get: return fmt::format("Get {} {}", article, entity);
      case ir::Operation::Kind::Create: return fmt::format("Create {} {}", article, entity);
      case ir::Operation::Kind::Update: return fmt::format("Update {} {}", article, entity);
      case ir::Operation::Kind::Delete: return fmt::format("Delete {} {}", article, entity);
      case ir::Operation::Kind::Transition: return fmt::format("`{}` {} {}", op.name, article, entity);
      case ir::Operation::Kind::Custom: return "";
    }
    return "";
  }

  Json request_body(const ir::Operation& op, const std::vector<ir::FieldId>& fields) const {
    const bool crud = op.kind == ir::Operation::Kind::Create || op.kind == ir::Operation::Kind::Update;
    if (crud && fields.size() == 1 && module_.field(fields[0]).name == "body" && !op.entity.is_none()) {
      const ir::Entity& entity = module_.entities[op.entity.index];
      Json schema;
      std::string description;
      if (op.kind == ir::Operation::Kind::Create) {
        schema = Json{{"$ref", component_ref(entity.name)}};
        description = fmt::format("The {} to create.", entity.name);
      } else {
        schema = inputs_.record_schema(entity.name, entity.doc, entity.fields);
        schema.erase("required");
        description = fmt::format("The fields of the {} to change; fields left out are unchanged.", entity.name);
      }
      return Json{{"description", description},
                  {"required", true},
                  {"content", Json{{"application/json", Json{{"schema", std::move(schema)}}}}}};
    }
    Json properties = Json::object();
    properties.get_ref<Json::object_t&>().reserve(fields.size());  // growing copies the members
    Json required = Json::array();
    for (ir::FieldId id : fields) {
      properties[module_.field(id).name] = inputs_.field_schema(id);
      if (inputs_.is_required(id)) required.push_back(module_.field(id).name);
    }
    Json schema = Json::object();
    schema["type"] = "object";
    schema["properties"] = std::move(properties);
    const bool any_required = !required.empty();
    if (any_required) schema["required"] = std::move(required);
    schema["additionalProperties"] = false;
    return Json{{"required", any_required},
                {"content", Json{{"application/json", Json{{"schema", std::move(schema)}}}}}};
  }

  Json success(const ir::Operation& op) const {
    if (op.result.is_none()) return Json{{"204", Json{{"description", "Done; no content."}}}};
    Json schema;
    std::string description = "The result.";
    const ir::Type& type = module_.type(op.result);
    if (op.kind == ir::Operation::Kind::List && type.kind == ir::Type::Kind::List) {
      Json properties = Json::object();
      properties["items"] = Json{{"type", "array"}, {"items", results_.type_schema(type.element)}};
      properties["total"] = Json{{"description", "The number of records that match the filters."},
                                 {"type", "integer"}, {"minimum", 0}};
      schema = Json{{"type", "object"}, {"properties", std::move(properties)},
                    {"required", Json::array({"items", "total"})}, {"additionalProperties", false}};
      description = "A page of records.";
    } else {
      schema = results_.type_schema(op.result);
      if (op.kind == ir::Operation::Kind::Create) description = "The created record.";
      if (op.kind == ir::Operation::Kind::Get || op.kind == ir::Operation::Kind::Update ||
          op.kind == ir::Operation::Kind::Transition) {
        description = "The record.";
      }
    }
    const std::string code = op.kind == ir::Operation::Kind::Create ? "201" : "200";
    return Json{{code, Json{{"description", description},
                            {"content", Json{{"application/json", Json{{"schema", std::move(schema)}}}}}}}};
  }

  Json operation(const ir::Operation& op) const {
    Json out = Json::object();
    const std::string entity = op.entity.is_none() ? "" : module_.entities[op.entity.index].name;
    if (!entity.empty()) out["tags"] = Json::array({entity});
    const std::string summary_text = summary(op, entity);
    if (!summary_text.empty()) out["summary"] = summary_text;

    std::vector<std::string> description;
    if (!op.doc->empty()) description.push_back(*op.doc);
    if (op.deprecated && !op.deprecated->empty()) description.push_back(fmt::format("Deprecated: {}", *op.deprecated));
    std::vector<std::string> roles;
    if (secured_) {
      auto [allowed, text] = access(op);
      roles = std::move(allowed);
      description.push_back(std::move(text));
    }
    if (!description.empty()) out["description"] = fmt::format("{}", fmt::join(description, "\n\n"));
    out["operationId"] = op.name;

    // Path parameters from the placeholders; the rest from the query (GET, DELETE) or the body.
    const std::vector<std::string> names = route_placeholders(op.path);
    Json parameters = Json::array();
    std::vector<ir::FieldId> rest;
    for (const std::string& name : names) {
      const auto it = std::find_if(op.parameters.begin(), op.parameters.end(),
                                   [&](ir::FieldId id) { return module_.field(id).name == name; });
      if (it != op.parameters.end()) {
        parameters.push_back(parameter(*it, "path", true));
      } else {
        parameters.push_back(Json{{"name", name}, {"in", "path"}, {"required", true}, {"schema", Json{{"type", "string"}}}});
      }
    }
    for (ir::FieldId id : op.parameters) {
      if (std::find(names.begin(), names.end(), module_.field(id).name) != names.end()) continue;
      if (method_has_body(op.method)) {
        rest.push_back(id);
      } else {
        parameters.push_back(parameter(id, "query", inputs_.is_required(id)));
      }
    }
    if (!parameters.empty()) out["parameters"] = std::move(parameters);
    if (!rest.empty()) out["requestBody"] = request_body(op, rest);

    Json responses = success(op);
    if (!op.parameters.empty() || !names.empty()) responses["400"] = error_ref("BadRequest");
    if (secured_) {
      responses["401"] = error_ref("Unauthorized");
      responses["403"] = error_ref("Forbidden");
    }
    if (!names.empty()) responses["404"] = error_ref("NotFound");
    const bool writes = op.kind == ir::Operation::Kind::Create || op.kind == ir::Operation::Kind::Update;
    if (op.kind == ir::Operation::Kind::Transition || (writes && has_unique_field(op.entity))) {
      responses["409"] = error_ref("Conflict");
    }
    out["responses"] = std::move(responses);
    if (op.deprecated) out["deprecated"] = true;
    if (secured_) {
      out["security"] = Json::array({Json{{kSecurityScheme, Json::array()}}});
      out["x-bpc-roles"] = roles;
    }
    return out;
  }

  const ir::Module& module_;
  SchemaMapper inputs_;   // entity references as ids: what requests and records hold
  SchemaMapper results_;  // entity references as `$ref`s: results are full records
  std::string problem_;
  bool secured_ = false;
};

}  // namespace

const std::vector<Json>& openapi_documents(const ir::Module& module, SharedArtifacts& shared) {
  return shared.get<std::vector<Json>>("openapi:documents", [&module] {
    std::vector<Json> documents;
    if (module.apis.empty()) return documents;
    const DocumentBuilder builder(module);
    for (const ir::Api& api : module.apis) documents.push_back(builder.document(api));
    return documents;
  });
}

void OpenApiBackend::emit(const ir::Module& module, const Options& /*options*/, OutputDirectory& out,
                          DiagnosticEngine& /*diagnostics*/, SharedArtifacts& shared) const {
  const std::vector<Json>& documents = openapi_documents(module, shared);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    out.add(fmt::format("{}.openapi.json", module.apis[i].name), documents[i].dump(2) + "\n");
  }
}

}  // namespace bpc::backends::openapi
