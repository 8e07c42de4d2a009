// Inlay hints: what bpc infers or defaults, shown where it applies.
//   - Routes: after each action of `resource Patient { list, get }` its method and path
//     (`GET /api/v1/patients`); after a resource written without actions, or with a workflow, the
//     routes it serves beyond the listed actions; after the parameters of an operation without
//     `@http`, the route inferred for it. Read from the IR after the pass pipeline, whose
//     desugared operations keep the resource's location.
//   - Defaults: after the type of a field that states no default but whose type alias gives one,
//     ` = 20`; after a single stored reference without `@onDelete`, ` @onDelete(restrict)`.

#include <algorithm>
#include <map>

#include "ir/printer.h"
#include "lsp/features.h"

namespace bpc::lsp {

namespace {

std::string_view method_name(ir::HttpMethod method) {
  switch (method) {
    case ir::HttpMethod::Get: return "GET";
    case ir::HttpMethod::Post: return "POST";
    case ir::HttpMethod::Put: return "PUT";
    case ir::HttpMethod::Patch: return "PATCH";
    case ir::HttpMethod::Delete: return "DELETE";
  }
  return "POST";
}

std::string_view action_of(ir::Operation::Kind kind) {
  switch (kind) {
    case ir::Operation::Kind::List: return "list";
    case ir::Operation::Kind::Get: return "get";
    case ir::Operation::Kind::Create: return "create";
    case ir::Operation::Kind::Update: return "update";
    case ir::Operation::Kind::Delete: return "delete";
    default: return {};
  }
}

Json hint(const FileView& view, std::uint32_t offset, std::string label, std::string tooltip) {
  return {{"position", to_json(view.mapper().position(offset))},
          {"label", std::move(label)},
          {"paddingLeft", true},
          {"tooltip", std::move(tooltip)}};
}

// The innermost node of `kind` that starts exactly at `offset`.
NodeId node_starting_at(const Tree& tree, std::uint32_t offset, NodeKind kind) {
  const std::vector<NodeId> chain = ancestors_at(tree, offset);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (tree.kind(*it) == kind && tree.begin_offset(*it) == offset) return *it;
  }
  return NodeId::none();
}

bool has_http_decorator(const Tree& tree, NodeId operation) {
  for (NodeId decorator : tree.children_of_kind(operation, NodeKind::Decorator)) {
    if (tree.text(tree.child(decorator, NodeKind::Name)) == "http") return true;
  }
  return false;
}

// The alias on the way from `type` to its shape that gives the default, if one does.
const ir::Alias* defaulting_alias(const ir::Module& module, ir::TypeId type) {
  for (int depth = 0; depth < 64 && !type.is_none(); ++depth) {
    const ir::Type& node = module.type(type);
    if (node.kind != ir::Type::Kind::Alias) return nullptr;
    const ir::Alias& alias = module.aliases[node.declaration];
    if (alias.default_value) return &alias;
    type = alias.target;
  }
  return nullptr;
}

// ` = value` after fields whose default comes from their type alias, and ` @onDelete(restrict)`
// after single stored references that do not say what a delete of the target does.
void default_hints(const FileView& view, const std::vector<FileId>& files, std::uint32_t begin, std::uint32_t end,
                   Json& hints) {
  const ir::Module& module = *view.compilation.module;
  const Tree& tree = *view.parsed->tree;
  for (std::uint32_t index = 0; index < module.fields.size(); ++index) {
    const ir::Field& field = module.fields[index];
    if (field.owner.kind != ir::FieldOwner::Kind::Entity && field.owner.kind != ir::FieldOwner::Kind::Struct) continue;
    if (field.location.file >= files.size() || files[field.location.file] != view.file) continue;
    if (field.location.begin > end || field.location.end < begin) continue;
    const NodeId node = node_starting_at(tree, field.location.begin, NodeKind::Field);
    const NodeId type = node.is_none() ? NodeId::none() : tree.child(node, NodeKind::TypeRef);
    if (type.is_none()) continue;
    if (tree.child(node, NodeKind::DefaultValue).is_none()) {
      if (const ir::Alias* alias = defaulting_alias(module, field.type)) {
        const std::string value = ir::value_text(*alias->default_value);
        hints.push_back(hint(view, tree.end_offset(type), "= " + value,
                             "the default of type `" + alias->name + "` (`@default(" + value +
                                 ")`); `= value` on the field overrides it"));
      }
    }
    if (field.relation.is_none()) continue;
    const ir::Relation& relation = module.relations[field.relation.index];
    if (relation.many || relation.field.index != index || relation.on_delete != ir::OnDelete::Restrict) {
      continue;
    }
    bool stated = false;
    NodeId last = type;
    for (NodeId decorator : tree.children_of_kind(node, NodeKind::Decorator)) {
      stated = stated || tree.text(tree.child(decorator, NodeKind::Name)) == "onDelete";
      last = decorator;
    }
    if (stated) continue;
    hints.push_back(hint(view, tree.end_offset(last), "@onDelete(restrict)",
                         "deleting a `" + module.entities[relation.target.index].name +
                             "` that records refer to here is refused (the default); `@onDelete(cascade)` deletes them "
                             "too, `@onDelete(setNull)` clears the reference"));
  }
}

}  // namespace

Json inlay_hints(const FileView& view, Range range) {
  Json hints = Json::array();
  if (view.parsed == nullptr || !view.compilation.module) return hints;
  const ir::Module& module = *view.compilation.module;
  const Tree& tree = *view.parsed->tree;
  const std::vector<FileId> files = view.compilation.module_files();
  const std::uint32_t begin = view.offset(range.start), end = view.offset(range.end);

  // The operations of each resource (by its location's start) and the custom ones, in this file.
  std::map<std::uint32_t, std::vector<const ir::Operation*>> by_resource;
  for (const ir::Api& api : module.apis) {
    for (const ir::OperationId id : api.operations) {
      const ir::Operation& operation = module.operations[id.index];
      if (operation.location.file >= files.size() || files[operation.location.file] != view.file) continue;
      if (operation.location.begin > end || operation.location.end < begin) continue;
      by_resource[operation.location.begin].push_back(&operation);
    }
  }
  for (const auto& [offset, operations] : by_resource) {
    const auto route = [&](const ir::Operation& operation) {
      return std::string(method_name(operation.method)) + " " + module.apis[operation.api.index].base_path + operation.path;
    };
    if (const NodeId resource = node_starting_at(tree, offset, NodeKind::Resource); !resource.is_none()) {
      std::vector<const ir::Operation*> rest;
      const NodeId actions = tree.child(resource, NodeKind::ResourceActions);
      for (const ir::Operation* operation : operations) {
        const std::string_view action = action_of(operation->kind);
        NodeId written = NodeId::none();
        for (NodeId child : tree.children(actions)) {
          const NodeId name = tree.kind(child) == NodeKind::EmittingAction ? tree.child(child, NodeKind::Name) : child;
          if (!action.empty() && tree.kind(name) == NodeKind::Name && tree.text(name) == action) written = name;
        }
        if (written.is_none()) {
          rest.push_back(operation);
        } else {
          hints.push_back(hint(view, tree.end_offset(written), route(*operation), "operation `" + operation->name + "`"));
        }
      }
      if (!rest.empty()) {
        std::string label, tooltip;
        for (const ir::Operation* operation : rest) {
          label += (label.empty() ? "" : " · ") + route(*operation);
          tooltip += (tooltip.empty() ? "" : "\n") + route(*operation) + "  (" + operation->name + ")";
        }
        hints.push_back(hint(view, tree.end_offset(resource), std::move(label), std::move(tooltip)));
      }
      continue;
    }
    for (const ir::Operation* operation : operations) {
      if (operation->kind != ir::Operation::Kind::Custom) continue;
      const NodeId node = node_starting_at(tree, offset, NodeKind::Operation);
      if (node.is_none() || has_http_decorator(tree, node)) continue;
      const NodeId parameters = tree.child(node, NodeKind::Parameters);
      const NodeId result = tree.child(node, NodeKind::ReturnType);
      const NodeId after = result.is_none() ? parameters : result;
      if (after.is_none()) continue;
      hints.push_back(hint(view, tree.end_offset(after), route(*operation), "the route bpc infers; `@http(...)` sets another"));
    }
  }
  default_hints(view, files, begin, end, hints);
  std::sort(hints.begin(), hints.end(), [](const Json& a, const Json& b) {
    return std::pair(a["position"]["line"].get<int>(), a["position"]["character"].get<int>()) <
           std::pair(b["position"]["line"].get<int>(), b["position"]["character"].get<int>());
  });
  return hints;
}

}  // namespace bpc::lsp
