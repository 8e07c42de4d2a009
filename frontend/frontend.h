#pragma once

// The frontend's entry point: lex and parse a file of the source manager. The compilation
// library (driver/) reads files through its file system and calls this; each phase is also
// usable on its own (lex/lexer.h, parse/parser.h).

#include <memory>
#include <optional>
#include <string>

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/lex/token.h"
#include "frontend/parse/parser.h"
#include "frontend/parse/tree.h"
#include "frontend/source/source_manager.h"

namespace bpc {

// The tokens and syntax tree of one file. `tree` views `*tokens`, so they travel together. Both
// are immutable once parsed and shared, so a workspace can hand one parse to many compilations.
struct ParsedFile {
  FileId file;
  std::shared_ptr<const TokenizedBuffer> tokens;
  std::shared_ptr<const Tree> tree;
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
                      const ParseOptions& options = {}, FrontendTimings* timings = nullptr);

// Checks what parsing accepts but the language forbids in literal values (code points in
// `\u{...}` escapes). `bpc check` runs it after parsing; `bpc parse` does not.
void check_literals(const ParsedFile& parsed, DiagnosticEngine& diagnostics);

}  // namespace bpc
