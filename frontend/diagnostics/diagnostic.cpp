#include "frontend/diagnostics/diagnostic.h"

namespace bpc {

namespace {

constexpr DiagnosticInfo kInfos[] = {
#define BPC_DIAGNOSTIC(code, name, severity, format) {#code, #name, Severity::severity, format},
#include "frontend/diagnostics/diagnostic_kinds.def"
#undef BPC_DIAGNOSTIC
};

}  // namespace

const DiagnosticInfo& info(DiagnosticKind kind) { return kInfos[static_cast<int>(kind)]; }

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

}  // namespace bpc
