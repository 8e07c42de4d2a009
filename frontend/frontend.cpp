#include "frontend/frontend.h"

#include <chrono>
#include <cstring>

#include "frontend/lex/lexer.h"
#include "frontend/limits.h"
#include "frontend/literals/string_literal.h"
#include "frontend/parse/parser.h"
#include "base/utf8.h"

namespace bpc {

namespace {

// Reports the first encoding problem of a file; returns whether it is valid text.
bool validate_encoding(const SourceFile& file, FileId id, DiagnosticEngine& diagnostics) {
  const std::string_view text = file.text();
  if (const auto invalid = utf8::find_invalid(text)) {
    const auto byte = static_cast<unsigned char>(text[*invalid]);
    (void)diagnostics
        .report<DiagnosticKind::InvalidUtf8>(
                SourceSpan{id, static_cast<std::uint32_t>(*invalid),
                           static_cast<std::uint32_t>(*invalid + 1)},
                fmt::format("{:02X}", byte))
        .note("save the file as UTF-8; bpc does not guess other encodings");
    return false;
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<std::uint32_t>(static_cast<const char*>(nul) - text.data());
    (void)diagnostics.report<DiagnosticKind::NulCharacter>(SourceSpan{id, offset, offset + 1})
        .note("a blueprint is text; is this a binary file?");
    return false;
  }
  return true;
}

}  // namespace

ParsedFile parse_file(const SourceManager& sources, FileId file, DiagnosticEngine& diagnostics,
                      const ParseOptions& options, FrontendTimings* timings) {
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
  };
  const SourceFile& source = sources.file(file);
  static const SourceFile kEmpty("", "");
  const auto start = Clock::now();
  const bool valid = validate_encoding(source, file, diagnostics);
  const auto validated = Clock::now();
  ParsedFile parsed{file, nullptr, nullptr};
  auto tokens = std::make_shared<const TokenizedBuffer>(lex(valid ? source : kEmpty, file, diagnostics));
  parsed.tokens = tokens;
  const auto lexed = Clock::now();
  parsed.tree = std::make_shared<const Tree>(parse(*tokens, diagnostics, options));
  if (timings != nullptr) {
    timings->validate_seconds = seconds(start, validated);
    timings->lex_seconds = seconds(validated, lexed);
    timings->parse_seconds = seconds(lexed, Clock::now());
  }
  return parsed;
}

void check_literals(const ParsedFile& parsed, DiagnosticEngine& diagnostics) {
  const TokenizedBuffer& tokens = *parsed.tokens;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens.tokens()[i];
    if (token.kind() != TokenKind::String) continue;
    const std::string_view text = tokens.text(TokenIndex{i});
    if (text.find("\\u") == std::string_view::npos) continue;
    (void)decode_string_literal(text, SourceSpan{parsed.file, token.offset, token.end()},
                                &diagnostics);
  }
}

}  // namespace bpc
