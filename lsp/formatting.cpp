// Formatting through bpc's formatter (frontend/format/formatter.h), which keeps every comment and
// is idempotent. A file with syntax errors is left alone (reformatting text the parser did not
// understand could lose it). The whole-document edit is trimmed to the lines that change, so the
// editor keeps its cursor and folds elsewhere; a range is formatted declaration by declaration:
// each top-level declaration it touches is formatted on its own and replaced.

#include "frontend/format/formatter.h"
#include "frontend/frontend.h"
#include "lsp/common_ends.h"
#include "lsp/features.h"

namespace bpc::lsp {

namespace {

// One edit turning `before` into `after`, covering only the lines that differ.
Json minimal_edit(const FileView& view, std::string_view before, std::string_view after, std::uint32_t base) {
  auto [prefix, suffix] = common_ends(before, after);
  // Whole lines: back to the start of the first changed line.
  while (prefix > 0 && before[prefix - 1] != '\n') --prefix;
  const auto begin = static_cast<std::uint32_t>(base + prefix);
  const auto end = static_cast<std::uint32_t>(base + before.size() - suffix);
  return text_edit_json(view.range(begin, end), after.substr(prefix, after.size() - suffix - prefix));
}

}  // namespace

Json format_document(const FileView& view) {
  if (view.parsed == nullptr || view.parsed->tree->has_errors()) return nullptr;
  const std::string formatted = format_tree(*view.parsed->tree);
  const std::string_view text = view.source.text();
  if (formatted == text) return Json::array();
  return Json::array({minimal_edit(view, text, formatted, 0)});
}

Json format_range(const FileView& view, Range range) {
  if (view.parsed == nullptr || view.parsed->tree->has_errors()) return nullptr;
  const Tree& tree = *view.parsed->tree;
  const std::uint32_t begin = view.offset(range.start), end = view.offset(range.end);
  Json edits = Json::array();
  for (NodeId node : tree.children(tree.root())) {
    const std::uint32_t node_begin = tree.begin_offset(node), node_end = tree.end_offset(node);
    if (node_end < begin || node_begin > end) continue;
    const std::string_view text = view.source.text().substr(node_begin, node_end - node_begin);
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const FileId file = sources.add(view.source.path(), std::string(text));
    const ParsedFile parsed = parse_file(sources, file, diagnostics);
    if (diagnostics.has_errors()) continue;
    std::string formatted = format_tree(*parsed.tree);
    while (!formatted.empty() && formatted.back() == '\n') formatted.pop_back();
    if (formatted != text) edits.push_back(minimal_edit(view, text, formatted, node_begin));
  }
  return edits;
}

}  // namespace bpc::lsp
