#include "backends/service_model/service_model.h"

#include <algorithm>

#include <fmt/format.h>

#include "backends/support/routes.h"
#include "ir/list_query.h"

namespace bpc::backends::service {

namespace {

using Kind = ir::Operation::Kind;
constexpr std::size_t kKinds = static_cast<std::size_t>(Kind::Related) + 1;  // the last kind (ir.h)

// The operation kind desugaring gives a resource action.
Kind operation_kind(ir::CrudAction action) {
  switch (action) {
    case ir::CrudAction::List: return Kind::List;
    case ir::CrudAction::Get: return Kind::Get;
    case ir::CrudAction::Create: return Kind::Create;
    case ir::CrudAction::Update: return Kind::Update;
    case ir::CrudAction::Delete: return Kind::Delete;
  }
  return Kind::Custom;
}

// Literal segments sort before placeholders, so `/patients/search` is matched before `/patients/{id}`.
bool route_before(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const std::size_t ea = std::min(a.find('/', i + 1), a.size());
    const std::size_t eb = std::min(b.find('/', j + 1), b.size());
    const std::string_view sa = a.substr(i, ea - i);
    const std::string_view sb = b.substr(j, eb - j);
    const bool pa = sa.find('{') != std::string_view::npos;
    const bool pb = sb.find('{') != std::string_view::npos;
    if (pa != pb) return !pa;
    if (sa != sb) return sa < sb;
    i = ea;
    j = eb;
  }
  return a.size() > b.size();  // longer routes first: /a/{id}/confirm before /a/{id}
}

}  // namespace

ServiceModel::ServiceModel(const ir::Module& module) : module_(module) {
  inverse_.assign(module.fields.size(), false);
  state_field_.assign(module.fields.size(), false);
  relation_.assign(module.fields.size(), nullptr);
  for (const ir::Relation& relation : module.relations) {
    if (!relation.inverse.is_none()) inverse_[relation.inverse.index] = true;
    relation_[relation.field.index] = &relation;
  }
  for (const ir::Workflow& w : module.workflows) {
    if (!w.state_field.is_none()) state_field_[w.state_field.index] = true;
    auto& by_trigger = trigger_transitions_.emplace_back();
    for (std::uint32_t t = 0; t < w.transitions.size(); ++t) by_trigger[w.transitions[t].trigger].push_back(t);
  }

  entities_.resize(module.entities.size());
  for (const ir::Workflow& workflow : module.workflows) {
    if (workflow.entity.is_none()) continue;
    EntityFacts& facts = entities_[workflow.entity.index];
    if (facts.workflow == nullptr) facts.workflow = &workflow;
  }
  for (const ir::Relation& relation : module.relations) {
    if (relation.on_delete == ir::OnDelete::Restrict && !relation.target.is_none()) {
      entities_[relation.target.index].restricting.push_back(relation.field);
    }
    if (!relation.many && relation.on_delete == ir::OnDelete::Cascade && !relation.target.is_none()) {
      entities_[relation.target.index].cascading.push_back(relation.field);
    }
  }
  for (std::uint32_t e = 0; e < module.entities.size(); ++e) {
    EntityFacts& facts = entities_[e];
    for (ir::FieldId f : module.entities[e].fields) {
      if (is_inverse(f)) continue;
      facts.stored.push_back(f);
      const ir::Field& field = module.field(f);
      const ir::Constraints& c = *field.constraints;
      if (c.updated_at) facts.touched.push_back(f);
      if (c.tenant && facts.tenant.is_none()) facts.tenant = f;
      if (c.owner && facts.owner.is_none()) facts.owner = f;
      if (c.tenant || c.owner) any_scoped_ = true;
      if (c.deleted_at && facts.soft_delete.is_none()) facts.soft_delete = f;
      if (c.deleted_at) any_soft_delete_ = true;
      if (!c.generated && !c.tenant && !c.owner && !c.deleted_at && !is_workflow_state(f)) {
        facts.create.push_back(f);
        if (!c.is_id && !c.readonly) facts.update.push_back(f);
      }
      const ir::ListRole role = ir::list_role(module, f);
      if (role.filter) facts.filters.push_back(f);
      if (role.range) facts.ranges.push_back(f);
      if (role.sort_key) facts.sort_keys.push_back(f);
      if (role.searchable) facts.searchable.push_back(f);
    }
  }

  crud_.assign(module.entities.size(), std::vector<ir::OperationId>(kKinds, ir::OperationId::none()));
  for (std::uint32_t i = 0; i < module.operations.size(); ++i) {
    const ir::Operation& op = module.operations[i];
    access_.push_back(operation_access(module, op));
    if (op.entity.is_none()) continue;
    ir::OperationId& slot = crud_[op.entity.index][static_cast<std::size_t>(op.kind)];
    if (slot.is_none()) slot = ir::OperationId{i};
  }
  emits_.resize(module.operations.size());
  for (const ir::Api& api : module.apis) {
    if (std::none_of(api.resources.begin(), api.resources.end(), [](const ir::Resource& r) { return !r.emits.empty(); })) continue;
    // The API's operation of each (entity, kind), found once.
    std::unordered_map<std::uint64_t, ir::OperationId> by_action;
    const auto key = [](ir::EntityId entity, Kind kind) { return (std::uint64_t{entity.index} << 8) | static_cast<std::uint8_t>(kind); };
    for (ir::OperationId op : api.operations) {
      const ir::Operation& o = module.operations[op.index];
      if (!o.entity.is_none()) by_action.emplace(key(o.entity, o.kind), op);
    }
    for (const ir::Resource& resource : api.resources) {
      for (const ir::ActionEmit& emit : resource.emits) {
        const auto it = by_action.find(key(resource.entity, operation_kind(emit.action)));
        if (it != by_action.end()) emits_[it->second.index].push_back(emit.event);
      }
    }
  }
  for (const ir::Api& api : module.apis) {
    std::vector<ir::OperationId> order = api.operations;
    std::stable_sort(order.begin(), order.end(), [&](ir::OperationId a, ir::OperationId b) {
      return route_before(module.operations[a.index].path, module.operations[b.index].path);
    });
    route_order_.push_back(std::move(order));
  }
  for (std::uint32_t i = 0; i < module.operations.size(); ++i) answers_.push_back(compute_answers(ir::OperationId{i}));
}

const ServiceModel& ServiceModel::of(const ir::Module& module, SharedArtifacts& shared) {
  return shared.get<ServiceModel>("service-model", [&module] { return ServiceModel(module); });
}

const ir::Type& ServiceModel::base(ir::TypeId id, bool strip_optional) const {
  return module_.type(ir::underlying(module_, id, strip_optional));
}

bool ServiceModel::is_optional(ir::TypeId id) const { return base(id, false).kind == ir::Type::Kind::Optional; }

const ir::Value* ServiceModel::default_of(const ir::Field& field) const {
  if (field.default_value) return &*field.default_value;
  const ir::Type* type = &module_.type(field.type);
  while (type->kind == ir::Type::Kind::Alias) {
    const ir::Alias& alias = module_.aliases[type->declaration];
    if (alias.default_value) return &*alias.default_value;
    type = &module_.type(alias.target);
  }
  return nullptr;
}

ir::Constraints ServiceModel::constraints(ir::FieldId id) const {
  const ir::Field& field = module_.field(id);
  ir::Constraints out = ir::alias_constraints(module_, field.type);
  ir::override_constraints(out, *field.constraints);
  out.unique = field.constraints->unique;
  return out;
}

const ir::Relation* ServiceModel::reference(ir::FieldId field) const {
  return inverse_[field.index] ? nullptr : relation_[field.index];
}

ir::EntityId ServiceModel::referenced_entity(ir::FieldId field) const {
  const ir::Type* type = &base(module_.field(field).type);
  if (type->kind == ir::Type::Kind::List) type = &base(type->element);
  return type->kind == ir::Type::Kind::Entity ? ir::EntityId{type->declaration} : ir::EntityId::none();
}

bool ServiceModel::is_reference_list(ir::FieldId field) const {
  const ir::Type& type = base(module_.field(field).type);
  return type.kind == ir::Type::Kind::List && base(type.element).kind == ir::Type::Kind::Entity;
}

bool ServiceModel::required_on_create(ir::FieldId id) const {
  const ir::Field& field = module_.field(id);
  if (is_optional(field.type) || default_of(field) != nullptr) return false;
  return !is_reference_list(id) || constraints(id).min_length.value_or(0) > 0;
}

bool ServiceModel::is_unique_reference(ir::FieldId field) const {
  return module_.field(field).constraints->unique && base(module_.field(field).type).kind == ir::Type::Kind::Entity;
}

ColumnKind ServiceModel::column_kind(ir::FieldId field) const {
  const ir::Type& type = base(module_.field(field).type);
  if (type.kind == ir::Type::Kind::Entity) {
    const ir::Entity& target = module_.entities[type.declaration];
    return target.id_field.is_none() ? ColumnKind::Text : column_kind(target.id_field);
  }
  if (type.kind == ir::Type::Kind::Enum) return ColumnKind::Text;
  if (type.kind != ir::Type::Kind::Scalar) return ColumnKind::Json;
  switch (type.scalar) {
    case ir::Scalar::Int: return ColumnKind::Integer;
    case ir::Scalar::Float: return ColumnKind::Float;
    case ir::Scalar::Decimal: return ColumnKind::Decimal;
    case ir::Scalar::Bool: return ColumnKind::Boolean;
    case ir::Scalar::Date: return ColumnKind::Date;
    case ir::Scalar::DateTime: return ColumnKind::DateTime;
    case ir::Scalar::Json: return ColumnKind::Json;
    default: return ColumnKind::Text;
  }
}

std::optional<GeneratedValue> ServiceModel::generated_value(ir::FieldId field) const {
  const ir::Type& type = base(module_.field(field).type);
  if (type.kind != ir::Type::Kind::Scalar) return std::nullopt;
  switch (type.scalar) {
    case ir::Scalar::Uuid: return GeneratedValue::RandomUuid;
    case ir::Scalar::Int: return GeneratedValue::NextInteger;
    case ir::Scalar::DateTime: return GeneratedValue::Now;
    default: return std::nullopt;
  }
}

std::string ServiceModel::parameter_kind(ir::TypeId id) const {
  const ir::Type& type = base(id);
  if (type.kind == ir::Type::Kind::List) return "list";
  if (type.kind == ir::Type::Kind::Entity) {
    const ir::Entity& entity = module_.entities[type.declaration];
    return entity.id_field.is_none() ? "string" : parameter_kind(module_.field(entity.id_field).type);
  }
  if (type.kind != ir::Type::Kind::Scalar) return "string";
  if (type.scalar == ir::Scalar::Int || type.scalar == ir::Scalar::Float) return "number";
  if (type.scalar == ir::Scalar::Bool) return "boolean";
  return "string";
}

bool ServiceModel::has_reference_field(ir::EntityId e) const {
  return std::any_of(stored_fields(e).begin(), stored_fields(e).end(),
                     [&](ir::FieldId f) { return !referenced_entity(f).is_none(); });
}

bool ServiceModel::has_unique_field(ir::EntityId e) const {
  const std::vector<ir::Key>& keys = module_.entity(e).keys;
  return std::any_of(stored_fields(e).begin(), stored_fields(e).end(),
                     [&](ir::FieldId f) { return module_.field(f).constraints->unique; }) ||
         std::any_of(keys.begin(), keys.end(), [](const ir::Key& key) { return key.unique; });
}

std::string ServiceModel::record_event(ir::EntityId e, RecordChange change) const {
  const std::string_view suffix = change == RecordChange::Created ? "created"
                                  : change == RecordChange::Updated ? "updated"
                                                                    : "deleted";
  return fmt::format("{}.{}", module_.entity(e).name, suffix);
}

ir::OperationId ServiceModel::crud(ir::EntityId e, ir::Operation::Kind kind) const {
  return crud_[e.index][static_cast<std::size_t>(kind)];
}

std::string_view ServiceModel::route_prefix(ir::ApiId api) const {
  const std::string& base_path = module_.apis[api.index].base_path;
  return base_path == "/" ? std::string_view() : std::string_view(base_path);
}

std::string ServiceModel::full_path(ir::OperationId op) const {
  const ir::Operation& o = module_.operations[op.index];
  return std::string(route_prefix(o.api)) + o.path;
}

std::pair<std::vector<ir::FieldId>, std::vector<ir::FieldId>> ServiceModel::split_parameters(ir::OperationId op) const {
  const ir::Operation& o = module_.operations[op.index];
  const std::vector<std::string> names = route_placeholders(o.path);
  std::vector<ir::FieldId> path;
  std::vector<ir::FieldId> rest;
  for (ir::FieldId f : o.parameters) {
    const bool in_path = std::find(names.begin(), names.end(), module_.field(f).name) != names.end();
    (in_path ? path : rest).push_back(f);
  }
  return {path, rest};
}

std::optional<ir::RoleId> ServiceModel::caller(ir::OperationId op) const {
  for (std::uint32_t r = 0; r < module_.roles.size(); ++r) {
    if (role_always_permitted(access(op), ir::RoleId{r})) return ir::RoleId{r};
  }
  return std::nullopt;
}

std::optional<ir::RoleId> ServiceModel::refused_role(ir::OperationId op) const {
  for (std::uint32_t r = 0; r < module_.roles.size(); ++r) {
    if (!role_always_permitted(access(op), ir::RoleId{r})) return ir::RoleId{r};
  }
  return std::nullopt;
}

Answer ServiceModel::success(ir::OperationId id) const {
  const ir::Operation& op = module_.operations[id.index];
  if (op.status) return static_cast<Answer>(*op.status);
  if (op.kind == Kind::Create) return Answer::Created;
  return op.result.is_none() ? Answer::NoContent : Answer::Ok;
}

bool ServiceModel::touches_scoped(const ir::Operation& op) const {
  if (!any_scoped_) return false;
  if (op.kind == Kind::Custom) return true;  // hand-written code works on the caller's records
  if (!op.entity.is_none() && scoped(op.entity)) return true;
  if (op.kind == Kind::Related && scoped(ir::EntityId{module_.field(op.via).owner.index})) return true;  // the owner
  // References a write gives are looked up among the caller's records.
  if (op.kind == Kind::Create || op.kind == Kind::Update || op.kind == Kind::Transition) {
    for (ir::FieldId f : op.kind == Kind::Transition ? op.parameters : stored_fields(op.entity)) {
      const ir::EntityId target = referenced_entity(f);
      if (!target.is_none() && scoped(target)) return true;
    }
  }
  return false;
}

std::vector<Answer> ServiceModel::compute_answers(ir::OperationId id) const {
  const ir::Operation& op = module_.operations[id.index];
  std::vector<Answer> out;
  out.push_back(success(id));
  // Every route checks its query string (unknown parameters are refused), and bodies their JSON.
  out.push_back(Answer::BadRequest);
  if (secured()) {
    out.push_back(Answer::Unauthorized);
    // A caller whose token names no tenant (or identity) may not touch scoped records.
    if (refused_role(id) || touches_scoped(op)) out.push_back(Answer::Forbidden);
  }
  const bool addresses_record = !route_placeholders(op.path).empty() && op.kind != Kind::Custom && op.kind != Kind::List &&
                                op.kind != Kind::Create;
  if (addresses_record) out.push_back(Answer::NotFound);
  bool conflict = false;
  switch (op.kind) {
    // A unique clash, or a reference to a record that does not exist (now).
    case Kind::Create:
    case Kind::Update: conflict = !op.entity.is_none() && (has_unique_field(op.entity) || has_reference_field(op.entity)); break;
    // A soft delete keeps the record, so nothing referring to it is in the way.
    case Kind::Delete:
      conflict = !op.entity.is_none() && !entity(op.entity).restricting.empty() && entity(op.entity).soft_delete.is_none();
      break;
    case Kind::Transition:
    case Kind::Restore: conflict = true; break;  // an illegal transition; restoring a record not deleted
    default: break;
  }
  if (conflict) out.push_back(Answer::Conflict);
  if (method_has_body(op.method)) {
    out.push_back(Answer::PayloadTooLarge);
    out.push_back(Answer::UnsupportedMediaType);
  }
  // Every service can be configured with rate limits (production sets them by default).
  out.push_back(Answer::TooManyRequests);
  if (op.kind == Kind::Custom) out.push_back(Answer::NotImplemented);
  return out;
}

}  // namespace bpc::backends::service
