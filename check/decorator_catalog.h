#pragma once

// The decorators a blueprint may write, as people read about them: the same table lowering checks
// them against (check/lower_decorators.cpp), so the language server's completion, hover and
// signature help never disagree with the checker.

#include <string_view>
#include <vector>

namespace bpc::lowering {

struct DecoratorDoc {
  std::string_view name;        // without the `@`
  std::string_view signature;   // "(count: whole number)"; empty when it takes no arguments
  std::string_view applies_to;  // "entity fields"
  std::string_view summary;     // one sentence
};

std::vector<DecoratorDoc> decorator_catalog();

}  // namespace bpc::lowering
