#pragma once

// Values for the generated tests: a valid value of every field (distinct for each record number
// `n`, so unique fields do not clash) and, for each constraint, a value that breaks it. Values are
// JavaScript expressions; a reference to another entity is `await ref('Entity')`, which the test
// helpers resolve by creating a record. Every string value is checked here against the field's
// pattern and format (base/pattern.h, as the generated validators read them) and its lengths in
// code points, so a blueprint whose pattern defeats the generator
// gets no test with a wrong expectation: the field is reported as having no valid sample.

#include <optional>
#include <string>
#include <vector>

#include "backends/typescript/ts_context.h"

namespace bpc::backends::typescript {

struct InvalidValue {
  std::string constraint;  // "minLength", "pattern", "required"...: names the test
  std::optional<std::string> value;  // nullopt: the field is left out
};

class SampleValues {
 public:
  explicit SampleValues(const TsContext& ctx) : ctx_(ctx) {}

  // A valid value of the field for record number n (1, 2, 3...), or nullopt when none is known.
  std::optional<std::string> valid(ir::FieldId field, int n) const;
  // Values that break each of the field's constraints (and its type).
  std::vector<InvalidValue> invalid(ir::FieldId field) const;

 private:
  std::optional<std::string> value(ir::TypeId type, const ir::Constraints& constraints, int n, std::string_view hint,
                                   int depth) const;
  std::optional<std::string> string_value(const ir::Constraints& c, int n, std::string_view hint) const;

  const TsContext& ctx_;
};

// The constraints of a field with those of its alias chain (the field's win).
ir::Constraints effective_constraints(const ir::Module& module, const ir::Field& field);

// A string that the ECMAScript pattern matches (search semantics), built from its syntax for the
// usual subset (literals, classes, escapes, groups, alternation, quantifiers, anchors); nullopt
// when the pattern uses anything else. `variant` varies the choices from character classes.
std::optional<std::string> example_for_pattern(std::string_view pattern, int variant);

}  // namespace bpc::backends::typescript
