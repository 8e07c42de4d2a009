#include "passes/analyses/dependency_graph.h"

#include <fmt/format.h>

namespace bpc::passes {

namespace {

using Kind = DeclarationRef::Kind;

}  // namespace

std::uint32_t DependencyGraph::node_of(DeclarationRef ref) const {
  return first_node[static_cast<int>(ref.kind)] + ref.index;
}

std::string DependencyGraph::name(const ir::Module& module, std::uint32_t node) const {
  const DeclarationRef ref = nodes[node];
  switch (ref.kind) {
    case Kind::Alias: return "type " + module.aliases[ref.index].name;
    case Kind::Enum: return "enum " + module.enums[ref.index].name;
    case Kind::Struct: return "struct " + module.structs[ref.index].name;
    case Kind::Entity: return "entity " + module.entities[ref.index].name;
    case Kind::Event: return "event " + module.events[ref.index].name;
    case Kind::Role: return "role " + module.roles[ref.index].name;
    case Kind::Workflow: return "workflow " + module.workflows[ref.index].name;
    case Kind::Api: return "api " + module.apis[ref.index].name;
    case Kind::Operation:
      return fmt::format("operation {}.{}", module.apis[module.operations[ref.index].api.index].name,
                         module.operations[ref.index].name);
  }
  return "?";
}

DependencyGraph DependencyGraphAnalysis::run(const ir::Module& module) {
  DependencyGraph graph;
  const auto add_kind = [&](Kind kind, std::size_t count) {
    graph.first_node.push_back(static_cast<std::uint32_t>(graph.nodes.size()));
    for (std::uint32_t i = 0; i < count; ++i) graph.nodes.push_back(DeclarationRef{kind, i});
  };
  add_kind(Kind::Alias, module.aliases.size());
  add_kind(Kind::Enum, module.enums.size());
  add_kind(Kind::Struct, module.structs.size());
  add_kind(Kind::Entity, module.entities.size());
  add_kind(Kind::Event, module.events.size());
  add_kind(Kind::Role, module.roles.size());
  add_kind(Kind::Workflow, module.workflows.size());
  add_kind(Kind::Api, module.apis.size());
  add_kind(Kind::Operation, module.operations.size());

  const auto edge = [&](std::uint32_t from, DeclarationRef to) { graph.edges.emplace_back(from, graph.node_of(to)); };
  // The declarations a type names, through optionals, lists and maps.
  const auto uses_type = [&](std::uint32_t from, ir::TypeId type) {
    for (int depth = 0; depth < 1000 && !type.is_none(); ++depth) {
      const ir::Type& t = module.type(type);
      switch (t.kind) {
        case ir::Type::Kind::Scalar: return;
        case ir::Type::Kind::Alias: edge(from, {Kind::Alias, t.declaration}); return;
        case ir::Type::Kind::Enum: edge(from, {Kind::Enum, t.declaration}); return;
        case ir::Type::Kind::Struct: edge(from, {Kind::Struct, t.declaration}); return;
        case ir::Type::Kind::Entity: edge(from, {Kind::Entity, t.declaration}); return;
        default: type = t.element;
      }
    }
  };
  const auto uses_fields = [&](std::uint32_t from, const std::vector<ir::FieldId>& fields) {
    for (ir::FieldId field : fields) uses_type(from, module.field(field).type);
  };
  for (std::uint32_t i = 0; i < module.aliases.size(); ++i) uses_type(graph.node_of({Kind::Alias, i}), module.aliases[i].target);
  for (std::uint32_t i = 0; i < module.structs.size(); ++i) uses_fields(graph.node_of({Kind::Struct, i}), module.structs[i].fields);
  for (std::uint32_t i = 0; i < module.entities.size(); ++i) uses_fields(graph.node_of({Kind::Entity, i}), module.entities[i].fields);
  for (std::uint32_t i = 0; i < module.events.size(); ++i) uses_fields(graph.node_of({Kind::Event, i}), module.events[i].fields);
  for (std::uint32_t i = 0; i < module.workflows.size(); ++i) {
    const ir::Workflow& workflow = module.workflows[i];
    const std::uint32_t from = graph.node_of({Kind::Workflow, i});
    if (!workflow.entity.is_none()) edge(from, {Kind::Entity, workflow.entity.index});
    if (!workflow.states.is_none()) edge(from, {Kind::Enum, workflow.states.index});
    for (const ir::Transition& transition : workflow.transitions) {
      uses_fields(from, transition.parameters);
      for (ir::RoleId role : transition.roles) edge(from, {Kind::Role, role.index});
      for (ir::EventId event : transition.emits) edge(from, {Kind::Event, event.index});
    }
  }
  for (std::uint32_t i = 0; i < module.operations.size(); ++i) {
    const ir::Operation& operation = module.operations[i];
    const std::uint32_t from = graph.node_of({Kind::Operation, i});
    uses_fields(from, operation.parameters);
    uses_type(from, operation.result);
    for (ir::RoleId role : *operation.roles) edge(from, {Kind::Role, role.index});
    if (!operation.entity.is_none()) edge(from, {Kind::Entity, operation.entity.index});
    if (!operation.workflow.is_none()) edge(from, {Kind::Workflow, operation.workflow.index});
  }
  for (std::uint32_t i = 0; i < module.apis.size(); ++i) {
    const std::uint32_t from = graph.node_of({Kind::Api, i});
    for (ir::OperationId operation : module.apis[i].operations) edge(from, {Kind::Operation, operation.index});
    for (const ir::Resource& resource : module.apis[i].resources) {
      edge(from, {Kind::Entity, resource.entity.index});
      if (!resource.workflow.is_none()) edge(from, {Kind::Workflow, resource.workflow.index});
    }
  }
  const auto count = static_cast<std::uint32_t>(graph.nodes.size());
  graph.order = graph::dependency_order(count, graph.edges);  // what is used comes first
  graph.cycles = graph::find_cycles(count, graph.edges);
  return graph;
}

}  // namespace bpc::passes
