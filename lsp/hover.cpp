// Hover: what a name is. For a declared name, its declaration as written (one line, or the header
// of a long one), what it belongs to, its doc comment, and the aliases its type goes through; for
// a decorator, its signature and meaning; for a built-in type, what its values are.

#include <algorithm>

#include "check/decorator_catalog.h"
#include "lsp/builtin_types.h"
#include "lsp/features.h"

namespace bpc::lsp {

namespace {

using lowering::DeclarationKind;
using lowering::SymbolIndex;

constexpr std::size_t kMaxWholeDeclaration = 160;

// Text with every run of blank space (newlines too) made one space, and comments left out.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
      space = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The declaration as written: whole when it is short (kMaxLines lines at most, each without its
// trailing comment), else its first line with the body elided.
std::string declaration_text(const driver::Compilation& compilation, const SymbolIndex::Declaration& declaration) {
  const std::string_view source = compilation.sources.file(declaration.span.file).text();
  const std::string_view whole = source.substr(declaration.span.begin, declaration.span.end - declaration.span.begin);
  constexpr std::size_t kMaxLines = 12;
  if (static_cast<std::size_t>(std::count(whole.begin(), whole.end(), '\n')) < kMaxLines && whole.size() <= kMaxLines * 80) {
    // Lines as written, re-indented to the declaration's own column.
    std::string out;
    std::string_view rest = whole;
    std::size_t indent = 0;
    for (std::size_t at = declaration.span.begin; at > 0 && source[at - 1] == ' '; --at) ++indent;
    bool first = true;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      if (!first) {
        std::size_t strip = 0;
        while (strip < indent && strip < line.size() && line[strip] == ' ') ++strip;
        line.remove_prefix(strip);
        out += '\n';
      }
      first = false;
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
      out += line;
    }
    return out;
  }
  std::string text = one_line(whole);
  const std::size_t brace = text.find('{');
  if (brace != std::string::npos && brace < kMaxWholeDeclaration) return text.substr(0, brace) + "{ … }";
  return text.substr(0, kMaxWholeDeclaration) + " …";
}

std::string doc_of(const driver::Compilation& compilation, const SymbolIndex::Declaration& declaration) {
  const ParsedFile* parsed = parsed_file(compilation, declaration.span.file);
  return parsed == nullptr ? std::string() : parsed->tokens->doc_comment_before(declaration.span.begin);
}

std::string code_block(std::string_view code) { return "```blueprint\n" + std::string(code) + "\n```"; }

Json markdown(std::string value, const FileView& view, std::uint32_t begin, std::uint32_t end) {
  return {{"contents", {{"kind", "markdown"}, {"value", std::move(value)}}}, {"range", to_json(view.range(begin, end))}};
}

Json declaration_hover(const FileView& view, std::uint32_t id, SourceSpan at) {
  const SymbolIndex& index = *view.index;
  const SymbolIndex::Declaration& declaration = index.declaration(id);
  std::string value = code_block(declaration_text(view.compilation, declaration));
  std::string what(lowering::declaration_kind_name(declaration.kind));
  if (declaration.parent != SymbolIndex::kNone) {
    const SymbolIndex::Declaration& parent = index.declaration(declaration.parent);
    what += " of " + std::string(lowering::declaration_kind_name(parent.kind)) + " `" + parent.name + "`";
  }
  if (declaration.span.file != view.file) {
    const SourceFile& file = view.compilation.sources.file(declaration.span.file);
    what += ", declared in `" + file.path().substr(file.path().rfind('/') + 1) + "`";
  }
  value += "\n\n*" + what + "*";
  if (const std::string doc = doc_of(view.compilation, declaration); !doc.empty()) value += "\n\n" + doc;
  // The aliases a field's (or an alias's) type names, with their definitions.
  if (declaration.kind == DeclarationKind::Field || declaration.kind == DeclarationKind::Alias) {
    for (const SymbolIndex::Reference& reference : index.references_in(declaration.span)) {
      const SymbolIndex::Declaration& type = index.declaration(reference.declaration);
      if (type.kind != DeclarationKind::Alias || reference.declaration == id) continue;
      value += "\n\n" + code_block(declaration_text(view.compilation, type));
      if (const std::string doc = doc_of(view.compilation, type); !doc.empty()) value += "\n\n" + doc;
    }
  }
  return markdown(std::move(value), view, at.begin, at.end);
}

}  // namespace

Json hover(const FileView& view, Position position) {
  if (view.parsed == nullptr) return nullptr;
  const std::uint32_t offset = view.offset(position);
  if (const std::optional<NameAt> name = name_at(view, offset)) {
    const SourceSpan at = name->span.file == view.file ? name->span : SourceSpan{view.file, offset, offset};
    return declaration_hover(view, name->declaration, at);
  }
  const TokenizedBuffer& tokens = *view.parsed->tokens;
  const TokenIndex token = token_at(tokens, offset);
  if (token.is_none() || !is_name(tokens.token(token).kind())) return nullptr;
  const std::string_view name = tokens.text(token);
  const Token& t = tokens.token(token);
  const bool after_at = token.index > 0 && tokens.token(TokenIndex{token.index - 1}).kind() == TokenKind::At_ &&
                        tokens.token(TokenIndex{token.index - 1}).end() == t.offset;
  if (after_at) {
    for (const lowering::DecoratorDoc& doc : lowering::decorator_catalog()) {
      if (doc.name != name) continue;
      return markdown(code_block("@" + std::string(doc.name) + std::string(doc.signature)) + "\n\n" + std::string(doc.summary) +
                          "\n\n*applies to " + std::string(doc.applies_to) + "*",
                      view, t.offset - 1, t.end());
    }
    return nullptr;
  }
  if (const BuiltinType* type = find_builtin_type(name)) {
    // Only where a type is written: inside a TypeRef.
    for (NodeId node : ancestors_at(*view.parsed->tree, offset)) {
      if (view.parsed->tree->kind(node) == NodeKind::TypeRef) {
        return markdown(code_block(type->name) + "\n\n*built-in type*\n\n" + std::string(type->summary), view, t.offset, t.end());
      }
    }
  }
  return nullptr;
}

}  // namespace bpc::lsp
