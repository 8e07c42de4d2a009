#pragma once

// The diagnostics engine collects diagnostics from every phase of one compilation. Report sites
// use a builder that is [[nodiscard]] and commits the diagnostic when it goes out of scope, so
// secondary labels, notes and fixes chain naturally:
//
//   engine.report<DiagnosticKind::ExpectedToken>(span, "`:`", "after field name", found)
//       .label(open_brace, "block opened here")
//       .fix("insert `:`", {TextEdit{...}});
//
// Arguments are formatted into the kind's message format. The engine keeps diagnostics in
// report order; `sorted()` returns them in source order (file, offset), which is the order every
// renderer prints. The engine is owned by one compilation; nothing is global.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "frontend/diagnostics/diagnostic.h"

namespace bpc {

class DiagnosticEngine;

// The message formats of diagnostic_kinds.def, by kind, for checking at compile time.
inline constexpr std::string_view kDiagnosticFormats[] = {
#define BPC_DIAGNOSTIC(code, name, severity, format) format,
#include "frontend/diagnostics/diagnostic_kinds.def"
#undef BPC_DIAGNOSTIC
};

// How many `{}` a format holds (`{{` and `}}` are braces, not placeholders).
constexpr std::size_t placeholder_count(std::string_view format) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 1 < format.size() && format[i + 1] == '{') {
      ++i;
    } else if (format[i] == '{') {
      ++count;
    }
  }
  return count;
}

class [[nodiscard]] DiagnosticBuilder {
 public:
  DiagnosticBuilder(DiagnosticEngine& engine, Diagnostic diagnostic)
      : engine_(&engine), diagnostic_(std::move(diagnostic)) {}
  // A builder that commits nothing: for a report the caller decided to suppress (a follow-on of an
  // error already reported), so that call sites can chain labels and notes either way.
  static DiagnosticBuilder discarded() { return DiagnosticBuilder(); }
  DiagnosticBuilder(const DiagnosticBuilder&) = delete;
  DiagnosticBuilder& operator=(const DiagnosticBuilder&) = delete;
  // Moving hands the diagnostic over; only the last holder commits it.
  DiagnosticBuilder(DiagnosticBuilder&& other) noexcept
      : engine_(std::exchange(other.engine_, nullptr)), diagnostic_(std::move(other.diagnostic_)) {}
  DiagnosticBuilder& operator=(DiagnosticBuilder&&) = delete;
  ~DiagnosticBuilder();

  DiagnosticBuilder& label(SourceSpan span, std::string message);
  DiagnosticBuilder& note(std::string message);
  DiagnosticBuilder& fix(std::string description, std::vector<TextEdit> edits);

 private:
  DiagnosticBuilder() : engine_(nullptr), diagnostic_{} {}
  DiagnosticEngine* engine_;
  Diagnostic diagnostic_;
};

class DiagnosticEngine {
 public:
  // The kind is a template argument so that its format string, from the table, is checked
  // against the arguments when bpc is compiled (count and formattability): a report cannot throw.
  template <DiagnosticKind Kind, typename... Args>
  DiagnosticBuilder report(SourceSpan span, const Args&... args) {
    static constexpr std::string_view kFormat = kDiagnosticFormats[static_cast<std::size_t>(Kind)];
    // fmt checks that each placeholder has an argument it can format; this checks that no
    // argument is left over.
    static_assert(placeholder_count(kFormat) == sizeof...(Args),
                  "the arguments of a report must match the placeholders of its format");
    return DiagnosticBuilder(*this, Diagnostic{Kind, info(Kind).severity,
                                               fmt::format(fmt::format_string<const Args&...>(kFormat), args...),
                                               span, {}, {}, {}});
  }

  void add(Diagnostic diagnostic);
  // Moves every diagnostic of `other` into this engine.
  void absorb(DiagnosticEngine&& other);
  // Drops the diagnostics reported after the first `count` (for a parser that backtracks).
  void truncate(std::size_t count);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic> sorted() const;
  std::size_t error_count() const { return error_count_; }
  std::size_t warning_count() const { return warning_count_; }
  bool has_errors() const { return error_count_ > 0; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t error_count_ = 0;
  std::size_t warning_count_ = 0;
};

}  // namespace bpc
