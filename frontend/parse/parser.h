#pragma once

// The hand-written recursive-descent parser. It accepts exactly the language of
// grammar/Blueprint.g4 (tests/conformance/ holds it to that) and builds the compact preorder
// syntax tree of parse/tree.h.
//
// Error recovery is what makes it more than a recogniser. After an error the parser reports one
// diagnostic and resynchronises, so independent mistakes each get exactly one diagnostic:
//   - inside a block (fields, enum values, properties, policy rules, workflow items, API
//     members) it skips to the first token of the next line at the same bracket depth, or to the
//     block's closing brace; layout is used for recovery only, never for acceptance;
//   - when a block turns out to be unclosed because a line inside it starts a new declaration
//     (`entity B {` after a missing `}`), it reports the unclosed block once, unwinds the
//     members it had wrongly parsed from that line on, and parses the declaration;
//   - at top level it skips to the next declaration keyword that starts a line.
// The parser never recurses on user-controlled depth without a limit (kMaxNestingDepth) and stops
// reporting after kMaxErrorsPerFile errors.

#include "base/interrupt.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "frontend/lex/token.h"
#include "frontend/limits.h"
#include "frontend/parse/tree.h"

namespace bpc {

// What the caller may bound: the nesting depth (never above kMaxNestingDepth, which keeps the
// recursion within the stack) and, through `interrupt`, the time (polled once per top-level
// declaration; Interrupted propagates to the caller).
struct ParseOptions {
  int max_nesting = kMaxNestingDepth;
  const Interrupt* interrupt = nullptr;
};

// Parses a whole file. `tokens` must outlive the returned tree.
Tree parse(const TokenizedBuffer& tokens, DiagnosticEngine& diagnostics, const ParseOptions& options = {});

}  // namespace bpc
