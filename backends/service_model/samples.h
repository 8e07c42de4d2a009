#pragma once

// Sample values for the generated tests of every backend: a valid value of each field that
// satisfies all of its constraints at once (distinct for each record number `n`, so unique fields
// do not clash), or the reason there is none; and, for each constraint, a value that breaks it.
//
// Samples are wire values (JSON, as a request carries them) in a small tree, with one more kind of
// node, a reference to a record of an entity, which the tests resolve by creating one; each
// backend spells the tree in its own language. Every string is checked here against the field's
// pattern and format (base/pattern.h, as the generated validators read them) and its lengths in
// code points, and every number against its bounds exactly (base/decimal.h), so no test expects a
// value to pass that the service refuses.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backends/service_model/service_model.h"
#include "base/pattern.h"

namespace bpc::backends::service {

struct Sample {
  enum class Kind : std::uint8_t { Null, Bool, Number, String, List, Object, Reference };
  Kind kind = Kind::Null;
  std::string text;                                     // Bool: true/false; Number: its spelling; String
  ir::EntityId entity = ir::EntityId::none();           // Reference: a record of this entity, by id
  std::vector<std::pair<std::string, Sample>> members;  // Object: wire keys; List: items (keys empty)

  static Sample boolean(bool value);
  static Sample number(std::string spelling);
  static Sample string(std::string text);
  static Sample reference(ir::EntityId entity);
  // Whether the sample, or something in it, is a reference: the tests must create records first.
  bool has_reference() const;
  friend bool operator==(const Sample&, const Sample&) = default;
};

struct InvalidSample {
  std::string constraint;       // "minLength", "pattern", "required"...: names the test
  std::optional<Sample> value;  // nullopt: the field is left out
};

// One object per emit: it caches compiled patterns, so it is not shared between threads.
class Samples {
 public:
  explicit Samples(const ServiceModel& model) : model_(model) {}

  // A valid value of the field for record number n (1, 2, 3...); nullopt when none is known, and
  // then `reason` (when given) says why.
  std::optional<Sample> valid(ir::FieldId field, int n, std::string* reason = nullptr) const;
  // Values that break each of the field's constraints (and its type).
  std::vector<InvalidSample> invalid(ir::FieldId field) const;

 private:
  std::optional<Sample> value(ir::TypeId type, const ir::Constraints& constraints, int n, std::string_view hint,
                              int depth, std::string& reason) const;
  std::optional<Sample> string_value(const ir::Constraints& c, int n, std::string_view hint, std::string& reason) const;
  std::optional<Sample> number_value(ir::Scalar scalar, const ir::Constraints& c, int n, std::string& reason) const;

  // Whether `pattern` (of the dialect, or a format's) matches somewhere in `text`, as the
  // generated validators will: compiled once per pattern (RE2, linear time).
  bool search(std::string_view text, std::string_view pattern) const;
  // Which of the string constraints `text` breaks (`@minLength(3)`); "" when none.
  std::string broken_constraint(const std::string& text, const ir::Constraints& c) const;
  // A text the pattern refuses, from a few candidates.
  std::optional<std::string> refused_by(std::string_view pattern) const;

  const ServiceModel& model_;
  mutable std::map<std::string, std::unique_ptr<base::Pattern>, std::less<>> patterns_;
};

}  // namespace bpc::backends::service
