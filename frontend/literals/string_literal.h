#pragma once

// Decoding of string literal tokens into their values. The lexer has already checked the
// escape syntax; decoding checks what syntax cannot: that each `\u{...}` names a Unicode scalar
// value (not a surrogate, not above U+10FFFF).

#include <string>
#include <string_view>

#include "frontend/diagnostics/diagnostic_engine.h"

namespace bpc {

// The value of a string token (quotes included in `token_text`). Invalid code points are
// reported (when `diagnostics` is given) and decode to U+FFFD.
std::string decode_string_literal(std::string_view token_text, SourceSpan token_span,
                                  DiagnosticEngine* diagnostics);

}  // namespace bpc
