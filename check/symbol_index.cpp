#include "check/symbol_index.h"

#include <algorithm>

namespace bpc::lowering {

namespace {

// Spans in file, begin, end order. File and begin are packed into one integer: sorting the
// references is a large part of building the index, on every keystroke in the language server.
inline std::uint64_t position_key(const SourceSpan& span) {
  return (std::uint64_t{span.file.index} << 32) | span.begin;
}

inline bool before(const SourceSpan& a, const SourceSpan& b) {
  const std::uint64_t ka = position_key(a), kb = position_key(b);
  return ka != kb ? ka < kb : a.end < b.end;
}

bool contains(const SourceSpan& span, FileId file, std::uint32_t offset) {
  return span.file == file && span.begin <= offset && offset <= span.end;
}

}  // namespace

std::string_view declaration_kind_name(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::Alias: return "type alias";
    case DeclarationKind::Enum: return "enum";
    case DeclarationKind::Struct: return "struct";
    case DeclarationKind::Entity: return "entity";
    case DeclarationKind::Event: return "event";
    case DeclarationKind::Role: return "role";
    case DeclarationKind::Policy: return "policy";
    case DeclarationKind::Workflow: return "workflow";
    case DeclarationKind::Api: return "API";
    case DeclarationKind::Mixin: return "mixin";
    case DeclarationKind::Field: return "field";
    case DeclarationKind::EnumValue: return "enum value";
    case DeclarationKind::Operation: return "operation";
    case DeclarationKind::Guard: return "guard";
    case DeclarationKind::Trigger: return "trigger";
  }
  return "declaration";
}

std::uint32_t SymbolIndex::add_declaration(Declaration declaration) {
  declarations_.push_back(std::move(declaration));
  return static_cast<std::uint32_t>(declarations_.size() - 1);
}

void SymbolIndex::add_reference(SourceSpan span, std::uint32_t declaration) {
  if (declaration == kNone || span.file.is_none()) return;
  references_.push_back(Reference{span, declaration});
}

void SymbolIndex::finish() {
  std::sort(references_.begin(), references_.end(),
            [](const Reference& a, const Reference& b) { return before(a.span, b.span); });
  // The same name resolved twice (a checker pass that looks twice) is one reference.
  references_.erase(std::unique(references_.begin(), references_.end(),
                                [](const Reference& a, const Reference& b) {
                                  return !before(a.span, b.span) && !before(b.span, a.span) &&
                                         a.declaration == b.declaration;
                                }),
                    references_.end());
  // Grouped by declaration, in source order within each group: a counting sort.
  first_reference_.assign(declarations_.size() + 1, 0);
  for (const Reference& reference : references_) ++first_reference_[reference.declaration + 1];
  for (std::size_t i = 1; i < first_reference_.size(); ++i) first_reference_[i] += first_reference_[i - 1];
  by_declaration_.resize(references_.size());
  std::vector<std::uint32_t> next(first_reference_.begin(), first_reference_.end() - 1);
  for (const Reference& reference : references_) by_declaration_[next[reference.declaration]++] = reference;
  // The vectors grew by doubling; the index is kept as long as its compilation.
  declarations_.shrink_to_fit();
  references_.shrink_to_fit();
  by_name_position_.resize(declarations_.size());
  for (std::uint32_t i = 0; i < declarations_.size(); ++i) by_name_position_[i] = i;
  std::sort(by_name_position_.begin(), by_name_position_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return before(declarations_[a].name_span, declarations_[b].name_span);
  });
}

std::span<const SymbolIndex::Reference> SymbolIndex::references_in(SourceSpan span) const {
  const auto key = [](FileId file, std::uint32_t offset) { return std::pair(file.index, offset); };
  const auto first = std::lower_bound(references_.begin(), references_.end(), key(span.file, span.begin),
                                      [&](const Reference& r, auto k) { return key(r.span.file, r.span.begin) < k; });
  const auto last = std::lower_bound(first, references_.end(), key(span.file, span.end),
                                     [&](const Reference& r, auto k) { return key(r.span.file, r.span.begin) < k; });
  return std::span<const Reference>(first, last);
}

std::span<const SymbolIndex::Reference> SymbolIndex::references_to(std::uint32_t declaration) const {
  if (declaration + 1 >= first_reference_.size()) return {};
  return std::span<const Reference>(by_declaration_).subspan(
      first_reference_[declaration], first_reference_[declaration + 1] - first_reference_[declaration]);
}

std::optional<std::uint32_t> SymbolIndex::at(FileId file, std::uint32_t offset) const {
  // The last reference starting at or before the offset, and the one before it (a name may end
  // exactly where the next begins only across punctuation, so two candidates suffice).
  const SourceSpan probe{file, offset, UINT32_MAX};
  auto reference = std::upper_bound(references_.begin(), references_.end(), probe,
                                    [](const SourceSpan& p, const Reference& r) { return before(p, r.span); });
  for (int step = 0; step < 2 && reference != references_.begin(); ++step) {
    --reference;
    if (contains(reference->span, file, offset)) return reference->declaration;
  }
  auto declaration = std::upper_bound(by_name_position_.begin(), by_name_position_.end(), probe,
                                      [&](const SourceSpan& p, std::uint32_t d) {
                                        return before(p, declarations_[d].name_span);
                                      });
  for (int step = 0; step < 2 && declaration != by_name_position_.begin(); ++step) {
    --declaration;
    if (contains(declarations_[*declaration].name_span, file, offset)) return *declaration;
  }
  return std::nullopt;
}

std::vector<std::uint32_t> SymbolIndex::declarations_in(FileId file) const {
  std::vector<std::uint32_t> result;
  for (const std::uint32_t id : by_name_position_) {
    if (declarations_[id].name_span.file == file) result.push_back(id);
  }
  return result;
}

std::vector<std::uint32_t> SymbolIndex::members_of(std::uint32_t declaration) const {
  std::vector<std::uint32_t> result;
  for (const std::uint32_t id : by_name_position_) {
    if (declarations_[id].parent == declaration) result.push_back(id);
  }
  return result;
}

}  // namespace bpc::lowering
