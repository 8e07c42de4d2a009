#pragma once

// The lexer turns one validated UTF-8 source file into a TokenizedBuffer. It never fails: every
// lexical error (a stray character, an unterminated string, a malformed number) is reported to
// the diagnostics engine and lexing continues, so the parser still sees a useful token stream.
// Stray characters are dropped; an unterminated string becomes a string token ending at the end
// of its line; a malformed number becomes one MalformedNumber token.

#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/lex/token.h"

namespace bpc {

// `file` must outlive the returned buffer, which views its text.
TokenizedBuffer lex(const SourceFile& file, FileId id, DiagnosticEngine& diagnostics);

}  // namespace bpc
