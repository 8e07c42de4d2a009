#pragma once

// The language features, one function per request, each answering from a FileView (or, for
// workspace-wide requests, from every unit) with the result's protocol JSON. `null` is the
// protocol's "nothing here". None of them changes any state or compiles anything.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/file_view.h"
#include "lsp/protocol.h"

namespace bpc::lsp {

// Navigation (navigation.cpp).
Json definition(const FileView& view, Position position);
Json type_definition(const FileView& view, Position position);
Json references(const FileView& view, Position position, bool include_declaration);
Json document_highlight(const FileView& view, Position position);
Json prepare_rename(const FileView& view, Position position);
Json rename(const FileView& view, Position position, const std::string& new_name);

// Hover (hover.cpp).
Json hover(const FileView& view, Position position);

// Symbols (symbols.cpp).
Json document_symbols(const FileView& view);
Json workspace_symbols(const std::vector<const Unit*>& units, std::string_view query, PositionEncoding encoding);

// Folding ranges (folding.cpp).
Json folding_ranges(const FileView& view);

// Semantic tokens (semantic_tokens.cpp): the legend, and a file's tokens in the protocol's
// relative encoding (five integers per token).
Json semantic_tokens_legend();
std::vector<std::uint32_t> semantic_tokens(const FileView& view);
// The edit that turns one result into the next (semanticTokens/full/delta): the common prefix and
// suffix kept, the middle replaced.
Json semantic_tokens_edits(const std::vector<std::uint32_t>& before, const std::vector<std::uint32_t>& after);

// Formatting (formatting.cpp): TextEdit[] or null when the file has syntax errors.
Json format_document(const FileView& view);
Json format_range(const FileView& view, Range range);

// Code lens (code_lens.cpp): the reference count of each top-level declaration of the file at `uri`.
Json code_lenses(const FileView& view, std::string_view uri);

// Code actions (code_actions.cpp): the fixes of the diagnostics that touch `range`; for any file
// whose diagnostics bpc holds (a project file's too), those on `file` touching [begin, end].
Json code_actions(const FileView& view, Range range);
Json quick_fixes(const SourceManager& sources, const DiagnosticEngine& diagnostics, FileId file, std::uint32_t begin,
                 std::uint32_t end, PositionEncoding encoding);

// Completion and signature help (completion.cpp, signature_help.cpp).
Json completion(const FileView& view, Position position);
Json signature_help(const FileView& view, Position position);

// Document links (document_links.cpp): each import's path, linked to the file it loads.
Json document_links(const FileView& view, const std::vector<std::string>& search_paths);

// Inlay hints (inlay_hints.cpp): the routes bpc infers for resources and operations.
Json inlay_hints(const FileView& view, Range range);

}  // namespace bpc::lsp
