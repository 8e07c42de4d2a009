#include "backends/python/imports.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace bpc::backends::python {

namespace {

constexpr std::size_t kLineLength = 120;  // pyproject.toml's [tool.ruff] line-length

// ruff's order-by-type: CONSTANTS, then Classes, then the rest.
int kind_of(const std::string& name) {
  const bool has_lower = std::any_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!has_lower && name.size() > 1) return 0;
  return name[0] >= 'A' && name[0] <= 'Z' ? 1 : 2;
}

}  // namespace

Imports& Imports::module(Section section, std::string module) {
  sections_[section].modules.insert(std::move(module));
  return *this;
}

Imports& Imports::from(Section section, std::string module, std::initializer_list<std::string_view> names) {
  auto& entry = sections_[section].from[std::move(module)];
  for (std::string_view name : names) entry.emplace(name);
  return *this;
}

Imports& Imports::keep_used(const std::set<std::string, std::less<>>& used) {
  for (auto& [section, block] : sections_) {
    std::erase_if(block.modules, [&](const std::string& m) { return !used.contains(m.substr(m.rfind(' ') + 1)); });
    for (auto& [module, names] : block.from) std::erase_if(names, [&](const std::string& n) { return !used.contains(n); });
    std::erase_if(block.from, [](const auto& entry) { return entry.second.empty(); });
  }
  return *this;
}

std::string Imports::render() const {
  std::vector<std::string> sections;
  for (const auto& [section, block] : sections_) {
    std::string out;
    for (const std::string& m : block.modules) out += fmt::format("import {}\n", m);
    for (const auto& [module, names] : block.from) {
      std::vector<std::string> sorted(names.begin(), names.end());
      std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
        if (kind_of(a) != kind_of(b)) return kind_of(a) < kind_of(b);
        return a < b;
      });
      const std::string line = fmt::format("from {} import {}", module, fmt::join(sorted, ", "));
      // Longer than the line length: one name per line, as ruff wraps it.
      out += line.size() <= kLineLength ? line + "\n"
                                        : fmt::format("from {} import (\n    {},\n)\n", module, fmt::join(sorted, ",\n    "));
    }
    if (!out.empty()) sections.push_back(std::move(out));
  }
  return fmt::format("{}", fmt::join(sections, "\n"));
}

}  // namespace bpc::backends::python

namespace bpc::backends::python {

std::string assemble_module(std::string head, const std::string& imports, std::string_view code) {
  while (!code.empty() && code.front() == '\n') code.remove_prefix(1);
  if (!imports.empty()) head += "\n" + imports;
  if (code.empty()) return head;
  // A definition follows imports after two blank lines; any other statement after one.
  std::string_view first = code;
  while (first.starts_with("#")) {
    const std::size_t end = first.find('\n');
    first = end == std::string_view::npos ? std::string_view() : first.substr(end + 1);
  }
  const bool definition = first.starts_with("def ") || first.starts_with("class ") || first.starts_with("@") ||
                          first.starts_with("async def ");
  return head + (definition ? "\n\n" : "\n") + std::string(code);
}

}  // namespace bpc::backends::python
