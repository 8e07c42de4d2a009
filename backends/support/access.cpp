#include "backends/support/access.h"

#include <algorithm>

namespace bpc::backends {

namespace {

RoleSet role_set(const std::vector<ir::RoleId>& roles) {
  RoleSet set;
  set.every = roles.empty();
  set.roles = roles;
  return set;
}

bool contains(const RoleSet& set, ir::RoleId role) {
  return set.every || std::find(set.roles.begin(), set.roles.end(), role) != set.roles.end();
}

}  // namespace

std::vector<std::string> covering_actions(const ir::Module& module, const ir::Operation& op) {
  switch (op.kind) {
    case ir::Operation::Kind::List:
    case ir::Operation::Kind::Related: return {"list", "read"};  // the records listed
    case ir::Operation::Kind::Get: return {"read"};
    case ir::Operation::Kind::Create: return {"create"};
    case ir::Operation::Kind::Update: return {"update"};
    case ir::Operation::Kind::Delete: return {"delete"};
    case ir::Operation::Kind::Restore: return {"delete"};  // who may delete a record may restore it
    case ir::Operation::Kind::Download: return {"read"};
    case ir::Operation::Kind::Upload: return {"update"};
    case ir::Operation::Kind::Transition:
      return {module.workflows[op.workflow.index].transitions[op.transition].trigger};
    case ir::Operation::Kind::Custom: return {op.name};
  }
  return {op.name};
}

bool rule_covers(const ir::Module& module, const ir::PolicyRule& rule, const ir::Operation& op) {
  const std::vector<std::string> names = covering_actions(module, op);
  const bool action = rule.actions.empty() || std::any_of(rule.actions.begin(), rule.actions.end(), [&](const std::string& a) {
                        return a == "*" || std::find(names.begin(), names.end(), a) != names.end();
                      });
  if (!action) return false;
  if (rule.targets.empty() && rule.target_apis.empty() && rule.target_workflows.empty()) return true;
  if (!op.entity.is_none() && std::find(rule.targets.begin(), rule.targets.end(), op.entity) != rule.targets.end()) return true;
  if (!op.workflow.is_none() &&
      std::find(rule.target_workflows.begin(), rule.target_workflows.end(), op.workflow) != rule.target_workflows.end()) {
    return true;
  }
  return std::find(rule.target_apis.begin(), rule.target_apis.end(), op.api) != rule.target_apis.end();
}

OperationAccess operation_access(const ir::Module& module, const ir::Operation& op) {
  OperationAccess access;
  std::vector<bool> granted(module.roles.size(), false);
  for (ir::RoleId role : *op.roles) granted[role.index] = true;
  bool everyone = false;
  for (const ir::Policy& policy : module.policies) {
    for (const ir::PolicyRule& rule : policy.rules) {
      if (!rule_covers(module, rule, op)) continue;
      if (!rule.allow) {
        access.denials.push_back({role_set(rule.roles), rule.guard});
      } else if (!rule.guard.empty()) {
        access.conditional_grants.push_back({role_set(rule.roles), rule.guard});
      } else if (rule.roles.empty()) {
        everyone = true;
      } else {
        for (ir::RoleId role : rule.roles) granted[role.index] = true;
      }
    }
  }
  access.granted.every = everyone;
  if (!everyone) {
    for (std::uint32_t i = 0; i < granted.size(); ++i) {
      if (granted[i]) access.granted.roles.push_back(ir::RoleId{i});
    }
  }
  return access;
}

bool role_always_permitted(const OperationAccess& access, ir::RoleId role) {
  if (!contains(access.granted, role)) return false;
  return std::none_of(access.denials.begin(), access.denials.end(),
                      [&](const ConditionalRule& denial) { return contains(denial.roles, role); });
}

}  // namespace bpc::backends
