// Mangling and the Namer (naming.h); casing and the reserved-word tables are base/'s. Escaping is in escape.cpp.

#include "backends/support/naming.h"

#include <algorithm>
#include <set>

namespace bpc::backends {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

bool contains(std::span<const std::string_view> words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Whether the target reserves names of this shape (rule 1 of naming.h).
bool reserved_shape(std::string_view name, Target target) {
  switch (target) {
    case Target::TypeScript:
      return name.starts_with("__");
    case Target::Python:
      return name.starts_with("_");
    case Target::Cpp:
      return name.starts_with("_") || name.find("__") != std::string_view::npos;
  }
  return false;
}

std::string mangle_with(std::string_view name, Target target, NameKind kind,
                        std::span<const std::string_view> extra) {
  std::string s;
  s.reserve(name.size() + 2);
  for (char c : name) s += is_alnum(c) ? c : '_';

  bool mark = false;
  if (reserved_shape(s, target)) {
    const std::size_t first = s.find_first_not_of('_');
    s = first == std::string::npos ? std::string() : s.substr(first, s.find_last_not_of('_') - first + 1);
    if (target == Target::Cpp) {
      s.erase(std::unique(s.begin(), s.end(), [](char a, char b) { return a == '_' && b == '_'; }), s.end());
    }
    mark = true;
  }
  if (s.empty()) {
    s = "unnamed";
    mark = true;
  }
  if (is_digit(s[0])) {
    const auto letter = std::find_if(s.begin(), s.end(), [](char c) { return is_upper(c) || is_lower(c); });
    s.insert(s.begin(), letter != s.end() && is_upper(*letter) ? 'N' : 'n');
  }
  if (mark) s += '_';
  while (is_reserved(s, target, kind) || contains(extra, s)) {
    // In C++ a second `_` would make `__`, reserved itself.
    s += target == Target::Cpp && s.back() == '_' ? "x_" : "_";
  }
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Casing.

std::string to_case(std::string_view name, Case convention) {
  switch (convention) {
    case Case::AsIs:
      return std::string(name);
    case Case::Pascal:
      return to_pascal_case(name);
    case Case::Camel:
      return to_camel_case(name);
    case Case::Snake:
      return to_snake_case(name);
    case Case::ScreamingSnake:
      return to_screaming_snake_case(name);
    case Case::Kebab:
      return to_kebab_case(name);
  }
  return std::string(name);
}

// ---------------------------------------------------------------------------------------------
// Reserved words and mangling.

bool is_reserved(std::string_view identifier, Target target, NameKind kind) {
  return is_reserved_word(identifier, target, kind);
}

std::string mangle(std::string_view name, Target target, NameKind kind) {
  return mangle_with(name, target, kind, {});
}

std::string identifier(std::string_view name, Target target, Case convention, NameKind kind) {
  return mangle(to_case(name, convention), target, kind);
}

// ---------------------------------------------------------------------------------------------
// The Namer.

void Namer::define(std::string_view scope, std::span<const std::string> names, Case convention,
                   NameKind kind, std::span<const std::string_view> reserved) {
  define_names(scope, std::vector<std::string_view>(names.begin(), names.end()), convention, kind, reserved);
}

void Namer::define(std::string_view scope, std::initializer_list<std::string_view> names, Case convention,
                   NameKind kind, std::initializer_list<std::string_view> reserved) {
  define_names(scope, std::vector<std::string_view>(names), convention, kind,
               std::span<const std::string_view>(reserved.begin(), reserved.size()));
}

void Namer::define_names(std::string_view scope, std::vector<std::string_view> names, Case convention,
                         NameKind kind, std::span<const std::string_view> reserved) {
  if (has_scope(scope)) throw NamingError("namer: scope `" + std::string(scope) + "` defined twice");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  // Candidates, grouped; within a group the names stay in bytewise order.
  std::map<std::string, std::vector<std::string_view>> groups;
  for (std::string_view name : names) {
    groups[mangle_with(to_case(name, convention), target_, kind, reserved)].push_back(name);
  }

  std::map<std::string, std::string, std::less<>> result;
  std::set<std::string, std::less<>> taken;
  std::vector<std::pair<std::string_view, const std::string*>> losers;
  for (const auto& [candidate, group] : groups) {
    const auto exact = std::find(group.begin(), group.end(), candidate);
    const std::string_view winner = exact != group.end() ? *exact : group.front();
    result.emplace(std::string(winner), candidate);
    taken.insert(candidate);
    for (std::string_view name : group) {
      if (name != winner) losers.emplace_back(name, &candidate);
    }
  }
  std::sort(losers.begin(), losers.end());
  for (const auto& [name, candidate] : losers) {
    const std::string base = candidate->back() == '_' ? *candidate : *candidate + "_";
    for (int n = 2;; ++n) {
      std::string id = base + std::to_string(n);
      if (taken.count(id) != 0 || is_reserved(id, target_, kind) || contains(reserved, id)) continue;
      taken.insert(id);
      result.emplace(std::string(name), std::move(id));
      break;
    }
  }
  scopes_.emplace(std::string(scope), std::move(result));
}

const std::map<std::string, std::string, std::less<>>& Namer::scope(std::string_view scope) const {
  const auto found = scopes_.find(scope);
  if (found == scopes_.end()) throw NamingError("namer: undefined scope `" + std::string(scope) + "`");
  return found->second;
}

const std::string& Namer::get(std::string_view scope_name, std::string_view name) const {
  const auto& names = scope(scope_name);
  const auto found = names.find(name);
  if (found == names.end()) {
    throw NamingError("namer: `" + std::string(name) + "` is not defined in scope `" + std::string(scope_name) +
                      "`");
  }
  return found->second;
}

}  // namespace bpc::backends
