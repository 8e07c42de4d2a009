#include "check/header_values.h"

#include <vector>

namespace bpc::lowering {

namespace {

bool ascii_alphanumeric(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool is_email(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= text.size()) return false;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == '"') return false;
  }
  return text.find('@', at + 1) == std::string_view::npos;
}

bool is_url(std::string_view text) {
  if (!text.starts_with("https://") && !text.starts_with("http://")) return false;
  if (text.size() <= (text[4] == 's' ? 8U : 7U)) return false;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

bool is_semantic_version(std::string_view text) {
  std::size_t at = 0;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (at >= text.size() || text[at] != '.') return false;
      ++at;
    }
    const std::size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start) return false;
  }
  for (const char introducer : {'-', '+'}) {
    if (at < text.size() && text[at] == introducer) {
      const std::size_t start = ++at;
      while (at < text.size() && (ascii_alphanumeric(text[at]) || text[at] == '.' || text[at] == '-')) ++at;
      if (at == start) return false;
    }
  }
  return at == text.size();
}

bool is_language_tag(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && text[at] >= 'a' && text[at] <= 'z') ++at;
  if (at < 2 || at > 3) return false;
  while (at < text.size()) {
    if (text[at] != '-' && text[at] != '_') return false;
    const std::size_t start = ++at;
    while (at < text.size() && ascii_alphanumeric(text[at])) ++at;
    if (at - start < 2 || at - start > 8) return false;
  }
  return true;
}

bool is_spdx_expression(std::string_view text) {
  // Tokens: identifiers, operators and parentheses; then an alternation of operands and
  // operators with balanced parentheses, checked in one pass.
  std::vector<std::string_view> tokens;
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == ' ') {
      ++at;
    } else if (c == '(' || c == ')') {
      tokens.push_back(text.substr(at, 1));
      ++at;
    } else {
      const std::size_t start = at;
      while (at < text.size() && (ascii_alphanumeric(text[at]) || text[at] == '.' || text[at] == '-' || text[at] == ':')) ++at;
      if (at < text.size() && text[at] == '+') ++at;
      if (at == start) return false;
      tokens.push_back(text.substr(start, at - start));
    }
  }
  int depth = 0;
  bool want_operand = true;
  for (const std::string_view token : tokens) {
    const bool is_operator = token == "AND" || token == "OR" || token == "WITH";
    if (token == "(") {
      if (!want_operand) return false;
      ++depth;
    } else if (token == ")") {
      if (want_operand || --depth < 0) return false;
    } else if (is_operator) {
      if (want_operand) return false;
      want_operand = true;
    } else {
      if (!want_operand || !ascii_alphanumeric(token.front())) return false;
      want_operand = false;
    }
  }
  return !tokens.empty() && depth == 0 && !want_operand;
}

std::optional<Contact> parse_contact(std::string_view text, std::string& problem) {
  Contact contact;
  std::string_view rest = trimmed(text);
  if (rest.empty()) {
    problem = "give a name, an e-mail address or a URL: \"Name <email> (url)\"";
    return std::nullopt;
  }
  if (is_email(rest)) {
    contact.email = std::string(rest);
    return contact;
  }
  if (is_url(rest)) {
    contact.url = std::string(rest);
    return contact;
  }
  const std::size_t open_email = rest.find('<');
  const std::size_t open_url = rest.find('(');
  contact.name = std::string(trimmed(rest.substr(0, std::min(open_email, open_url))));
  if (open_email != std::string_view::npos) {
    const std::size_t close = rest.find('>', open_email);
    if (close == std::string_view::npos || (open_url != std::string_view::npos && open_url < open_email)) {
      problem = "write the e-mail address in `<>` after the name";
      return std::nullopt;
    }
    const std::string_view email = trimmed(rest.substr(open_email + 1, close - open_email - 1));
    if (!is_email(email)) {
      problem = "the part in `<>` is not an e-mail address";
      return std::nullopt;
    }
    contact.email = std::string(email);
  }
  if (open_url != std::string_view::npos) {
    const std::size_t close = rest.rfind(')');
    if (close == std::string_view::npos || close < open_url || !trimmed(rest.substr(close + 1)).empty()) {
      problem = "write the URL in `()` at the end";
      return std::nullopt;
    }
    const std::string_view url = trimmed(rest.substr(open_url + 1, close - open_url - 1));
    if (!is_url(url)) {
      problem = "the part in `()` is not an http or https URL";
      return std::nullopt;
    }
    contact.url = std::string(url);
  } else if (open_email != std::string_view::npos && !trimmed(rest.substr(rest.find('>', open_email) + 1)).empty()) {
    problem = "nothing but a `(url)` may follow the e-mail address";
    return std::nullopt;
  }
  if (contact.name.find_first_of("<>()") != std::string::npos) {
    problem = "the name cannot contain `<`, `>`, `(` or `)`";
    return std::nullopt;
  }
  return contact;
}

}  // namespace bpc::lowering
