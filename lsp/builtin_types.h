#pragma once

// The built-in types, as the language reference (docs/language.md, section 3) describes them:
// for hover, completion and highlighting. The names are the ones the checker knows
// (ir::scalar_name, plus the generic `list` and `map`); tests/lsp checks the two agree.

#include <span>
#include <string_view>

namespace bpc::lsp {

struct BuiltinType {
  std::string_view name;
  std::string_view summary;
};

std::span<const BuiltinType> builtin_types();
const BuiltinType* find_builtin_type(std::string_view name);

}  // namespace bpc::lsp
