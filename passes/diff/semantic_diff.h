#pragma once

// The semantic diff of two versions of a blueprint, and which of its changes break what.
//
// `diff_modules` compares two checked modules the way `buf breaking` compares two versions of a
// protobuf schema: declarations are matched by NAME (IDs are positions in value stores and mean
// nothing across versions), members by name within their declaration (fields, enum values,
// operations, parameters), resources by the entity they serve, transitions by (from state,
// trigger) and policy rules by their normalized text across all policy blocks, since several
// policies act as one. A name that disappears is a removal and a name that appears an addition;
// a rename is both, which is exactly what it is to a client.
//
// Each change names the compatibility categories it BREAKS:
//
//   WIRE    the JSON of records and events: what clients send in and read out of entities,
//           structs, enums and event payloads;
//   HTTP    the endpoints: routes, methods, parameters, results, status codes and who may call
//           them;
//   SOURCE  the generated source API: type, field, operation and enum value names and types,
//           i.e. code written against a generated project.
//
// Whether a change to a field breaks WIRE depends on where the field's data flows: a required
// field added to an entity breaks its create requests, but one added to an event (only ever
// read) does not. The differ computes, for every struct, alias and enum, whether it reaches
// requests or responses (through entity fields, event payloads, parameters or results) and
// applies the rule for that direction. docs/diff.md states the rule for every change kind.
//
// The diff works on the IR as lowered (`lowering::check_program`), before the pass pipeline:
// resources are compared as resources, not as the operations they desugar into.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.h"

namespace bpc::diff {

enum class ChangeKind : std::uint8_t {
#define BPC_CHANGE_KIND(name, id, summary) name,
#include "passes/diff/change_kinds.def"
#undef BPC_CHANGE_KIND
};

struct ChangeKindInfo {
  std::string_view id;       // "FIELD_REMOVED"
  std::string_view summary;  // one line, for docs and --help
};
const ChangeKindInfo& info(ChangeKind kind);
const std::vector<ChangeKind>& all_change_kinds();

enum class Category : std::uint8_t { Wire = 1, Http = 2, Source = 4 };

// A set of categories.
class Categories {
 public:
  constexpr Categories() = default;
  constexpr Categories(Category category) : bits_(static_cast<std::uint8_t>(category)) {}
  static constexpr Categories all() { return Categories(7); }

  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool contains(Category category) const {
    return (bits_ & static_cast<std::uint8_t>(category)) != 0;
  }
  constexpr bool intersects(Categories other) const { return (bits_ & other.bits_) != 0; }
  constexpr Categories operator|(Categories other) const { return Categories(bits_ | other.bits_); }
  constexpr Categories operator&(Categories other) const { return Categories(bits_ & other.bits_); }
  constexpr Categories& operator|=(Categories other) {
    bits_ |= other.bits_;
    return *this;
  }
  friend constexpr bool operator==(Categories, Categories) = default;

  // "WIRE,HTTP" in the fixed order WIRE, HTTP, SOURCE; empty for none.
  std::string names() const;
  std::vector<std::string_view> list() const;

 private:
  constexpr explicit Categories(int bits) : bits_(static_cast<std::uint8_t>(bits)) {}
  std::uint8_t bits_ = 0;
};

std::string_view category_name(Category category);  // "WIRE", "HTTP", "SOURCE"
// Parses a category name, case-insensitively.
bool parse_category(std::string_view name, Category& category);

struct Change {
  ChangeKind kind;
  std::string path;     // what changed: `Patient.email`, `ClinicApi.searchPatients.query`
  std::string message;  // `field Patient.email: type changed from `string` to `Email``
  Categories breaks;    // empty: compatible
  // Where the changed thing is in each version; `file` is UINT32_MAX on the side where it does
  // not exist (the old side of an addition, the new side of a removal). Files index the
  // module's `files`.
  ir::Location old_location;
  ir::Location new_location;
};

// Every difference between `before` and `after` that `bpc diff` reports, in a stable order:
// declarations by kind (aliases, enums, structs, entities, events, roles, policies, workflows,
// APIs), within a kind in the old version's order followed by additions in the new version's
// order, and members likewise; then policy rules, then targets.
std::vector<Change> diff_modules(const ir::Module& before, const ir::Module& after);

}  // namespace bpc::diff
