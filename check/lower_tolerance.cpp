// Error tolerance: what the lowering knows about the constructs the parser recovered from, so a
// file with syntax errors still gets every semantic check elsewhere, without follow-on errors.
// Nothing here runs for a program without syntax errors.

#include "check/lowerer.h"

#include <algorithm>
#include <tuple>

namespace bpc::lowering {

namespace {

bool is_lexical(DiagnosticKind kind) {
  const std::string_view code = info(kind).code;  // BP10xx source and lexical, BP12xx literal values
  return code.starts_with("BP10") || code.starts_with("BP12");
}

}  // namespace

void Lowerer::collect_broken_constructs() {
  for (const Diagnostic& diagnostic : diagnostics_.diagnostics()) {
    if (is_lexical(diagnostic.kind) && !diagnostic.span.file.is_none()) lexical_errors_.push_back(diagnostic.span);
  }
  std::sort(lexical_errors_.begin(), lexical_errors_.end(), [](const SourceSpan& a, const SourceSpan& b) {
    return std::tie(a.file, a.begin) < std::tie(b.file, b.begin);
  });
  error_nodes_.assign(program_.files.size(), {});
  for (std::uint32_t file = 0; file < program_.files.size(); ++file) {
    const Tree& t = tree(file);
    if (!t.has_errors()) continue;
    std::vector<std::uint32_t>& errors = error_nodes_[file];
    for (std::uint32_t index = 0; index < t.size(); ++index) {
      if (t.node(NodeId{index}).has_error()) errors.push_back(index);
    }
    // The names inside each outermost broken node (nested ones are inside it).
    std::uint32_t covered_until = 0;
    for (const std::uint32_t index : errors) {
      if (index < covered_until) continue;
      covered_until = index + t.subtree_size(NodeId{index});
      for (std::uint32_t inner = index; inner < covered_until; ++inner) {
        if (t.kind(NodeId{inner}) == NodeKind::Name) broken_names_.insert(t.text(NodeId{inner}));
      }
    }
  }
}

bool Lowerer::incomplete(Site declaration) const {
  if (declaration.node.is_none() || declaration.file >= error_nodes_.size()) return false;
  const std::vector<std::uint32_t>& errors = error_nodes_[declaration.file];
  if (errors.empty()) return false;
  const std::uint32_t begin = declaration.node.index;
  const std::uint32_t end = begin + tree(declaration.file).subtree_size(declaration.node);
  const auto first = std::lower_bound(errors.begin(), errors.end(), begin);
  return first != errors.end() && *first < end;
}

bool Lowerer::covers_lexical_error(SourceSpan span) const {
  // The first error starting at or after the span's file and start, and the one before it.
  const auto after = std::lower_bound(lexical_errors_.begin(), lexical_errors_.end(), span,
                                      [](const SourceSpan& a, const SourceSpan& b) {
                                        return std::tie(a.file, a.begin) < std::tie(b.file, b.begin);
                                      });
  const auto overlaps = [&](const SourceSpan& error) {
    return error.file == span.file && error.begin < std::max(span.end, span.begin + 1) && span.begin < std::max(error.end, error.begin + 1);
  };
  return (after != lexical_errors_.end() && overlaps(*after)) ||
         (after != lexical_errors_.begin() && overlaps(*std::prev(after)));
}

bool Lowerer::any_incomplete(const std::vector<Site>& declarations) const {
  for (const Site& site : declarations) {
    if (incomplete(site)) return true;
  }
  return false;
}

}  // namespace bpc::lowering
