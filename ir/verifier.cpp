#include "ir/verifier.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

namespace bpc::ir {

namespace {

struct TypeHash {
  std::size_t operator()(const Type& type) const {
    return (static_cast<std::size_t>(type.kind) * 31 + static_cast<std::size_t>(type.scalar)) * 1000003 +
           type.declaration * 7919 + type.element.index;
  }
};

class Verifier {
 public:
  explicit Verifier(const Module& module) : m_(module) {}

  std::vector<std::string> run() {
    types();
    aliases();
    records();
    fields();
    relations();
    workflows();
    apis();
    policies();
    return std::move(problems_);
  }

 private:
  template <typename... Args>
  void problem(fmt::format_string<Args...> format, Args&&... args) {
    if (problems_.size() < 100) problems_.push_back(fmt::format(format, std::forward<Args>(args)...));
  }

  template <typename Tag, typename Store>
  bool in(Id<Tag> id, const Store& store) const {
    return !id.is_none() && id.index < store.size();
  }
  template <typename Tag, typename Store>
  bool none_or_in(Id<Tag> id, const Store& store) const {
    return id.is_none() || id.index < store.size();
  }

  void types() {
    std::unordered_set<Type, TypeHash> seen;
    for (std::uint32_t i = 0; i < m_.types.size(); ++i) {
      const Type& type = m_.types[i];
      if (!seen.insert(type).second) problem("type #{}: a duplicate of an earlier type (types are interned)", i);
      const auto declared = [&](std::size_t count, std::string_view kind) {
        if (type.declaration >= count) problem("type #{}: names {} #{}, out of range", i, kind, type.declaration);
      };
      switch (type.kind) {
        case Type::Kind::Scalar: break;
        case Type::Kind::Alias: declared(m_.aliases.size(), "alias"); break;
        case Type::Kind::Enum: declared(m_.enums.size(), "enum"); break;
        case Type::Kind::Struct: declared(m_.structs.size(), "struct"); break;
        case Type::Kind::Entity: declared(m_.entities.size(), "entity"); break;
        case Type::Kind::Optional:
        case Type::Kind::List:
        case Type::Kind::Map:
          if (type.element.is_none() || type.element.index >= i) {
            problem("type #{}: its element must be an earlier type", i);
          }
          break;
      }
    }
  }

  bool valid_type(TypeId type) const { return in(type, m_.types); }

  void aliases() {
    for (std::uint32_t i = 0; i < m_.aliases.size(); ++i) {
      if (!valid_type(m_.aliases[i].target)) problem("alias #{} `{}`: target type out of range", i, m_.aliases[i].name);
    }
  }

  // Every field lists exactly one owner, and that owner lists it once.
  void records() {
    listed_.assign(m_.fields.size(), 0);
    const auto list = [&](const std::vector<FieldId>& fields, FieldOwner owner, std::string_view what,
                          std::uint32_t index) {
      for (FieldId field : fields) {
        if (!in(field, m_.fields)) {
          problem("{} #{}: lists field #{}, out of range", what, index, field.index);
          continue;
        }
        ++listed_[field.index];
        if (!(m_.fields[field.index].owner == owner)) {
          problem("{} #{}: lists field #{} `{}`, whose owner is another", what, index, field.index,
                  m_.fields[field.index].name);
        }
      }
    };
    for (std::uint32_t i = 0; i < m_.structs.size(); ++i) {
      list(m_.structs[i].fields, {FieldOwner::Kind::Struct, i, UINT32_MAX}, "struct", i);
    }
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
      const Entity& entity = m_.entities[i];
      list(entity.fields, {FieldOwner::Kind::Entity, i, UINT32_MAX}, "entity", i);
      if (!entity.id_field.is_none() &&
          std::find(entity.fields.begin(), entity.fields.end(), entity.id_field) == entity.fields.end()) {
        problem("entity #{} `{}`: its id field #{} is not one of its fields", i, entity.name, entity.id_field.index);
      }
    }
    for (std::uint32_t i = 0; i < m_.events.size(); ++i) {
      list(m_.events[i].fields, {FieldOwner::Kind::Event, i, UINT32_MAX}, "event", i);
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      list(m_.operations[i].parameters, {FieldOwner::Kind::Operation, i, UINT32_MAX}, "operation", i);
    }
    for (std::uint32_t w = 0; w < m_.workflows.size(); ++w) {
      for (std::uint32_t t = 0; t < m_.workflows[w].transitions.size(); ++t) {
        list(m_.workflows[w].transitions[t].parameters, {FieldOwner::Kind::Transition, t, w}, "transition", t);
      }
    }
  }

  void fields() {
    for (std::uint32_t i = 0; i < m_.fields.size(); ++i) {
      const Field& field = m_.fields[i];
      if (!valid_type(field.type)) problem("field #{} `{}`: type out of range", i, field.name);
      if (listed_[i] != 1) problem("field #{} `{}`: listed by {} owners, not one", i, field.name, listed_[i]);
      if (!none_or_in(field.relation, m_.relations)) problem("field #{} `{}`: relation out of range", i, field.name);
    }
  }

  // The entity a field's type refers to, through optionals and lists; or none.
  EntityId referenced_entity(TypeId type) const {
    for (int depth = 0; depth < 1024 && valid_type(type); ++depth) {
      const Type& t = m_.types[type.index];
      switch (t.kind) {
        case Type::Kind::Entity: return EntityId{t.declaration};
        case Type::Kind::Alias:
          if (t.declaration >= m_.aliases.size()) return EntityId::none();
          type = m_.aliases[t.declaration].target;
          break;
        case Type::Kind::Optional:
        case Type::Kind::List: type = t.element; break;
        default: return EntityId::none();
      }
    }
    return EntityId::none();
  }

  void relations() {
    for (std::uint32_t i = 0; i < m_.relations.size(); ++i) {
      const Relation& relation = m_.relations[i];
      if (!in(relation.source, m_.entities) || !in(relation.target, m_.entities) || !in(relation.field, m_.fields)) {
        problem("relation #{}: source, target or field out of range", i);
        continue;
      }
      const Field& field = m_.fields[relation.field.index];
      if (!(field.owner == FieldOwner{FieldOwner::Kind::Entity, relation.source.index, UINT32_MAX})) {
        problem("relation #{}: its field `{}` does not belong to its source entity", i, field.name);
      }
      if (referenced_entity(field.type) != relation.target) {
        problem("relation #{}: its field `{}` does not refer to its target entity", i, field.name);
      }
      if (field.relation != RelationId{i}) problem("relation #{}: its field `{}` does not point back at it", i, field.name);
      if (!relation.inverse.is_none()) {
        if (!in(relation.inverse, m_.fields)) {
          problem("relation #{}: inverse field out of range", i);
          continue;
        }
        const Field& inverse = m_.fields[relation.inverse.index];
        if (!(inverse.owner == FieldOwner{FieldOwner::Kind::Entity, relation.target.index, UINT32_MAX}) ||
            inverse.relation != RelationId{i}) {
          problem("relation #{}: its inverse `{}` is not a field of the target pointing at it", i, inverse.name);
        }
      }
    }
  }

  void workflows() {
    for (std::uint32_t w = 0; w < m_.workflows.size(); ++w) {
      const Workflow& workflow = m_.workflows[w];
      if (!in(workflow.entity, m_.entities) || !in(workflow.state_field, m_.fields) || !in(workflow.states, m_.enums)) {
        problem("workflow #{} `{}`: entity, state field or states out of range", w, workflow.name);
        continue;
      }
      const Field& field = m_.fields[workflow.state_field.index];
      if (!(field.owner == FieldOwner{FieldOwner::Kind::Entity, workflow.entity.index, UINT32_MAX})) {
        problem("workflow #{} `{}`: its state field is not a field of its entity", w, workflow.name);
      }
      const std::size_t states = m_.enums[workflow.states.index].values.size();
      if (workflow.initial >= states) problem("workflow #{} `{}`: initial state out of range", w, workflow.name);
      for (std::uint32_t t = 0; t < workflow.transitions.size(); ++t) {
        const Transition& transition = workflow.transitions[t];
        bool ok = transition.to < states && !transition.from.empty();
        for (std::uint32_t from : transition.from) ok &= from < states;
        if (!ok) problem("workflow #{} `{}`: transition {} has states out of range", w, workflow.name, t);
        if (!transition.guard.empty() &&
            std::find(workflow.guards.begin(), workflow.guards.end(), transition.guard) == workflow.guards.end()) {
          problem("workflow #{} `{}`: transition {} uses undeclared guard `{}`", w, workflow.name, t, transition.guard);
        }
        for (RoleId role : transition.roles) {
          if (!in(role, m_.roles)) problem("workflow #{}: transition {} names role #{}, out of range", w, t, role.index);
        }
        for (EventId event : transition.emits) {
          if (!in(event, m_.events)) problem("workflow #{}: transition {} emits event #{}, out of range", w, t, event.index);
        }
      }
    }
  }

  void apis() {
    std::vector<int> listed(m_.operations.size(), 0);
    for (std::uint32_t a = 0; a < m_.apis.size(); ++a) {
      for (OperationId operation : m_.apis[a].operations) {
        if (!in(operation, m_.operations)) {
          problem("api #{}: lists operation #{}, out of range", a, operation.index);
          continue;
        }
        ++listed[operation.index];
        if (m_.operations[operation.index].api != ApiId{a}) {
          problem("api #{}: lists operation #{} of another API", a, operation.index);
        }
      }
      for (const Resource& resource : m_.apis[a].resources) {
        if (!in(resource.entity, m_.entities) || !none_or_in(resource.workflow, m_.workflows)) {
          problem("api #{}: a resource names an entity or workflow out of range", a);
        }
      }
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const Operation& operation = m_.operations[i];
      if (listed[i] != 1) problem("operation #{} `{}`: listed by {} APIs, not one", i, operation.name, listed[i]);
      if (!operation.path.starts_with('/')) problem("operation #{} `{}`: route `{}` does not start with `/`", i, operation.name, operation.path);
      if (!none_or_in(operation.result, m_.types)) problem("operation #{} `{}`: result type out of range", i, operation.name);
      const bool generated = operation.kind != Operation::Kind::Custom;
      if (generated && !in(operation.entity, m_.entities)) {
        problem("operation #{} `{}`: a generated operation must name its entity", i, operation.name);
      }
      if (operation.kind == Operation::Kind::Transition &&
          (!in(operation.workflow, m_.workflows) ||
           operation.transition >= m_.workflows[operation.workflow.index].transitions.size())) {
        problem("operation #{} `{}`: its workflow transition is out of range", i, operation.name);
      }
      for (RoleId role : *operation.roles) {
        if (!in(role, m_.roles)) problem("operation #{} `{}`: role #{} out of range", i, operation.name, role.index);
      }
    }
  }

  void policies() {
    for (std::uint32_t p = 0; p < m_.policies.size(); ++p) {
      for (const PolicyRule& rule : m_.policies[p].rules) {
        bool ok = true;
        for (RoleId role : rule.roles) ok &= in(role, m_.roles);
        for (EntityId entity : rule.targets) ok &= in(entity, m_.entities);
        for (ApiId api : rule.target_apis) ok &= in(api, m_.apis);
        for (WorkflowId workflow : rule.target_workflows) ok &= in(workflow, m_.workflows);
        if (!ok) problem("policy #{}: a rule names a role or target out of range", p);
      }
    }
  }

  const Module& m_;
  std::vector<std::string> problems_;
  std::vector<int> listed_;
};

}  // namespace

std::vector<std::string> verify(const Module& module) { return Verifier(module).run(); }

}  // namespace bpc::ir
