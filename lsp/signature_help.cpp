// Signature help for decorators: inside `@name(` the decorator's arguments, with the one the
// cursor is on made active.

#include "check/decorator_catalog.h"
#include "lsp/features.h"

namespace bpc::lsp {

namespace {

// The parameter labels of "(a: x, b: y)".
std::vector<std::string> parameter_labels(std::string_view signature) {
  std::vector<std::string> labels;
  if (signature.size() < 2) return labels;
  std::string_view inner = signature.substr(1, signature.size() - 2);
  while (!inner.empty()) {
    const std::size_t comma = inner.find(", ");
    labels.emplace_back(inner.substr(0, comma));
    if (comma == std::string_view::npos) break;
    inner.remove_prefix(comma + 2);
  }
  return labels;
}

}  // namespace

Json signature_help(const FileView& view, Position position) {
  if (view.parsed == nullptr) return nullptr;
  const TokenizedBuffer& tokens = *view.parsed->tokens;
  const std::uint32_t offset = view.offset(position);
  const TokenIndex last = token_before(tokens, offset);
  if (last.is_none()) return nullptr;
  // Back to the `(` that is still open at the cursor, counting the commas at its level.
  int depth = 0;
  std::uint32_t commas = 0;
  for (std::uint32_t i = last.index + 1; i-- > 0;) {
    const TokenKind kind = tokens.token(TokenIndex{i}).kind();
    if (kind == TokenKind::RightParen || kind == TokenKind::RightBracket || kind == TokenKind::RightBrace) {
      if (kind != TokenKind::RightParen && depth == 0) return nullptr;
      ++depth;
    } else if (kind == TokenKind::LeftParen || kind == TokenKind::LeftBracket || kind == TokenKind::LeftBrace) {
      if (depth > 0) {
        --depth;
        continue;
      }
      if (kind != TokenKind::LeftParen || i < 2) return nullptr;
      const TokenIndex name{i - 1}, at{i - 2};
      if (tokens.token(at).kind() != TokenKind::At_ || !is_name(tokens.token(name).kind())) return nullptr;
      for (const lowering::DecoratorDoc& doc : lowering::decorator_catalog()) {
        if (doc.name != tokens.text(name) || doc.signature.empty()) continue;
        Json parameters = Json::array();
        for (const std::string& label : parameter_labels(doc.signature)) parameters.push_back({{"label", label}});
        const std::size_t count = parameters.size();
        return {{"signatures", Json::array({{{"label", "@" + std::string(doc.name) + std::string(doc.signature)},
                                               {"documentation", {{"kind", "markdown"}, {"value", doc.summary}}},
                                               {"parameters", std::move(parameters)}}})},
                {"activeSignature", 0},
                {"activeParameter", count == 0 ? 0 : std::min<std::size_t>(commas, count - 1)}};
      }
      return nullptr;
    } else if (kind == TokenKind::Comma && depth == 0) {
      ++commas;
    }
  }
  return nullptr;
}

}  // namespace bpc::lsp
