#include "ir/printer.h"

#include "frontend/literals/string_literal.h"

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <string_view>

namespace bpc::ir {

namespace {

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

// A dotted name such as `AppointmentStatus.requested`.
bool is_path(std::string_view text) {
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    if (!is_identifier(text.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string quoted(std::string_view text) { return quote_string_literal(text); }

// A name as written in a blueprint, or quoted when it is not an identifier (which a checked
// module never has, but a loaded one may), so that every node stays on one line.
std::string name(std::string_view text) {
  return is_identifier(text) ? std::string(text) : quoted(text);
}

// Like `name`, but leaves dotted paths and words such as `en-GB`... quoted only when needed.
std::string word(std::string_view text) { return is_path(text) ? std::string(text) : quoted(text); }

// The node at `index` of a store (a vector or, for fields, a deque), or null when out of range.
template <typename Store>
const typename Store::value_type* at(const Store& store, std::uint32_t index) {
  return index < store.size() ? &store[index] : nullptr;
}

template <typename T>
std::string join(const std::vector<T>& items, auto&& render, std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += render(items[i]);
  }
  return out;
}

void append_value(std::string& out, const Value& value) {
  switch (value.kind) {
    case Value::Kind::Null: out += "null"; return;
    case Value::Kind::Bool: out += value.boolean ? "true" : "false"; return;
    case Value::Kind::Integer: out += std::to_string(value.integer); return;
    case Value::Kind::Number: out += value.text; return;
    case Value::Kind::String: out += quoted(value.text); return;
    case Value::Kind::Name: out += word(value.text); return;
    case Value::Kind::List:
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ", ";
        append_value(out, value.items[i]);
      }
      out += ']';
      return;
    case Value::Kind::Object:
      if (value.entries.empty()) {
        out += "{}";
        return;
      }
      out += "{ ";
      for (std::size_t i = 0; i < value.entries.size(); ++i) {
        if (i > 0) out += ", ";
        out += name(value.entries[i].first);
        out += ": ";
        append_value(out, value.entries[i].second);
      }
      out += " }";
      return;
  }
}

}  // namespace

std::string value_text(const Value& value) {
  std::string out;
  append_value(out, value);
  return out;
}

namespace {

// Constraints as the decorators that would produce them, in a fixed order.
std::string decorators(const Constraints& c) {
  std::string out;
  const auto add = [&out](std::string_view text) {
    out += ' ';
    out += text;
  };
  if (c.is_id) add("@id");
  if (c.updated_at) add("@updatedAt");  // implies generated
  else if (c.generated) add("@generated");
  if (c.deleted_at) add("@deletedAt");
  if (c.tenant) add("@tenant");
  if (c.owner) add("@owner");
  if (c.unique) add("@unique");
  if (c.index) add("@index");
  if (c.searchable) add("@searchable");
  if (c.readonly) add("@readonly");
  if (c.secret) add("@secret");
  if (c.min) add("@min(" + *c.min + ")");
  if (c.max) add("@max(" + *c.max + ")");
  if (c.min_length) add(fmt::format("@minLength({})", *c.min_length));
  if (c.max_length) add(fmt::format("@maxLength({})", *c.max_length));
  if (c.pattern) add("@pattern(" + quoted(*c.pattern) + ")");
  if (c.format) add("@format(" + name(*c.format) + ")");
  if (c.precision || c.scale) {
    add(fmt::format("@precision({}, {})", c.precision ? std::to_string(*c.precision) : "?",
                    c.scale ? std::to_string(*c.scale) : "?"));
  }
  if (c.deprecated)
    add(c.deprecated->empty() ? "@deprecated" : "@deprecated(" + quoted(*c.deprecated) + ")");
  return out;
}

class Printer {
 public:
  Printer(std::ostream& out, const Module& module)
      : out_(out),
        m_(module),
        field_printed_(module.fields.size(), false),
        operation_printed_(module.operations.size(), false) {}

  void print() {
    for (std::uint32_t i = 0; i < m_.files.size(); ++i) {
      line(0, fmt::format("file #{} {}", i, quoted(m_.files[i])), Location{});
    }
    print_header();
    for (std::uint32_t i = 0; i < m_.types.size(); ++i) {
      line(0, fmt::format("type #{} {}", i, type(TypeId{i})), Location{});
    }
    for (std::uint32_t i = 0; i < m_.aliases.size(); ++i) print_alias(i);
    for (std::uint32_t i = 0; i < m_.enums.size(); ++i) print_enum(i);
    for (std::uint32_t i = 0; i < m_.structs.size(); ++i) {
      const Struct& s = m_.structs[i];
      doc(0, s.doc);
      line(0, fmt::format("struct #{} {}", i, name(s.name)), s.location);
      print_fields(1, s.fields, "field", FieldOwner{FieldOwner::Kind::Struct, i});
    }
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
      const Entity& e = m_.entities[i];
      doc(0, *e.doc);
      std::string text = fmt::format("entity #{} {}", i, name(e.name));
      if (!e.id_field.is_none()) text += fmt::format(" (id #{})", e.id_field.index);
      line(0, text, e.location);
      print_fields(1, e.fields, "field", FieldOwner{FieldOwner::Kind::Entity, i});
      for (const Key& key : e.keys) {
        line(1, fmt::format("{} ({})", key.unique ? "unique" : "index", join(key.fields, [this](FieldId f) {
                     const Field* field = at(m_.fields, f.index);
                     return field ? name(field->name) : invalid("field", f.index);
                   })),
             key.location);
      }
    }
    for (std::uint32_t i = 0; i < m_.relations.size(); ++i) print_relation(i);
    for (std::uint32_t i = 0; i < m_.events.size(); ++i) {
      const Event& e = m_.events[i];
      doc(0, e.doc);
      line(0, fmt::format("event #{} {}", i, name(e.name)), e.location);
      print_fields(1, e.fields, "field", FieldOwner{FieldOwner::Kind::Event, i});
      for (const Handler& h : e.handlers) {
        doc(1, h.doc);
        std::string text = "handler " + name(h.name);
        if (!h.trigger.empty() || !h.workflow.is_none() || !h.path.empty()) {
          text += fmt::format(" triggers {} of {} on {}", name(h.trigger), workflow(h.workflow),
                              join(h.path, [&](FieldId f) { return field_path(f); }));
        }
        line(1, text, h.location);
      }
    }
    for (std::uint32_t i = 0; i < m_.roles.size(); ++i) {
      doc(0, m_.roles[i].doc);
      line(0, fmt::format("role #{} {}", i, name(m_.roles[i].name)), m_.roles[i].location);
    }
    for (std::uint32_t i = 0; i < m_.policies.size(); ++i) print_policy(i);
    for (std::uint32_t i = 0; i < m_.workflows.size(); ++i) print_workflow(i);
    for (std::uint32_t i = 0; i < m_.apis.size(); ++i) print_api(i);
    for (std::uint32_t i = 0; i < m_.intents.size(); ++i) print_intent(i);
    for (std::uint32_t i = 0; i < m_.targets.size(); ++i) {
      const Target& t = m_.targets[i];
      doc(0, t.doc);
      line(0, fmt::format("target #{} {}", i, name(t.name)), t.location);
      for (const auto& [key, value] : t.options) {
        line(1, name(key) + " " + value_text(value), Location{});
      }
    }
    // Nodes their owner does not list (only in a module that fails verification): shown so that
    // the dump is complete.
    for (std::uint32_t i = 0; i < m_.fields.size(); ++i) {
      if (!field_printed_[i]) print_field(0, FieldId{i}, "unlisted field", std::nullopt);
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      if (!operation_printed_[i]) print_operation(0, OperationId{i}, ApiId::none());
    }
  }

 private:
  void line(int depth, std::string_view text, const Location& location) {
    for (int i = 0; i < depth; ++i) out_ << "  ";
    out_ << text;
    if (location.file != UINT32_MAX) {
      out_ << "  @" << location.file << ':' << location.begin << '-' << location.end;
    }
    out_ << '\n';
  }

  void doc(int depth, std::string_view text) {
    if (text.empty()) return;
    std::size_t start = 0;
    while (true) {
      const std::size_t end = text.find('\n', start);
      const std::string_view piece = text.substr(start, end - start);
      line(depth, piece.empty() ? std::string("///") : "/// " + std::string(piece), Location{});
      if (end == std::string_view::npos) return;
      start = end + 1;
    }
  }

  static std::string invalid(std::string_view kind, std::uint32_t index) {
    return fmt::format("<invalid {} #{}>", kind, index);
  }

  // The type as written, or `<invalid type #N>` when it or a type it contains dangles (checked
  // iteratively and at most types.size() steps deep, so a cycle cannot hang the printer).
  std::string type(TypeId id) {
    if (id.is_none()) return "<none>";
    TypeId current = id;
    for (std::size_t steps = 0; steps <= m_.types.size(); ++steps) {
      const Type* t = at(m_.types, current.index);
      if (t == nullptr) return invalid("type", id.index);
      switch (t->kind) {
        case Type::Kind::Scalar: return type_name(m_, id);
        case Type::Kind::Alias:
          return t->declaration < m_.aliases.size() ? type_name(m_, id) : invalid("type", id.index);
        case Type::Kind::Enum:
          return t->declaration < m_.enums.size() ? type_name(m_, id) : invalid("type", id.index);
        case Type::Kind::Struct:
          return t->declaration < m_.structs.size() ? type_name(m_, id) : invalid("type", id.index);
        case Type::Kind::Entity:
          return t->declaration < m_.entities.size() ? type_name(m_, id)
                                                     : invalid("type", id.index);
        case Type::Kind::Optional:
        case Type::Kind::List:
        case Type::Kind::Map: current = t->element; break;
        default: return invalid("type", id.index);
      }
    }
    return invalid("type", id.index);
  }

  template <typename T, typename Tag>
  std::string ref(const std::vector<T>& store, Id<Tag> id, std::string_view kind) {
    if (id.is_none()) return "<none>";
    const T* node = at(store, id.index);
    return node ? name(node->name) : invalid(kind, id.index);
  }
  std::string entity(EntityId id) { return ref(m_.entities, id, "entity"); }
  std::string role(RoleId id) { return ref(m_.roles, id, "role"); }
  std::string event(EventId id) { return ref(m_.events, id, "event"); }
  std::string workflow(WorkflowId id) { return ref(m_.workflows, id, "workflow"); }
  std::string api(ApiId id) { return ref(m_.apis, id, "api"); }

  // `Owner.field`, for references to a field from elsewhere.
  std::string field_path(FieldId id) {
    if (id.is_none()) return "<none>";
    const Field* f = at(m_.fields, id.index);
    if (f == nullptr) return invalid("field", id.index);
    return owner_name(f->owner) + "." + name(f->name);
  }

  std::string owner_name(const FieldOwner& owner) {
    switch (owner.kind) {
      case FieldOwner::Kind::Struct: return ref(m_.structs, StructId{owner.index}, "struct");
      case FieldOwner::Kind::Entity: return entity(EntityId{owner.index});
      case FieldOwner::Kind::Event: return event(EventId{owner.index});
      case FieldOwner::Kind::Operation:
        return ref(m_.operations, OperationId{owner.index}, "operation");
      case FieldOwner::Kind::Transition: {
        const Workflow* w = at(m_.workflows, owner.workflow);
        if (w == nullptr) return invalid("workflow", owner.workflow);
        const Transition* t = at(w->transitions, owner.index);
        return t ? name(w->name) + "." + name(t->trigger) : invalid("transition", owner.index);
      }
    }
    return "<invalid owner>";
  }

  std::string owner_text(const FieldOwner& owner) {
    switch (owner.kind) {
      case FieldOwner::Kind::Struct: return "struct " + owner_name(owner);
      case FieldOwner::Kind::Entity: return "entity " + owner_name(owner);
      case FieldOwner::Kind::Event: return "event " + owner_name(owner);
      case FieldOwner::Kind::Operation: return "operation " + owner_name(owner);
      case FieldOwner::Kind::Transition:
        return fmt::format("transition {} of {}", owner.index,
                           workflow(WorkflowId{owner.workflow}));
    }
    return "<invalid owner>";
  }

  std::string state(const Workflow& w, std::uint32_t index) {
    const Enum* states = at(m_.enums, w.states.index);
    const EnumValue* value = states ? at(states->values, index) : nullptr;
    return value ? name(value->name) : invalid("state", index);
  }

  void print_header() {
    const Header& h = m_.header;
    doc(0, h.doc);
    line(0, "blueprint " + name(h.name), h.location);
    if (!h.version.empty()) line(1, "version " + quoted(h.version), Location{});
    if (!h.domain.empty()) line(1, "domain " + quoted(h.domain), Location{});
    if (!h.platform.empty()) line(1, "platform " + name(h.platform), Location{});
    if (!h.locales.empty()) {
      line(1, "locales [" + join(h.locales, [](const std::string& l) { return word(l); }) + "]",
           Location{});
    }
    if (!h.description.empty()) line(1, "description " + quoted(h.description), Location{});
  }

  void print_alias(std::uint32_t index) {
    const Alias& a = m_.aliases[index];
    doc(0, a.doc);
    std::string text = fmt::format("alias #{} {} = {}", index, name(a.name), type(a.target));
    text += decorators(a.constraints);
    if (a.default_value) text += " @default(" + value_text(*a.default_value) + ")";
    line(0, text, a.location);
  }

  void print_enum(std::uint32_t index) {
    const Enum& e = m_.enums[index];
    doc(0, e.doc);
    line(0, fmt::format("enum #{} {}", index, name(e.name)), e.location);
    for (std::uint32_t i = 0; i < e.values.size(); ++i) {
      const EnumValue& v = e.values[i];
      doc(1, *v.doc);
      std::string text = fmt::format("value {} {}", i, name(v.name));
      if (v.wire) text += " @value(" + quoted(*v.wire) + ")";
      if (v.deprecated) {
        text +=
            v.deprecated->empty() ? " @deprecated" : " @deprecated(" + quoted(*v.deprecated) + ")";
      }
      line(1, text, v.location);
    }
  }

  void print_fields(int depth, const std::vector<FieldId>& fields, std::string_view keyword,
                    std::optional<FieldOwner> owner) {
    for (const FieldId id : fields) print_field(depth, id, keyword, owner);
  }

  // `expected` is the owner whose list names the field; a field whose own `owner` disagrees
  // shows it.
  void print_field(int depth, FieldId id, std::string_view keyword,
                   std::optional<FieldOwner> expected) {
    const Field* f = at(m_.fields, id.index);
    if (f == nullptr) {
      line(depth, std::string(keyword) + " " + invalid("field", id.index), Location{});
      return;
    }
    field_printed_[id.index] = true;
    doc(depth, *f->doc);
    std::string text =
        fmt::format("{} #{} {}: {}", keyword, id.index, name(f->name), type(f->type));
    if (f->default_value) text += " = " + value_text(*f->default_value);
    text += decorators(*f->constraints);
    if (!f->relation.is_none()) text += fmt::format(" relation #{}", f->relation.index);
    if (!expected || *expected != f->owner) text += " owner " + owner_text(f->owner);
    line(depth, text, f->location);
  }

  void print_relation(std::uint32_t index) {
    const Relation& r = m_.relations[index];
    std::string text =
        fmt::format("relation #{} {} -> {} {} {}", index, field_path(r.field), entity(r.target),
                    r.many ? "many" : "one", r.optional ? "optional" : "required");
    if (!r.inverse.is_none()) text += " inverse " + field_path(r.inverse);
    text += " onDelete ";
    text += on_delete_name(r.on_delete);
    const Field* f = at(m_.fields, r.field.index);
    if (f == nullptr || f->owner.kind != FieldOwner::Kind::Entity ||
        f->owner.index != r.source.index) {
      text += " source " + entity(r.source);
    }
    line(0, text, Location{});
  }

  void print_policy(std::uint32_t index) {
    const Policy& p = m_.policies[index];
    doc(0, p.doc);
    std::string text = fmt::format("policy #{}", index);
    if (!p.name.empty()) text += " " + name(p.name);
    line(0, text, p.location);
    for (const PolicyRule& rule : p.rules) {
      std::string r = rule.allow ? "allow " : "deny ";
      r += rule.roles.empty() ? "*" : join(rule.roles, [this](RoleId id) { return role(id); });
      r += " to ";
      if (rule.actions.empty()) {
        r += "*";
      } else if (rule.actions.size() == 1) {
        r += name(rule.actions[0]);
      } else {
        r += "[" + join(rule.actions, [](const std::string& a) { return name(a); }) + "]";
      }
      std::string targets = join(rule.targets, [this](EntityId id) { return entity(id); });
      for (const ApiId id : rule.target_apis) targets += (targets.empty() ? "" : ", ") + api(id);
      for (const WorkflowId id : rule.target_workflows) {
        targets += (targets.empty() ? "" : ", ") + workflow(id);
      }
      if (!targets.empty()) r += " on " + targets;
      if (!rule.guard.empty()) r += " when " + name(rule.guard);
      line(1, r, rule.location);
    }
  }

  void print_workflow(std::uint32_t index) {
    const Workflow& w = m_.workflows[index];
    doc(0, w.doc);
    const Field* state_field = at(m_.fields, w.state_field.index);
    line(0,
         fmt::format("workflow #{} {} on {}.{} states {} initial {}", index, name(w.name),
                     entity(w.entity),
                     state_field ? name(state_field->name) : invalid("field", w.state_field.index),
                     ref(m_.enums, w.states, "enum"), state(w, w.initial)),
         w.location);
    for (const std::string& guard : w.guards) line(1, "guard " + name(guard), Location{});
    for (std::uint32_t i = 0; i < w.transitions.size(); ++i) {
      const Transition& t = w.transitions[i];
      doc(1, t.doc);
      std::string text = fmt::format("transition {} {} -> {} on {}", i,
                                     join(t.from, [&](std::uint32_t s) { return state(w, s); }),
                                     state(w, t.to), name(t.trigger));
      if (!t.roles.empty()) text += " by " + join(t.roles, [this](RoleId id) { return role(id); });
      if (!t.guard.empty()) text += " when " + name(t.guard);
      if (!t.emits.empty()) {
        text += " emits " + join(t.emits, [this](EventId id) { return event(id); });
      }
      line(1, text, t.location);
      print_fields(2, t.parameters, "param", FieldOwner{FieldOwner::Kind::Transition, i, index});
      for (const Assignment& a : t.sets) {
        const Field* field = at(m_.fields, a.field.index);
        std::string value = a.source == Assignment::Source::Now ? "now" : a.source == Assignment::Source::Null ? "null" : "parameter";
        if (!a.parameter.is_none()) {
          const Field* parameter = at(m_.fields, a.parameter.index);
          value += " " + (parameter ? name(parameter->name) : invalid("field", a.parameter.index));
        }
        line(2, fmt::format("sets {} = {}", field ? name(field->name) : invalid("field", a.field.index), value), a.location);
      }
    }
  }

  void print_api(std::uint32_t index) {
    const Api& a = m_.apis[index];
    doc(0, a.doc);
    line(0, fmt::format("api #{} {} at {}", index, name(a.name), quoted(a.base_path)), a.location);
    for (const Resource& r : a.resources) {
      std::string text = "resource " + entity(r.entity) + " {" +
                         join(r.actions, [](CrudAction a) { return name(crud_action_name(a)); }) + "}";
      if (!r.workflow.is_none()) text += " with workflow " + workflow(r.workflow);
      line(1, text, r.location);
      for (const ActionEmit& e : r.emits) {
        line(2, fmt::format("{} emits {}", name(crud_action_name(e.action)), event(e.event)), e.location);
      }
    }
    for (const OperationId id : a.operations) print_operation(1, id, ApiId{index});
  }

  // `listed_by` is the API whose list names the operation (none for unlisted operations); an
  // operation whose own `api` disagrees shows it.
  void print_operation(int depth, OperationId id, ApiId listed_by) {
    const Operation* o = at(m_.operations, id.index);
    if (o == nullptr) {
      line(depth, "operation " + invalid("operation", id.index), Location{});
      return;
    }
    operation_printed_[id.index] = true;
    doc(depth, *o->doc);
    std::string text =
        fmt::format("{} #{} {} [{}", listed_by.is_none() ? "unlisted operation" : "operation",
                    id.index, name(o->name), operation_kind_name(o->kind));
    if (!o->entity.is_none()) text += " " + entity(o->entity);
    if (!o->workflow.is_none()) text += " " + workflow(o->workflow);
    if (o->transition != UINT32_MAX) text += fmt::format(" {}", o->transition);
    if (!o->via.is_none()) text += " via " + field_path(o->via);
    text += fmt::format("] {} {}", http_method_name(o->method), quoted(o->path));
    if (o->status) text += fmt::format(" {}", *o->status);
    if (!o->result.is_none()) text += " -> " + type(o->result);
    if (!o->roles->empty()) text += " by " + join(*o->roles, [this](RoleId r) { return role(r); });
    if (o->deprecated) {
      text +=
          o->deprecated->empty() ? " @deprecated" : " @deprecated(" + quoted(*o->deprecated) + ")";
    }
    if (o->api != listed_by) text += " api " + api(o->api);
    line(depth, text, o->location);
    print_fields(depth + 1, o->parameters, "param",
                 FieldOwner{FieldOwner::Kind::Operation, id.index});
  }

  void print_intent(std::uint32_t index) {
    const Intent& i = m_.intents[index];
    doc(0, i.doc);
    std::string text = fmt::format("intent #{} {} {}", index, name(i.kind), quoted(i.title));
    if (!i.priority.empty()) text += " priority " + name(i.priority);
    line(0, text, i.location);
    if (!i.description.empty()) line(1, "description " + quoted(i.description), Location{});
    if (!i.uses.empty()) {
      line(1, "uses " + join(i.uses, [](const std::string& u) { return word(u); }), Location{});
    }
  }

  std::ostream& out_;
  const Module& m_;
  std::vector<bool> field_printed_;
  std::vector<bool> operation_printed_;
};

}  // namespace

void print_module(std::ostream& out, const Module& module) { Printer(out, module).print(); }

}  // namespace bpc::ir
