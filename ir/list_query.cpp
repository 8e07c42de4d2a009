#include "ir/list_query.h"

#include <algorithm>

namespace bpc::ir {

std::string_view range_bound_name(RangeBound bound) {
  switch (bound) {
    case RangeBound::AtLeast: return "gte";
    case RangeBound::Above: return "gt";
    case RangeBound::AtMost: return "lte";
    case RangeBound::Below: return "lt";
  }
  return "gte";
}

std::string range_parameter(std::string_view field, RangeBound bound) {
  std::string out(field);
  out += '[';
  out += range_bound_name(bound);
  out += ']';
  return out;
}

ListRole list_role(const Module& module, FieldId field_id) {
  const Field& field = module.field(field_id);
  // The flags below are entity-field decorators: aliases do not carry them.
  const Constraints& constraints = *field.constraints;
  ListRole role;
  // A secret is never a filter, sort key or search field: a list that answered `?pin=1234` (or
  // sorted by it) would tell a caller the value it never shows.
  if (constraints.secret) return role;
  role.searchable = constraints.searchable;
  if (constraints.is_id) {
    role.sort_key = true;
    return role;
  }
  const bool in_key = field.owner.kind == FieldOwner::Kind::Entity && field.owner.index < module.entities.size() &&
                      std::any_of(module.entities[field.owner.index].keys.begin(), module.entities[field.owner.index].keys.end(),
                                  [&](const Key& key) {
                                    return std::find(key.fields.begin(), key.fields.end(), field_id) != key.fields.end();
                                  });
  if (!constraints.index && !constraints.unique && !in_key) return role;
  const Type& type = module.type(underlying(module, field.type, true));
  role.filter = true;
  role.any_of = type.kind == Type::Kind::Enum;
  const bool ordered_scalar =
      type.kind == Type::Kind::Scalar &&
      (type.scalar == Scalar::Int || type.scalar == Scalar::Float || type.scalar == Scalar::Decimal ||
       type.scalar == Scalar::Date || type.scalar == Scalar::DateTime);
  role.range = ordered_scalar;
  role.sort_key = type.kind == Type::Kind::Scalar || type.kind == Type::Kind::Enum;
  return role;
}

EntityId related_list(const Module& module, FieldId field) {
  const RelationId relation_id = module.field(field).relation;
  if (relation_id.is_none()) return EntityId::none();
  if (module.type(underlying(module, module.field(field).type, true)).kind != Type::Kind::List) return EntityId::none();
  const Relation& relation = module.relations[relation_id.index];
  if (relation.field == field) return relation.target;
  if (relation.inverse == field) return relation.source;
  return EntityId::none();
}

bool has_relation_route(const Module& module, FieldId field) {
  const EntityId related = related_list(module, field);
  const Field& f = module.field(field);
  if (related.is_none() || f.owner.kind != FieldOwner::Kind::Entity) return false;
  const auto serves = [](const Resource& resource, EntityId entity, CrudAction action) {
    return resource.entity == entity &&
           std::find(resource.actions.begin(), resource.actions.end(), action) != resource.actions.end();
  };
  for (const Api& api : module.apis) {
    bool gets = false;
    bool lists = false;
    for (const Resource& resource : api.resources) {
      gets = gets || serves(resource, EntityId{f.owner.index}, CrudAction::Get);
      lists = lists || serves(resource, related, CrudAction::List);
    }
    if (gets && lists) return true;
  }
  return false;
}

}  // namespace bpc::ir
