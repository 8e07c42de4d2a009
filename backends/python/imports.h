#pragma once

// The import block of a generated Python module, laid out as ruff's isort rules want it: the
// `__future__` import, then standard library, third-party and first-party sections separated by a
// blank line; in each, `import x` lines before `from x import ...` lines, modules sorted, and the
// names of a `from` import ordered constants first, then classes, then everything else.
//
// Emitters add what they might use and then keep only what the module's code uses (`keep_used`),
// so a module imports exactly what it needs (ruff's F401).

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace bpc::backends::python {

class Imports {
 public:
  enum class Section : std::uint8_t { Standard, ThirdParty, FirstParty };

  // `import module`.
  Imports& module(Section section, std::string module);
  // `from module import name`.
  Imports& from(Section section, std::string module, std::initializer_list<std::string_view> names);
  // Drops every imported name (and `import x` module) that `used` does not hold.
  Imports& keep_used(const std::set<std::string, std::less<>>& used);
  // The block, each line ending in a newline, without blank lines before or after.
  std::string render() const;

 private:
  struct Block {
    std::set<std::string> modules;
    std::map<std::string, std::set<std::string>> from;
  };
  std::map<Section, Block> sections_;
};

// A module: `head` (the generated header, the docstring and `from __future__ import annotations`,
// ending in a newline), then the imports after one blank line, then the code after the blank lines
// ruff's isort wants (two before a definition, one before any other statement).
std::string assemble_module(std::string head, const std::string& imports, std::string_view code);

}  // namespace bpc::backends::python
