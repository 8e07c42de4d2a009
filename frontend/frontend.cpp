#include "frontend/frontend.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "frontend/lex/lexer.h"
#include "frontend/limits.h"
#include "frontend/literals/string_literal.h"
#include "frontend/parse/parser.h"
#include "frontend/source/utf8.h"

namespace bpc {

std::optional<FileId> load_source_file(SourceManager& sources, const std::string& path,
                                       DiagnosticEngine& diagnostics) {
  std::ifstream stream(path, std::ios::binary | std::ios::ate);
  if (!stream) {
    (void)diagnostics.report(DiagnosticKind::CannotReadFile, SourceSpan{}, path,
                             std::strerror(errno));
    return std::nullopt;
  }
  const std::streamoff size = stream.tellg();
  if (size < 0) {
    (void)diagnostics.report(DiagnosticKind::CannotReadFile, SourceSpan{}, path,
                             "not a regular file");
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(size) > kMaxSourceBytes) {
    const FileId id = sources.add(path, "");
    (void)diagnostics.report(DiagnosticKind::FileTooLarge, SourceSpan{id, 0, 0},
                             static_cast<std::uint64_t>(size), kMaxSourceBytes);
    return id;
  }
  std::string text(static_cast<std::size_t>(size), '\0');
  stream.seekg(0);
  if (size > 0 && !stream.read(text.data(), size)) {
    (void)diagnostics.report(DiagnosticKind::CannotReadFile, SourceSpan{}, path,
                             "read failed");
    return std::nullopt;
  }
  return sources.add(path, std::move(text));
}

namespace {

// Reports the first encoding problem of a file; returns whether it is valid text.
bool validate_encoding(const SourceFile& file, FileId id, DiagnosticEngine& diagnostics) {
  const std::string_view text = file.text();
  if (const auto invalid = utf8::find_invalid(text)) {
    const auto byte = static_cast<unsigned char>(text[*invalid]);
    (void)diagnostics
        .report(DiagnosticKind::InvalidUtf8,
                SourceSpan{id, static_cast<std::uint32_t>(*invalid),
                           static_cast<std::uint32_t>(*invalid + 1)},
                fmt::format("{:02X}", byte))
        .note("save the file as UTF-8; bpc does not guess other encodings");
    return false;
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<std::uint32_t>(static_cast<const char*>(nul) - text.data());
    (void)diagnostics.report(DiagnosticKind::NulCharacter, SourceSpan{id, offset, offset + 1})
        .note("a blueprint is text; is this a binary file?");
    return false;
  }
  return true;
}

}  // namespace

ParsedFile parse_file(const SourceManager& sources, FileId file, DiagnosticEngine& diagnostics,
                      FrontendTimings* timings) {
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
  parsed.tokens = std::make_unique<TokenizedBuffer>(lex(valid ? source : kEmpty, file, diagnostics));
  const auto lexed = Clock::now();
  parsed.tree = std::make_unique<Tree>(parse(*parsed.tokens, diagnostics));
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
