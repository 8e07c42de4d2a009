#pragma once

// Cycle finding for the compiler's dependency graphs (imports, type aliases, required entity
// references, and the declaration dependency graph of the passes). The graph is given as a node
// count and directed edges; the result lists every cycle as the nodes of one strongly connected
// component, in an order that follows edges around the cycle, so a diagnostic can print
// "a -> b -> c -> a". Self-loops are cycles of one node. Boost.Graph does the work; its headers
// stay inside cycles.cpp.

#include <cstdint>
#include <utility>
#include <vector>

namespace bpc::graph {

using Edge = std::pair<std::uint32_t, std::uint32_t>;

// Each returned cycle starts at its smallest node and lists a closed walk through every node of
// its component in edge order (the first node is not repeated at the end). Cycles are sorted by
// their first node, so the result is deterministic.
std::vector<std::vector<std::uint32_t>> find_cycles(std::uint32_t node_count,
                                                   const std::vector<Edge>& edges);

// A topological order of the nodes in which, for every edge (a, b), b comes before a: with
// edges from users to what they use, dependencies come first. Ties are broken by node number;
// the nodes of a cycle stay together. Deterministic.
std::vector<std::uint32_t> dependency_order(std::uint32_t node_count,
                                            const std::vector<Edge>& edges);

}  // namespace bpc::graph
