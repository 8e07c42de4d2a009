#include "ir/graph/cycles.h"

#include <algorithm>
#include <functional>
#include <queue>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

namespace bpc::graph {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

struct Components {
  std::vector<int> of_node;
  int count = 0;
};

Components components(std::uint32_t node_count, const std::vector<Edge>& edges) {
  Graph graph(node_count);
  for (const auto& [from, to] : edges) boost::add_edge(from, to, graph);
  Components result;
  result.of_node.resize(node_count);
  result.count = boost::strong_components(
      graph, boost::make_iterator_property_map(result.of_node.begin(),
                                               boost::get(boost::vertex_index, graph)));
  return result;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> find_cycles(std::uint32_t node_count,
                                                   const std::vector<Edge>& edges) {
  const Components parts = components(node_count, edges);
  std::vector<std::vector<std::uint32_t>> members(parts.count);
  for (std::uint32_t node = 0; node < node_count; ++node) members[parts.of_node[node]].push_back(node);
  std::vector<std::vector<std::uint32_t>> successors(node_count);
  std::vector<bool> self_loop(node_count, false);
  for (const auto& [from, to] : edges) {
    if (from == to) self_loop[from] = true;
    if (parts.of_node[from] == parts.of_node[to]) successors[from].push_back(to);
  }
  for (auto& next : successors) std::sort(next.begin(), next.end());

  std::vector<std::vector<std::uint32_t>> cycles;
  for (const auto& component : members) {
    if (component.size() == 1 && !self_loop[component[0]]) continue;
    // The shortest cycle through the component's smallest node: a breadth-first search from it
    // (inside the component) to the first node with an edge back to it.
    const std::uint32_t start = component.front();
    std::vector<std::uint32_t> walk{start};
    if (!self_loop[start]) {
      std::vector<std::uint32_t> parent(node_count, UINT32_MAX);
      std::queue<std::uint32_t> frontier;
      parent[start] = start;
      frontier.push(start);
      std::uint32_t last = UINT32_MAX;
      while (!frontier.empty() && last == UINT32_MAX) {
        const std::uint32_t node = frontier.front();
        frontier.pop();
        for (std::uint32_t next : successors[node]) {
          if (next == start && node != start) {
            last = node;
            break;
          }
          if (parent[next] == UINT32_MAX) {
            parent[next] = node;
            frontier.push(next);
          }
        }
      }
      std::vector<std::uint32_t> path;
      for (std::uint32_t node = last; node != start; node = parent[node]) path.push_back(node);
      walk.insert(walk.end(), path.rbegin(), path.rend());
    }
    cycles.push_back(std::move(walk));
  }
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

std::vector<std::uint32_t> dependency_order(std::uint32_t node_count,
                                            const std::vector<Edge>& edges) {
  // Kahn's algorithm on the reversed edges over the condensation, smallest node first.
  const Components parts = components(node_count, edges);
  std::vector<std::vector<int>> depends_on(parts.count);
  std::vector<int> waiting(parts.count, 0);
  for (const auto& [from, to] : edges) {
    const int a = parts.of_node[from];
    const int b = parts.of_node[to];
    if (a == b) continue;
    depends_on[b].push_back(a);  // b must come before a
    ++waiting[a];
  }
  std::vector<std::uint32_t> smallest(parts.count, UINT32_MAX);
  for (std::uint32_t node = node_count; node-- > 0;) smallest[parts.of_node[node]] = node;
  using Entry = std::pair<std::uint32_t, int>;  // (smallest node, component)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
  for (int c = 0; c < parts.count; ++c) {
    if (waiting[c] == 0) ready.emplace(smallest[c], c);
  }
  std::vector<std::vector<std::uint32_t>> members(parts.count);
  for (std::uint32_t node = 0; node < node_count; ++node) members[parts.of_node[node]].push_back(node);
  std::vector<std::uint32_t> order;
  order.reserve(node_count);
  while (!ready.empty()) {
    const int c = ready.top().second;
    ready.pop();
    order.insert(order.end(), members[c].begin(), members[c].end());
    for (int dependent : depends_on[c]) {
      if (--waiting[dependent] == 0) ready.emplace(smallest[dependent], dependent);
    }
  }
  return order;
}

}  // namespace bpc::graph
