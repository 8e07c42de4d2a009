#include "ir/verifier.h"

#include <algorithm>
#include <array>
#include <functional>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

#include "ir/describe.h"

namespace bpc::ir {

namespace {

constexpr std::size_t kMaxProblems = 100;

struct TypeHash {
  std::size_t operator()(const Type& type) const {
    return (static_cast<std::size_t>(type.kind) * 31 + static_cast<std::size_t>(type.scalar)) * 1000003 +
           type.declaration * 7919 + type.element.index;
  }
};

// Checks every reference of the module against the store it indexes, member by member as the
// description lists them (ir/describe.h), with the JSON path of the member in each message:
// "/entities/3/idField: field #40 out of range (12 fields)". Paths are made only for problems.
// Reads references only: every other kind of member is ignored through EveryMember.
struct IgnoreMember {
  void operator()(std::string_view /*key*/) const {}
};

class ReferenceChecker : public EveryMember<IgnoreMember> {
 public:
  using Report = std::function<void(std::string)>;

  ReferenceChecker(const Module& module, Report report) : m_(module), report_(std::move(report)) {
    sizes_[static_cast<std::size_t>(Store::Files)] = m_.files.size();
    sizes_[static_cast<std::size_t>(Store::Types)] = m_.types.size();
    for_each_record_store(m_, [&](Store store, const auto& nodes) {
      sizes_[static_cast<std::size_t>(store)] = nodes.size();
    });
  }

  void run() {
    record("header", m_.header);
    for_each_record_store(m_, [&](Store store, const auto& nodes) { records(store_info(store).key, nodes); });
  }

  template <typename Tag>
  void reference(std::string_view key, Id<Tag> id, Presence presence) {
    constexpr Store store = store_of<Id<Tag>>();
    if (id.is_none()) {
      if (presence == Presence::Required) problem(key, fmt::format("names no {}", store_info(store).singular));
      return;
    }
    in_range(key, store, id.index);
  }
  template <typename Ids>
  void references(std::string_view key, const Ids& member) {
    const auto& ids = plain(member);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const Segment segment(*this, key);
      in_range(i, store_of<std::remove_cvref_t<decltype(ids[i])>>(), ids[i].index);
    }
  }
  void state(std::string_view key, std::uint32_t state, EnumId states) { check_state(key, state, states); }
  void states(std::string_view key, const std::vector<std::uint32_t>& list, EnumId states) {
    const Segment segment(*this, key);
    for (std::size_t i = 0; i < list.size(); ++i) check_state(i, list[i], states);
  }
  void transition(std::string_view key, std::uint32_t transition, WorkflowId workflow) {
    if (transition == UINT32_MAX) return;
    if (workflow.is_none()) return problem(key, "a transition index needs a workflow");
    if (workflow.index >= m_.workflows.size()) return;  // reported with the workflow
    const Workflow& w = m_.workflows[workflow.index];
    if (transition >= w.transitions.size()) {
      problem(key, fmt::format("transition {} out of range ({} transitions in workflow `{}`)", transition,
                               w.transitions.size(), w.name));
    }
  }
  void owner(std::string_view key, const FieldOwner& owner) {
    const Segment segment(*this, key);
    switch (owner.kind) {
      case FieldOwner::Kind::Struct: in_range("index", Store::Structs, owner.index); break;
      case FieldOwner::Kind::Entity: in_range("index", Store::Entities, owner.index); break;
      case FieldOwner::Kind::Event: in_range("index", Store::Events, owner.index); break;
      case FieldOwner::Kind::Operation: in_range("index", Store::Operations, owner.index); break;
      case FieldOwner::Kind::Transition:
        if (in_range("workflow", Store::Workflows, owner.workflow)) {
          transition("index", owner.index, WorkflowId{owner.workflow});
        }
        break;
    }
  }
  void location(std::string_view key, const Location& location) {
    if (location.file != UINT32_MAX) {
      const Segment segment(*this, key);
      in_range("file", Store::Files, location.file);
    }
    if (location.begin > location.end) {
      problem(key, fmt::format("begin {} is after end {}", location.begin, location.end));
    }
  }
  template <typename Record>
  void record(std::string_view key, const Record& member) {
    const Segment segment(*this, key);
    describe(*this, plain(member));
  }
  template <typename Records, typename... Context>
  void records(std::string_view key, const Records& list, Context... context) {
    const Segment segment(*this, key);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Segment item(*this, i);
      describe(*this, list[i], context...);
    }
  }

 private:
  // One step of the path to the member being checked, for as long as it lives: a key or an index,
  // kept without allocating (the path is spelled only for a problem).
  struct Step {
    std::string_view key;
    std::size_t index = 0;
  };
  class Segment {
   public:
    Segment(ReferenceChecker& checker, std::string_view key) : checker_(checker) {
      checker_.path_.push_back(Step{key, 0});
    }
    Segment(ReferenceChecker& checker, std::size_t index) : checker_(checker) {
      checker_.path_.push_back(Step{{}, index});
    }
    ~Segment() { checker_.path_.pop_back(); }
    Segment(const Segment&) = delete;
    Segment& operator=(const Segment&) = delete;

   private:
    ReferenceChecker& checker_;
  };

  template <typename Key>
  bool in_range(Key key, Store store, std::uint32_t index) {
    const std::size_t size = sizes_[static_cast<std::size_t>(store)];
    if (index < size) return true;
    if (index == UINT32_MAX) {
      problem(key, fmt::format("names no {}", store_info(store).singular));
    } else {
      problem(key, fmt::format("{} #{} out of range ({} {})", store_info(store).singular, index, size,
                               store_info(store).key));
    }
    return false;
  }

  template <typename Key>
  void check_state(Key key, std::uint32_t state, EnumId states) {
    if (states.is_none() || states.index >= m_.enums.size()) return;  // reported with the enum
    const Enum& e = m_.enums[states.index];
    if (state >= e.values.size()) {
      problem(key, fmt::format("state {} out of range ({} values in enum `{}`)", state, e.values.size(), e.name));
    }
  }

  template <typename Key>
  void problem(Key key, std::string_view message) {
    if (++reported_ > kMaxProblems) return;
    std::string path;
    for (const Step& step : path_) path += step.key.empty() ? fmt::format("/{}", step.index) : fmt::format("/{}", step.key);
    path += "/" + fmt::format("{}", key);
    report_(fmt::format("{}: {}", path, message));
  }

  const Module& m_;
  Report report_;
  std::array<std::size_t, kStores.size()> sizes_{};
  std::vector<Step> path_;
  std::size_t reported_ = 0;
};

class Verifier {
 public:
  explicit Verifier(const Module& module) : m_(module) {}

  // References first: the other invariants are only checked on a module whose every reference
  // is in range.
  std::vector<std::string> run() {
    types();
    ReferenceChecker(m_, [this](std::string message) { problem("{}", message); }).run();
    if (!problems_.empty()) return std::move(problems_);
    records();
    fields();
    relations();
    workflows();
    apis();
    return std::move(problems_);
  }

 private:
  template <typename... Args>
  void problem(fmt::format_string<Args...> format, Args&&... args) {
    if (problems_.size() < kMaxProblems) problems_.push_back(fmt::format(format, std::forward<Args>(args)...));
  }

  template <typename Tag, typename Nodes>
  bool in(Id<Tag> id, const Nodes& nodes) const {
    return !id.is_none() && id.index < nodes.size();
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

  // Every field lists exactly one owner, and that owner lists it once.
  void records() {
    listed_.assign(m_.fields.size(), 0);
    const auto list = [&](const std::vector<FieldId>& fields, FieldOwner owner, std::string_view what,
                          std::uint32_t index) {
      for (FieldId field : fields) {
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
      for (const Key& key : entity.keys) {
        for (FieldId field : key.fields) {
          if (std::find(entity.fields.begin(), entity.fields.end(), field) == entity.fields.end()) {
            problem("entity #{} `{}`: a key names field #{}, which is not one of its fields", i, entity.name, field.index);
          }
        }
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
      if (listed_[i] != 1) problem("field #{} `{}`: listed by {} owners, not one", i, field.name, listed_[i]);
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
      const Field& field = m_.fields[relation.field.index];
      if (!(field.owner == FieldOwner{FieldOwner::Kind::Entity, relation.source.index, UINT32_MAX})) {
        problem("relation #{}: its field `{}` does not belong to its source entity", i, field.name);
      }
      if (referenced_entity(field.type) != relation.target) {
        problem("relation #{}: its field `{}` does not refer to its target entity", i, field.name);
      }
      if (field.relation != RelationId{i}) problem("relation #{}: its field `{}` does not point back at it", i, field.name);
      if (!relation.inverse.is_none()) {
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
      const Field& field = m_.fields[workflow.state_field.index];
      if (!(field.owner == FieldOwner{FieldOwner::Kind::Entity, workflow.entity.index, UINT32_MAX})) {
        problem("workflow #{} `{}`: its state field is not a field of its entity", w, workflow.name);
      }
      for (std::uint32_t t = 0; t < workflow.transitions.size(); ++t) {
        const Transition& transition = workflow.transitions[t];
        if (transition.from.empty()) problem("workflow #{} `{}`: transition {} has no source state", w, workflow.name, t);
        if (!transition.guard.empty() &&
            std::find(workflow.guards.begin(), workflow.guards.end(), transition.guard) == workflow.guards.end()) {
          problem("workflow #{} `{}`: transition {} uses undeclared guard `{}`", w, workflow.name, t, transition.guard);
        }
      }
    }
  }

  void apis() {
    std::vector<int> listed(m_.operations.size(), 0);
    for (std::uint32_t a = 0; a < m_.apis.size(); ++a) {
      for (OperationId operation : m_.apis[a].operations) {
        ++listed[operation.index];
        if (m_.operations[operation.index].api != ApiId{a}) {
          problem("api #{}: lists operation #{} of another API", a, operation.index);
        }
      }
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const Operation& operation = m_.operations[i];
      if (listed[i] != 1) problem("operation #{} `{}`: listed by {} APIs, not one", i, operation.name, listed[i]);
      if (!operation.path.starts_with('/')) problem("operation #{} `{}`: route `{}` does not start with `/`", i, operation.name, operation.path);
      const bool generated = operation.kind != Operation::Kind::Custom;
      if (generated && operation.entity.is_none()) {
        problem("operation #{} `{}`: a generated operation must name its entity", i, operation.name);
      }
      if (operation.kind == Operation::Kind::Transition &&
          (operation.workflow.is_none() || operation.transition == UINT32_MAX)) {
        problem("operation #{} `{}`: a transition operation must name its workflow transition", i, operation.name);
      }
      const bool names_field = operation.kind == Operation::Kind::Related || operation.kind == Operation::Kind::Download ||
                               operation.kind == Operation::Kind::Upload;
      if (names_field != !operation.via.is_none()) {
        problem("operation #{} `{}`: related-records, download and upload operations, and only they, name the field they serve",
                i, operation.name);
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
