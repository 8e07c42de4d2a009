// Phase 4c: policies (who may do what to which entity), and the warning for operations and
// triggers that no role may call.

#include <algorithm>
#include <set>
#include <unordered_set>

#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

constexpr std::string_view kBuiltinActions[] = {"read", "list", "create", "update", "delete"};

}  // namespace

void Lowerer::lower_policies() {
  // Every action a rule may name: the built-in ones, custom operations and workflow triggers.
  std::set<std::string_view> actions(std::begin(kBuiltinActions), std::end(kBuiltinActions));
  for (const ir::Operation& operation : module_.operations) actions.insert(operation.name);
  for (const ir::Workflow& workflow : module_.workflows) {
    for (const ir::Transition& transition : workflow.transitions) actions.insert(transition.trigger);
  }
  const std::vector<std::string_view> action_names(actions.begin(), actions.end());
  // Lookups by hash, so rules naming many actions and workflows of many triggers stay linear.
  std::vector<std::unordered_set<std::string_view>> triggers_of(module_.workflows.size());
  for (std::uint32_t w = 0; w < module_.workflows.size(); ++w) {
    for (const ir::Transition& transition : module_.workflows[w].transitions) triggers_of[w].insert(transition.trigger);
  }
  std::unordered_set<std::string_view> operation_names;
  for (const ir::Operation& operation : module_.operations) operation_names.insert(operation.name);
  std::vector<std::unordered_set<std::string_view>> operations_of_api(module_.apis.size());
  for (std::uint32_t a = 0; a < module_.apis.size(); ++a) {
    for (ir::OperationId o : module_.apis[a].operations) operations_of_api[a].insert(module_.operations[o.index].name);
  }

  for (std::uint32_t index = 0; index < policy_sites_.size(); ++index) {
    const Site site = policy_sites_[index];
    const Tree& t = tree(site.file);
    ir::Policy& policy = module_.policies[index];
    for (NodeId node : t.children(site.node)) {
      const NodeKind kind = t.kind(node);
      if ((kind != NodeKind::AllowRule && kind != NodeKind::DenyRule) || t.node(node).has_error()) continue;
      ir::PolicyRule rule;
      rule.allow = kind == NodeKind::AllowRule;
      rule.location = location(Site{site.file, node});
      auto child = t.children(node).begin();
      const NodeId roles = *child;
      const NodeId action_set = *++child;
      for (NodeId role : t.children(roles)) {
        if (t.kind(role) != NodeKind::Name) continue;  // `*`: every role
        if (const Symbol* symbol = resolve(t.text(role), Site{site.file, role}, {SymbolKind::Role}, "role")) {
          rule.roles.push_back(ir::RoleId{symbol->index});
        }
      }
      std::vector<NodeId> action_nodes;
      for (NodeId action : t.children(action_set)) {
        if (t.kind(action) == NodeKind::Name) action_nodes.push_back(action);
        if (t.kind(action) == NodeKind::ActionList) {
          for (NodeId item : t.children(action)) action_nodes.push_back(item);
        }
      }
      std::vector<Site> known_actions;
      for (NodeId action : action_nodes) {
        const std::string_view name = t.text(action);
        if (!actions.count(name)) {
          (void)report_unknown("unknown action", name, Site{site.file, action}, action_names)
              .note("actions are `read`, `list`, `create`, `update`, `delete`, the names of "
                    "operations and the triggers of workflows");
          continue;
        }
        rule.actions.emplace_back(name);
        known_actions.push_back(Site{site.file, action});
      }
      const NodeId on = t.child(node, NodeKind::OnClause);
      if (!on.is_none()) {
        for (NodeId target : t.children(*t.children(on).begin())) {
          if (t.kind(target) != NodeKind::Name) continue;
          const Symbol* symbol =
              resolve(t.text(target), Site{site.file, target},
                      {SymbolKind::Entity, SymbolKind::Api, SymbolKind::Workflow}, "entity, API or workflow");
          if (symbol == nullptr) continue;
          if (symbol->kind == SymbolKind::Entity) rule.targets.push_back(ir::EntityId{symbol->index});
          if (symbol->kind == SymbolKind::Api) rule.target_apis.push_back(ir::ApiId{symbol->index});
          if (symbol->kind == SymbolKind::Workflow) rule.target_workflows.push_back(ir::WorkflowId{symbol->index});
        }
        // Each named action must apply to each named target: a trigger to an entity with a
        // workflow that has it or to a workflow that has it; an operation to the API that has it.
        const auto has_trigger = [&](const ir::Workflow& w, const std::string& action) {
          return triggers_of[static_cast<std::size_t>(&w - module_.workflows.data())].contains(action);
        };
        const Site rule_site{site.file, node};
        for (const std::string& action : rule.actions) {
          if (std::find(std::begin(kBuiltinActions), std::end(kBuiltinActions), action) != std::end(kBuiltinActions)) {
            continue;
          }
          const bool is_operation = operation_names.contains(action);
          const bool is_trigger = std::any_of(module_.workflows.begin(), module_.workflows.end(),
                                              [&](const ir::Workflow& w) { return has_trigger(w, action); });
          for (ir::EntityId target : rule.targets) {
            const bool on_entity = std::any_of(module_.workflows.begin(), module_.workflows.end(), [&](const ir::Workflow& w) {
              return w.entity == target && has_trigger(w, action);
            });
            if (on_entity) continue;
            const std::string& entity = module_.entity(target).name;
            if (is_operation && !is_trigger) {
              (void)report<DiagnosticKind::OperationOnEntity>(rule_site, action, entity);
            } else {
              (void)report<DiagnosticKind::InvalidAction>(rule_site, action, entity);
            }
          }
          for (ir::WorkflowId target : rule.target_workflows) {
            const ir::Workflow& workflow = module_.workflows[target.index];
            if (!has_trigger(workflow, action)) {
              (void)report<DiagnosticKind::TriggerNotInWorkflow>(rule_site, action, workflow.name);
            }
          }
          for (ir::ApiId target : rule.target_apis) {
            if (!operations_of_api[target.index].contains(action)) {
              (void)report<DiagnosticKind::OperationNotInApi>(rule_site, action, module_.apis[target.index].name);
            }
          }
        }
      }
      const NodeId when = t.child(node, NodeKind::WhenClause);
      if (!when.is_none()) rule.guard = std::string(t.text(t.child(when, NodeKind::Name)));
      for (const Site& action : known_actions) index_action_references(action, rule);
      policy.rules.push_back(std::move(rule));
    }
  }

  // Who may call what: an operation or trigger with no `by` clause needs an allow rule. Not
  // decided while a policy, an API or a workflow has a syntax error: the broken part may grant it.
  // A blueprint with no roles has no access control at all: every route is open, so nothing is
  // uncallable.
  if (module_.roles.empty()) return;
  if (any_incomplete(policy_sites_) || any_incomplete(api_sites_) || any_incomplete(workflow_sites_)) return;
  // Whether some allow rule grants `action` on the entity, API or workflow it belongs to.
  // Each allow rule's actions, hashed (a rule may name thousands).
  std::vector<std::pair<const ir::PolicyRule*, std::unordered_set<std::string_view>>> allow_rules;
  for (const ir::Policy& policy : module_.policies) {
    for (const ir::PolicyRule& rule : policy.rules) {
      if (rule.allow) allow_rules.emplace_back(&rule, std::unordered_set<std::string_view>(rule.actions.begin(), rule.actions.end()));
    }
  }
  const auto allowed = [&](std::string_view action, ir::EntityId entity, ir::ApiId api, ir::WorkflowId workflow) {
    const auto contains = [](const auto& list, auto id) {
      return !id.is_none() && std::find(list.begin(), list.end(), id) != list.end();
    };
    for (const auto& [rule_pointer, rule_actions] : allow_rules) {
      const ir::PolicyRule& rule = *rule_pointer;
      const bool action_matches = rule.actions.empty() || rule_actions.contains(action);
      const bool everywhere = rule.targets.empty() && rule.target_apis.empty() && rule.target_workflows.empty();
      const bool target_matches = everywhere || contains(rule.targets, entity) || contains(rule.target_apis, api) ||
                                  contains(rule.target_workflows, workflow);
      if (action_matches && target_matches) return true;
    }
    return false;
  };
  for (std::uint32_t i = 0; i < module_.operations.size(); ++i) {
    const ir::Operation& operation = module_.operations[i];
    if (!operation.roles->empty() || operations_with_by_clause_.count(i) ||
        allowed(operation.name, operation.entity, operation.api, ir::WorkflowId::none())) {
      continue;
    }
    (void)report<DiagnosticKind::UncallableOperation>(Site{operation_sites_[i].file, name_node(operation_sites_[i])},
                 fmt::format("operation `{}`", operation.name))
        .note(fmt::format("add `by ROLE` to it, or a policy rule `allow ROLE to {}`", operation.name));
  }
  for (std::uint32_t w = 0; w < module_.workflows.size(); ++w) {
    const ir::Workflow& workflow = module_.workflows[w];
    // Triggers some transition grants with a `by` clause.
    std::unordered_set<std::string_view> granted;
    for (std::uint32_t t = 0; t < workflow.transitions.size(); ++t) {
      if (!workflow.transitions[t].roles.empty() || granted_by_clause_.count({w, t})) granted.insert(workflow.transitions[t].trigger);
    }
    std::unordered_set<std::string_view> warned;
    for (std::uint32_t t = 0; t < workflow.transitions.size(); ++t) {
      const ir::Transition& transition = workflow.transitions[t];
      if (warned.contains(transition.trigger)) continue;
      if (granted.contains(transition.trigger) || allowed(transition.trigger, workflow.entity, ir::ApiId::none(), ir::WorkflowId{w})) {
        continue;
      }
      warned.insert(transition.trigger);
      (void)diagnostics_
          .report<DiagnosticKind::UncallableOperation>(
                  SourceSpan{tree(workflow_sites_[w].file).tokens().file(), transition.location.begin,
                             transition.location.end},
                  fmt::format("trigger `{}` of workflow `{}`", transition.trigger, workflow.name))
          .note("add `by ROLE` to the transition, or a policy rule allowing the trigger");
    }
  }
}

}  // namespace bpc::lowering
