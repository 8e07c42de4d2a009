// Inlay hints: the routes bpc infers, shown where they come from. After each action of
// `resource Patient { list, get }` its method and path (`GET /api/v1/patients`); after a resource
// written without actions, or with a workflow, the routes it serves beyond the listed actions;
// after the parameters of an operation without `@http`, the route inferred for it. Read from the
// IR after the pass pipeline, whose desugared operations keep the resource's location.

#include <algorithm>
#include <map>

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
  std::sort(hints.begin(), hints.end(), [](const Json& a, const Json& b) {
    return std::pair(a["position"]["line"].get<int>(), a["position"]["character"].get<int>()) <
           std::pair(b["position"]["line"].get<int>(), b["position"]["character"].get<int>());
  });
  return hints;
}

}  // namespace bpc::lsp
