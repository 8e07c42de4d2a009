// desugar-resources: `resource Patient { list, get, create, update, delete } with workflow W`
// becomes explicit operations with routes, so backends see only operations:
//
//   listPatients    GET    /patients              limit, offset, the filters, range filters,
//                                                 sort and text search of ir/list_query.h
//   getPatient      GET    /patients/{id}
//   createPatient   POST   /patients              body: Patient
//   updatePatient   PATCH  /patients/{id}         body: Patient
//   deletePatient   DELETE /patients/{id}
//   confirmAppointment POST /appointments/{id}/confirm   (one per trigger of W, with its parameters)
//   listAppointmentsOfPatient GET /patients/{id}/appointments  (one per list relation of a resource
//                                                 with `get`, when the API lists its entity)
//
// Without parameters (PipelineOptions::operation_parameters, for the language server) the
// operations are the same but have no parameter fields; the diagnostics are the same.

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>

#include <fmt/ranges.h>

#include "base/casing.h"
#include "ir/index_hash_table.h"
#include "ir/list_query.h"
#include "ir/type_interner.h"
#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {

std::string capitalized(std::string_view name) {
  std::string out(name);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The name of the placeholder in `/collection/{...}/segment` for a new route: the one an
// operation of the API already uses on a route of that shape (any method), so the API never has
// two equivalent templated paths (`/channels/{channelId}/messages` beside
// `/channels/{id}/messages`, which OpenAPI forbids); else `id`.
std::string placeholder_in_use(const ir::Module& module, const ir::Api& api, std::string_view collection,
                               std::string_view segment) {
  for (ir::OperationId id : api.operations) {
    const std::string_view path = module.operations[id.index].path;
    if (!path.starts_with(collection) || !path.substr(collection.size()).starts_with("/{")) continue;
    const std::string_view rest = path.substr(collection.size() + 2);
    const std::size_t close = rest.find('}');
    if (close == std::string_view::npos || rest.substr(close + 1) != "/" + std::string(segment)) continue;
    return std::string(rest.substr(0, close));
  }
  return "id";
}

// How many operations desugaring the API's resources adds, at most.
std::size_t operations_added(const ir::Module& module, const ir::Api& api) {
  std::size_t operations = 0;
  for (const ir::Resource& resource : api.resources) {
    operations += resource.actions.size();
    for (ir::FieldId field : module.entity(resource.entity).fields) {
      if (!ir::related_list(module, field).is_none()) ++operations;
    }
    if (resource.workflow.is_none()) continue;
    operations += module.workflows[resource.workflow.index].transitions.size();
  }
  return operations;
}

class DesugarResources final : public Pass {
 public:
  explicit DesugarResources(bool parameters) : parameters_(parameters) {}

  std::string_view name() const override { return "desugar-resources"; }
  std::string_view description() const override {
    return "turn API resources into explicit operations with HTTP routes";
  }

  PreservedAnalyses run(PassContext& context) override {
    ir::Module& module = context.module;
    ir::TypeInterner types(module);
    bool changed = false;
    // Room for the operations the pass adds, so that each store grows once (a vector that
    // outgrows its capacity is briefly held twice). The field store is a deque and grows without
    // moving.
    std::vector<std::size_t> added;
    for (const ir::Api& api : module.apis) added.push_back(operations_added(module, api));
    module.operations.reserve(module.operations.size() + std::accumulate(added.begin(), added.end(), std::size_t{0}));
    for (std::uint32_t api_index = 0; api_index < module.apis.size(); ++api_index) {
      // The API's operation names, as indices into the operation store.
      ir::IndexHashTable names;
      names.reserve(module.apis[api_index].operations.size() + added[api_index]);
      module.apis[api_index].operations.reserve(module.apis[api_index].operations.size() + added[api_index]);
      const auto name_hash = [](std::string_view name) { return ir::mix_hash(std::hash<std::string_view>{}(name)); };
      for (ir::OperationId id : module.apis[api_index].operations) {
        names.insert(name_hash(module.operations[id.index].name), id.index);
      }
      // The entities the API lists: their records may also be listed through relations.
      std::vector<bool> listed(module.entities.size(), false);
      for (const ir::Resource& resource : module.apis[api_index].resources) {
        if (std::find(resource.actions.begin(), resource.actions.end(), ir::CrudAction::List) != resource.actions.end()) {
          listed[resource.entity.index] = true;
        }
      }
      // Adding operations and fields below leaves the API's resources where they are.
      const std::vector<ir::Resource>& resources = module.apis[api_index].resources;
      for (const ir::Resource& resource : resources) {
        const ir::Entity& entity = module.entity(resource.entity);
        const std::string entity_name = entity.name;
        const std::string collection = "/" + plural(to_kebab_case(entity_name));
        const ir::TypeId entity_type = types.declared(ir::Type::Kind::Entity, resource.entity.index);
        const ir::TypeId id_type =
            entity.id_field.is_none() ? types.scalar(ir::Scalar::Uuid) : module.field(entity.id_field).type;

        const auto add = [&](ir::Operation::Kind kind, std::string name, ir::HttpMethod method,
                             std::string path, ir::TypeId result) -> ir::Operation* {
          const std::uint32_t hash = name_hash(name);
          if (names.find(hash, [&](std::uint32_t i) { return module.operations[i].name == name; }) !=
              ir::IndexHashTable::kNone) {
            (void)context.diagnostics
                .report<DiagnosticKind::DuplicateMember>(context.span(resource.location), "operation", name,
                        fmt::format("API `{}` (it is also generated by this resource)", module.apis[api_index].name))
                .note("rename the custom operation, or leave that action out of the resource");
            return nullptr;
          }
          const ir::OperationId id{static_cast<std::uint32_t>(module.operations.size())};
          ir::Operation operation;
          operation.name = std::move(name);
          operation.kind = kind;
          operation.api = ir::ApiId{api_index};
          operation.entity = resource.entity;
          operation.method = method;
          operation.path = std::move(path);
          operation.result = result;
          operation.location = resource.location;
          module.operations.push_back(std::move(operation));
          names.insert(hash, id.index);
          module.apis[api_index].operations.push_back(id);
          changed = true;
          return &module.operations.back();
        };
        // Appends a parameter field to an operation (only the field store grows, so `operation`
        // stays valid).
        const auto parameter = [&](ir::Operation& operation, std::string name, ir::TypeId type,
                                   ir::Constraints constraints, std::optional<ir::Value> default_value,
                                   std::string doc = {}) {
          if (!parameters_) return;
          ir::Field field;
          field.name = std::move(name);
          if (!doc.empty()) field.doc = std::move(doc);
          field.type = type;
          field.constraints = std::move(constraints);
          field.default_value = std::move(default_value);
          field.location = operation.location;
          const auto operation_index = static_cast<std::uint32_t>(&operation - module.operations.data());
          field.owner = ir::FieldOwner{ir::FieldOwner::Kind::Operation, operation_index, UINT32_MAX};
          operation.parameters.push_back(ir::FieldId{static_cast<std::uint32_t>(module.fields.size())});
          module.fields.push_back(std::move(field));
        };
        const auto integer = [](std::int64_t value) {
          ir::Value v;
          v.kind = ir::Value::Kind::Integer;
          v.integer = value;
          return v;
        };
        const auto id_parameter = [&](ir::Operation& operation) {
          parameter(operation, "id", id_type, {}, std::nullopt);
        };
        const auto page_parameters = [&](ir::Operation& operation) {
          ir::Constraints limit;
          limit.min = "1";
          limit.max = "100";
          parameter(operation, std::string(ir::kLimitParameter), types.scalar(ir::Scalar::Int), limit, integer(20),
                    "How many records to return at most.");
          ir::Constraints offset;
          offset.min = "0";
          parameter(operation, std::string(ir::kOffsetParameter), types.scalar(ir::Scalar::Int), offset, integer(0),
                    "How many matching records to skip.");
        };
        // The list route's query (ir/list_query.h): a filter per indexed field (several values of
        // an enum), range bounds on ordered ones, the sort keys and the text search.
        const auto list_query = [&](ir::Operation& operation, const ir::Resource& served) {
          // A copy of the field list: `parameter` appends to the field store.
          const std::vector<ir::FieldId> fields = module.entity(served.entity).fields;
          std::vector<std::string> sort_keys;
          std::vector<std::string> searchable;  // `name`, as the search's description lists them
          std::vector<std::pair<ir::FieldId, std::string_view>> clashes;
          for (ir::FieldId field_id : fields) {
            const ir::ListRole role = ir::list_role(module, field_id);
            const std::string name = module.field(field_id).name;  // copied: `parameter` may grow the store
            if (role.searchable) searchable.push_back("`" + name + "`");
            if (role.sort_key) sort_keys.push_back(name);
            if (!role.filter) continue;
            for (std::string_view reserved : {ir::kLimitParameter, ir::kOffsetParameter, ir::kSortParameter,
                                              ir::kSearchParameter}) {
              if (name == reserved) clashes.emplace_back(field_id, reserved);
            }
            if (!parameters_) continue;
            const ir::TypeId declared = module.field(field_id).type;
            const ir::TypeId required = module.type(declared).kind == ir::Type::Kind::Optional
                                            ? module.type(declared).element
                                            : declared;
            parameter(operation, name, types.optional(role.any_of ? types.list(required) : required), {}, std::nullopt,
                      role.any_of ? fmt::format("Only the records whose `{}` is one of these values (repeat the parameter).", name)
                                  : fmt::format("Only the records whose `{}` is this value.", name));
            if (!role.range) continue;
            const ir::TypeId bound = types.optional(ir::underlying(module, declared, true));
            for (ir::RangeBound b : ir::kRangeBounds) {
              static constexpr std::string_view kWhat[] = {"at least", "above", "at most", "below"};
              parameter(operation, ir::range_parameter(name, b), bound, {}, std::nullopt,
                        fmt::format("Only the records whose `{}` is {} this value.", name, kWhat[static_cast<int>(b)]));
            }
          }
          if (parameters_) {
            ir::Constraints sort;
            std::string keys;
            for (const std::string& key : sort_keys) keys += (keys.empty() ? "" : "|") + key;
            sort.pattern = fmt::format("^-?({0})(,-?({0}))*$", keys);
            std::string sort_doc = "The order of the records: sort keys separated by commas, each descending when it "
                                   "starts with `-` (";
            for (std::size_t k = 0; k < sort_keys.size(); ++k) sort_doc += fmt::format("{}`{}`", k == 0 ? "" : ", ", sort_keys[k]);
            sort_doc += "). Records without a value come last; ties are in id order, which is the default.";
            parameter(operation, std::string(ir::kSortParameter), types.optional(types.scalar(ir::Scalar::String)), sort,
                      std::nullopt, std::move(sort_doc));
            if (!searchable.empty()) {
              ir::Constraints search;
              search.max_length = 200;
              std::string search_doc =
                  fmt::format("Only the records whose {} contains this text, ignoring case.", fmt::join(searchable, " or "));
              parameter(operation, std::string(ir::kSearchParameter), types.optional(types.scalar(ir::Scalar::String)),
                        search, std::nullopt, std::move(search_doc));
            }
          }
          for (const auto& [field_id, reserved] : clashes) {
            if (reserved == ir::kSearchParameter && searchable.empty()) continue;
            (void)context.diagnostics
                .report<DiagnosticKind::ListParameterClash>(context.span(module.field(field_id).location),
                                                           module.field(field_id).name, operation.name)
                .note("rename the field, or drop its `@index` or `@unique`");
          }
        };
        for (const ir::CrudAction action : resource.actions) {
          if (action == ir::CrudAction::List) {
            ir::Operation* operation = add(ir::Operation::Kind::List, "list" + capitalized(plural(entity_name)),
                                           ir::HttpMethod::Get, collection, types.list(entity_type));
            if (operation == nullptr) continue;
            page_parameters(*operation);
            list_query(*operation, resource);
          } else if (action == ir::CrudAction::Get) {
            if (ir::Operation* operation = add(ir::Operation::Kind::Get, "get" + entity_name, ir::HttpMethod::Get,
                                               collection + "/{id}", entity_type)) {
              id_parameter(*operation);
            }
          } else if (action == ir::CrudAction::Create) {
            if (ir::Operation* operation = add(ir::Operation::Kind::Create, "create" + entity_name,
                                               ir::HttpMethod::Post, collection, entity_type)) {
              parameter(*operation, "body", entity_type, {}, std::nullopt);
            }
          } else if (action == ir::CrudAction::Update) {
            if (ir::Operation* operation = add(ir::Operation::Kind::Update, "update" + entity_name,
                                               ir::HttpMethod::Patch, collection + "/{id}", entity_type)) {
              id_parameter(*operation);
              parameter(*operation, "body", entity_type, {}, std::nullopt);
            }
          } else if (action == ir::CrudAction::Delete) {
            if (ir::Operation* operation = add(ir::Operation::Kind::Delete, "delete" + entity_name,
                                               ir::HttpMethod::Delete, collection + "/{id}", ir::TypeId::none())) {
              id_parameter(*operation);
            }
            // Deleting a soft-deletable record hides it; `restore` brings it back.
            if (!ir::soft_delete_field(module, resource.entity).is_none()) {
              if (ir::Operation* operation = add(ir::Operation::Kind::Restore, "restore" + entity_name, ir::HttpMethod::Post,
                                                 collection + "/{id}/restore", entity_type)) {
                id_parameter(*operation);
              }
            }
          }
        }
        // `GET /patients/{id}/photo` and `PUT ...`: each `bytes` field as a file, downloaded when the
        // resource serves `get`, uploaded (multipart) when it serves `update` and the field may change.
        const auto serves = [&](ir::CrudAction action) {
          return std::find(resource.actions.begin(), resource.actions.end(), action) != resource.actions.end();
        };
        if (serves(ir::CrudAction::Get) || serves(ir::CrudAction::Update)) {
          const std::vector<ir::FieldId> fields = module.entity(resource.entity).fields;  // `parameter` grows the store
          for (ir::FieldId field_id : fields) {
            const ir::Field& field = module.field(field_id);
            if (field.type.is_none()) continue;
            const ir::Type& shape = module.type(ir::underlying(module, field.type, true));
            if (shape.kind != ir::Type::Kind::Scalar || shape.scalar != ir::Scalar::Bytes) continue;
            const std::string field_name = field.name;
            const bool changeable = !field.constraints->readonly;
            const std::string placeholder = placeholder_in_use(module, module.apis[api_index], collection, to_kebab_case(field_name));
            const std::string route = collection + "/{" + placeholder + "}/" + to_kebab_case(field_name);
            const auto binary = [&](ir::Operation::Kind kind, const std::string& name, ir::HttpMethod method, ir::TypeId result) {
              ir::Operation* operation = add(kind, name, method, route, result);
              if (operation == nullptr) return;
              operation->via = field_id;
              parameter(*operation, placeholder, id_type, {}, std::nullopt);
            };
            if (serves(ir::CrudAction::Get)) {
              binary(ir::Operation::Kind::Download, "download" + capitalized(field_name) + "Of" + entity_name, ir::HttpMethod::Get,
                     types.scalar(ir::Scalar::Bytes));
            }
            if (serves(ir::CrudAction::Update) && changeable) {
              binary(ir::Operation::Kind::Upload, "upload" + capitalized(field_name) + "Of" + entity_name, ir::HttpMethod::Put,
                     entity_type);
            }
          }
        }
        // `GET /customers/{id}/orders`: the records each list relation of a served record holds,
        // a page at a time, when the API lists the related entity too.
        if (std::find(resource.actions.begin(), resource.actions.end(), ir::CrudAction::Get) != resource.actions.end()) {
          const std::vector<ir::FieldId> fields = module.entity(resource.entity).fields;  // `parameter` grows the store
          for (ir::FieldId field_id : fields) {
            const ir::EntityId related = ir::related_list(module, field_id);
            if (related.is_none() || !listed[related.index]) continue;
            const std::string field_name = module.field(field_id).name;
            const std::string placeholder = placeholder_in_use(module, module.apis[api_index], collection, to_kebab_case(field_name));
            ir::Operation* operation =
                add(ir::Operation::Kind::Related, "list" + capitalized(field_name) + "Of" + entity_name, ir::HttpMethod::Get,
                    collection + "/{" + placeholder + "}/" + to_kebab_case(field_name),
                    types.list(types.declared(ir::Type::Kind::Entity, related.index)));
            if (operation == nullptr) continue;
            operation->entity = related;
            operation->via = field_id;
            parameter(*operation, placeholder, id_type, {}, std::nullopt);
            page_parameters(*operation);
          }
        }
        if (resource.workflow.is_none()) continue;
        // One operation per trigger, with the parameters and the union of the roles of its
        // transitions.
        const ir::Workflow& workflow = module.workflows[resource.workflow.index];
        // Each trigger's first transition and the roles of all of them, in one pass over the
        // transitions (a workflow may have 100,000).
        struct Trigger {
          std::uint32_t first = 0;
          std::set<std::uint32_t> roles;
        };
        std::map<std::string, Trigger> triggers;
        for (std::uint32_t t = 0; t < workflow.transitions.size(); ++t) {
          const auto [entry, inserted] = triggers.try_emplace(workflow.transitions[t].trigger, Trigger{t, {}});
          for (ir::RoleId role : workflow.transitions[t].roles) entry->second.roles.insert(role.index);
        }
        for (const auto& [trigger, info] : triggers) {
          const std::uint32_t transition_index = info.first;
          const ir::WorkflowId workflow_id = resource.workflow;
          ir::Operation* operation =
              add(ir::Operation::Kind::Transition, trigger + entity_name, ir::HttpMethod::Post,
                  collection + "/{id}/" + to_kebab_case(trigger), entity_type);
          if (operation == nullptr) continue;
          operation->workflow = workflow_id;
          operation->transition = transition_index;
          for (std::uint32_t role : info.roles) operation->roles.edit().push_back(ir::RoleId{role});
          id_parameter(*operation);
          const std::vector<ir::FieldId> trigger_parameters =
              module.workflows[workflow_id.index].transitions[transition_index].parameters;
          for (ir::FieldId p : trigger_parameters) {
            const ir::Field copy = module.field(p);
            parameter(*operation, copy.name, copy.type, *copy.constraints, copy.default_value);
          }
        }
      }
    }
    return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }

 private:
  bool parameters_;
};

}  // namespace

std::unique_ptr<Pass> make_desugar_resources(bool parameters) { return std::make_unique<DesugarResources>(parameters); }

}  // namespace bpc::passes
