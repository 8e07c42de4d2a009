#pragma once

// The declaration dependency graph: one node per declaration (alias, enum, struct, entity,
// event, role, workflow, API, operation) and an edge from each declaration to every declaration
// it uses (a field's type, a relation's target, a workflow's entity and events, an operation's
// parameter and result types, an API's operations...). Built with Boost.Graph (through
// ir/graph/cycles.h): its strongly connected components give the cycles, and its topological
// order, dependencies first, is the order in which backends emit declarations.

#include <string>
#include <vector>

#include "ir/graph/cycles.h"
#include "ir/ir.h"

namespace bpc::passes {

struct DeclarationRef {
  enum class Kind : std::uint8_t { Alias, Enum, Struct, Entity, Event, Role, Workflow, Api, Operation };
  Kind kind;
  std::uint32_t index;
  friend bool operator==(const DeclarationRef&, const DeclarationRef&) = default;
};

struct DependencyGraph {
  std::vector<DeclarationRef> nodes;
  std::vector<graph::Edge> edges;  // user -> used
  std::vector<std::uint32_t> order;  // dependencies first
  std::vector<std::vector<std::uint32_t>> cycles;

  // The node of a declaration, or UINT32_MAX.
  std::uint32_t node_of(DeclarationRef ref) const;
  std::string name(const ir::Module& module, std::uint32_t node) const;

  std::vector<std::uint32_t> first_node;  // by Kind: the node of index 0 of that kind
};

struct DependencyGraphAnalysis {
  using Result = DependencyGraph;
  static std::string_view name() { return "dependency-graph"; }
  static Result run(const ir::Module& module);
};

}  // namespace bpc::passes
