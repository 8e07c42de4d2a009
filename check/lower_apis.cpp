// Phase 4b: APIs. Resources are kept as written (the desugaring pass turns them into
// operations); custom operations are lowered here with their parameters, result, route and
// roles.

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "check/lowerer.h"
#include "frontend/literals/string_literal.h"
#include "base/casing.h"

namespace bpc::lowering {

namespace {

// Why a route (starting with `/`) cannot be served the same way by every client and server, or
// nullopt: what clients rewrite or never send (`?`, `#`, `.` and `..` segments, empty segments, a
// trailing `/`), what a URL cannot hold unencoded (spaces, control and non-ASCII characters,
// `"<>\\^`|` and `%`), and placeholders that are not whole segments.
std::optional<std::string> unservable_path(std::string_view path) {
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '?') return std::string("`?` would start a query string");
    if (c == '#') return std::string("`#` would start a fragment, which clients do not send");
    if (byte <= 0x20 || byte == 0x7f) return std::string("spaces and control characters cannot appear in a URL path");
    if (byte >= 0x80) return std::string("non-ASCII characters cannot appear unencoded in a URL path");
    if (std::string_view("\"<>\\^`|%").find(c) != std::string_view::npos) {
      return fmt::format("`{}` cannot appear unencoded in a URL path", c);
    }
  }
  if (path.size() > 1 && path.ends_with('/')) return std::string("a trailing `/` (write the path without it)");
  for (std::size_t start = 1; start <= path.size();) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() && end < path.size()) return std::string("an empty segment (`//`)");
    if (segment == "." || segment == "..") {
      return fmt::format("clients resolve a `{}` segment away before they send the request", segment);
    }
    const std::size_t open = segment.find('{');
    // (An unclosed `{` is reported on its own.)
    if (open != std::string_view::npos && segment.find('}') != std::string_view::npos &&
        (open != 0 || !segment.ends_with('}') || segment.find('{', 1) != std::string_view::npos)) {
      return std::string("a placeholder must be a whole segment (`/{id}`), not part of one");
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

namespace {

constexpr std::string_view kCrudActionNames[] = {"list", "get", "create", "update", "delete"};

}  // namespace

void Lowerer::lower_apis() {
  // The resource node of each entity in the API being lowered (reset after each API).
  std::vector<NodeId> resource_of_entity(module_.entities.size(), NodeId::none());
  for (std::uint32_t index = 0; index < api_sites_.size(); ++index) {
    const Site site = api_sites_[index];
    const Tree& t = tree(site.file);
    ir::Api& api = module_.apis[index];
    const std::string owner = fmt::format("API `{}`", api.name);

    const NodeId at = t.child(site.node, NodeKind::AtClause);
    if (!at.is_none()) {
      const Site path_site{site.file, t.child(at, NodeKind::StringLiteral)};
      api.base_path = string_value(path_site);
      if (!api.base_path.starts_with('/')) {
        (void)report<DiagnosticKind::InvalidBasePath>(path_site, api.base_path, "must start with `/`");
      } else if (api.base_path.size() > 1 && api.base_path.ends_with('/')) {
        (void)report<DiagnosticKind::InvalidBasePath>(path_site, api.base_path, "must not end with `/`")
            .fix("remove the trailing `/`",
                 {TextEdit{SourceSpan{t.tokens().file(), span(path_site).end - 2, span(path_site).end - 1}, ""}});
      }
    }

    const std::vector<NodeId> resource_nodes = t.children_of_kind(site.node, NodeKind::Resource);
    api.resources.reserve(resource_nodes.size());
    for (NodeId node : resource_nodes) {
      if (t.node(node).has_error()) continue;
      const Site resource_site{site.file, node};
      const NodeId path = t.child(node, NodeKind::Path);
      const NodeId entity_name = *t.children(path).begin();
      const Symbol* entity = resolve(t.text(entity_name), Site{site.file, entity_name}, {SymbolKind::Entity}, "entity");
      if (entity == nullptr) continue;
      if (const NodeId first = resource_of_entity[entity->index]; !first.is_none()) {
        (void)report<DiagnosticKind::DuplicateMember>(resource_site, "resource", t.text(entity_name), owner)
            .label(span(Site{site.file, first}), "first here");
        continue;
      }
      resource_of_entity[entity->index] = node;
      ir::Resource resource;
      resource.entity = ir::EntityId{entity->index};
      resource.location = location(resource_site);
      const NodeId actions = t.child(node, NodeKind::ResourceActions);
      if (actions.is_none()) {
        resource.actions.assign(std::begin(ir::kCrudActions), std::end(ir::kCrudActions));
      } else {
        for (NodeId node : t.children(actions)) {
          // `create emits OrderPlaced`: the action's name, then the event.
          const bool emitting = t.kind(node) == NodeKind::EmittingAction;
          const NodeId action_node = emitting ? t.child(node, NodeKind::Name) : node;
          const std::string_view name = t.text(action_node);
          const Site action_site{site.file, action_node};
          const std::optional<ir::CrudAction> action = ir::crud_action_from_name(name);
          if (!action) {
            (void)report_unknown("unknown resource action", name, action_site,
                                 {std::begin(kCrudActionNames), std::end(kCrudActionNames)})
                .note("a resource offers `list`, `get`, `create`, `update` and `delete`; write other "
                      "endpoints as `operation`s");
            continue;
          }
          if (std::find(resource.actions.begin(), resource.actions.end(), *action) != resource.actions.end()) {
            (void)report<DiagnosticKind::DuplicateMember>(action_site, "action", name, "this resource");
            continue;
          }
          resource.actions.push_back(*action);
          if (emitting) lower_action_emit(Site{site.file, node}, *action, resource);
        }
      }
      const NodeId with = t.child(node, NodeKind::WithWorkflow);
      if (!with.is_none()) {
        const NodeId workflow_name = *t.children(t.child(with, NodeKind::Path)).begin();
        if (const Symbol* workflow = resolve(t.text(workflow_name), Site{site.file, workflow_name},
                                             {SymbolKind::Workflow}, "workflow")) {
          const ir::Workflow& lowered = module_.workflows[workflow->index];
          if (!lowered.entity.is_none() && lowered.entity.index != entity->index) {
            (void)report<DiagnosticKind::WrongWorkflow>(Site{site.file, workflow_name}, lowered.name,
                         module_.entity(lowered.entity).name, t.text(entity_name));
          } else {
            resource.workflow = ir::WorkflowId{workflow->index};
          }
        }
      }
      api.resources.push_back(std::move(resource));
    }
    for (const ir::Resource& resource : api.resources) resource_of_entity[resource.entity.index] = NodeId::none();

    std::map<std::string_view, Site> operation_names;
    for (NodeId node : t.children_of_kind(site.node, NodeKind::Operation)) {
      if (t.node(node).has_error()) continue;
      const Site operation_site{site.file, node};
      const std::string_view name = name_of(operation_site);
      if (const auto [it, inserted] = operation_names.emplace(name, operation_site); !inserted) {
        (void)report<DiagnosticKind::DuplicateMember>(Site{site.file, name_node(operation_site)},
                     "operation", name, owner)
            .label(span(it->second), "first here");
        continue;
      }
      const ir::OperationId id{static_cast<std::uint32_t>(module_.operations.size())};
      ir::Operation operation;
      operation.name = std::string(name);
      operation.api = ir::ApiId{index};
      operation.doc = doc(operation_site);
      operation.location = location(operation_site);
      const NodeId parameters = t.child(node, NodeKind::Parameters);
      std::set<std::string_view> parameter_names;
      for (NodeId parameter : t.children(parameters)) {
        const Site parameter_site{site.file, parameter};
        if (!parameter_names.insert(name_of(parameter_site)).second) {
          (void)report<DiagnosticKind::DuplicateMember>(parameter_site, "parameter",
                       name_of(parameter_site), fmt::format("operation `{}`", name));
          continue;
        }
        operation.parameters.push_back(lower_field(
            parameter_site, ir::FieldOwner{ir::FieldOwner::Kind::Operation, id.index, UINT32_MAX},
            DecoratorSite::Parameter));
      }
      const NodeId result = t.child(node, NodeKind::ReturnType);
      if (!result.is_none()) {
        operation.result = lower_type(Site{site.file, t.child(result, NodeKind::TypeRef)});
      }
      ir::Constraints constraints;
      std::vector<std::pair<std::string, Site>> extras;
      lower_decorators(operation_site, DecoratorSite::Operation, ir::TypeId::none(), constraints,
                       nullptr, &extras);
      operation.deprecated = constraints.deprecated;
      operation.method = ir::HttpMethod::Post;
      operation.path = "/" + to_kebab_case(name);
      for (const auto& [decorator, decorator_site] : extras) {
        if (decorator != "http") continue;
        const NodeId arguments = t.child(decorator_site.node, NodeKind::DecoratorArguments);
        auto argument = t.children(arguments).begin();
        const Site method_site{site.file, *argument};
        const Site path_site{site.file, *++argument};
        const std::string method(t.text(*t.children(method_site.node).begin()));
        const std::string_view methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
        const auto known = std::find(std::begin(methods), std::end(methods), method);
        if (known == std::end(methods)) {
          (void)report_unknown("unknown HTTP method", method, method_site, {std::begin(methods), std::end(methods)});
        } else {
          operation.method = static_cast<ir::HttpMethod>(known - std::begin(methods));
        }
        operation.path = string_value(path_site);
        auto status_argument = argument;
        if (++status_argument != t.children(arguments).end()) {
          const Site status_site{site.file, *status_argument};
          const auto status = lower_value(status_site);
          // With a result: a 2xx that carries a body; without one: accepted, or no content.
          const bool with_result = !operation.result.is_none();
          const bool valid = status && status->kind == ir::Value::Kind::Integer &&
                             (with_result ? status->integer >= 200 && status->integer <= 299 && status->integer != 204 &&
                                                status->integer != 205
                                          : status->integer == 202 || status->integer == 204);
          if (!valid) {
            (void)report<DiagnosticKind::InvalidSuccessStatus>(
                status_site, status && status->kind == ir::Value::Kind::Integer ? std::to_string(status->integer) : "this",
                with_result ? "an operation with a result" : "an operation without a result")
                .note(with_result ? "an operation that returns a value answers 200, 201, 202, 203, 206 or another 2xx with a body"
                                  : "an operation without a result answers 204 (the default) or 202 (accepted, done later)");
          } else {
            operation.status = static_cast<std::uint16_t>(status->integer);
          }
        }
        // Shown as a blueprint string literal: a path may hold control characters.
        if (!operation.path.starts_with('/')) {
          (void)report<DiagnosticKind::InvalidHttp>(path_site, quote_string_literal(operation.path));
        } else if (const std::optional<std::string> why = unservable_path(operation.path)) {
          (void)report<DiagnosticKind::UnservablePath>(path_site, quote_string_literal(operation.path), *why);
        }
        // Every `{placeholder}` names a scalar parameter.
        for (std::size_t open = operation.path.find('{'); open != std::string::npos;
             open = operation.path.find('{', open + 1)) {
          const std::size_t close = operation.path.find('}', open);
          if (close == std::string::npos) {
            (void)report<DiagnosticKind::UnclosedPlaceholder>(path_site);
            break;
          }
          const std::string placeholder = operation.path.substr(open + 1, close - open - 1);
          const auto parameter = std::find_if(operation.parameters.begin(), operation.parameters.end(),
                                              [&](ir::FieldId p) { return module_.field(p).name == placeholder; });
          if (parameter == operation.parameters.end()) {
            (void)report<DiagnosticKind::UnknownPlaceholder>(path_site, placeholder);
          } else if (!module_.field(*parameter).type.is_none() &&
                     module_.type(underlying(module_.field(*parameter).type, false)).kind != ir::Type::Kind::Scalar &&
                     module_.type(underlying(module_.field(*parameter).type, false)).kind != ir::Type::Kind::Enum) {
            auto builder = report<DiagnosticKind::PlaceholderNotScalar>(path_site, placeholder);
            const ir::Type& type = module_.type(underlying(module_.field(*parameter).type, true));
            if (type.kind == ir::Type::Kind::Entity && !module_.entities[type.declaration].id_field.is_none()) {
              // `/{customer}` with `customer: Customer`: what REST frameworks bind to a record.
              const ir::Entity& entity = module_.entities[type.declaration];
              builder.note(fmt::format("a path carries the record's id: declare `{}: {}` (the type of `{}.{}`) and load the "
                                       "{} in the handler",
                                       placeholder, ir::type_name(module_, module_.field(entity.id_field).type), entity.name,
                                       module_.field(entity.id_field).name, entity.name));
            } else if (module_.type(underlying(module_.field(*parameter).type, false)).kind == ir::Type::Kind::Optional) {
              builder.note("a path segment is always present: make the parameter required");
            }
          }
        }
      }
      const NodeId by = t.child(node, NodeKind::ByClause);
      if (!by.is_none()) {
        operations_with_by_clause_.insert(id.index);
        for (NodeId role : t.children(by)) {
          if (const Symbol* symbol = resolve(t.text(role), Site{site.file, role}, {SymbolKind::Role}, "role")) {
            operation.roles.edit().push_back(ir::RoleId{symbol->index});
          }
        }
      }
      module_.operations.push_back(std::move(operation));
      operation_sites_.push_back(operation_site);
      index_declaration(DeclarationKind::Operation, operation_site, site);
      api.operations.push_back(id);
    }
  }
}

}  // namespace bpc::lowering
