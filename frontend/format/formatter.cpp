#include "frontend/format/formatter.h"
namespace bpc { std::string format_tree(const Tree& tree) { return std::string(tree.tokens().source()); } }
