#pragma once

// The lowering from syntax trees to the typed IR, and the checks that need the syntax to report
// well (name resolution with suggestions, types, decorators, defaults, relations, workflows,
// policies, APIs, intents, targets, naming). It runs in phases over the whole program, so a
// declaration may use any other declaration of any file, in any order:
//
//   1. collect   every top-level declaration into the symbol table and give it its IR ID, in
//                file order (files are sorted by path), so IDs do not depend on argument order;
//   2. types     aliases (in dependency order, cycles reported), then enums, structs, entities
//                and events with their fields, decorators and defaults;
//   3. relations inverse sides, delete actions, required-reference cycles;
//   4. behaviour workflows, then APIs, then policies (which name triggers and operations);
//   5. product   the blueprint header, intents and targets;
//   6. style     naming conventions and reserved words of the target languages (fields are
//                checked as they are lowered, while they are in cache).
//
// A declaration with a syntax error is skipped (the parser reported it); a broken reference is
// reported once and lowered as "none", so one mistake gives one diagnostic. The implementation is
// split by phase across lower_*.cpp; this class is their shared state.

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/interrupt.h"
#include "base/pattern.h"
#include "base/reserved_words.h"
#include "frontend/diagnostics/diagnostic_engine.h"
#include "ir/index_hash_table.h"
#include "ir/ir.h"
#include "check/program.h"
#include "check/symbol_index.h"
#include "ir/type_interner.h"

namespace bpc::lowering {

class ReservedIndex;  // lower_style.cpp

// What the caller of the lowering controls.
struct LowerOptions {
  // Polled between phases and once per field; Interrupted propagates to the caller.
  const Interrupt* interrupt = nullptr;
  // The target names `target NAME { }` may use, from the backend registry (the driver passes
  // them); null accepts any name (tests and fuzzers that lower without a registry).
  const std::vector<std::string>* known_targets = nullptr;
  // Targets the command selects beyond the blueprint's `target` blocks (`bpc build --target`):
  // reserved-word warnings are given for the languages of these and of the blueprint's targets.
  const std::vector<std::string>* selected_targets = nullptr;
  // Filled with every declaration and every resolved name when not null (symbol_index.h).
  SymbolIndex* index = nullptr;
};

// Lowers a loaded program into a module, reporting what is wrong with it.
ir::Module lower(const Program& program, DiagnosticEngine& diagnostics, const LowerOptions& options = {});

enum class SymbolKind : std::uint8_t { Alias, Enum, Struct, Entity, Event, Role, Policy, Workflow, Api, Mixin };

struct Symbol {
  SymbolKind kind;
  std::uint32_t file;  // index into Program::files
  NodeId node;         // the declaration
  std::uint32_t index; // its ID in the IR store of its kind
};

// What a decorator is attached to; decides which decorators apply.
enum class DecoratorSite : std::uint8_t {
  EntityField, StructField, EventField, Parameter, Alias, EnumValue, Operation
};

class Lowerer {
 public:
  Lowerer(const Program& program, DiagnosticEngine& diagnostics, const LowerOptions& options);
  ir::Module run();
  void poll() const {
    if (options_.interrupt != nullptr) options_.interrupt->poll();
  }

  // ---- shared helpers (lower_support.cpp) ------------------------------------------------
  struct Site {
    std::uint32_t file;
    NodeId node;
  };
  const Tree& tree(std::uint32_t file) const { return *program_.files[file].parsed.tree; }
  SourceSpan span(Site site) const;
  ir::Location location(Site site) const;
  std::string doc(Site site) const;
  // The text of the first Name child of a node (a declaration's or member's name).
  std::string_view name_of(Site site) const;
  NodeId name_node(Site site) const;
  // The decoded value of a StringLiteral node.
  std::string string_value(Site site) const;
  // The source of bytes [begin, end) of a StringLiteral node's decoded value.
  SourceSpan span_in_string(Site literal, std::size_t begin, std::size_t end) const;
  // A `@pattern`, compiled the first time it is asked for and kept for the whole compilation.
  const base::Pattern& compiled_pattern(const std::string& pattern);

  template <DiagnosticKind Kind, typename... Args>
  DiagnosticBuilder report(Site site, const Args&... args) {
    // A node the parser could not build: what is wrong there was reported as a syntax error.
    if (site.node.is_none()) return DiagnosticBuilder::discarded();
    const SourceSpan where = span(site);
    if (!lexical_errors_.empty() && covers_lexical_error(where)) return DiagnosticBuilder::discarded();
    return diagnostics_.report<Kind>(where, args...);
  }
  // Reports an unknown name with a "did you mean" from `candidates` and a replacement fix.
  DiagnosticBuilder report_unknown(std::string_view what, std::string_view name, Site site,
                                  const std::vector<std::string_view>& candidates);
  std::string_view describe(SymbolKind kind) const;  // "an entity", "a role"...
  // The entity's field named `name` (indexed as a reference from `site`), or none after
  // reporting it unknown with a "did you mean".
  ir::FieldId entity_field(const ir::Entity& entity, std::string_view name, Site site);

  // ---- error tolerance (lower_tolerance.cpp) -------------------------------------------------
  // Declarations that parsed are lowered and checked even when other parts of the program have
  // syntax errors. What a broken construct would have declared is unknown, so the reports that
  // would only follow from it are suppressed: a name written inside a construct the parser
  // recovered from is never "unknown" (report_unknown), names of top-level declarations are
  // not reported unknown when an import could not be loaded, and the checks of a declaration as
  // a whole (a missing `@id`, unreachable states, operations no role may call) are skipped for a
  // declaration that holds a syntax error.
  void collect_broken_constructs();
  // Whether the top-level declaration at `declaration` contains a node the parser recovered at.
  bool incomplete(Site declaration) const;
  // Whether any declaration of these kinds is incomplete.
  bool any_incomplete(const std::vector<Site>& declarations) const;
  // Whether `span` overlaps a literal the lexer rejected (a bad escape, say): what lowering then
  // finds wrong with its value follows from that error and is not reported again.
  bool covers_lexical_error(SourceSpan span) const;

  const Symbol* find(std::string_view name) const;
  // Resolves a name to a symbol of one of the wanted kinds, reporting unknown or wrong-kind
  // names. `what` names the wanted kind in messages ("entity", "role").
  const Symbol* resolve(std::string_view name, Site site, std::initializer_list<SymbolKind> kinds,
                        std::string_view what);
  // The same without recording the reference in the symbol index (for a caller that records it
  // with a narrower span).
  const Symbol* resolve_unindexed(std::string_view name, Site site, std::initializer_list<SymbolKind> kinds,
                                  std::string_view what);
  std::vector<std::string_view> names_of_kind(std::initializer_list<SymbolKind> kinds) const;

  // ---- symbol index (lower_index.cpp): each does nothing unless an index was asked for ----
  // A declaration at `site`, a member of the declaration at `parent` (none for top level).
  void index_declaration(DeclarationKind kind, Site site, Site parent);
  void index_symbol_reference(Site name, const Symbol& symbol);
  void index_field_reference(Site name, ir::FieldId field);
  void index_enum_value_reference(Site name, std::uint32_t enumeration, std::uint32_t value);
  // A reference whose declaration is the node at `declaration` (a guard, a trigger, an operation).
  void index_site_reference(SourceSpan name, Site declaration);
  // A policy action: the operations and triggers of the rule's targets it names.
  void index_action_references(Site action, const ir::PolicyRule& rule);
  // `uses X` and `uses Api.operation` of an intent.
  void index_intent_use(Site value, std::string_view text);
  std::uint32_t index_id(Site site) const;
  void finish_index();

  // ---- phases ----------------------------------------------------------------------------
  void collect();                   // lower_collect.cpp
  void check_declaration_names();
  void lower_aliases();             // lower_types.cpp
  ir::TypeId lower_type(Site type_ref);
  void lower_enums();               // lower_data.cpp
  void lower_records();
  void include_mixins(Site entity, std::uint32_t entity_index, const std::string& owner, std::vector<Site>& members,
                      std::vector<std::uint32_t>& origin, std::vector<bool>& duplicates);
  ir::FieldId lower_field(Site field, ir::FieldOwner owner, DecoratorSite site);
  void check_struct_cycles();
  std::optional<ir::Value> lower_value(Site value);  // lower_values.cpp
  // Checks a constant against a type and normalizes it: a qualified enum value (`Color.red`)
  // becomes the value's name (`red`) at any depth (in lists, maps and struct values too).
  bool check_value(ir::Value& value, ir::TypeId type, Site site, std::string_view what);
  void lower_decorators(Site owner, DecoratorSite site, ir::TypeId type,
                        ir::Constraints& constraints, std::optional<ir::Value>* alias_default,
                        std::vector<std::pair<std::string, Site>>* relation_options);  // lower_decorators.cpp
  void lower_relations();           // lower_relations.cpp
  void lower_keys();                // lower_keys.cpp
  void check_scopes();              // lower_scopes.cpp
  void check_soft_delete();
  void warn_unique_across_scope(std::uint32_t entity, ir::FieldId scoped, std::string_view decorator);
  void lower_workflows();           // lower_workflows.cpp
  void lower_assignments(Site clause, const ir::Entity& entity, ir::FieldId state_field, ir::Transition& transition);
  void lower_apis();                // lower_apis.cpp
  // `create emits OrderPlaced` (lower_events.cpp): the event, and that the record fills it.
  void lower_action_emit(Site emitting_action, ir::CrudAction action, ir::Resource& resource);
  void lower_handlers();            // lower_events.cpp
  // `triggers pay on payment.order`: the path to the record, the workflow and the arguments.
  bool lower_handler_trigger(Site trigger, std::string_view handler_name, const ir::Event& event, ir::Handler& handler);
  // A chain of trigger handlers whose transitions raise the events that started it.
  void check_handler_cycles(const std::vector<std::pair<ir::EventId, Site>>& trigger_handlers);
  void lower_policies();            // lower_policies.cpp
  void lower_product();             // lower_product.cpp
  void check_style();               // lower_style.cpp
  // Style warnings on one field (naming convention, reserved words), as it is lowered.
  void check_field_style(ir::FieldId id, Site site);
  void warn_convention(Site declaration, std::string_view what, std::string_view name, bool ok,
                       std::string_view convention, std::string (*rename)(std::string_view));
  void warn_reserved(std::string_view name, NameKind kind, const std::function<SourceSpan()>& where);
  std::uint8_t reserved_word_languages();

  // Follows aliases (and, when asked, optionals) down to the type that gives a value its shape.
  ir::TypeId underlying(ir::TypeId type, bool through_optional) const;
  // A cycle as `a` -> `b` -> `a`, naming at most kCycleMembersShown members and counting the
  // rest, so a cycle through 20,000 aliases is one short line.
  static constexpr std::size_t kCycleMembersShown = 8;
  static std::string cycle_chain(const std::vector<std::uint32_t>& cycle,
                                 const std::function<std::string_view(std::uint32_t)>& name);
  // How many levels a type nests, counting aliases, `?`, `list` and `map` (kMaxTypeDepth + 1 at
  // most: it stops there).
  std::size_t type_depth(ir::TypeId type) const;
  // The constraints a type carries through its aliases (the outermost alias's win).
  ir::Constraints alias_constraints(ir::TypeId type) const;
  // Whether `type` is (an optional of) an alias that is `@secret`, or names one that is.
  bool secret_alias(ir::TypeId type) const;

  const Program& program_;
  DiagnosticEngine& diagnostics_;
  const LowerOptions options_;
  ir::Module module_;
  ir::TypeInterner types_;
  // Every top-level declaration, in declaration order, hashed by name in `symbol_table_`. The
  // names are copied one after another into `symbol_names_`: a lookup per field then touches a
  // few hundred kilobytes rather than the whole source text.
  struct NamedSymbol {
    std::uint32_t name_offset;  // in symbol_names_
    std::uint32_t name_length;
    Symbol symbol;
  };
  std::vector<NamedSymbol> symbols_;
  std::string symbol_names_;
  ir::IndexHashTable symbol_table_;
  std::string_view symbol_name(const NamedSymbol& named) const {
    return std::string_view(symbol_names_).substr(named.name_offset, named.name_length);
  }
  static std::uint32_t name_hash(std::string_view name);
  // Declarations refused because their name was taken (BP2001), with their kinds: a use of the
  // name that one of them would have answered is not reported again (one mistake, one error).
  std::vector<std::pair<std::string, SymbolKind>> refused_duplicates_;
  bool refused_duplicate_of(std::string_view name, std::initializer_list<SymbolKind> kinds) const;
  // Declarations of each kind, in ID order, with where they were declared.
  std::vector<Site> mixin_sites_;  // `mixin Name { fields }`: no IR of their own, copied into entities
  std::vector<std::uint32_t> mixin_reported_;  // per mixin: the entity whose copy reports its fields' problems
  std::vector<Site> alias_sites_, enum_sites_, struct_sites_, entity_sites_, event_sites_,
      role_sites_, policy_sites_, workflow_sites_, api_sites_;
  std::vector<Site> header_sites_, intent_sites_, target_sites_;
  // Relations collected while lowering fields: the field, its `@inverse`/`@onDelete` arguments.
  struct PendingRelation {
    ir::FieldId field;
    Site site;
    std::vector<std::pair<std::string, Site>> options;
  };
  std::vector<PendingRelation> pending_relations_;
  // By FieldId: whether the field is the inverse side of a relation (not stored). Filled once the
  // relations are lowered (lower_keys, the phase after them); fields made later are never one.
  std::vector<bool> inverse_sides_;
  bool is_inverse_side(ir::FieldId field) const {
    return field.index < inverse_sides_.size() && inverse_sides_[field.index];
  }
  std::vector<Site> field_sites_;  // by FieldId
  std::vector<Site> operation_sites_;  // by OperationId
  // By WorkflowId: each trigger's name and the trigger node of the first transition with it.
  std::vector<std::unordered_map<std::string, Site>> trigger_sites_;
  // By file: the indices of the nodes with the error bit, ascending (empty for clean files).
  std::vector<std::vector<std::uint32_t>> error_nodes_;
  // Reserved-word warnings: the selected languages (bit per TargetLanguage), computed on first use.
  std::optional<std::uint8_t> reserved_languages_;
  std::shared_ptr<const ReservedIndex> reserved_index_;
  // The symbol index's declaration of each declaration node: by file, by node index (kNone for
  // the others; a file's table is made at its first declaration); enum values by enum.
  std::vector<std::vector<std::uint32_t>> index_ids_;
  std::vector<std::vector<std::uint32_t>> enum_value_ids_;
  // Spans of the lexical and literal errors reported before lowering, sorted.
  std::vector<SourceSpan> lexical_errors_;
  // Names written inside nodes with the error bit.
  std::unordered_set<std::string_view> broken_names_;
  // Operations (by OperationId) and transitions (workflow, transition) written with a `by`
  // clause, even one whose roles did not resolve: no "no role may call" warning for them.
  std::set<std::uint32_t> operations_with_by_clause_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> granted_by_clause_;
  std::unordered_map<std::string, std::unique_ptr<base::Pattern>> patterns_;  // by pattern text
};

}  // namespace bpc::lowering
