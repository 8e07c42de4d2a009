#pragma once

// String literals: decoding tokens into their values, and writing values back as literals. The
// lexer has already checked the escape syntax; decoding checks what syntax cannot: that each
// `\u{...}` names a Unicode scalar value (not a surrogate, not above U+10FFFF).

#include <string>
#include <string_view>

#include "frontend/diagnostics/diagnostic_engine.h"

namespace bpc {

// The value of a string token (quotes included in `token_text`). Invalid code points are
// reported (when `diagnostics` is given) and decode to U+FFFD.
std::string decode_string_literal(std::string_view token_text, SourceSpan token_span,
                                  DiagnosticEngine* diagnostics);

// Where byte `value_offset` of a string token's decoded value comes from: an offset into
// `token_text` (quotes included), at the start of the character or escape that produces it. The
// end of the value maps to the closing quote. Lets a diagnostic about part of a value (a
// construct inside a `@pattern`) underline that part of the literal, escapes and all.
std::size_t string_literal_source_offset(std::string_view token_text, std::size_t value_offset);

// `value` written as a Blueprint string literal, quotes included: `"`, `\` and control
// characters escaped (`\n`, `\u{1B}`...), everything else as is. Used wherever the compiler
// shows text from a blueprint (dumps, diffs), so hostile text cannot break the output's lines or
// drive a terminal.
std::string quote_string_literal(std::string_view value);

}  // namespace bpc
