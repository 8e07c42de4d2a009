#pragma once

// What a value on the wire may be, and the checks that hold a request to it.
//
// A `Type` describes a JSON value: a scalar of the blueprint (text, numbers, decimals as strings,
// dates and datetimes as RFC 3339 text, bytes as base64...), an enum's wire values, a record (a
// struct's fields), a list, a map or an optional. Each carries the constraints of the field and
// the aliases it goes through. The generated `model.cpp` builds one Type per use and one
// `RecordType` per struct, entity and request body; the routes check every request against them
// before anything else reads it.
//
// `check_value` normalises as it checks, so stores see one spelling of each value: an integer
// written `2.0` becomes `2`, a datetime becomes its instant in UTC (`2024-01-15T12:00:00+02:00`
// is `2024-01-15T10:00:00Z`). Lengths count code points, patterns are RE2 (linear time) searched
// anywhere in the text, decimals and bounds compare exactly.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace re2 {
class RE2;
}

// std::optional as null or its value, anywhere in a JSON value (the typed model's optional
// fields, lists of optionals, defaults): declared before any use of an optional with nlohmann.
template <class T>
struct nlohmann::adl_serializer<std::optional<T>> {
  template <class BasicJson>
  static void to_json(BasicJson& json, const std::optional<T>& value) {
    if (value) json = *value;
    else json = nullptr;
  }
  template <class BasicJson>
  static void from_json(const BasicJson& json, std::optional<T>& value) {
    if (json.is_null()) value.reset();
    else value = json.template get<T>();
  }
};

namespace bpc::runtime {

// Records and bodies keep their fields in the order they were written.
using Json = nlohmann::ordered_json;

// One invalid field of a request: `field` is its path on the wire (`address.city`, `tags.2`).
struct FieldError {
  std::string field{};
  std::string message{};
};
using FieldErrors = std::vector<FieldError>;

enum class Scalar : std::uint8_t {
  String,
  Text,
  Int,
  Float,
  Decimal,
  Bool,
  Uuid,
  Date,
  DateTime,
  Duration,
  Bytes,
  Json
};

// A regular expression text must contain a match of (RE2 syntax), and what to say when it does not.
class Pattern {
 public:
  Pattern(std::string_view pattern, std::string message);
  bool found_in(std::string_view text) const;
  const std::string& message() const { return message_; }

 private:
  std::shared_ptr<const re2::RE2> regex_;
  std::string message_;
};

struct Constraints {
  // Code points of text, items of a list or map, decoded bytes of `bytes`.
  std::optional<std::uint64_t> min_length{};
  std::optional<std::uint64_t> max_length{};
  // Bounds of numbers and decimals, as the blueprint spells them (`0.5`, `1e3`).
  std::optional<std::string> min{};
  std::optional<std::string> max{};
  std::vector<Pattern> patterns{};  // `@pattern`, `@format`, a decimal's precision

  // For the generated descriptors: `Constraints().with_min_length(1).with_max_length(120)`.
  Constraints with_min_length(std::uint64_t n) && {
    min_length = n;
    return std::move(*this);
  }
  Constraints with_max_length(std::uint64_t n) && {
    max_length = n;
    return std::move(*this);
  }
  Constraints with_min(std::string bound) && {
    min = std::move(bound);
    return std::move(*this);
  }
  Constraints with_max(std::string bound) && {
    max = std::move(bound);
    return std::move(*this);
  }
  Constraints with_pattern(std::string_view pattern, std::string message) && {
    patterns.emplace_back(pattern, std::move(message));
    return std::move(*this);
  }
};

struct RecordType;

struct Type {
  enum class Kind : std::uint8_t {
    Scalar,
    Enum,
    Record,
    List,
    Map,
    Optional
  };

  static Type of(runtime::Scalar scalar, Constraints constraints = {});
  static Type enumeration(std::vector<std::string> values);
  static Type record(const RecordType& record);
  static Type list(const Type& element, Constraints constraints = {});
  static Type map(const Type& element, Constraints constraints = {});
  static Type optional(const Type& element);

  Kind kind = Kind::Scalar;
  runtime::Scalar scalar = runtime::Scalar::Json;
  const Type* element = nullptr;            // List, Map, Optional
  const RecordType* record_type = nullptr;  // Record
  std::vector<std::string> values{};        // Enum: the wire values, in declaration order
  Constraints constraints{};
};

struct Field {
  std::string name{};  // on the wire
  const Type* type = nullptr;
  bool required = false;                // a create (or a struct) must give it
  std::optional<Json> default_value{};  // what a create that leaves it out gets
};

struct RecordType {
  std::string name{};
  std::vector<Field> fields{};

  const Field* find(std::string_view name) const;
};

// A JSON object of the members given, in order (for defaults of structs and maps).
Json json_object(std::initializer_list<std::pair<std::string, Json>> members);

// `value` with the members of each struct inside it in the order the struct declares them (a store
// that keeps JSON as PostgreSQL's JSONB gives them back in an order of its own).
Json in_declared_order(const Type& type, Json value);

// Checks `value` against `type` at `path`, normalising it in place; appends what is wrong.
void check_value(const Type& type, Json& value, const std::string& path, FieldErrors& errors);

// How a request body is held to a record type.
enum class BodyRule : std::uint8_t {
  Whole,    // every required field given, defaults filled in (creates, structs, custom inputs)
  Partial,  // any subset, `null` only for optional fields (updates)
};

// Checks a JSON object against `record`: no field it does not declare, the rule's fields, each
// value by its type. `prefix` is the path of the object ("" for a body).
void check_record(const RecordType& record, Json& body, BodyRule rule, const std::string& prefix, FieldErrors& errors);

// The wire path of a member: `name` at the top, `prefix.name` below.
std::string member_path(const std::string& prefix, std::string_view name);

// -1, 0 or 1: two decimal numbers (`-12.50`, `1e3`) compared exactly; nullopt when one is not a
// number.
std::optional<int> compare_decimal(std::string_view a, std::string_view b);

// The instant of an RFC 3339 datetime with an offset, in UTC (`...Z`), the fraction of a second
// in microseconds — six digits, or none when it is zero, as the Python service writes it and as
// PostgreSQL keeps it (an instant with no UTC spelling in years 1 to 9999 is kept as given);
// nullopt when the text is not one.
std::optional<std::string> utc_datetime(std::string_view text);

// The current instant as a record's date-time holds it (utc_datetime's form).
std::string now_datetime();

// Whether the text is a date of the calendar spelt `YYYY-MM-DD`, from year 1 (as in Python and
// PostgreSQL; RFC 3339 allows year 0).
bool is_date(std::string_view text);

// The number of code points of UTF-8 text.
std::size_t code_points(std::string_view text);

// The bytes padded base64 text stands for; nullopt when it is not base64. Bits the padding drops
// may be set, as RFC 4648 lets decoders accept and the JSON Schema pattern of bytes fields does,
// unless `canonical` (tokens: one text per value).
std::optional<std::string> decode_base64(std::string_view text, bool canonical = false);
std::string encode_base64(std::string_view bytes);

}  // namespace bpc::runtime
