#pragma once

// Who may call an operation: the policies and `by` clauses of a blueprint, resolved for one
// operation. Shared by every backend that documents or enforces access (openapi describes it,
// typescript enforces it), so they cannot disagree.
//
// A policy rule covers an operation when one of its actions names the operation's action (`read`
// covers get and list, `list` only list; create, update, delete; the trigger of a transition; the
// name of a custom operation; `*` everything) and its targets include the operation's entity, its
// workflow or its API (no targets: every target). Unconditional allow rules and `by` clauses grant
// roles; allow rules with a `when` condition grant only when the hand-written condition holds;
// deny rules, with or without a condition, refuse (deny wins over allow).

#include <string>
#include <vector>

#include "ir/ir.h"

namespace bpc::backends {

struct RoleSet {
  bool every = false;           // `*`
  std::vector<ir::RoleId> roles;  // when not every, in declaration order
};

struct ConditionalRule {
  RoleSet roles;
  std::string condition;  // empty: unconditional (denials only)
};

struct OperationAccess {
  RoleSet granted;                      // unconditional grants
  std::vector<ConditionalRule> conditional_grants;
  std::vector<ConditionalRule> denials;
};

// The actions a policy rule may name that cover the operation.
std::vector<std::string> covering_actions(const ir::Module& module, const ir::Operation& op);
bool rule_covers(const ir::Module& module, const ir::PolicyRule& rule, const ir::Operation& op);
OperationAccess operation_access(const ir::Module& module, const ir::Operation& op);

// Whether the role may call the operation without any condition: granted, and no denial (with a
// condition or not) names it.
bool role_always_permitted(const OperationAccess& access, ir::RoleId role);

}  // namespace bpc::backends
