#include "backends/openapi/openapi_backend.h"
#include "backends/openapi/openapi_documents.h"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "backends/jsonschema/json_text.h"
#include "backends/jsonschema/schema_mapping.h"
#include "backends/service_model/service_model.h"
#include "backends/support/access.h"
#include "backends/support/routes.h"
#include "base/casing.h"

namespace bpc::backends::openapi {

namespace {

using jsonschema::Json;
using jsonschema::MappingSettings;
using jsonschema::SchemaMapper;
using service::Answer;
using Kind = ir::Operation::Kind;

constexpr std::string_view kSecurityScheme = "bearerAuth";

std::string component_ref(std::string_view name) { return fmt::format("#/components/schemas/{}", name); }

// Every `$ref` inside `node`.
void collect_refs(const Json& node, std::set<std::string, std::less<>>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.get_ref<const Json::object_t&>()) {
      if (key == "$ref" && value.is_string()) {
        const std::string& ref = value.get_ref<const std::string&>();
        if (!refs.contains(ref)) refs.insert(ref);
      }
      else collect_refs(value, refs);
    }
  } else if (node.is_array()) {
    for (const Json& item : node) collect_refs(item, refs);
  }
}

// `Search patients` for `searchPatients`: an operation's name as words, for its summary.
std::string sentence(std::string_view name) {
  std::string out;
  for (const std::string& word : split_words(name)) out += (out.empty() ? "" : " ") + word;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) quoted.push_back(fmt::format("`{}`", name));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

// JSON text as generated services serve it: compact, ASCII only.
std::string compact(const Json& value) {
  std::string text;
  jsonschema::append_compact_json(value, text);
  return text;
}

// A member name as JSON text, `"name":`.
std::string member(std::string_view name) { return compact(Json(std::string(name))) + ":"; }

// A component schema as text, with the `$ref`s it holds.
struct SchemaText {
  std::string text;
  std::set<std::string, std::less<>> refs;
};

SchemaText schema_text(const Json& schema) {
  SchemaText out{compact(schema), {}};
  collect_refs(schema, out.refs);
  return out;
}

// Builds each document as text, one part at a time: every operation and component schema is a
// small JSON tree, printed and dropped at once. (A tree of the whole document of 10,000 entities
// held about 400 MB in millions of nodes, and took longer to allocate and free than to print.)
class DocumentBuilder {
 public:
  explicit DocumentBuilder(const service::ServiceModel& model)
      : model_(model),
        module_(model.module()),
        inputs_(module_, MappingSettings{component_ref, false, false}),
        results_(module_, MappingSettings{component_ref, true, false}) {
    std::set<std::string, std::less<>> names;
    for (const ir::Enum& e : module_.enums) names.insert(e.name);
    for (const ir::Struct& s : module_.structs) names.insert(s.name);
    for (const ir::Entity& e : module_.entities) names.insert(e.name);
    const auto unique = [&](std::string name) {
      while (names.contains(name)) name += "_";
      names.insert(name);
      return name;
    };
    problem_ = unique("Problem");
    // Request bodies of create and update: `PatientCreate`, `PatientUpdate`.
    for (const ir::Entity& e : module_.entities) {
      create_names_.push_back(unique(e.name + "Create"));
      update_names_.push_back(unique(e.name + "Update"));
    }
    secured_ = model.secured();
  }

  std::string document(const ir::Api& api) const {
    Json doc = Json::object();
    doc["openapi"] = "3.1.0";
    Json info = Json::object();
    info["title"] = module_.header.name.empty() ? api.name : fmt::format("{} {}", module_.header.name, api.name);
    info["version"] = module_.header.version.empty() ? "0.0.0" : module_.header.version;
    std::string description = api.doc;
    if (description.empty()) description = module_.header.description;
    if (description.empty()) description = module_.header.doc;
    if (!description.empty()) info["description"] = description;
    const ir::Header& header = module_.header;
    if (!header.contact_name.empty() || !header.contact_email.empty() || !header.contact_url.empty()) {
      Json contact = Json::object();
      if (!header.contact_name.empty()) contact["name"] = header.contact_name;
      if (!header.contact_url.empty()) contact["url"] = header.contact_url;
      if (!header.contact_email.empty()) contact["email"] = header.contact_email;
      info["contact"] = std::move(contact);
    }
    if (!header.license.empty()) info["license"] = Json{{"name", header.license}, {"identifier", header.license}};
    doc["info"] = std::move(info);
    doc["servers"] = Json::array({Json{{"url", api.base_path.empty() ? "/" : api.base_path}}});
    // A blueprint without roles serves every route to anyone: no security requirement, said
    // explicitly (operations of one with roles each name theirs).
    if (!secured_) doc["security"] = Json::array();

    std::set<std::uint32_t> tagged;
    bool api_tagged = false;
    // Path items in order of first use, each with its operations (method, text) in order.
    std::vector<std::pair<std::string_view, std::vector<std::pair<std::string, std::string>>>> items;
    items.reserve(api.operations.size());
    std::unordered_map<std::string_view, std::size_t> item_of;
    std::set<std::string, std::less<>> refs;  // every `$ref` in the paths
    for (ir::OperationId id : api.operations) {
      const ir::Operation& op = module_.operations[id.index];
      const auto [at, added] = item_of.emplace(op.path, items.size());
      if (added) items.emplace_back(op.path, std::vector<std::pair<std::string, std::string>>());
      const Json built = operation(api, id);
      collect_refs(built, refs);
      auto& methods = items[at->second].second;
      std::string method = lowercase_method(op.method);
      const auto same = std::find_if(methods.begin(), methods.end(), [&](const auto& m) { return m.first == method; });
      if (same != methods.end()) same->second = compact(built);
      else methods.emplace_back(std::move(method), compact(built));
      if (op.entity.is_none()) api_tagged = true;
      else tagged.insert(op.entity.index);
    }
    // Tags: one per entity, and the API's own for operations of no entity, each described.
    std::vector<std::pair<std::string, std::string>> tags;
    for (std::uint32_t index : tagged) {
      const ir::Entity& entity = module_.entities[index];
      tags.emplace_back(entity.name, entity.doc->empty() ? fmt::format("{} records.", entity.name) : *entity.doc);
    }
    if (api_tagged) tags.emplace_back(api.name, api.doc.empty() ? fmt::format("Operations of {}.", api.name) : api.doc);
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), tags.end());
    if (!tags.empty()) {
      Json list = Json::array();
      for (const auto& [name, text] : tags) {
        Json tag = Json{{"name", name}};
        if (!text.empty()) tag["description"] = text;
        list.push_back(std::move(tag));
      }
      doc["tags"] = std::move(list);
    }
    // The head's members, then `paths` and `components` (in that order, as readers expect).
    const std::string head = compact(doc);
    const std::string parts = components(refs);
    std::size_t size = head.size() + parts.size() + 32;
    for (const auto& [path, methods] : items) {
      size += path.size() + 8;
      for (const auto& [method, operation] : methods) size += method.size() + operation.size() + 4;
    }
    std::string text;
    text.reserve(size + size / 16);  // names may grow when escaped
    text.append(head, 0, head.size() - 1);  // without its `}`
    text += ",\"paths\":{";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) text += ',';
      text += member(items[i].first);
      text += '{';
      const auto& methods = items[i].second;
      for (std::size_t m = 0; m < methods.size(); ++m) {
        if (m > 0) text += ',';
        text += member(methods[m].first);
        text += methods[m].second;
      }
      text += '}';
    }
    text += "},\"components\":";
    text += parts;
    text += '}';
    return text;
  }

 private:
  // The components the paths' `refs` name, and those they use in turn; nothing else.
  std::string components(const std::set<std::string, std::less<>>& refs) const {
    std::map<std::string, SchemaText, std::less<>> schemas;
    const auto add = [&](const std::string& name, const auto& make) {
      if (!schemas.contains(name)) schemas.emplace(name, schema_text(make()));
    };
    for (const ir::Enum& e : module_.enums) add(e.name, [&] { return inputs_.enum_schema(e); });
    for (const ir::Struct& s : module_.structs) add(s.name, [&] { return inputs_.record_schema(s.name, s.doc, s.fields); });
    for (std::uint32_t i = 0; i < module_.entities.size(); ++i) {
      const ir::Entity& e = module_.entities[i];
      const ir::EntityId id{i};
      add(e.name, [&] { return inputs_.record_schema(e.name, e.doc, e.fields); });
      if (!model_.crud(id, Kind::Create).is_none()) add(create_names_[i], [&] { return create_schema(id); });
      if (!model_.crud(id, Kind::Update).is_none()) add(update_names_[i], [&] { return update_schema(id); });
    }
    add(problem_, [&] { return problem_schema(); });

    std::map<std::string, Json, std::less<>> responses;
    responses.emplace("BadRequest", problem_response("The request is invalid: a parameter, the query or the body does not match its schema."));
    Json unauthorized = problem_response("The caller has no identity: the bearer token is missing or invalid.");
    unauthorized["headers"] = Json{{"WWW-Authenticate", Json{{"description", "The authentication scheme: `Bearer`."},
                                                             {"schema", Json{{"type", "string"}}}}}};
    responses.emplace("Unauthorized", std::move(unauthorized));
    responses.emplace("Forbidden", problem_response("None of the caller's roles may call this operation."));
    responses.emplace("NotFound", problem_response("No record has this id."));
    responses.emplace("Conflict", problem_response(
        "The request conflicts with the current state: a duplicate value of a unique field, an illegal workflow "
        "transition or a refusing guard, or a delete that other records still refer to."));
    responses.emplace("PayloadTooLarge", problem_response("The request body (an uploaded file too) is larger than the service accepts (its `max_body_bytes`)."));
    responses.emplace("UnsupportedMediaType", problem_response(
        "The request body is not `application/json` (for a file upload, not `multipart/form-data`)."));
    Json too_many = problem_response("The caller's rate limit, or its tenant's, is used up: retry after `Retry-After` seconds.");
    const auto header = [](std::string description) {
      return Json{{"description", std::move(description)}, {"schema", Json{{"type", "integer"}, {"minimum", 0}}}};
    };
    too_many["headers"] = Json{{"Retry-After", header("Seconds until a request may pass.")},
                               {"RateLimit-Limit", header("Requests the limit allows in its period.")},
                               {"RateLimit-Remaining", header("Requests left in the period: 0.")},
                               {"RateLimit-Reset", header("Seconds until the whole quota is back.")}};
    responses.emplace("TooManyRequests", std::move(too_many));
    responses.emplace("NotImplemented", problem_response("The operation has not been written yet."));

    // Follow `$ref`s from the paths through the components they reach.
    std::set<std::string, std::less<>> used_schemas;
    std::set<std::string, std::less<>> used_responses;
    std::vector<std::string> pending(refs.begin(), refs.end());
    constexpr std::string_view kSchemas = "#/components/schemas/";
    constexpr std::string_view kResponses = "#/components/responses/";
    while (!pending.empty()) {
      const std::string ref = std::move(pending.back());
      pending.pop_back();
      if (ref.starts_with(kSchemas)) {
        const std::string name = ref.substr(kSchemas.size());
        if (!used_schemas.insert(name).second) continue;
        const auto it = schemas.find(name);
        if (it != schemas.end()) pending.insert(pending.end(), it->second.refs.begin(), it->second.refs.end());
      } else if (ref.starts_with(kResponses)) {
        const std::string name = ref.substr(kResponses.size());
        if (!used_responses.insert(name).second) continue;
        const auto it = responses.find(name);
        if (it == responses.end()) continue;
        std::set<std::string, std::less<>> inner;
        collect_refs(it->second, inner);
        pending.insert(pending.end(), inner.begin(), inner.end());
      }
    }

    // `schemas` (sorted: a std::map), then `responses` and `securitySchemes`, as a tree would print.
    std::size_t size = 16;
    for (const auto& [name, schema] : schemas) size += name.size() + schema.text.size() + 4;
    std::string text;
    text.reserve(size + size / 16);
    text += "{\"schemas\":{";
    bool first = true;
    for (const auto& [name, schema] : schemas) {
      if (!used_schemas.contains(name)) continue;
      if (!first) text += ',';
      first = false;
      text += member(name);
      text += schema.text;
    }
    Json components = Json::object();
    Json used = Json::object();
    for (auto& [name, response] : responses) {
      if (used_responses.contains(name)) used[name] = std::move(response);
    }
    if (!used.empty()) components["responses"] = std::move(used);

    if (secured_) {
      std::vector<std::string> roles;
      for (const ir::Role& role : module_.roles) roles.push_back(role.name);
      std::string description = fmt::format("A bearer token that identifies the caller and their roles ({}).", quoted_list(roles));
      components["securitySchemes"] =
          Json{{kSecurityScheme, Json{{"type", "http"}, {"scheme", "bearer"}, {"description", description}}}};
    }
    const std::string rest = compact(components);  // `{...}` or `{}`
    if (first) return rest;  // no schemas
    text += '}';
    if (rest != "{}") text += ',';
    text.append(rest, 1);
    return text;
  }

  // What a create request takes: the create fields, required as the service requires them, with
  // their defaults; `@readonly` fields may be given on create.
  Json create_schema(ir::EntityId id) const {
    const ir::Entity& entity = module_.entities[id.index];
    Json schema = inputs_.record_schema(create_names_[id.index], fmt::format("The fields of a new {}.", entity.name),
                                        model_.create_fields(id));
    Json required = Json::array();
    for (ir::FieldId f : model_.create_fields(id)) {
      const std::string& name = module_.field(f).name;
      Json& property = schema["properties"][name];
      property.erase("readOnly");
      if (model_.required_on_create(f)) required.push_back(name);
      else if (model_.is_reference_list(f) && !model_.is_optional(module_.field(f).type) && !property.contains("default")) {
        property["default"] = Json::array();
      }
    }
    schema.erase("required");
    if (!required.empty()) {
      // `required` after `properties`, where record schemas have it.
      Json additional = std::move(schema["additionalProperties"]);
      schema.erase("additionalProperties");
      schema["required"] = std::move(required);
      schema["additionalProperties"] = std::move(additional);
    }
    return schema;
  }

  // What an update request takes: the fields it may change, none required, no defaults (a field
  // left out is unchanged).
  Json update_schema(ir::EntityId id) const {
    const ir::Entity& entity = module_.entities[id.index];
    Json schema = inputs_.record_schema(update_names_[id.index],
                                        fmt::format("The fields of the {} to change; fields left out are unchanged.", entity.name),
                                        model_.update_fields(id));
    schema.erase("required");
    for (auto& [name, property] : schema["properties"].items()) {
      property.erase("default");
      property.erase("readOnly");
    }
    return schema;
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

  // The component response of an error status; "" for the success statuses.
  static std::string_view response_name(Answer answer) {
    switch (answer) {
      case Answer::BadRequest: return "BadRequest";
      case Answer::Unauthorized: return "Unauthorized";
      case Answer::Forbidden: return "Forbidden";
      case Answer::NotFound: return "NotFound";
      case Answer::Conflict: return "Conflict";
      case Answer::PayloadTooLarge: return "PayloadTooLarge";
      case Answer::UnsupportedMediaType: return "UnsupportedMediaType";
      case Answer::TooManyRequests: return "TooManyRequests";
      case Answer::NotImplemented: return "NotImplemented";
      case Answer::Ok:
      case Answer::Created:
      case Answer::NoContent: return "";
    }
    return "";
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

  static std::string article_of(const std::string& noun) {
    return !noun.empty() && std::string_view("AEIOU").find(noun[0]) != std::string_view::npos ? "an" : "a";
  }

  // The entity whose record a related-records operation addresses: the owner of its relation field.
  std::string owner(const ir::Operation& op) const {
    return module_.entity(ir::EntityId{module_.field(op.via).owner.index}).name;
  }

  std::string summary(const ir::Operation& op, const std::string& entity) const {
    const std::string article = article_of(entity);
    switch (op.kind) {
      case ir::Operation::Kind::List: return fmt::format("List {} records", entity);
      case ir::Operation::Kind::Get: return fmt::format("Get {} {}", article, entity);
      case ir::Operation::Kind::Create: return fmt::format("Create {} {}", article, entity);
      case ir::Operation::Kind::Update: return fmt::format("Update {} {}", article, entity);
      case ir::Operation::Kind::Delete: return fmt::format("Delete {} {}", article, entity);
      case ir::Operation::Kind::Transition: return fmt::format("`{}` {} {}", op.name, article, entity);
      case ir::Operation::Kind::Restore: return fmt::format("Restore a deleted {}", entity);
      case ir::Operation::Kind::Download: return fmt::format("Download `{}` of {} {}", module_.field(op.via).name, article, entity);
      case ir::Operation::Kind::Upload: return fmt::format("Upload `{}` of {} {}", module_.field(op.via).name, article, entity);
      case ir::Operation::Kind::Custom: return sentence(op.name);
      case ir::Operation::Kind::Related: return fmt::format("List the {} records of {} {}", entity, article_of(owner(op)), owner(op));
    }
    return "";
  }

  // What an operation without a doc comment does, in a sentence.
  std::string what_it_does(const ir::Operation& op, const std::string& entity) const {
    switch (op.kind) {
      case Kind::List: return fmt::format("Lists the {} records that match the filters, a page at a time, in the order `sort` asks for (id order by default).", entity);
      case Kind::Get: return fmt::format("Returns the {} with this id.", entity);
      case Kind::Create: return fmt::format("Creates a {} and returns it with its generated fields.", entity);
      case Kind::Update: return fmt::format("Changes the given fields of the {} with this id; fields left out are unchanged.", entity);
      case Kind::Delete:
        if (!model_.entity(op.entity).soft_delete.is_none()) {
          return fmt::format("Deletes the {} with this id: it is kept, with `{}` set, and hidden from every route until it is restored.",
                             entity, module_.field(model_.entity(op.entity).soft_delete).name);
        }
        return fmt::format("Deletes the {} with this id.", entity);
      case Kind::Download:
        return fmt::format("Returns the bytes of `{}` of the {} with this id (204 when it has none).", module_.field(op.via).name, entity);
      case Kind::Upload:
        return fmt::format("Replaces `{}` of the {} with this id by the uploaded file (a `multipart/form-data` part named "
                           "`file`) and returns the record.",
                           module_.field(op.via).name, entity);
      case Kind::Restore:
        return fmt::format("Brings back the deleted {} with this id (`{}` becomes null); refused (409) when it is not deleted.", entity,
                           module_.field(model_.entity(op.entity).soft_delete).name);
      case Kind::Transition: {
        const ir::Workflow& w = module_.workflows[op.workflow.index];
        const std::string& trigger = w.transitions[op.transition].trigger;
        // The fields its transitions set besides the state (`sets shippedAt = now`).
        std::vector<std::string> set;
        for (std::uint32_t index : model_.transitions_with_trigger(op.workflow, trigger)) {
          for (const ir::Assignment& a : w.transitions[index].sets) {
            const std::string name = "`" + module_.field(a.field).name + "`";
            if (std::find(set.begin(), set.end(), name) == set.end()) set.push_back(name);
          }
        }
        return fmt::format("Triggers `{}` of workflow {} on the {} with this id; refused (409) from a state without it.{}",
                           trigger, w.name, entity,
                           set.empty() ? "" : fmt::format(" Besides the state, it sets {}.", fmt::join(set, ", ")));
      }
      case Kind::Custom: return fmt::format("The `{}` operation, written by hand in the service.", op.name);
      case Kind::Related:
        return fmt::format("Lists the {} records that `{}` of the {} with this id holds, a page at a time, in id order.", entity,
                           module_.field(op.via).name, owner(op));
    }
    return {};
  }

  Json request_body(const ir::Operation& op, const std::vector<ir::FieldId>& fields) const {
    const bool crud = op.kind == ir::Operation::Kind::Create || op.kind == ir::Operation::Kind::Update;
    if (crud && fields.size() == 1 && module_.field(fields[0]).name == "body" && !op.entity.is_none()) {
      const ir::Entity& entity = module_.entities[op.entity.index];
      const bool create = op.kind == ir::Operation::Kind::Create;
      Json schema = Json{{"$ref", component_ref(create ? create_names_[op.entity.index] : update_names_[op.entity.index])}};
      const std::string description = create ? fmt::format("The {} to create.", entity.name)
                                             : fmt::format("The fields of the {} to change; fields left out are unchanged.", entity.name);
      return Json{{"description", description},
                  {"required", true},
                  {"content", Json{{"application/json", Json{{"schema", std::move(schema)}}}}}};
    }
    Json properties = Json::object();
    properties.get_ref<Json::object_t&>().reserve(fields.size());
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

  Json success(ir::OperationId id) const {
    const ir::Operation& op = module_.operations[id.index];
    const std::string code = std::to_string(static_cast<int>(model_.success(id)));
    if (op.result.is_none()) {
      return Json{{code, Json{{"description", code == "202" ? "Accepted: the work is done later; no content."
                                                            : "Done; no content."}}}};
    }
    if (op.kind == ir::Operation::Kind::Download) {
      const std::string& field = module_.field(op.via).name;
      Json out = Json{{code, Json{{"description", fmt::format("The bytes of `{}`.", field)},
                                  {"content", Json{{"application/octet-stream",
                                                    Json{{"schema", Json{{"type", "string"}, {"contentMediaType", "application/octet-stream"}}}}}}}}}};
      if (model_.is_optional(module_.field(op.via).type)) {
        out["204"] = Json{{"description", fmt::format("The record has no `{}`.", field)}};
      }
      return out;
    }
    Json schema;
    std::string description = "The result.";
    const ir::Type& type = module_.type(op.result);
    if ((op.kind == ir::Operation::Kind::List || op.kind == ir::Operation::Kind::Related) && type.kind == ir::Type::Kind::List) {
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
          op.kind == ir::Operation::Kind::Transition || op.kind == ir::Operation::Kind::Upload) {
        description = "The record.";
      }
    }
    return Json{{code, Json{{"description", description},
                            {"content", Json{{"application/json", Json{{"schema", std::move(schema)}}}}}}}};
  }

  Json operation(const ir::Api& api, ir::OperationId id) const {
    const ir::Operation& op = module_.operations[id.index];
    Json out = Json::object();
    out.get_ref<Json::object_t&>().reserve(10);
    const std::string entity = op.entity.is_none() ? "" : module_.entities[op.entity.index].name;
    out["tags"] = Json::array({entity.empty() ? api.name : entity});
    const std::string summary_text = summary(op, entity);
    if (!summary_text.empty()) out["summary"] = summary_text;

    std::vector<std::string> description;
    description.push_back(op.doc->empty() ? what_it_does(op, entity) : *op.doc);
    if (op.deprecated && !op.deprecated->empty()) description.push_back(fmt::format("Deprecated: {}", *op.deprecated));
    if (!model_.emits(id).empty()) {
      std::vector<std::string> events;
      for (ir::EventId e : model_.emits(id)) events.push_back(fmt::format("`{}`", module_.events[e.index].name));
      description.push_back(fmt::format("Raises {} after the write commits.", fmt::join(events, ", ")));
    }
    std::vector<std::string> roles;
    if (secured_) {
      auto [allowed, text] = access(op);
      roles = std::move(allowed);
      description.push_back(std::move(text));
    }
    out["description"] = fmt::format("{}", fmt::join(description, "\n\n"));
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
    if (op.kind == ir::Operation::Kind::Upload) {
      // One file part named `file`; its constraints (`@maxLength`) apply to its bytes.
      Json file = Json{{"description", fmt::format("The new bytes of `{}`.", module_.field(op.via).name)},
                       {"type", "string"},
                       {"contentMediaType", "application/octet-stream"}};
      out["requestBody"] = Json{
          {"required", true},
          {"content", Json{{"multipart/form-data",
                            Json{{"schema", Json{{"type", "object"},
                                                 {"properties", Json{{"file", std::move(file)}}},
                                                 {"required", Json::array({"file"})},
                                                 {"additionalProperties", false}}}}}}}};
    }

    // Every status the service can answer (the service model's list), and nothing else.
    Json responses = success(id);
    for (const Answer answer : model_.answers(id)) {
      const std::string_view response = response_name(answer);
      if (!response.empty()) responses[std::to_string(static_cast<int>(answer))] = error_ref(response);
    }
    out["responses"] = std::move(responses);
    if (op.deprecated) out["deprecated"] = true;
    if (secured_) {
      out["security"] = Json::array({Json{{kSecurityScheme, Json::array()}}});
      out["x-bpc-roles"] = roles;
    }
    return out;
  }

  const service::ServiceModel& model_;
  const ir::Module& module_;
  SchemaMapper inputs_;   // entity references as ids: what requests and records hold
  SchemaMapper results_;  // entity references as `$ref`s: results are full records
  std::string problem_;
  std::vector<std::string> create_names_;  // per entity
  std::vector<std::string> update_names_;
  bool secured_ = false;
};

}  // namespace

const std::vector<std::string>& compact_openapi_documents(const ir::Module& module, SharedArtifacts& shared) {
  return shared.get<std::vector<std::string>>("openapi:compact-documents", [&module, &shared] {
    std::vector<std::string> texts;
    if (module.apis.empty()) return texts;
    const DocumentBuilder builder(service::ServiceModel::of(module, shared));
    for (const ir::Api& api : module.apis) texts.push_back(builder.document(api));
    return texts;
  });
}

void OpenApiBackend::emit(const ir::Module& module, const Options& /*options*/, OutputDirectory& out,
                          DiagnosticEngine& /*diagnostics*/, SharedArtifacts& shared) const {
  const std::vector<std::string>& documents = compact_openapi_documents(module, shared);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    out.add(fmt::format("{}.openapi.json", module.apis[i].name), jsonschema::indented_json(documents[i]) + "\n");
  }
}

}  // namespace bpc::backends::openapi
