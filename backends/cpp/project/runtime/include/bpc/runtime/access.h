#pragma once

// Role-based access control. A bearer token is mapped to a Principal (who, and which roles) by a
// pluggable TokenVerifier; each operation has an Access rule computed from the blueprint's
// policies and `by` clauses. Deny wins over allow. A named condition (`when isOwner`) is a hook
// written by hand (handlers.cpp); until it is written it fails closed: its allow rules do not
// apply and its deny rules do.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bpc::runtime {

struct Principal {
  std::string subject{};  // what an `@owner` field holds
  std::vector<std::string> roles{};
  std::optional<std::string> tenant{};
};

class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // The principal a token identifies; nullopt when the token is not valid.
  virtual std::optional<Principal> verify(const std::string& token) const = 0;
};

// Development tokens from a string such as `alice=Admin,bob=Member+Intern;tenant=acme;subject=bob`:
// comma-separated `token=Role+Role` entries, each optionally followed by `;tenant=ID` and
// `;subject=ID` (the token itself when left out). Never use them in production.
class StaticTokenVerifier final : public TokenVerifier {
 public:
  explicit StaticTokenVerifier(const std::string& spec);
  std::optional<Principal> verify(const std::string& token) const override;

 private:
  std::map<std::string, Principal, std::less<>> principals_;
};

// Roles a rule names: every role (`*`), or some.
struct RoleSet {
  bool every = false;
  std::vector<std::string> roles{};
};

struct ConditionalRule {
  RoleSet roles{};
  std::string condition{};  // "" for none
};

struct Access {
  RoleSet granted{};
  std::vector<ConditionalRule> conditional_grants{};
  std::vector<ConditionalRule> denials{};
};

struct AccessRequest {
  const Principal& principal;
  const std::string& operation;
  std::optional<std::string> record_id{};  // the `{id}` the route addresses, as text
};

// A hand-written condition: true or false when it has been written, nullopt while it has not.
using AccessCondition = std::function<std::optional<bool>(const AccessRequest&)>;
using AccessConditions = std::map<std::string, AccessCondition, std::less<>>;

// Whether the rule lets the principal call the operation (deny wins).
bool permits(const Access& access, const AccessRequest& request, const AccessConditions& conditions);

}  // namespace bpc::runtime
