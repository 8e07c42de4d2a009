// Values (defaults, decorator arguments, properties): lowering from syntax, and checking that a
// value fits a type.

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <set>

#include "base/suggest.h"
#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

std::string describe_value(const ir::Value& value) {
  switch (value.kind) {
    case ir::Value::Kind::Null: return "`null`";
    case ir::Value::Kind::Bool: return value.boolean ? "`true`" : "`false`";
    case ir::Value::Kind::Integer: return fmt::format("the number `{}`", value.integer);
    case ir::Value::Kind::Number: return fmt::format("the number `{}`", value.text);
    case ir::Value::Kind::String:
      return value.text.size() <= 40 ? fmt::format("the string \"{}\"", value.text) : "a string";
    case ir::Value::Kind::Name: return fmt::format("`{}`", value.text);
    case ir::Value::Kind::List: return "a list";
    case ir::Value::Kind::Object: return "an object";
  }
  return "a value";
}

// Why a number's spelling cannot be held without changing its value, if it cannot: every target
// reads numbers as 64-bit floats at some point (JSON in JavaScript, bounds in JSON Schema), so a
// number must be finite there and, unless it is 0, must not become 0.
std::optional<std::string> unrepresentable(const std::string& spelling) {
  const double number = std::strtod(spelling.c_str(), nullptr);
  if (std::isinf(number)) return std::string("it is beyond the largest 64-bit float (about 1.8e308)");
  if (number == 0) {
    const std::string_view mantissa = std::string_view(spelling).substr(0, spelling.find_first_of("eE"));
    if (mantissa.find_first_of("123456789") != std::string_view::npos) {
      return std::string("it is closer to 0 than the smallest 64-bit float (about 4.9e-324) and would become 0");
    }
  }
  return std::nullopt;
}

// The spellings of the built-in scalars, checked by hand (no regular expression, so no text can
// make them slow): what the generated validators accept.
bool digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// The digits from `at` on (at least one); advances `at` past them.
bool some_digits(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  return at > start;
}

// 8-4-4-4-12 hexadecimal digits.
bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

// The number `text[at, at + count)` spells (digits only, checked by the caller).
int number(std::string_view text, std::size_t at, std::size_t count) {
  int out = 0;
  for (std::size_t i = at; i < at + count; ++i) out = out * 10 + (text[i] - '0');
  return out;
}

// YYYY-MM-DD, a day of the calendar from year 1 (as the generated services and their databases
// keep dates: RFC 3339's year 0 is not one of them).
bool is_date(std::string_view text) {
  if (text.size() != 10 || !digits(text, 0, 4) || text[4] != '-' || !digits(text, 5, 2) || text[7] != '-' ||
      !digits(text, 8, 2)) {
    return false;
  }
  const std::chrono::year_month_day date{std::chrono::year(number(text, 0, 4)),
                                         std::chrono::month(static_cast<unsigned>(number(text, 5, 2))),
                                         std::chrono::day(static_cast<unsigned>(number(text, 8, 2)))};
  return number(text, 0, 4) >= 1 && date.ok();
}

// YYYY-MM-DDTHH:MM:SS (a date, hours 00-23, minutes and seconds 00-59), optional fraction, then
// `Z` or an offset `+HH:MM` / `-HH:MM`.
bool is_datetime(std::string_view text) {
  if (text.size() < 20 || !is_date(text.substr(0, 10)) || text[10] != 'T' || !digits(text, 11, 2) || text[13] != ':' ||
      !digits(text, 14, 2) || text[16] != ':' || !digits(text, 17, 2)) {
    return false;
  }
  if (number(text, 11, 2) > 23 || number(text, 14, 2) > 59 || number(text, 17, 2) > 59) return false;
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    if (!some_digits(text, at)) return false;
  }
  const std::string_view zone = text.substr(at);
  return zone == "Z" || (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2) &&
                         zone[3] == ':' && digits(zone, 4, 2) && number(zone, 1, 2) <= 23 && number(zone, 4, 2) <= 59);
}

// P[nD][T[nH][nM][n[.n]S]] with at least one component, and at least one after a `T`.
bool is_duration(std::string_view text) {
  if (text.empty() || text[0] != 'P') return false;
  std::size_t at = 1;
  bool any = false;
  // A number followed by `unit`, if there is one here.
  const auto component = [&](char unit, bool fraction) {
    std::size_t k = at;
    if (!some_digits(text, k)) return false;
    if (fraction && k < text.size() && text[k] == '.') {
      ++k;
      if (!some_digits(text, k)) return false;
    }
    if (k >= text.size() || text[k] != unit) return false;
    at = k + 1;
    return true;
  };
  any = component('D', false);
  if (at < text.size() && text[at] == 'T') {
    ++at;
    bool timed = false;
    timed |= component('H', false);
    timed |= component('M', false);
    timed |= component('S', true);
    if (!timed) return false;
    any = true;
  }
  return any && at == text.size();
}

// The value of `enumeration` a string was meant to name: one spelt the same but for case, or
// travelling as that string (`@value("EUR")`), or a close misspelling. A default is written by
// the value's name, so `"Active"` for `active` gets the name offered.
const ir::EnumValue* enum_value_spelt(const ir::Enum& enumeration, std::string_view text) {
  for (const ir::EnumValue& value : enumeration.values) {
    if (same_without_case(value.name, text) || (value.wire && *value.wire == text)) return &value;
  }
  std::vector<std::string_view> names;
  for (const ir::EnumValue& value : enumeration.values) names.push_back(value.name);
  if (const auto match = closest_match(text, names)) {
    for (const ir::EnumValue& value : enumeration.values) {
      if (value.name == *match) return &value;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<ir::Value> Lowerer::lower_value(Site site) {
  const Tree& t = tree(site.file);
  if (site.node.is_none() || t.node(site.node).has_error()) return std::nullopt;
  ir::Value value;
  switch (t.kind(site.node)) {
    case NodeKind::StringLiteral:
      value.kind = ir::Value::Kind::String;
      value.text = string_value(site);
      return value;
    case NodeKind::NumberLiteral: {
      const bool negative = t.first_token(site.node) != t.last_token(site.node);
      const std::string_view digits = t.text(site.node);
      value.text = (negative ? "-" : "") + std::string(digits);
      value.kind = ir::Value::Kind::Number;
      // An integer token that fits 64 bits is an Integer; anything else keeps its spelling.
      if (t.tokens().token(t.last_token(site.node)).kind() == TokenKind::Integer) ir::make_integer_if_exact(value);
      if (value.kind == ir::Value::Kind::Number) {
        if (auto problem = unrepresentable(value.text)) {
          (void)report<DiagnosticKind::NumberOutOfRange>(site, value.text, *problem)
              .note("numbers are kept exactly as written or refused, never rounded to fit");
          return std::nullopt;
        }
      }
      return value;
    }
    case NodeKind::Path: {
      std::string name;
      for (NodeId segment : t.children(site.node)) {
        if (!name.empty()) name += '.';
        name += t.text(segment);
      }
      if (name == "true" || name == "false") {
        value.kind = ir::Value::Kind::Bool;
        value.boolean = name == "true";
      } else if (name == "null") {
        value.kind = ir::Value::Kind::Null;
      } else {
        value.kind = ir::Value::Kind::Name;
        value.text = std::move(name);
      }
      return value;
    }
    case NodeKind::ListLiteral:
      value.kind = ir::Value::Kind::List;
      for (NodeId item : t.children(site.node)) {
        auto lowered = lower_value(Site{site.file, item});
        if (!lowered) return std::nullopt;
        value.items.push_back(std::move(*lowered));
      }
      return value;
    case NodeKind::ObjectLiteral: {
      value.kind = ir::Value::Kind::Object;
      std::set<std::string> keys;
      for (NodeId entry : t.children(site.node)) {
        auto children = t.children(entry).begin();
        const NodeId key_node = *children;
        const NodeId value_node = *++children;
        const std::string key = t.kind(key_node) == NodeKind::Name
                                    ? std::string(t.text(key_node))
                                    : string_value(Site{site.file, key_node});
        if (!keys.insert(key).second) {
          (void)report<DiagnosticKind::DuplicateMember>(Site{site.file, key_node}, "key", key,
                       "this object");
          return std::nullopt;
        }
        auto lowered = lower_value(Site{site.file, value_node});
        if (!lowered) return std::nullopt;
        value.entries.emplace_back(key, std::move(*lowered));
      }
      return value;
    }
    default:
      return std::nullopt;
  }
}

bool Lowerer::check_value(ir::Value& value, ir::TypeId type_id, Site site,
                          std::string_view what) {
  if (type_id.is_none()) return true;  // the type was already reported
  const ir::Type& type = module_.type(type_id);
  const std::string type_text = ir::type_name(module_, type_id);
  const auto mismatch = [&](std::string_view why = {}) {
    auto builder = report<DiagnosticKind::ValueTypeMismatch>(site,
                          fmt::format("{} ({})", what, describe_value(value)), type_text);
    if (!why.empty()) builder.note(std::string(why));
    return false;
  };
  using VK = ir::Value::Kind;
  switch (type.kind) {
    case ir::Type::Kind::Alias: {
      const ir::TypeId target = module_.aliases[type.declaration].target;
      return check_value(value, target, site, what);
    }
    case ir::Type::Kind::Optional:
      return value.kind == VK::Null || check_value(value, type.element, site, what);
    case ir::Type::Kind::Scalar:
      switch (type.scalar) {
        case ir::Scalar::Int:
          if (value.kind == VK::Integer) return true;
          if (value.kind == VK::Number && value.text.find_first_of(".eE") == std::string::npos) {
            return mismatch("it is outside the range of a 64-bit integer");
          }
          return mismatch();
        case ir::Scalar::Float:
        case ir::Scalar::Decimal:
          return value.kind == VK::Integer || value.kind == VK::Number ? true : mismatch();
        case ir::Scalar::String:
        case ir::Scalar::Text:
          return value.kind == VK::String ? true : mismatch();
        case ir::Scalar::Bool:
          return value.kind == VK::Bool ? true : mismatch("write `true` or `false`");
        case ir::Scalar::Uuid:
          return value.kind == VK::String &&
                         is_uuid(value.text)
                     ? true
                     : mismatch("a uuid is written as a string like \"123e4567-e89b-12d3-a456-426614174000\"");
        case ir::Scalar::Date:
          return value.kind == VK::String && is_date(value.text)
                     ? true
                     : mismatch("a date is a day of the calendar from year 1, written as a string like \"2026-01-31\"");
        case ir::Scalar::DateTime:
          return value.kind == VK::String &&
                         is_datetime(value.text)
                     ? true
                     : mismatch("a datetime is an RFC 3339 string like \"2026-01-31T09:30:00Z\"");
        case ir::Scalar::Duration:
          return value.kind == VK::String &&
                         is_duration(value.text)
                     ? true
                     : mismatch("a duration is an ISO 8601 string like \"PT15M\" or \"P1DT2H\"");
        case ir::Scalar::Bytes:
          return mismatch("`bytes` fields take no default");
        case ir::Scalar::Json:
          return true;
      }
      return true;
    case ir::Type::Kind::Enum: {
      const ir::Enum& enumeration = module_.enums[type.declaration];
      if (value.kind == VK::String) {
        if (const ir::EnumValue* meant = enum_value_spelt(enumeration, value.text)) {
          (void)report<DiagnosticKind::ValueTypeMismatch>(site, fmt::format("{} ({})", what, describe_value(value)),
                                                          type_text)
              .note(fmt::format("an enum value is written by its name, without quotes: `{}`", meant->name))
              .fix(fmt::format("replace with `{}`", meant->name), {TextEdit{span(site), meant->name}});
          return false;
        }
      }
      if (value.kind != VK::Name) return mismatch(fmt::format("write one of the values of `{}`", enumeration.name));
      // `closed` or, qualified with the enum's name, `Status.closed`.
      std::string_view written = value.text;
      const std::string qualifier = enumeration.name + ".";
      if (written.starts_with(qualifier)) written.remove_prefix(qualifier.size());
      std::vector<std::string_view> names;
      for (std::uint32_t i = 0; i < enumeration.values.size(); ++i) {
        if (enumeration.values[i].name == written) {
          index_enum_value_reference(site, type.declaration, i);
          if (written.size() != value.text.size()) value.text = enumeration.values[i].name;
          return true;
        }
        names.push_back(enumeration.values[i].name);
      }
      (void)report_unknown(fmt::format("enum `{}` has no value", enumeration.name), written, site, names);
      return false;
    }
    case ir::Type::Kind::Struct: {
      if (value.kind != VK::Object) return mismatch("a struct value is an object: `{ field: value }`");
      const ir::Struct& record = module_.structs[type.declaration];
      bool ok = true;
      for (auto& entry : value.entries) {
        // (Not a structured binding: clang 14 cannot capture one in the lambda below.)
        const std::string& key = entry.first;
        ir::Value& item = entry.second;
        const auto field = std::find_if(record.fields.begin(), record.fields.end(),
                                        [&](ir::FieldId f) { return module_.field(f).name == key; });
        if (field == record.fields.end()) {
          std::vector<std::string_view> names;
          for (ir::FieldId f : record.fields) names.push_back(module_.field(f).name);
          (void)report_unknown(fmt::format("struct `{}` has no field", record.name), key, site, names);
          ok = false;
          continue;
        }
        ok &= check_value(item, module_.field(*field).type, site, fmt::format("field `{}`", key));
      }
      for (ir::FieldId f : record.fields) {
        const ir::Field& field = module_.field(f);
        const bool given = std::any_of(value.entries.begin(), value.entries.end(),
                                       [&](const auto& entry) { return entry.first == field.name; });
        const bool optional = !field.type.is_none() &&
                              module_.type(underlying(field.type, false)).kind == ir::Type::Kind::Optional;
        if (!given && !optional && !field.default_value) {
          (void)report<DiagnosticKind::ValueTypeMismatch>(site,
                       fmt::format("{} (an object without `{}`)", what, field.name), type_text);
          ok = false;
        }
      }
      return ok;
    }
    case ir::Type::Kind::Entity:
      return mismatch("a reference to an entity cannot have a default");
    case ir::Type::Kind::List: {
      if (module_.type(underlying(type.element, true)).kind == ir::Type::Kind::Entity) {
        return mismatch("relations take no default: a new record starts with no related records");
      }
      if (value.kind != VK::List) return mismatch();
      bool ok = true;
      for (ir::Value& item : value.items) ok &= check_value(item, type.element, site, "a list element");
      return ok;
    }
    case ir::Type::Kind::Map: {
      if (value.kind != VK::Object) return mismatch("a map value is an object: `{ key: value }`");
      bool ok = true;
      for (auto& [key, item] : value.entries) ok &= check_value(item, type.element, site, fmt::format("entry `{}`", key));
      return ok;
    }
  }
  return true;
}

}  // namespace bpc::lowering
