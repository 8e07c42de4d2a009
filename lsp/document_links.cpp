// Document links: each `import "path"` links to the file it loads, when that file is part of the
// program (found beside the importer or on an import path, as the import resolver found it).

#include <algorithm>

#include "driver/file_system.h"
#include "lsp/features.h"
#include "lsp/uri.h"

namespace bpc::lsp {

Json document_links(const FileView& view, const std::vector<std::string>& search_paths) {
  Json links = Json::array();
  if (view.parsed == nullptr) return links;
  const Tree& tree = *view.parsed->tree;
  const std::string& importer = view.source.path();
  const std::string directory = importer.substr(0, importer.rfind('/') + 1);
  for (NodeId node : tree.children(tree.root())) {
    if (tree.kind(node) != NodeKind::ImportDecl) continue;
    const NodeId literal = tree.child(node, NodeKind::StringLiteral);
    if (literal.is_none()) continue;
    const std::string_view quoted = tree.text(literal);
    if (quoted.size() < 2 || quoted.find('\\') != std::string_view::npos) continue;
    const std::string path(quoted.substr(1, quoted.size() - 2));
    std::vector<std::string> candidates;
    if (path.starts_with('/')) {
      candidates.push_back(driver::normalize_path(path));
    } else {
      candidates.push_back(driver::normalize_path(directory + path));
      for (const std::string& search : search_paths) candidates.push_back(driver::normalize_path(search + "/" + path));
    }
    for (const std::string& candidate : candidates) {
      const bool in_program = std::any_of(view.compilation.program.files.begin(), view.compilation.program.files.end(),
                                          [&](const lowering::ProgramFile& file) { return file.path == candidate; });
      if (!in_program) continue;
      const std::uint32_t begin = tree.begin_offset(literal), end = tree.end_offset(literal);
      links.push_back({{"range", to_json(view.range(begin + 1, end - 1))}, {"target", path_to_uri(candidate)}});
      break;
    }
  }
  return links;
}

}  // namespace bpc::lsp
