#include "ir/list_query.h"

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
  role.searchable = constraints.searchable;
  if (constraints.is_id) {
    role.sort_key = true;
    return role;
  }
  if (!constraints.index && !constraints.unique) return role;
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

}  // namespace bpc::ir
