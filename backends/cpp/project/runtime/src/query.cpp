#include "bpc/runtime/query.h"

#include <algorithm>

namespace bpc::runtime {

namespace {

std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// A datetime as its UTC spelling; fractions compare digit by digit after the seconds.
std::string datetime_key(const Json& value) {
  const std::string text = text_of(value);
  std::string utc = utc_datetime(text).value_or(text);
  if (!utc.empty() && utc.back() == 'Z') utc.pop_back();
  if (utc.size() == 19) utc += ".";  // no fraction sorts before any fraction
  while (utc.size() > 20 && utc.back() == '0') utc.pop_back();
  return utc;
}

// Code point order is byte order in UTF-8.
int compare_text(const std::string& a, const std::string& b) {
  const int order = a.compare(b);
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

template <class T>
int sign(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Decodes one code point of UTF-8 from `text` at `at`, moving `at` past it.
std::uint32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i])); };
  const std::uint32_t first = byte(at);
  std::size_t length = first < 0x80U ? 1 : ((first >> 5U) == 0x6U ? 2 : ((first >> 4U) == 0xEU ? 3 : 4));
  if (at + length > text.size()) length = 1;
  std::uint32_t code = length == 1 ? first : (length == 2 ? (first & 0x1FU) : (length == 3 ? (first & 0x0FU) : (first & 0x07U)));
  for (std::size_t i = 1; i < length; ++i) code = (code << 6U) | (byte(at + i) & 0x3FU);
  at += length;
  return code;
}

void append_code_point(std::string& out, std::uint32_t code) {
  if (code < 0x80U) {
    out += static_cast<char>(code);
  } else if (code < 0x800U) {
    out += static_cast<char>(0xC0U | (code >> 6U));
    out += static_cast<char>(0x80U | (code & 0x3FU));
  } else if (code < 0x10000U) {
    out += static_cast<char>(0xE0U | (code >> 12U));
    out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (code & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (code >> 18U));
    out += static_cast<char>(0x80U | ((code >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (code & 0x3FU));
  }
}

std::uint32_t lower_code_point(std::uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0U && c <= 0xDEU && c != 0xD7U)) return c + 0x20U;
  if (c == 0x178U) return 0xFFU;  // Y with diaeresis
  if (c >= 0x100U && c <= 0x17FU && c != 0x130U && c != 0x131U && c != 0x138U && c != 0x149U && c != 0x17FU) {
    const bool odd_upper = (c >= 0x139U && c <= 0x148U) || (c >= 0x179U && c <= 0x17EU);
    if (odd_upper) return (c % 2 == 1) ? c + 1 : c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x391U && c <= 0x3ABU && c != 0x3A2U) return c + 0x20U;  // Greek
  if (c >= 0x410U && c <= 0x42FU) return c + 0x20U;                 // Cyrillic
  if (c >= 0x400U && c <= 0x40FU) return c + 0x50U;
  return c;
}

}  // namespace

std::string lower_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) append_code_point(out, lower_code_point(next_code_point(text, at)));
  return out;
}

int compare_values(const OrderKind& kind, const Json& a, const Json& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
  switch (kind.kind) {
    case OrderKind::Kind::Number:
      if (a.is_number_integer() && b.is_number_integer()) return sign(a.get<std::int64_t>(), b.get<std::int64_t>());
      return sign(a.get<double>(), b.get<double>());
    case OrderKind::Kind::Boolean: return sign(a.get<bool>() ? 1 : 0, b.get<bool>() ? 1 : 0);
    case OrderKind::Kind::Decimal: return compare_decimal(text_of(a), text_of(b)).value_or(compare_text(text_of(a), text_of(b)));
    case OrderKind::Kind::DateTime: return compare_text(datetime_key(a), datetime_key(b));
    case OrderKind::Kind::Enum: {
      const auto position = [&](const Json& value) {
        return std::find(kind.values.begin(), kind.values.end(), text_of(value)) - kind.values.begin();
      };
      return sign(position(a), position(b));
    }
    case OrderKind::Kind::Date:
    case OrderKind::Kind::Text: return compare_text(text_of(a), text_of(b));
  }
  return 0;
}

bool meets(const Condition& condition, const Json& value, const OrderKind* kind) {
  switch (condition.op) {
    case Operator::Absent: return value.is_null();
    case Operator::AnyOf: return std::find(condition.value.begin(), condition.value.end(), value) != condition.value.end();
    case Operator::Has: return value.is_array() && std::find(value.begin(), value.end(), condition.value) != value.end();
    default: break;
  }
  if (value.is_null()) return false;
  if (kind == nullptr) return condition.op == Operator::Equal && value == condition.value;
  const int order = compare_values(*kind, value, condition.value);
  switch (condition.op) {
    case Operator::Equal: return order == 0;
    case Operator::AtLeast: return order >= 0;
    case Operator::Above: return order > 0;
    case Operator::AtMost: return order <= 0;
    case Operator::Below: return order < 0;
    default: return false;
  }
}

bool contains_text(const Json& value, const std::string& text) {
  return value.is_string() && lower_case(value.get_ref<const std::string&>()).find(lower_case(text)) != std::string::npos;
}

std::vector<SortKey> sort_order(const std::string& sort) {
  std::vector<SortKey> out;
  std::size_t start = 0;
  while (start <= sort.size() && !sort.empty()) {
    const std::size_t end = std::min(sort.find(',', start), sort.size());
    std::string part = sort.substr(start, end - start);
    const bool descending = !part.empty() && part[0] == '-';
    if (descending) part.erase(0, 1);
    const bool seen = std::any_of(out.begin(), out.end(), [&](const SortKey& key) { return key.field == part; });
    if (!part.empty() && !seen) out.push_back({part, descending});
    start = end + 1;
  }
  return out;
}

}  // namespace bpc::runtime
