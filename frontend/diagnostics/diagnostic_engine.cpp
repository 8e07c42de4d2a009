#include "frontend/diagnostics/diagnostic_engine.h"

#include <algorithm>

namespace bpc {

DiagnosticBuilder::~DiagnosticBuilder() {
  if (engine_ != nullptr) engine_->add(std::move(diagnostic_));
}

DiagnosticBuilder& DiagnosticBuilder::label(SourceSpan span, std::string message) {
  diagnostic_.labels.push_back(Label{span, std::move(message)});
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::note(std::string message) {
  diagnostic_.notes.push_back(std::move(message));
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::fix(std::string description, std::vector<TextEdit> edits) {
  diagnostic_.fixes.push_back(Fix{std::move(description), std::move(edits)});
  return *this;
}

void DiagnosticEngine::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++error_count_;
  if (diagnostic.severity == Severity::Warning) ++warning_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticEngine::absorb(DiagnosticEngine&& other) {
  for (Diagnostic& diagnostic : other.diagnostics_) add(std::move(diagnostic));
  other.diagnostics_.clear();
  other.error_count_ = other.warning_count_ = 0;
}

void DiagnosticEngine::truncate(std::size_t count) {
  while (diagnostics_.size() > count) {
    const Severity severity = diagnostics_.back().severity;
    if (severity == Severity::Error) --error_count_;
    if (severity == Severity::Warning) --warning_count_;
    diagnostics_.pop_back();
  }
}

std::vector<Diagnostic> DiagnosticEngine::sorted() const {
  std::vector<Diagnostic> result = diagnostics_;
  std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
  return result;
}

}  // namespace bpc
