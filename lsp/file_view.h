#pragma once

// One file of a unit's latest compilation, as the feature handlers read it: its text, its tokens
// and syntax tree, the symbol index of the whole program, and the position encoding the client
// negotiated. Handlers get a FileView and return protocol JSON; none of them compiles anything.

#include <optional>
#include <string_view>
#include <vector>

#include "check/symbol_index.h"
#include "lsp/analysis.h"
#include "lsp/positions.h"

namespace bpc::lsp {

struct FileView {
  const driver::Compilation& compilation;
  FileId file;
  const SourceFile& source;
  const ParsedFile* parsed;                // nullptr when the file could not be read as text
  const lowering::SymbolIndex* index;      // nullptr when lowering did not run
  PositionEncoding encoding;

  PositionMapper mapper() const { return PositionMapper(source, encoding); }
  std::uint32_t offset(Position position) const { return mapper().offset(position); }
  Range range(std::uint32_t begin, std::uint32_t end) const { return mapper().range(begin, end); }
};

// The view of `path` in `unit`, or nullopt when the unit's compilation does not hold it.
std::optional<FileView> view_of(const Unit& unit, std::string_view path, PositionEncoding encoding);

// The declared name under the cursor: the declaration (symbol index id), and the span of the
// declaration's name or of the reference the cursor is on (the declaration's name span when the
// index knows no span here holding the offset).
struct NameAt {
  std::uint32_t declaration;
  SourceSpan span;
};
std::optional<NameAt> name_at(const FileView& view, std::uint32_t offset);

// The parse of any file of a compilation, or nullptr.
const ParsedFile* parsed_file(const driver::Compilation& compilation, FileId file);

// The index of the token that holds `offset` or ends at it (an editor's cursor just past a word
// is on it); none when the offset is in space or a comment.
TokenIndex token_at(const TokenizedBuffer& tokens, std::uint32_t offset);
// The index of the last token that ends at or before `offset`; none at the start.
TokenIndex token_before(const TokenizedBuffer& tokens, std::uint32_t offset);

// The nodes from the root down to the innermost node holding `offset`.
std::vector<NodeId> ancestors_at(const Tree& tree, std::uint32_t offset);

}  // namespace bpc::lsp
