#include "backends/typescript/sample_values.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "base/pattern.h"
#include "ir/formats.h"

namespace bpc::backends::typescript {

namespace {

// ---- a string for a pattern ---------------------------------------------------------------------

// A recursive-descent walk over the pattern that writes the shortest string each piece matches,
// choosing the `variant`-th member of the first character class so records differ. Its depth is
// the pattern's group nesting, which the checker bounds (base::kMaxPatternGroupDepth).
class PatternExample {
 public:
  PatternExample(std::string_view pattern, int variant) : p_(pattern), remaining_(static_cast<std::size_t>(variant)) {}

  std::optional<std::string> run() {
    std::string out;
    if (!alternation(out) || i_ != p_.size()) return std::nullopt;
    return out;
  }

 private:
  bool alternation(std::string& out) {
    std::string first;
    if (!sequence(first)) return false;
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      std::string ignored;
      if (!sequence(ignored)) return false;
    }
    out += first;
    return true;
  }

  bool sequence(std::string& out) {
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      // Each repetition is generated again, so `[0-9]{8}` gives eight independent picks.
      const std::size_t start = i_;
      std::string atom_text;
      if (!atom(atom_text)) return false;
      std::size_t repeat = 1;
      if (!quantifier(repeat)) return false;
      const std::size_t end = i_;
      if (repeat > 0) out += atom_text;
      for (std::size_t k = 1; k < repeat; ++k) {
        i_ = start;
        std::string again;
        if (!atom(again)) return false;
        out += again;
      }
      i_ = end;
    }
    return true;
  }

  bool quantifier(std::size_t& repeat) {
    if (i_ >= p_.size()) return true;
    const char c = p_[i_];
    if (c == '*' || c == '?') {
      repeat = 0;
      ++i_;
    } else if (c == '+') {
      repeat = 1;
      ++i_;
    } else if (c == '{') {
      const std::size_t close = p_.find('}', i_);
      if (close == std::string_view::npos) return false;
      const std::string body(p_.substr(i_ + 1, close - i_ - 1));
      try {
        repeat = static_cast<std::size_t>(std::stoul(body));
      } catch (...) {
        return false;
      }
      if (repeat > 64) return false;
      i_ = close + 1;
    } else {
      return true;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy
    return true;
  }

  // The variant written in a mixed radix, least significant digit first: one digit per pick.
  char pick(const std::string& members) {
    if (members.empty()) return 'a';
    const char c = members[(remaining_ % members.size())];
    remaining_ /= members.size();
    return c;
  }

  static std::string printable() {
    std::string all;
    for (char c = 'a'; c <= 'z'; ++c) all += c;
    for (char c = '0'; c <= '9'; ++c) all += c;
    for (char c = 'A'; c <= 'Z'; ++c) all += c;
    all += " -_.@";
    return all;
  }

  static std::string escape_class(char e) {
    switch (e) {
      case 'd': return "0123456789";
      case 'w': return "abcdefghijklmnopqrstuvwxyz0123456789";
      case 's': return " ";
      case 'D': return "abc";
      case 'W': return "-";
      case 'S': return "abc";
      case 'n': return "\n";
      case 't': return "\t";
      default: return std::string(1, e);
    }
  }

  bool atom(std::string& out) {
    const char c = p_[i_];
    if (c == '^' || c == '$') {
      ++i_;
      return true;
    }
    if (c == '(') {
      ++i_;
      if (p_.substr(i_, 2) == "?:") i_ += 2;
      else if (i_ < p_.size() && p_[i_] == '?') return false;  // lookarounds
      if (!alternation(out)) return false;
      if (i_ >= p_.size() || p_[i_] != ')') return false;
      ++i_;
      return true;
    }
    if (c == '[') return character_class(out);
    if (c == '.') {
      ++i_;
      out += pick("abcxyz");
      return true;
    }
    if (c == '\\') {
      if (i_ + 1 >= p_.size()) return false;
      const char e = p_[i_ + 1];
      if (e == 'b' || e == 'B' || (e >= '1' && e <= '9') || e == 'u' || e == 'x' || e == 'p') return false;
      i_ += 2;
      out += pick(escape_class(e));
      return true;
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') return false;
    out += c;
    ++i_;
    return true;
  }

  bool character_class(std::string& out) {
    ++i_;
    bool negated = false;
    if (i_ < p_.size() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    std::string members;
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      char lo = p_[i_];
      if (lo == '\\') {
        if (i_ + 1 >= p_.size()) return false;
        const std::string set = escape_class(p_[i_ + 1]);
        i_ += 2;
        if (set.size() > 1) {
          members += set;
          continue;
        }
        lo = set[0];
      } else {
        ++i_;
      }
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        char hi = p_[i_ + 1];
        i_ += 2;
        if (hi == '\\') {
          if (i_ >= p_.size()) return false;
          hi = p_[i_++];
        }
        for (int ch = static_cast<unsigned char>(lo); ch <= static_cast<unsigned char>(hi) && ch < 128; ++ch) {
          members += static_cast<char>(ch);
        }
      } else {
        members += lo;
      }
    }
    if (i_ >= p_.size()) return false;
    ++i_;  // ]
    if (negated) {
      std::string allowed;
      for (char ch : printable()) {
        if (members.find(ch) == std::string::npos) allowed += ch;
      }
      members = allowed;
    }
    // Prefer letters and digits, then anything else the class allows.
    std::string preferred;
    for (char ch : members) {
      if (std::isalnum(static_cast<unsigned char>(ch))) preferred += ch;
    }
    out += pick(preferred.empty() ? members : preferred);
    return true;
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::size_t remaining_;
};

// Whether `pattern` (of the dialect, or a format's) matches somewhere in `text`, as the generated
// validators will: compiled once per pattern, matched by RE2 in linear time.
bool search(const std::string& text, std::string_view pattern) {
  static std::mutex mutex;  // backends run on threads of their own
  static std::map<std::string, std::unique_ptr<base::Pattern>, std::less<>> compiled;
  const base::Pattern* found = nullptr;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    auto it = compiled.find(pattern);
    if (it == compiled.end()) it = compiled.emplace(std::string(pattern), std::make_unique<base::Pattern>(pattern)).first;
    found = it->second.get();
  }
  return found->ok() && found->search(text);
}

bool fits(const std::string& text, const ir::Constraints& c) {
  const std::size_t length = base::code_point_count(text);  // as the checker and the validators count
  if (c.min_length && length < *c.min_length) return false;
  if (c.max_length && length > *c.max_length) return false;
  if (c.pattern && !search(text, *c.pattern)) return false;
  if (c.format) {
    if (const auto pattern = ir::format_pattern(*c.format); pattern && !search(text, *pattern)) return false;
  }
  return true;
}

std::optional<double> number(const std::optional<std::string>& spelling) {
  if (!spelling) return std::nullopt;
  try {
    return std::stod(*spelling);
  } catch (...) {
    return std::nullopt;
  }
}

// A whole number as text, for any double (a cast to an integer would be undefined beyond 64 bits).
std::string whole(double value) {
  if (value > -9.0e15 && value < 9.0e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.0f}", value);
}

std::string format_example(std::string_view format, int n) {
  if (format == "email") return fmt::format("user{}@example.com", n);
  if (format == "uri") return fmt::format("https://example.com/{}", n);
  if (format == "uuid") return fmt::format("00000000-0000-4000-8000-{:012}", n);
  if (format == "date") return fmt::format("2024-01-{:02}", 10 + n % 18);
  if (format == "date-time") return fmt::format("2024-01-15T10:00:{:02}Z", n % 60);
  if (format == "hostname") return fmt::format("host{}.example.com", n);
  if (format == "ipv4") return fmt::format("10.0.0.{}", n % 250);
  if (format == "ipv6") return fmt::format("::{}", n);
  return fmt::format("value{}", n);
}

}  // namespace

std::optional<std::string> example_for_pattern(std::string_view pattern, int variant) {
  return PatternExample(pattern, variant).run();
}

ir::Constraints effective_constraints(const ir::Module& module, const ir::Field& field) {
  ir::Constraints out = ir::alias_constraints(module, field.type);
  ir::override_constraints(out, *field.constraints);
  out.unique = field.constraints->unique;
  return out;
}

std::optional<std::string> SampleValues::string_value(const ir::Constraints& c, int n, std::string_view hint) const {
  std::vector<std::string> candidates;
  if (c.pattern) {
    for (int v = n; v < n + 8; ++v) {
      if (auto example = example_for_pattern(*c.pattern, v)) candidates.push_back(*example);
    }
  } else if (c.format) {
    candidates.push_back(format_example(*c.format, n));
  } else {
    std::string text = fmt::format("{} {}", hint, n);
    const std::size_t min = c.min_length.value_or(0);
    while (text.size() < min) text += 'x';
    if (c.max_length && text.size() > *c.max_length) text = text.substr(text.size() - *c.max_length);
    candidates.push_back(text);
  }
  for (const std::string& text : candidates) {
    if (fits(text, c)) return TsContext::string(text);
  }
  return std::nullopt;
}

std::optional<std::string> SampleValues::value(ir::TypeId id, const ir::Constraints& c, int n, std::string_view hint,
                                               int depth) const {
  const ir::Module& m = ctx_.module();
  if (depth > 8) return std::nullopt;
  const ir::Type& type = m.type(id);
  switch (type.kind) {
    case ir::Type::Kind::Alias: return value(m.aliases[type.declaration].target, c, n, hint, depth + 1);
    case ir::Type::Kind::Optional: return value(type.element, c, n, hint, depth + 1);
    case ir::Type::Kind::Enum: {
      const ir::Enum& e = m.enums[type.declaration];
      return TsContext::string(e.values[static_cast<std::size_t>(n) % e.values.size()].name);
    }
    case ir::Type::Kind::Struct: {
      std::vector<std::string> members;
      for (ir::FieldId f : m.structs[type.declaration].fields) {
        const ir::Field& field = m.field(f);
        const auto v = value(field.type, effective_constraints(m, field), n, field.name, depth + 1);
        if (!v) return std::nullopt;
        members.push_back(fmt::format("{}: {}", TsContext::key(field.name), *v));
      }
      return fmt::format("{{ {} }}", fmt::join(members, ", "));
    }
    case ir::Type::Kind::Entity: return fmt::format("await ref({})", TsContext::string(m.entities[type.declaration].name));
    case ir::Type::Kind::List: {
      std::vector<std::string> items;
      for (std::uint64_t k = 0; k < c.min_length.value_or(0); ++k) {
        const auto v = value(type.element, ir::Constraints{}, n + static_cast<int>(k), hint, depth + 1);
        if (!v) return std::nullopt;
        items.push_back(*v);
      }
      return fmt::format("[{}]", fmt::join(items, ", "));
    }
    case ir::Type::Kind::Map: return std::string("{}");
    case ir::Type::Kind::Scalar: break;
  }
  switch (type.scalar) {
    case ir::Scalar::String:
    case ir::Scalar::Text: return string_value(c, n, hint);
    case ir::Scalar::Int:
    case ir::Scalar::Float: {
      double v = number(c.min).value_or(0) + n;
      if (const auto max = number(c.max); max && v > *max) v = *max;
      return whole(v);
    }
    case ir::Scalar::Decimal: {
      double v = number(c.min).value_or(0) + n;
      if (const auto max = number(c.max); max && v > *max) v = *max;
      return TsContext::string(whole(v));
    }
    case ir::Scalar::Bool: return std::string(n % 2 == 0 ? "true" : "false");
    case ir::Scalar::Uuid: return TsContext::string(format_example("uuid", n));
    case ir::Scalar::Date: return TsContext::string(format_example("date", n));
    case ir::Scalar::DateTime: return TsContext::string(format_example("date-time", n));
    case ir::Scalar::Duration: return TsContext::string(fmt::format("PT{}H", n));
    case ir::Scalar::Bytes: return TsContext::string("c2FtcGxl");
    case ir::Scalar::Json: return fmt::format("{{ sample: {} }}", n);
  }
  return std::nullopt;
}

std::optional<std::string> SampleValues::valid(ir::FieldId id, int n) const {
  const ir::Field& field = ctx_.module().field(id);
  return value(field.type, effective_constraints(ctx_.module(), field), n, field.name, 0);
}

std::vector<InvalidValue> SampleValues::invalid(ir::FieldId id) const {
  const ir::Module& m = ctx_.module();
  const ir::Field& field = m.field(id);
  const ir::Constraints c = effective_constraints(m, field);
  const ir::Type& type = ctx_.base(field.type);
  std::vector<InvalidValue> out;
  const bool required = !ctx_.is_optional(field.type) && ctx_.default_of(field) == nullptr;
  if (required) out.push_back({"required", std::nullopt});
  if (type.kind == ir::Type::Kind::Scalar) {
    switch (type.scalar) {
      case ir::Scalar::String:
      case ir::Scalar::Text: {
        out.push_back({"type", "12345"});
        if (c.min_length && *c.min_length > 0) {
          out.push_back({"minLength", TsContext::string(std::string(*c.min_length - 1, 'a'))});
        }
        if (c.max_length && *c.max_length < 10000) {
          out.push_back({"maxLength", TsContext::string(std::string(*c.max_length + 1, 'a'))});
        }
        const auto broken = [&](std::string_view pattern) -> std::optional<std::string> {
          for (const char* candidate : {"!", "~~", "", "a b", "zz@", "0"}) {
            if (!search(candidate, pattern)) return std::string(candidate);
          }
          return std::nullopt;
        };
        if (c.pattern) {
          if (auto bad = broken(*c.pattern)) out.push_back({"pattern", TsContext::string(*bad)});
        }
        if (c.format) {
          if (const auto pattern = ir::format_pattern(*c.format)) {
            if (auto bad = broken(*pattern)) out.push_back({"format", TsContext::string(*bad)});
          }
        }
        break;
      }
      case ir::Scalar::Int:
      case ir::Scalar::Float:
        out.push_back({"type", "'text'"});
        if (type.scalar == ir::Scalar::Int) out.push_back({"integer", "1.5"});
        if (const auto min = number(c.min)) out.push_back({"min", fmt::format("{}", *min - 1)});
        if (const auto max = number(c.max)) out.push_back({"max", fmt::format("{}", *max + 1)});
        break;
      case ir::Scalar::Decimal:
        out.push_back({"type", "'twelve'"});
        if (const auto min = number(c.min)) out.push_back({"min", TsContext::string(whole(*min - 1))});
        if (const auto max = number(c.max)) out.push_back({"max", TsContext::string(whole(*max + 1))});
        if (c.precision) out.push_back({"precision", TsContext::string(std::string(*c.precision + 1, '1'))});
        break;
      case ir::Scalar::Bool: out.push_back({"type", "'yes'"}); break;
      case ir::Scalar::Uuid: out.push_back({"type", "'not-a-uuid'"}); break;
      case ir::Scalar::Date: out.push_back({"type", "'15/01/2024'"}); break;
      case ir::Scalar::DateTime: out.push_back({"type", "'yesterday'"}); break;
      default: break;
    }
  } else if (type.kind == ir::Type::Kind::Enum) {
    out.push_back({"enum", TsContext::string("notAValue~")});
  } else if (type.kind == ir::Type::Kind::List) {
    out.push_back({"type", "'not a list'"});
  }
  return out;
}

}  // namespace bpc::backends::typescript
