#include "backends/service_model/crud_tests.h"

#include <algorithm>

#include "ir/list_query.h"

namespace bpc::backends::service {

namespace {

using Kind = ir::Operation::Kind;

class Chooser {
 public:
  Chooser(const ServiceModel& model, const Samples& samples, const TestPlan& plan, ir::EntityId entity)
      : model_(model), m_(model.module()), samples_(samples), plan_(plan), entity_(entity) {}

  // The entity's operation of this kind when a role may always call it (any caller when the
  // blueprint declares no roles); none otherwise.
  ir::OperationId callable(Kind kind) const {
    const ir::OperationId op = model_.crud(entity_, kind);
    if (op.is_none() || (model_.secured() && !model_.caller(op))) return {};
    return op;
  }

  std::optional<ListTests> list() const {
    const ir::OperationId route = callable(Kind::List);
    if (route.is_none()) return std::nullopt;
    ListTests out{route, {}, {}, {}, {}, {}, {}, {}};
    const std::vector<ir::FieldId>& filters = model_.filter_fields(entity_);
    const ir::FieldId id_field = m_.entity(entity_).id_field;
    if (!filters.empty()) out.filter = filters.front();
    for (ir::FieldId f : model_.stored_fields(entity_)) {
      const std::string& name = m_.field(f).name;
      if (f == id_field || name == ir::kLimitParameter || name == ir::kOffsetParameter || name == ir::kSortParameter ||
          name == ir::kSearchParameter || std::find(filters.begin(), filters.end(), f) != filters.end()) {
        continue;
      }
      out.unfiltered = f;
      break;
    }
    const EntityFacts& facts = model_.entity(entity_);
    if (!facts.sort_keys.empty()) {
      out.sort = facts.sort_keys.size() > 1 && facts.sort_keys.front() == id_field ? facts.sort_keys[1] : facts.sort_keys.front();
    }
    if (!facts.ranges.empty()) out.range = facts.ranges.front();
    for (ir::FieldId f : filters) {
      const ir::Type& type = model_.base(m_.field(f).type);
      if (type.kind != ir::Type::Kind::Enum) continue;
      out.any_of = f;
      for (const ir::EnumValue& value : m_.enums[type.declaration].values) out.any_of_values.push_back(ir::wire_name(value));
      break;
    }
    out.search = facts.searchable;
    return out;
  }

  std::optional<UpdateTests> update(int variant) const {
    const ir::OperationId route = callable(Kind::Update);
    if (route.is_none()) return std::nullopt;
    const std::vector<ir::FieldId>& fields = model_.update_fields(entity_);
    for (ir::FieldId f : fields) {
      // Several tests update records to the same value: not one that no two records may share.
      if (!model_.referenced_entity(f).is_none() || m_.field(f).constraints->unique || in_unique_key(f)) continue;
      // The test reads the change back from the answer, which never carries a secret.
      if (m_.field(f).constraints->secret) continue;
      // Values compare in their wire form: a datetime comes back in UTC, whatever offset was sent.
      const ir::Type& type = model_.base(m_.field(f).type);
      if (type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::DateTime) continue;
      std::optional<Sample> value = samples_.valid(f, variant);
      if (!value) continue;
      UpdateTests out{route, f, std::move(*value), {}, {}};
      for (ir::FieldId g : fields) {
        if (model_.is_optional(m_.field(g).type)) continue;
        out.not_null = g;
        break;
      }
      if (!model_.entity(entity_).touched.empty()) out.touched = model_.entity(entity_).touched.front();
      return out;
    }
    return std::nullopt;
  }

  std::vector<ir::FieldId> unique() const {
    std::vector<ir::FieldId> out;
    for (ir::FieldId f : model_.create_fields(entity_)) {
      if (m_.field(f).constraints->unique && model_.referenced_entity(f).is_none()) out.push_back(f);
    }
    return out;
  }

  std::vector<ir::FieldId> secret() const {
    std::vector<ir::FieldId> out;
    for (ir::FieldId f : plan_.sample_fields(entity_)) {
      if (m_.field(f).constraints->secret) out.push_back(f);
    }
    return out;
  }

  std::vector<std::vector<ir::FieldId>> unique_keys() const {
    std::vector<std::vector<ir::FieldId>> out;
    const std::vector<ir::FieldId>& create = model_.create_fields(entity_);
    for (const ir::Key& key : m_.entity(entity_).keys) {
      const bool settable = std::all_of(key.fields.begin(), key.fields.end(),
                                        [&](ir::FieldId f) { return std::find(create.begin(), create.end(), f) != create.end(); });
      if (key.unique && settable) out.push_back(key.fields);
    }
    return out;
  }

  std::vector<ir::FieldId> optional() const {
    std::vector<ir::FieldId> out;
    for (ir::FieldId f : plan_.sample_fields(entity_)) {
      if (!model_.required_on_create(f)) out.push_back(f);
    }
    return out;
  }

  // A record that cascades from this one: deleting this one removes it and raises its event (a
  // soft delete keeps the record, and cascades nothing).
  std::optional<CascadeTest> cascade() const {
    if (callable(Kind::Delete).is_none() || !model_.entity(entity_).soft_delete.is_none()) return std::nullopt;
    for (ir::FieldId f : model_.entity(entity_).cascading) {
      const ir::EntityId source = model_.reference(f)->source;
      // A scope field is set from the caller, never from a body.
      const ir::Constraints& c = *m_.field(f).constraints;
      if (!plan_.creatable(source) || model_.is_unique_reference(f) || c.tenant || c.owner) continue;
      return CascadeTest{source, f};
    }
    return std::nullopt;
  }

  // A single reference of the create body, set to an id no record has: 409.
  std::optional<DanglingTest> dangling() const {
    for (ir::FieldId f : model_.create_fields(entity_)) {
      const ir::EntityId target = model_.referenced_entity(f);
      if (target.is_none() || model_.is_reference_list(f) || model_.is_unique_reference(f)) continue;
      return DanglingTest{f, missing_id(model_, samples_, target)};
    }
    return std::nullopt;
  }

  // A list of references the create body sets, to records the tests can make.
  std::optional<ir::FieldId> reference_list() const {
    if (callable(Kind::Create).is_none() || callable(Kind::Get).is_none()) return std::nullopt;
    for (ir::FieldId f : model_.create_fields(entity_)) {
      if (!model_.is_reference_list(f) || !plan_.creatable(model_.referenced_entity(f)) || model_.is_unique_reference(f)) continue;
      const ir::Constraints c = model_.constraints(f);  // the test sends two ids
      if (c.min_length.value_or(0) <= 2 && c.max_length.value_or(2) >= 2) return f;
    }
    return std::nullopt;
  }

  // The first event each of create, update and delete declares, and the field carrying the record.
  std::vector<DeclaredEventTest> declared() const {
    std::vector<DeclaredEventTest> out;
    for (const auto& [action, kind] : {std::pair{"create", Kind::Create}, {"update", Kind::Update}, {"remove", Kind::Delete}}) {
      const ir::OperationId op = model_.crud(entity_, kind);
      if (op.is_none() || model_.emits(op).empty()) continue;
      const ir::EventId event = model_.emits(op).front();
      DeclaredEventTest test{action, event, {}};
      for (ir::FieldId f : m_.events[event.index].fields) {
        const ir::Type& shape = model_.base(m_.field(f).type);
        if (shape.kind != ir::Type::Kind::Entity || shape.declaration != entity_.index) continue;
        test.carrier = f;
        break;
      }
      out.push_back(test);
    }
    return out;
  }

 private:
  bool in_unique_key(ir::FieldId f) const {
    const std::vector<ir::Key>& keys = m_.entity(entity_).keys;
    return std::any_of(keys.begin(), keys.end(), [&](const ir::Key& key) {
      return key.unique && std::find(key.fields.begin(), key.fields.end(), f) != key.fields.end();
    });
  }

  const ServiceModel& model_;
  const ir::Module& m_;
  const Samples& samples_;
  const TestPlan& plan_;
  ir::EntityId entity_;
};

}  // namespace

Sample missing_id(const ServiceModel& model, const Samples& samples, ir::EntityId entity) {
  constexpr int kFarVariant = 999;
  const ir::Module& m = model.module();
  const ir::FieldId id = m.entity(entity).id_field;
  const ir::Type& type = model.base(m.field(id).type);
  const Sample uuid = Sample::string("00000000-0000-4000-8000-999999999999");
  if (type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Uuid) return uuid;
  if (type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Int && m.field(id).constraints->generated) {
    return Sample::number("999999");
  }
  return samples.valid(id, kFarVariant).value_or(uuid);
}

CrudTests crud_tests(const ServiceModel& model, const Samples& samples, const TestPlan& plan, ir::EntityId entity,
                     int update_variant) {
  const Chooser choose(model, samples, plan, entity);
  return CrudTests{choose.callable(Kind::Create), choose.callable(Kind::Get),     choose.callable(Kind::Delete),
                   choose.list(),                 choose.update(update_variant), choose.unique(),
                   choose.secret(),               choose.unique_keys(),          choose.optional(),
                   choose.cascade(),              choose.dangling(),             choose.reference_list(),
                   choose.declared(),             plan.changed_after_create(entity)};
}

SampleVariation sample_variation(const ServiceModel& model, const Samples& samples, const TestPlan& plan, ir::EntityId entity,
                                 int variants) {
  const ir::Module& m = model.module();
  const std::vector<ir::FieldId> sampled = plan.sample_fields(entity);
  const auto is_sampled = [&](ir::FieldId f) { return std::find(sampled.begin(), sampled.end(), f) != sampled.end(); };
  const auto every_variant = [&](ir::FieldId f) {
    for (int n = 1; n <= variants; ++n) {
      if (!samples.valid(f, n)) return false;
    }
    return true;
  };
  SampleVariation out;
  for (const ir::Key& key : m.entity(entity).keys) {
    if (!key.unique) continue;
    const auto reference = std::find_if(key.fields.begin(), key.fields.end(), [&](ir::FieldId f) {
      return is_sampled(f) && !model.referenced_entity(f).is_none() && plan.creatable(model.referenced_entity(f));
    });
    if (reference != key.fields.end()) {
      out.fresh.insert(reference->index);
      continue;
    }
    for (ir::FieldId f : key.fields) {
      if (is_sampled(f) && model.referenced_entity(f).is_none() && every_variant(f)) {
        out.varied.insert(f.index);
        break;
      }
    }
  }
  for (ir::FieldId f : sampled) {
    // A primary key the client supplies (an @id without @generated) is unique like a @unique field.
    const bool client_key = f == m.entity(entity).id_field && model.referenced_entity(f).is_none() && every_variant(f);
    if (!m.field(f).constraints->unique && !client_key) continue;
    if (model.is_unique_reference(f)) out.fresh.insert(f.index);
    else if (!out.fresh.contains(f.index)) out.varied.insert(f.index);
  }
  for (std::uint32_t f : out.fresh) out.varied.erase(f);
  return out;
}

}  // namespace bpc::backends::service
