#pragma once

// The frontend's entry points: load a file into the source manager, then lex and parse it.
// This is what the driver, the language server and the service call; each phase is also
// usable on its own (lex/lexer.h, parse/parser.h).

#include <memory>
#include <optional>
#include <string>

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/lex/token.h"
#include "frontend/parse/tree.h"
#include "frontend/source/source_manager.h"

namespace bpc {

// Reads a file from disk into the source manager. An unreadable file is reported as BP9001 and
// gives nullopt; a file over the size limit is added (so the diagnostic can name it) but empty.
std::optional<FileId> load_source_file(SourceManager& sources, const std::string& path,
                                       DiagnosticEngine& diagnostics);

// The tokens and syntax tree of one file. `tree` views `*tokens`, so they travel together.
struct ParsedFile {
  FileId file;
  std::unique_ptr<TokenizedBuffer> tokens;
  std::unique_ptr<Tree> tree;
};

// Seconds spent in each phase of parse_file, for `bpc parse --stats` and the benchmarks.
struct FrontendTimings {
  double validate_seconds = 0;
  double lex_seconds = 0;
  double parse_seconds = 0;
};

// Validates the encoding (UTF-8, no NUL bytes), lexes and parses. A file that is not valid text
// is reported and parsed as empty, so nothing downstream ever sees malformed UTF-8.
ParsedFile parse_file(const SourceManager& sources, FileId file, DiagnosticEngine& diagnostics,
                      FrontendTimings* timings = nullptr);

// Checks what parsing accepts but the language forbids in literal values (code points in
// `\u{...}` escapes). `bpc check` runs it after parsing; `bpc parse` does not.
void check_literals(const ParsedFile& parsed, DiagnosticEngine& diagnostics);

}  // namespace bpc
