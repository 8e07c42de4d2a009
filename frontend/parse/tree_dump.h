#pragma once

// Text dumps of the token stream and the syntax tree (`bpc parse --dump-tokens/--dump-ast`),
// for debugging and for golden tests. One line per token or node, with 1-based positions.

#include <ostream>

#include "frontend/lex/token.h"
#include "frontend/parse/tree.h"
#include "frontend/source/source_manager.h"

namespace bpc {

void dump_tokens(std::ostream& out, const SourceFile& file, const TokenizedBuffer& tokens);
void dump_tree(std::ostream& out, const SourceFile& file, const Tree& tree);

}  // namespace bpc
