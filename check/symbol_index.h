#pragma once

// The symbol index: which declaration every name in the program refers to, and where each
// declaration is referred to from. The checker fills it while it resolves names (it is built only
// when a compilation asks for it: driver::CompileOptions::build_index); the language server
// answers hover, go to definition, find references, document highlight and rename from it.
//
// A declaration is a top-level declaration (type alias, enum, struct, entity, event, role,
// policy, workflow, API), a field (of an entity, struct or event), an enum value, an operation, a
// workflow's guard, or a workflow's trigger (declared by its first transition; later transitions
// with the same trigger, and policy rules naming it as an action, refer to it). Intents' `uses`
// and policy actions naming operations are references too. Each has the span of its name and of the whole declaration, and its parent (the
// entity of a field, the enum of a value). A reference is the span of a name that resolved to a
// declaration. Spans are byte ranges in the compilation's source manager. After `finish()`,
// references are sorted by position and grouped by declaration, so every lookup is a binary
// search or a slice.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "frontend/diagnostics/diagnostic.h"

namespace bpc::lowering {

enum class DeclarationKind : std::uint8_t {
  Alias, Enum, Struct, Entity, Event, Role, Policy, Workflow, Api, Mixin, Field, EnumValue, Operation,
  Guard, Trigger
};

std::string_view declaration_kind_name(DeclarationKind kind);  // "entity", "field"...

class SymbolIndex {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  struct Declaration {
    DeclarationKind kind;
    std::string name;
    SourceSpan name_span;
    SourceSpan span;                // the whole declaration
    std::uint32_t parent = kNone;   // the declaration this one is a member of
  };
  struct Reference {
    SourceSpan span;
    std::uint32_t declaration;
  };

  std::uint32_t add_declaration(Declaration declaration);
  void add_reference(SourceSpan span, std::uint32_t declaration);
  // Sorts and groups; call once, after the last addition.
  void finish();

  const std::vector<Declaration>& declarations() const { return declarations_; }
  const Declaration& declaration(std::uint32_t id) const { return declarations_[id]; }
  // Every reference, sorted by file and offset.
  const std::vector<Reference>& references() const { return references_; }
  // The references to one declaration, in source order.
  std::span<const Reference> references_to(std::uint32_t declaration) const;
  // The references that start inside `span` (the names a declaration's text refers to), in
  // source order.
  std::span<const Reference> references_in(SourceSpan span) const;
  // The declaration named or referred to at `offset` of `file` (an offset just past a name counts,
  // as editors place the cursor there), or nullopt.
  std::optional<std::uint32_t> at(FileId file, std::uint32_t offset) const;
  // The declarations of one file, in source order (for document symbols).
  std::vector<std::uint32_t> declarations_in(FileId file) const;
  // The members of a declaration (fields, values, operations), in source order.
  std::vector<std::uint32_t> members_of(std::uint32_t declaration) const;

 private:
  std::vector<Declaration> declarations_;
  std::vector<Reference> references_;
  std::vector<Reference> by_declaration_;  // references grouped by declaration
  std::vector<std::uint32_t> first_reference_;  // by declaration: start in by_declaration_, plus one end
  std::vector<std::uint32_t> by_name_position_;  // declarations sorted by name span
};

}  // namespace bpc::lowering
