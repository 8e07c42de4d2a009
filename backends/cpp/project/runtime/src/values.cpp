#include "bpc/runtime/values.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include <re2/re2.h>

namespace bpc::runtime {

namespace {

// 2^53 - 1: the largest integer a JSON number carries exactly everywhere (I-JSON, RFC 7493).
constexpr std::int64_t kSafeInteger = 9007199254740991;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits of `text` from `at`, exactly `count` of them, as a number; -1 when they are not digits.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// A number as sign, digits without leading zeros, and the power of ten of the last digit.
struct Decimal {
  bool negative = false;
  std::string digits;
  long exponent = 0;
};

std::optional<Decimal> parse_decimal(std::string_view text) {
  Decimal d;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
  bool any = false;
  long fraction_digits = 0;
  for (; i < text.size() && is_digit(text[i]); ++i, any = true) d.digits += text[i];
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && is_digit(text[i]); ++i, any = true, ++fraction_digits) d.digits += text[i];
  }
  if (!any) return std::nullopt;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    if (i == text.size()) return std::nullopt;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (exponent > 100000) return std::nullopt;
      exponent = exponent * 10 + (text[i] - '0');
    }
    if (negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  d.exponent = exponent - fraction_digits;
  const std::size_t first = d.digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};  // zero, whatever its sign
  d.digits.erase(0, first);
  while (d.digits.size() > 1 && d.digits.back() == '0') {
    d.digits.pop_back();
    ++d.exponent;
  }
  return d;
}

// Magnitudes: -1, 0 or 1.
int compare_magnitude(const Decimal& a, const Decimal& b) {
  if (a.digits.empty() || b.digits.empty()) return a.digits.empty() == b.digits.empty() ? 0 : (a.digits.empty() ? -1 : 1);
  const long a_top = static_cast<long>(a.digits.size()) + a.exponent;
  const long b_top = static_cast<long>(b.digits.size()) + b.exponent;
  if (a_top != b_top) return a_top < b_top ? -1 : 1;
  const std::size_t n = std::max(a.digits.size(), b.digits.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < a.digits.size() ? a.digits[i] : '0';
    const char y = i < b.digits.size() ? b.digits[i] : '0';
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::string describe(const Type& type) {
  switch (type.kind) {
    case Type::Kind::Enum: return "one of the enum's values";
    case Type::Kind::Record: return "an object";
    case Type::Kind::List: return "an array";
    case Type::Kind::Map: return "an object";
    case Type::Kind::Optional: return describe(*type.element) + " or null";
    case Type::Kind::Scalar: break;
  }
  switch (type.scalar) {
    case Scalar::Int: return "an integer";
    case Scalar::Float: return "a number";
    case Scalar::Bool: return "a boolean";
    case Scalar::Json: return "any JSON value";
    default: return "a string";
  }
}

void add(FieldErrors& errors, const std::string& path, std::string message) { errors.push_back({path, std::move(message)}); }

void check_length(std::uint64_t length, const Constraints& c, std::string_view unit, const std::string& path, FieldErrors& errors) {
  if (c.min_length && length < *c.min_length) {
    add(errors, path, "Too small: expected at least " + std::to_string(*c.min_length) + " " + std::string(unit));
  }
  if (c.max_length && length > *c.max_length) {
    add(errors, path, "Too big: expected at most " + std::to_string(*c.max_length) + " " + std::string(unit));
  }
}

// Bounds of a number spelt `text` (exact for integers and decimals).
void check_bounds(std::string_view text, const Constraints& c, const std::string& path, FieldErrors& errors) {
  if (c.min && compare_decimal(text, *c.min).value_or(0) < 0) add(errors, path, "Too small: expected a number >= " + *c.min);
  if (c.max && compare_decimal(text, *c.max).value_or(0) > 0) add(errors, path, "Too big: expected a number <= " + *c.max);
}

void check_float_bounds(double value, const Constraints& c, const std::string& path, FieldErrors& errors) {
  const auto bound = [](const std::string& text) { return std::strtod(text.c_str(), nullptr); };
  if (c.min && value < bound(*c.min)) add(errors, path, "Too small: expected a number >= " + *c.min);
  if (c.max && value > bound(*c.max)) add(errors, path, "Too big: expected a number <= " + *c.max);
}

void check_patterns(std::string_view text, const Constraints& c, const std::string& path, FieldErrors& errors) {
  for (const Pattern& pattern : c.patterns) {
    if (!pattern.found_in(text)) add(errors, path, pattern.message());
  }
}

bool is_duration(std::string_view text) {
  static const RE2 shape(R"(^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$)");
  return text.size() > 1 && text.back() != 'T' && RE2::FullMatch(text, shape);
}

bool is_decimal(std::string_view text) {
  static const RE2 shape(R"(^-?[0-9]+(\.[0-9]+)?$)");
  return RE2::FullMatch(text, shape);
}

bool is_uuid(std::string_view text) {
  static const RE2 shape("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  return RE2::FullMatch(text, shape);
}

void check_scalar(const Type& type, Json& value, const std::string& path, FieldErrors& errors) {
  const Constraints& c = type.constraints;
  switch (type.scalar) {
    case Scalar::Json: return;
    case Scalar::Bool:
      if (!value.is_boolean()) add(errors, path, "Expected a boolean");
      return;
    case Scalar::Int: {
      if (value.is_number_float()) {
        const auto d = value.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= static_cast<double>(kSafeInteger)) {
          value = static_cast<std::int64_t>(d);  // JSON Schema's integer: 2.0 is 2
        }
      }
      if (!value.is_number_integer()) return add(errors, path, "Expected an integer");
      const bool is_unsigned = value.is_number_unsigned();
      const std::int64_t n = is_unsigned ? 0 : value.get<std::int64_t>();
      if (is_unsigned ? value.get<std::uint64_t>() > static_cast<std::uint64_t>(kSafeInteger) : (n > kSafeInteger || n < -kSafeInteger)) {
        return add(errors, path, "Expected an integer between -9007199254740991 and 9007199254740991");
      }
      check_bounds(is_unsigned ? std::to_string(value.get<std::uint64_t>()) : std::to_string(n), c, path, errors);
      return;
    }
    case Scalar::Float:
      if (!value.is_number()) return add(errors, path, "Expected a number");
      check_float_bounds(value.get<double>(), c, path, errors);
      return;
    default: break;
  }
  if (!value.is_string()) return add(errors, path, "Expected a string");
  const auto& text = value.get_ref<const std::string&>();
  switch (type.scalar) {
    case Scalar::Decimal:
      if (!is_decimal(text)) return add(errors, path, "Invalid decimal");
      check_patterns(text, c, path, errors);
      check_bounds(text, c, path, errors);
      return;
    case Scalar::Uuid:
      if (!is_uuid(text)) return add(errors, path, "Invalid UUID");
      break;
    case Scalar::Date:
      if (!is_date(text)) return add(errors, path, "Invalid date: expected RFC 3339 (2024-01-31)");
      break;
    case Scalar::DateTime: {
      std::optional<std::string> instant = utc_datetime(text);
      if (!instant) return add(errors, path, "Invalid date-time: expected RFC 3339 with an offset (2024-01-31T10:00:00+02:00)");
      check_patterns(*instant, c, path, errors);
      value = std::move(*instant);
      return;
    }
    case Scalar::Duration:
      if (!is_duration(text)) return add(errors, path, "Invalid ISO 8601 duration");
      break;
    case Scalar::Bytes: {
      const std::optional<std::string> bytes = decode_base64(text);
      if (!bytes) return add(errors, path, "Invalid base64");
      check_length(bytes->size(), c, "bytes", path, errors);
      return;
    }
    default: break;
  }
  check_length(code_points(text), c, "characters", path, errors);
  check_patterns(text, c, path, errors);
}

}  // namespace

Pattern::Pattern(std::string_view pattern, std::string message) : message_(std::move(message)) {
  RE2::Options options;
  options.set_log_errors(false);
  regex_ = std::make_shared<const RE2>(pattern, options);
  if (!regex_->ok()) throw std::invalid_argument("invalid pattern " + std::string(pattern) + ": " + regex_->error());
}

bool Pattern::found_in(std::string_view text) const { return RE2::PartialMatch(text, *regex_); }

Type Type::of(runtime::Scalar scalar, Constraints constraints) {
  Type type;
  type.scalar = scalar;
  type.constraints = std::move(constraints);
  return type;
}

Type Type::enumeration(std::vector<std::string> values) {
  Type type;
  type.kind = Kind::Enum;
  type.values = std::move(values);
  return type;
}

Type Type::record(const RecordType& record) {
  Type type;
  type.kind = Kind::Record;
  type.record_type = &record;
  return type;
}

Type Type::list(const Type& element, Constraints constraints) {
  Type type;
  type.kind = Kind::List;
  type.element = &element;
  type.constraints = std::move(constraints);
  return type;
}

Type Type::map(const Type& element, Constraints constraints) {
  Type type = list(element, std::move(constraints));
  type.kind = Kind::Map;
  return type;
}

Type Type::optional(const Type& element) {
  Type type;
  type.kind = Kind::Optional;
  type.element = &element;
  return type;
}

const Field* RecordType::find(std::string_view name) const {
  for (const Field& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

Json json_object(std::initializer_list<std::pair<std::string, Json>> members) {
  Json out = Json::object();
  for (const auto& [key, value] : members) out[key] = value;
  return out;
}

Json in_declared_order(const Type& type, Json value) {
  switch (type.kind) {
    case Type::Kind::Optional: return value.is_null() ? value : in_declared_order(*type.element, std::move(value));
    case Type::Kind::List:
      if (value.is_array()) {
        for (Json& element : value) element = in_declared_order(*type.element, std::move(element));
      }
      return value;
    case Type::Kind::Map:
      if (value.is_object()) {
        for (auto& [key, element] : value.items()) element = in_declared_order(*type.element, std::move(element));
      }
      return value;
    case Type::Kind::Record: {
      if (!value.is_object()) return value;
      Json out = Json::object();
      for (const Field& field : type.record_type->fields) {
        const auto it = value.find(field.name);
        if (it != value.end()) out[field.name] = in_declared_order(*field.type, std::move(*it));
      }
      for (auto& [key, member] : value.items()) {
        if (!out.contains(key)) out[key] = std::move(member);
      }
      return out;
    }
    case Type::Kind::Scalar:
    case Type::Kind::Enum: break;
  }
  return value;
}

std::string member_path(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

void check_value(const Type& type, Json& value, const std::string& path, FieldErrors& errors) {
  switch (type.kind) {
    case Type::Kind::Optional:
      if (value.is_null()) return;
      return check_value(*type.element, value, path, errors);
    case Type::Kind::Scalar:
      if (value.is_null() && type.scalar != Scalar::Json) return add(errors, path, "Expected " + describe(type) + ", not null");
      return check_scalar(type, value, path, errors);
    case Type::Kind::Enum:
      if (!value.is_string()) return add(errors, path, "Expected one of the enum's values");
      for (const std::string& allowed : type.values) {
        if (allowed == value.get_ref<const std::string&>()) return;
      }
      {
        std::string list;
        for (const std::string& allowed : type.values) list += (list.empty() ? "" : ", ") + allowed;
        add(errors, path, "Invalid value: expected one of " + list);
      }
      return;
    case Type::Kind::Record:
      if (!value.is_object()) return add(errors, path, "Expected an object");
      return check_record(*type.record_type, value, BodyRule::Whole, path, errors);
    case Type::Kind::List: {
      if (!value.is_array()) return add(errors, path, "Expected an array");
      check_length(value.size(), type.constraints, "items", path, errors);
      std::size_t index = 0;
      for (Json& item : value) check_value(*type.element, item, member_path(path, std::to_string(index++)), errors);
      return;
    }
    case Type::Kind::Map: {
      if (!value.is_object()) return add(errors, path, "Expected an object");
      check_length(value.size(), type.constraints, "entries", path, errors);
      for (auto& [key, item] : value.items()) check_value(*type.element, item, member_path(path, key), errors);
      return;
    }
  }
}

void check_record(const RecordType& record, Json& body, BodyRule rule, const std::string& prefix, FieldErrors& errors) {
  if (!body.is_object()) return add(errors, prefix, "Expected an object");
  for (auto& [key, value] : body.items()) {
    const Field* field = record.find(key);
    const std::string path = member_path(prefix, key);
    if (field == nullptr) {
      add(errors, path, "Unknown field");
      continue;
    }
    if (rule == BodyRule::Partial && value.is_null() && field->type->kind != Type::Kind::Optional) {
      add(errors, path, "may not be null");
      continue;
    }
    check_value(*field->type, value, path, errors);
  }
  if (rule == BodyRule::Partial) return;
  for (const Field& field : record.fields) {
    if (body.contains(field.name)) continue;
    if (field.default_value) body[field.name] = *field.default_value;
    else if (field.required) add(errors, member_path(prefix, field.name), "Required");
    else if (field.type->kind == Type::Kind::Optional) body[field.name] = nullptr;  // every record holds every field
  }
}

std::optional<int> compare_decimal(std::string_view a, std::string_view b) {
  const std::optional<Decimal> x = parse_decimal(a);
  const std::optional<Decimal> y = parse_decimal(b);
  if (!x || !y) return std::nullopt;
  const bool x_negative = x->negative && !x->digits.empty();
  const bool y_negative = y->negative && !y->digits.empty();
  if (x_negative != y_negative) return x_negative ? -1 : 1;
  const int magnitude = compare_magnitude(*x, *y);
  return x_negative ? -magnitude : magnitude;
}

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const int year = digits(text, 0, 4);
  const int month = digits(text, 5, 2);
  const int day = digits(text, 8, 2);
  if (year < 1 || month < 0 || day < 0) return false;  // year 0 is in RFC 3339, not in Python's dates or PostgreSQL's
  return std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                     std::chrono::day(static_cast<unsigned>(day)))
      .ok();
}

namespace {

// `.dddddd`: a fraction of a second in microseconds (further digits dropped), or "" when it is zero.
std::string microseconds_fraction(std::string_view digits) {
  std::string out(digits.substr(0, 6));
  out.resize(6, '0');
  return out == "000000" ? std::string() : "." + out;
}

}  // namespace

std::optional<std::string> utc_datetime(std::string_view text) {
  // YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|+HH:MM|-HH:MM)
  if (text.size() < 17 || !is_date(text.substr(0, 10)) || (text[10] != 'T' && text[10] != 't') || text[13] != ':') return std::nullopt;
  const int hour = digits(text, 11, 2);
  const int minute = digits(text, 14, 2);
  std::size_t at = 16;
  int second = 0;
  std::string fraction;
  if (at < text.size() && text[at] == ':') {
    second = digits(text, at + 1, 2);
    at += 3;
    if (at < text.size() && text[at] == '.') {
      const std::size_t start = ++at;
      while (at < text.size() && is_digit(text[at])) ++at;
      if (at == start) return std::nullopt;
      fraction = microseconds_fraction(text.substr(start, at - start));
    }
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || at >= text.size()) return std::nullopt;
  int offset_minutes = 0;
  const std::string_view zone = text.substr(at);
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int hours = digits(zone, 1, 2);
    const int minutes = digits(zone, 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return std::nullopt;
    offset_minutes = (hours * 60 + minutes) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date(year(digits(text, 0, 4)), month(static_cast<unsigned>(digits(text, 5, 2))),
                            day(static_cast<unsigned>(digits(text, 8, 2))));
  const sys_seconds local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second);
  const sys_seconds utc = local - minutes(offset_minutes);
  const sys_days utc_day = floor<days>(utc);
  const year_month_day utc_date(utc_day);
  const int utc_year = static_cast<int>(utc_date.year());
  if (utc_year < 1 || utc_year > 9999) return std::string(text);  // no UTC spelling in years 1 to 9999: kept as given, as in Python
  const hh_mm_ss<seconds> time(utc - utc_day);
  std::array<char, 32> buffer{};
  const int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d", utc_year,
                              static_cast<unsigned>(utc_date.month()), static_cast<unsigned>(utc_date.day()),
                              static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                              static_cast<int>(time.seconds().count()));
  return std::string(buffer.data(), static_cast<std::size_t>(n)) + fraction + "Z";
}

std::string now_datetime() {
  using namespace std::chrono;
  const auto now = time_point_cast<microseconds>(system_clock::now());
  const sys_days day = floor<days>(now);
  const year_month_day date(day);
  const hh_mm_ss<microseconds> time(now - day);
  std::array<char, 32> buffer{};
  const int n = std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                              static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                              static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                              static_cast<int>(time.seconds().count()));
  const std::string micros = std::to_string(1000000 + time.subseconds().count()).substr(1);
  return std::string(buffer.data(), static_cast<std::size_t>(n)) + microseconds_fraction(micros) + "Z";
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

std::optional<std::string> decode_base64(std::string_view text, bool canonical) {
  if (text.size() % 4 != 0) return std::nullopt;
  const auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int padding = last ? (text[i + 3] == '=' ? (text[i + 2] == '=' ? 2 : 1) : 0) : 0;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const int value = j >= 4 - static_cast<std::size_t>(padding) ? 0 : sextet(text[i + j]);
      if (value < 0) return std::nullopt;
      group = (group << 6U) | static_cast<std::uint32_t>(value);
    }
    // Canonical: the bits padding drops are zero.
    if (canonical && ((padding == 1 && (group & 0xFFU) != 0) || (padding == 2 && (group & 0xFFFFU) != 0))) {
      return std::nullopt;
    }
    out += static_cast<char>((group >> 16U) & 0xFFU);
    if (padding < 2) out += static_cast<char>((group >> 8U) & 0xFFU);
    if (padding < 1) out += static_cast<char>(group & 0xFFU);
  }
  return out;
}

std::string encode_base64(std::string_view bytes) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      group = (group << 8U) | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0U);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      out += j <= n ? alphabet[(group >> (18 - 6 * j)) & 0x3FU] : '=';
    }
  }
  return out;
}

}  // namespace bpc::runtime
