#include "bpc/runtime/access.h"

#include <algorithm>

namespace bpc::runtime {

namespace {

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool covers(const RoleSet& roles, const Principal& principal) {
  if (roles.every) return !principal.roles.empty();
  return std::any_of(principal.roles.begin(), principal.roles.end(), [&](const std::string& role) {
    return std::find(roles.roles.begin(), roles.roles.end(), role) != roles.roles.end();
  });
}

}  // namespace

StaticTokenVerifier::StaticTokenVerifier(const std::string& spec) {
  for (const std::string& entry : split(spec, ',')) {
    const std::vector<std::string> parts = split(entry, ';');
    const std::size_t equals = parts[0].find('=');
    if (equals == std::string::npos) continue;
    const std::string token = trimmed(std::string_view(parts[0]).substr(0, equals));
    if (token.empty()) continue;
    Principal principal;
    principal.subject = token;
    for (const std::string& role : split(std::string_view(parts[0]).substr(equals + 1), '+')) {
      if (!trimmed(role).empty()) principal.roles.push_back(trimmed(role));
    }
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const std::size_t at = parts[i].find('=');
      if (at == std::string::npos) continue;
      const std::string key = trimmed(std::string_view(parts[i]).substr(0, at));
      const std::string value = trimmed(std::string_view(parts[i]).substr(at + 1));
      if (key == "subject") principal.subject = value;
      if (key == "tenant" && !value.empty()) principal.tenant = value;
    }
    principals_[token] = std::move(principal);
  }
}

std::optional<Principal> StaticTokenVerifier::verify(const std::string& token) const {
  const auto it = principals_.find(token);
  if (it == principals_.end()) return std::nullopt;
  return it->second;
}

bool permits(const Access& access, const AccessRequest& request, const AccessConditions& conditions) {
  const auto holds = [&](const std::string& name) -> std::optional<bool> {
    const auto it = conditions.find(name);
    if (it == conditions.end() || !it->second) return std::nullopt;
    return it->second(request);
  };
  for (const ConditionalRule& denial : access.denials) {
    if (!covers(denial.roles, request.principal)) continue;
    if (denial.condition.empty() || holds(denial.condition) != std::optional<bool>(false)) return false;
  }
  if (covers(access.granted, request.principal)) return true;
  return std::any_of(access.conditional_grants.begin(), access.conditional_grants.end(), [&](const ConditionalRule& grant) {
    return covers(grant.roles, request.principal) && !grant.condition.empty() && holds(grant.condition) == std::optional<bool>(true);
  });
}

}  // namespace bpc::runtime
