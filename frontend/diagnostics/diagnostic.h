#pragma once

// A diagnostic is plain data: what went wrong (a kind from diagnostic_kinds.def, which fixes the
// code and the default severity), where (a primary span), the rendered message, and optional
// secondary labels, notes and fixes. Renderers (human, JSON, SARIF) read only this structure, so
// every output format carries the same information.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source/source_manager.h"

namespace bpc {

enum class Severity : std::uint8_t { Error, Warning, Note };

enum class DiagnosticKind : std::uint16_t {
#define BPC_DIAGNOSTIC(code, name, severity, format) name,
#include "frontend/diagnostics/diagnostic_kinds.def"
#undef BPC_DIAGNOSTIC
};

struct DiagnosticInfo {
  std::string_view code;  // "BP1001"
  std::string_view name;  // "InvalidUtf8"
  Severity severity;
  std::string_view format;
};

const DiagnosticInfo& info(DiagnosticKind kind);
std::string_view severity_name(Severity severity);

// A half-open byte range [begin, end) in one file. An empty range marks a position.
struct SourceSpan {
  FileId file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct Label {
  SourceSpan span;
  std::string message;
};

struct TextEdit {
  SourceSpan span;
  std::string replacement;
};

struct Fix {
  std::string description;
  std::vector<TextEdit> edits;
};

struct Diagnostic {
  DiagnosticKind kind;
  Severity severity;
  std::string message;
  SourceSpan span;
  std::vector<Label> labels;  // secondary spans
  std::vector<std::string> notes;
  std::vector<Fix> fixes;
};

}  // namespace bpc
