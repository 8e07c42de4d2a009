#include "backends/service_model/samples.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "backends/service_model/pattern_example.h"
#include "backends/support/routes.h"
#include "base/decimal.h"
#include "base/pattern.h"
#include "base/utf8.h"
#include "ir/formats.h"

namespace bpc::backends::service {

namespace {

constexpr int kMaxDepth = 8;
// How much longer than its shortest a pattern's sample may be stretched to reach a @minLength.
constexpr std::size_t kMaxStretch = 64;
// How many combinations of alternation branches a string sample tries.
constexpr std::size_t kBranchChoices = 8;

}  // namespace

bool Samples::search(std::string_view text, std::string_view pattern) const {
  auto it = patterns_.find(pattern);
  if (it == patterns_.end()) it = patterns_.emplace(std::string(pattern), std::make_unique<base::Pattern>(pattern)).first;
  return it->second->ok() && it->second->search(text);
}

std::string Samples::broken_constraint(const std::string& text, const ir::Constraints& c) const {
  const std::size_t length = base::code_point_count(text);  // as the checker and the validators count
  if (c.min_length && length < *c.min_length) return fmt::format("@minLength({})", *c.min_length);
  if (c.max_length && length > *c.max_length) return fmt::format("@maxLength({})", *c.max_length);
  if (c.pattern && !search(text, *c.pattern)) return "@pattern";
  if (c.format) {
    if (const auto pattern = ir::format_pattern(*c.format); pattern && !search(text, *pattern)) {
      return fmt::format("@format({})", *c.format);
    }
  }
  return {};
}

std::optional<std::string> Samples::refused_by(std::string_view pattern) const {
  for (const char* candidate : {"!", "~~", "", "a b", "zz@", "0"}) {
    if (!search(candidate, pattern)) return std::string(candidate);
  }
  return std::nullopt;
}

namespace {

std::optional<double> to_double(const ir::Boxed<std::string>& spelling) {
  if (!spelling) return std::nullopt;
  try {
    return std::stod(*spelling);
  } catch (...) {
    return std::nullopt;
  }
}

// A whole number as text, for any finite double (a cast to an integer would be undefined beyond
// 64 bits).
std::string whole(double value) {
  if (value > -9.0e15 && value < 9.0e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.0f}", value);
}

// A format's example for record n; `padding` more characters where the format has room for them.
std::string format_example(std::string_view format, int n, std::size_t padding) {
  const std::string pad(padding, 'x');
  if (format == "email") return fmt::format("user{}{}@example.com", n, pad);
  if (format == "uri") return fmt::format("https://example.com/{}{}", n, pad);
  if (format == "uuid") return fmt::format("00000000-0000-4000-8000-{:012}", n);
  if (format == "date") return fmt::format("2024-01-{:02}", 10 + n % 18);
  if (format == "date-time") return fmt::format("2024-01-15T10:00:{:02}Z", n % 60);
  if (format == "hostname") return fmt::format("host{}{}.example.com", n, pad);
  if (format == "ipv4") return fmt::format("10.0.0.{}", n % 250);
  if (format == "ipv6") return fmt::format("::{}", n);
  return fmt::format("value{}{}", n, pad);
}

}  // namespace

Sample Sample::boolean(bool value) { return Sample{Kind::Bool, value ? "true" : "false", ir::EntityId::none(), {}}; }
Sample Sample::number(std::string spelling) { return Sample{Kind::Number, std::move(spelling), ir::EntityId::none(), {}}; }
Sample Sample::string(std::string text) { return Sample{Kind::String, std::move(text), ir::EntityId::none(), {}}; }
Sample Sample::reference(ir::EntityId entity) { return Sample{Kind::Reference, {}, entity, {}}; }

bool Sample::has_reference() const {
  return kind == Kind::Reference ||
         std::any_of(members.begin(), members.end(), [](const auto& member) { return member.second.has_reference(); });
}

std::optional<Sample> Samples::string_value(const ir::Constraints& c, int n, std::string_view hint,
                                            std::string& reason) const {
  const std::size_t min = c.min_length.value_or(0);
  std::string last_broken;
  const auto accept = [&](const std::string& text) {
    last_broken = broken_constraint(text, c);
    return last_broken.empty();
  };
  if (c.pattern) {
    bool understood = false;
    // Each variant, stretched until it is long enough: `^[a-z]+$` with @minLength(3) gives `baa`;
    // then other branches of the alternations: `^(ab|cdef)$` with @minLength(4) gives `cdef`.
    for (std::size_t branches = 0; branches < kBranchChoices; ++branches) {
      for (int v = n; v < n + 8; ++v) {
        std::size_t previous_length = 0;
        for (std::size_t stretch = 0; stretch <= kMaxStretch; ++stretch) {
          const auto example = example_for_pattern(*c.pattern, v, stretch, branches);
          if (!example) break;
          understood = true;
          if (accept(*example)) return Sample::string(*example);
          // Longer cannot help once it is long enough, or when stretching adds nothing.
          const std::size_t length = base::code_point_count(*example);
          if (length >= min || (stretch > 0 && length == previous_length)) break;
          previous_length = length;
        }
      }
    }
    reason = understood ? fmt::format("no string the sample generator writes for the pattern {} also satisfies {}",
                                      *c.pattern, last_broken)
                        : fmt::format("the sample generator cannot write a string for the pattern {}", *c.pattern);
    return std::nullopt;
  }
  if (c.format) {
    const std::string plain = format_example(*c.format, n, 0);
    const std::size_t length = base::code_point_count(plain);
    const std::string text = format_example(*c.format, n, min > length ? min - length : 0);
    if (accept(text)) return Sample::string(text);
    reason = fmt::format("the sample for @format({}) does not satisfy {}", *c.format, last_broken);
    return std::nullopt;
  }
  std::string text = fmt::format("{} {}", hint, n);
  if (base::code_point_count(text) < min) text += std::string(min - base::code_point_count(text), 'x');
  if (c.max_length && base::code_point_count(text) > *c.max_length) text = fmt::format("{}", n);
  if (c.max_length && text.size() > *c.max_length) text = text.substr(text.size() - *c.max_length);
  if (accept(text)) return Sample::string(text);
  reason = fmt::format("no sample text satisfies {}", last_broken);
  return std::nullopt;
}

std::optional<Sample> Samples::number_value(ir::Scalar scalar, const ir::Constraints& c, int n, std::string& reason) const {
  const bool integer = scalar == ir::Scalar::Int;
  const double low = to_double(c.min).value_or(0);
  std::vector<std::string> candidates;
  if (std::isfinite(low)) {
    candidates.push_back(whole(std::ceil(low) + n));
    candidates.push_back(whole(std::ceil(low)));
  }
  if (c.min) candidates.push_back(*c.min);
  if (const auto high = to_double(c.max); high && std::isfinite(*high)) candidates.push_back(whole(std::floor(*high)));
  if (c.max) candidates.push_back(*c.max);
  for (const std::string& text : candidates) {
    if (!is_number_spelling(text)) continue;
    if (integer && text.find_first_of(".eE") != std::string::npos) continue;
    if (c.min && compare_numbers(text, *c.min).value_or(-1) < 0) continue;
    if (c.max && compare_numbers(text, *c.max).value_or(1) > 0) continue;
    if (scalar == ir::Scalar::Decimal) {
      if (!search(text, ir::decimal_pattern(c))) continue;
      return Sample::string(text);
    }
    return Sample::number(text);
  }
  reason = "no sample number lies within its bounds and precision";
  return std::nullopt;
}

std::optional<Sample> Samples::value(ir::TypeId id, const ir::Constraints& c, int n, std::string_view hint, int depth,
                                     std::string& reason) const {
  const ir::Module& m = model_.module();
  if (depth > kMaxDepth) {
    reason = "its type nests too deeply for a sample";
    return std::nullopt;
  }
  const ir::Type& type = m.type(id);
  switch (type.kind) {
    case ir::Type::Kind::Alias: return value(m.aliases[type.declaration].target, c, n, hint, depth + 1, reason);
    case ir::Type::Kind::Optional: return value(type.element, c, n, hint, depth + 1, reason);
    case ir::Type::Kind::Enum: {
      const ir::Enum& e = m.enums[type.declaration];
      return Sample::string(std::string(ir::wire_name(e.values[static_cast<std::size_t>(n) % e.values.size()])));
    }
    case ir::Type::Kind::Struct: {
      Sample out{Sample::Kind::Object, {}, ir::EntityId::none(), {}};
      for (ir::FieldId f : m.structs[type.declaration].fields) {
        const ir::Field& field = m.field(f);
        auto member = value(field.type, model_.constraints(f), n, field.name, depth + 1, reason);
        if (!member) {
          reason = fmt::format("its member `{}`: {}", field.name, reason);
          return std::nullopt;
        }
        out.members.emplace_back(field.name, std::move(*member));
      }
      return out;
    }
    case ir::Type::Kind::Entity: return Sample::reference(ir::EntityId{type.declaration});
    case ir::Type::Kind::List: {
      Sample out{Sample::Kind::List, {}, ir::EntityId::none(), {}};
      for (std::uint64_t k = 0; k < c.min_length.value_or(0); ++k) {
        auto item = value(type.element, ir::alias_constraints(m, type.element), n + static_cast<int>(k), hint, depth + 1, reason);
        if (!item) return std::nullopt;
        out.members.emplace_back(std::string(), std::move(*item));
      }
      return out;
    }
    case ir::Type::Kind::Map: return Sample{Sample::Kind::Object, {}, ir::EntityId::none(), {}};
    case ir::Type::Kind::Scalar: break;
  }
  switch (type.scalar) {
    case ir::Scalar::String:
    case ir::Scalar::Text: return string_value(c, n, hint, reason);
    case ir::Scalar::Int:
    case ir::Scalar::Float:
    case ir::Scalar::Decimal: return number_value(type.scalar, c, n, reason);
    case ir::Scalar::Bool: return Sample::boolean(n % 2 == 0);
    case ir::Scalar::Uuid: return Sample::string(format_example("uuid", n, 0));
    case ir::Scalar::Date: return Sample::string(format_example("date", n, 0));
    case ir::Scalar::DateTime: return Sample::string(format_example("date-time", n, 0));
    case ir::Scalar::Duration: return Sample::string(fmt::format("PT{}H", n));
    case ir::Scalar::Bytes: return Sample::string("c2FtcGxl");
    case ir::Scalar::Json: {
      Sample out{Sample::Kind::Object, {}, ir::EntityId::none(), {}};
      out.members.emplace_back("sample", Sample::number(std::to_string(n)));
      return out;
    }
  }
  reason = "its type has no sample";
  return std::nullopt;
}

std::optional<Sample> Samples::valid(ir::FieldId id, int n, std::string* reason) const {
  const ir::Field& field = model_.module().field(id);
  ir::Constraints constraints = model_.constraints(id);
  // A list in a query string is its key repeated: an empty list is no key at all, which a
  // required parameter may not be. Such a parameter gets one value at least.
  if (field.owner.kind == ir::FieldOwner::Kind::Operation && model_.base(field.type).kind == ir::Type::Kind::List &&
      !model_.is_optional(field.type) && !field.default_value &&
      !method_has_body(model_.module().operations[field.owner.index].method)) {
    constraints.min_length = std::max<std::uint64_t>(constraints.min_length.value_or(0), 1);
  }
  std::string why;
  auto out = value(field.type, constraints, n, field.name, 0, why);
  if (!out && reason != nullptr) *reason = std::move(why);
  return out;
}

std::vector<InvalidSample> Samples::invalid(ir::FieldId id) const {
  const ir::Field& field = model_.module().field(id);
  const ir::Constraints c = model_.constraints(id);
  const ir::Type& type = model_.base(field.type);
  std::vector<InvalidSample> out;
  if (model_.required_on_create(id)) out.push_back({"required", std::nullopt});
  if (type.kind == ir::Type::Kind::Scalar) {
    switch (type.scalar) {
      case ir::Scalar::String:
      case ir::Scalar::Text: {
        out.push_back({"type", Sample::number("12345")});
        if (c.min_length && *c.min_length > 0) out.push_back({"minLength", Sample::string(std::string(*c.min_length - 1, 'a'))});
        if (c.max_length && *c.max_length < 10000) out.push_back({"maxLength", Sample::string(std::string(*c.max_length + 1, 'a'))});
        if (c.pattern) {
          if (auto bad = refused_by(*c.pattern)) out.push_back({"pattern", Sample::string(*bad)});
        }
        if (c.format) {
          if (const auto pattern = ir::format_pattern(*c.format)) {
            if (auto bad = refused_by(*pattern)) out.push_back({"format", Sample::string(*bad)});
          }
        }
        break;
      }
      case ir::Scalar::Int:
      case ir::Scalar::Float:
        out.push_back({"type", Sample::string("text")});
        if (type.scalar == ir::Scalar::Int) out.push_back({"integer", Sample::number("1.5")});
        if (const auto min = to_double(c.min); min && std::isfinite(*min)) out.push_back({"min", Sample::number(whole(std::floor(*min) - 1))});
        if (const auto max = to_double(c.max); max && std::isfinite(*max)) out.push_back({"max", Sample::number(whole(std::ceil(*max) + 1))});
        break;
      case ir::Scalar::Decimal:
        out.push_back({"type", Sample::string("twelve")});
        if (const auto min = to_double(c.min); min && std::isfinite(*min)) out.push_back({"min", Sample::string(whole(std::floor(*min) - 1))});
        if (const auto max = to_double(c.max); max && std::isfinite(*max)) out.push_back({"max", Sample::string(whole(std::ceil(*max) + 1))});
        if (c.precision) out.push_back({"precision", Sample::string(std::string(*c.precision + 1, '1'))});
        break;
      case ir::Scalar::Bool: out.push_back({"type", Sample::string("yes")}); break;
      case ir::Scalar::Uuid: out.push_back({"type", Sample::string("not-a-uuid")}); break;
      case ir::Scalar::Date: out.push_back({"type", Sample::string("15/01/2024")}); break;
      case ir::Scalar::DateTime: out.push_back({"type", Sample::string("yesterday")}); break;
      default: break;
    }
  } else if (type.kind == ir::Type::Kind::Enum) {
    out.push_back({"enum", Sample::string("notAValue~")});
  } else if (type.kind == ir::Type::Kind::List) {
    out.push_back({"type", Sample::string("not a list")});
  }
  return out;
}

}  // namespace bpc::backends::service
