#pragma once

// The query of a list route, the same in every store: conditions on fields (equality, one of
// several enum values, range bounds), a text search, and an order. Values of a field order by
// its kind: numbers by value, decimals exactly, datetimes by the instant they name, dates and
// text by code point, `false` before `true`, enum values in declaration order. Records without
// a value never meet a range and sort last either way; ties are broken by id, so pages never
// overlap.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpc/runtime/values.h"

namespace bpc::runtime {

// How a field's values order.
struct OrderKind {
  enum class Kind : std::uint8_t {
    Number,
    Decimal,
    Date,
    DateTime,
    Text,
    Boolean,
    Enum
  };
  Kind kind = Kind::Text;
  std::vector<std::string> values{};  // Enum: in declaration order

  static OrderKind of(Kind kind) { return OrderKind{kind, {}}; }
  static OrderKind enumeration(std::vector<std::string> values) { return OrderKind{Kind::Enum, std::move(values)}; }
};

enum class Operator : std::uint8_t {
  Equal,
  AnyOf,
  Has,
  Absent,
  AtLeast,
  Above,
  AtMost,
  Below
};

struct Condition {
  std::string field{};
  Operator op = Operator::Equal;
  Json value{};  // AnyOf: an array of values
};

struct SortKey {
  std::string field{};
  bool descending = false;
};

struct Search {
  std::vector<std::string> fields{};
  std::string text{};
};

struct ListQuery {
  std::vector<Condition> where{};
  std::optional<Search> search{};
  std::vector<SortKey> order{};
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

// -1, 0 or 1: two values of a field of this kind; no value (null) after every value.
int compare_values(const OrderKind& kind, const Json& a, const Json& b);

// Whether a stored value meets a condition, given its field's order kind (if it has one).
bool meets(const Condition& condition, const Json& value, const OrderKind* kind);

// Whether `value` is text that contains `text`, ignoring case.
bool contains_text(const Json& value, const std::string& text);

// The sort keys of a `sort` parameter (`-price,name`), already validated by its pattern; a key
// given twice counts once, where it first appears.
std::vector<SortKey> sort_order(const std::string& sort);

// Text in lower case, for case-insensitive search (ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic capitals).
std::string lower_case(std::string_view text);

}  // namespace bpc::runtime
